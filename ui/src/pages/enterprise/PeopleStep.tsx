import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Divider, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  enterpriseAgreements,
  enumKey,
  listPeople,
  localizeError,
  personnelWarnings,
  type Agreement,
  type Person,
  type PersonWarning,
} from '../../services';
import CriteriaPanel from '../../components/CriteriaPanel';
import HelpTip from '../../components/HelpTip';
import { LoadFailed } from '../../components/register';
import AddPersonForm from './people/AddPersonForm';
import DisciplineSection from './people/DisciplineSection';
import ImportPeople from './people/ImportPeople';
import LettersMenu from './people/LettersMenu';
import PersonDrawer from './people/PersonDrawer';
import WarningsPanel from './people/WarningsPanel';

type Props = {
  enterpriseId: string;
  /** The enterprise's level scheme, highest first. */
  levels: string[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/**
 * The personnel register (spec section 2): who may see the enterprise's secrets, how each stands to
 * the enterprise, what each of them signed (agreements, access notices), how those who left were
 * handled, and the non-competes with their compensation, with the gaps a reviewer asks about first
 * shown on top; then the records of breaches of the confidentiality rules and how they were handled.
 */
export default function PeopleStep({ enterpriseId, levels, onChanged }: Props) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [agreements, setAgreements] = useState<Record<number, Agreement[]>>({});
  const [warnings, setWarnings] = useState<PersonWarning[]>([]);
  const [warningsError, setWarningsError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  // Most criteria of this domain are derived from the register: read them again after a change.
  const [criteriaKey, setCriteriaKey] = useState(0);

  const loadWarnings = useCallback(async () => {
    try {
      setWarnings(await personnelWarnings(enterpriseId));
      setWarningsError(null);
    } catch (error) {
      setWarningsError(localizeError(error));
    }
  }, [enterpriseId]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [list, signed] = await Promise.all([listPeople(enterpriseId), enterpriseAgreements(enterpriseId)]);
      const byPerson: Record<number, Agreement[]> = Object.fromEntries(list.map((p) => [p.id, []]));
      for (const a of signed) byPerson[a.personId]?.push(a);
      setAgreements(byPerson);
      setPeople(list);
    } catch (error) {
      setLoadError(localizeError(error));
    }
    await loadWarnings();
  }, [enterpriseId, loadWarnings]);

  useEffect(() => {
    void load();
  }, [load]);

  /** After every successful change: fresh warnings and criteria, and the page's step progress. */
  const changed = useCallback(() => {
    void loadWarnings();
    setCriteriaKey((k) => k + 1);
    onChanged?.();
  }, [loadWarnings, onChanged]);

  const onAdded = (person: Person) => {
    setPeople((list) => [...(list ?? []), person]);
    setAgreements((a) => ({ ...a, [person.id]: [] }));
    changed();
  };
  const onSaved = (person: Person) => setPeople((list) => (list ?? []).map((p) => (p.id === person.id ? person : p)));
  const onDeleted = (id: number) => {
    setOpenId(null);
    setPeople((list) => (list ?? []).filter((p) => p.id !== id));
    changed();
  };
  const onAgreements = useCallback((id: number, list: Agreement[]) => setAgreements((a) => ({ ...a, [id]: list })), []);

  if (loadError) return <LoadFailed testId="people-load-error" error={loadError} onRetry={load} />;
  if (people === null) return <Spin />;

  const summary = (p: Person) => {
    const list = agreements[p.id] ?? [];
    if (list.length === 0) return <Typography.Text type="danger">{t('people.agreementsNone')}</Typography.Text>;
    const kinds = [...new Set(list.map((a) => t(enumKey('agreementKind', a.kind))))].join(t('common.listSeparator'));
    return <span title={kinds}>{kinds}</span>;
  };

  const dash = (v: string | null) => (v ? v : <Typography.Text type="secondary">{t('people.none')}</Typography.Text>);

  const columns: TableColumnsType<Person> = [
    {
      title: t('people.field.name'),
      key: 'name',
      width: 110,
      ellipsis: true,
      render: (_: unknown, p) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: p.name }}>{p.name}</Typography.Text>
          {/* Someone who is not the enterprise's own employee is bound only by what he or she signed. */}
          {p.relationship !== 'employee' && (
            <div>
              <Tag bordered={false} data-testid="person-row-relationship" data-relationship={p.relationship}>
                {t(enumKey('relationship', p.relationship))}
              </Tag>
            </div>
          )}
        </div>
      ),
    },
    { title: t('people.field.department'), dataIndex: 'department', key: 'department', ellipsis: true },
    { title: t('people.field.post'), dataIndex: 'post', key: 'post', ellipsis: true },
    { title: t('people.field.personLevel'), dataIndex: 'personLevel', key: 'personLevel', width: 100, ellipsis: true },
    { title: t('people.field.entryDate'), dataIndex: 'entryDate', key: 'entryDate', width: 104 },
    { title: t('people.field.exitDate'), dataIndex: 'exitDate', key: 'exitDate', width: 104, render: dash },
    {
      title: t('people.colAgreements'),
      key: 'agreements',
      ellipsis: true,
      render: (_: unknown, p) => <span data-testid="person-row-agreements">{summary(p)}</span>,
    },
    {
      title: t('people.colStatus'),
      key: 'status',
      width: 84,
      render: (_: unknown, p) =>
        p.hasLeft ? (
          <Tag data-testid="person-row-status" data-status="left">
            {t('people.status.left')}
          </Tag>
        ) : (
          <Tag color="green" data-testid="person-row-status" data-status="current">
            {t('people.status.current')}
          </Tag>
        ),
    },
  ];

  const open = people.find((p) => p.id === openId) ?? null;

  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="people-step">
      <Card
        title={
          <span>
            {t('people.title')}
            <HelpTip text={t('people.terms.register')} testId="help-people" />
          </span>
        }
      >
        <Typography.Paragraph type="secondary" data-testid="people-intro">
          {t('people.intro')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('people.introNoncompete')}
          <HelpTip text={t('people.terms.noncompete')} testId="help-people-noncompete" />
        </Typography.Paragraph>
        <Space direction="vertical" size="middle" className="full-width">
          <ImportPeople
            enterpriseId={enterpriseId}
            onImported={() => {
              void load();
              changed();
            }}
          />
          {people.length > 0 && (
            <div data-testid="people-letters-card">
              <LettersMenu
                enterpriseId={enterpriseId}
                personId={null}
                testId="people"
                label={t('people.letters.bulkButton')}
                scopeOf={(kind) => t(`people.letters.scope.${kind}`)}
              />
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="people-letters-help">
                {t('people.letters.help')}
              </Typography.Paragraph>
            </div>
          )}
          <WarningsPanel warnings={warnings} onOpen={setOpenId} />
          {people.length > 0 && <Typography.Text type="secondary">{t('people.tableHint')}</Typography.Text>}
          {warningsError && <Alert type="error" showIcon data-testid="people-warnings-error" message={warningsError} />}
          <Table<Person>
            rowKey="id"
            size="middle"
            tableLayout="fixed"
            scroll={{ y: 420 }}
            pagination={false}
            columns={columns}
            dataSource={people}
            locale={{ emptyText: t('people.empty') }}
            onRow={(p) =>
              ({
                'data-testid': 'person-row',
                'data-person-id': p.id,
                style: { cursor: 'pointer' },
                onClick: () => setOpenId(p.id),
              }) as React.HTMLAttributes<HTMLElement>
            }
          />
        </Space>
      </Card>
      <Card title={t('people.addTitle')}>
        <AddPersonForm enterpriseId={enterpriseId} levels={levels} onAdded={onAdded} />
      </Card>
      <Card
        title={
          <span>
            {t('people.discipline.title')}
            <HelpTip text={t('people.terms.discipline')} testId="help-discipline" />
          </span>
        }
        data-testid="discipline-card"
      >
        <DisciplineSection enterpriseId={enterpriseId} onChanged={changed} />
      </Card>
      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('criteria.heading')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D5" onChanged={onChanged} reloadKey={criteriaKey} />
      {open && (
        <PersonDrawer
          key={open.id}
          person={open}
          enterpriseId={enterpriseId}
          levels={levels}
          onClose={() => setOpenId(null)}
          onSaved={onSaved}
          onAgreements={onAgreements}
          onDeleted={onDeleted}
          onChanged={changed}
        />
      )}
    </Space>
  );
}
