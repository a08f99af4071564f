import { useCallback, useState } from 'react';
import { Button, Col, Divider, Drawer, Form, Row, Space, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  deletePerson,
  ELIGIBILITIES,
  enumKey,
  localizeError,
  RELATIONSHIPS,
  updatePerson,
  type Agreement,
  type LetterKind,
  type Noncompete,
  type Person,
  type PersonField,
} from '../../../services';
import AutosaveField, { SaveIndicator } from '../../../components/AutosaveField';
import HelpTip from '../../../components/HelpTip';
import TestIdSelect from '../../../components/TestIdSelect';
import { DateInput, DeleteConfirm, SavedField, useFieldSaves } from '../../../components/register';
import AccessNoticesSection from './AccessNoticesSection';
import AgreementsSection from './AgreementsSection';
import ExitSection from './ExitSection';
import LettersMenu from './LettersMenu';
import NoncompeteSection from './NoncompeteSection';

type Props = {
  person: Person;
  enterpriseId: string;
  levels: string[];
  onClose: () => void;
  /** The person as stored after a field was saved. */
  onSaved: (person: Person) => void;
  onAgreements: (personId: number, list: Agreement[]) => void;
  onDeleted: (personId: number) => void;
  /** After any successful change (fields, agreements, exit record, non-competes). */
  onChanged: () => void;
};

const MONTHS = ['1', '2', '3', '4', '5', '6'];

/**
 * Everything recorded about one person, each field saved on its own as soon as it changes: selects
 * and dates at once, text after a short pause or when the field is left. A refused value is
 * explained beside its field.
 */
export default function PersonDrawer({ person: p, enterpriseId, levels, onClose, onSaved, onAgreements, onDeleted, onChanged }: Props) {
  const { t } = useTranslation();
  const { state, errors, save, autosave } = useFieldSaves<PersonField>(async (field, value) => {
    const saved = await updatePerson(p.id, field, value);
    onSaved(saved);
    onChanged();
  });
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // How many non-competes this person has, once the section below has read them (null: not known).
  const [noncompetes, setNoncompetes] = useState<number | null>(null);
  const onNoncompetes = useCallback((list: Noncompete[]) => setNoncompetes(list.length), []);

  async function remove() {
    try {
      await deletePerson(p.id);
      onDeleted(p.id);
    } catch (error) {
      setDeleteError(localizeError(error));
    }
  }

  const label = (field: PersonField, help?: [string, string]) => {
    const text = t(`people.field.${field}`);
    return help ? (
      <span>
        {text}
        <HelpTip text={help[0]} testId={help[1]} />
      </span>
    ) : (
      text
    );
  };

  const text = (field: PersonField, stored: string, area = false) => (
    <AutosaveField
      key={`${p.id}-${field}`}
      label={t(`people.field.${field}`)}
      stored={stored}
      testId={`pf-${field}`}
      area={area}
      {...autosave(field)}
    />
  );

  const item = (field: PersonField, control: React.ReactNode, help?: [string, string]) => (
    <SavedField label={label(field, help)} error={errors[field]}>
      {control}
    </SavedField>
  );

  const date = (field: PersonField, value: string | null, allowClear = true) => (
    <DateInput testId={`pf-${field}`} value={value} allowClear={allowClear} onChange={(v) => void save(field, v)} />
  );

  // A level no longer in the scheme is still shown as stored.
  const levelOptions = [...levels, ...(p.personLevel && !levels.includes(p.personLevel) ? [p.personLevel] : [])];
  const left = p.hasLeft;

  // A reminder letter needs an exit date, a non-compete agreement a registered non-compete; while
  // the non-competes are not known it is offered, and the core refuses it with the reason.
  const offerLetter = (kind: LetterKind) => {
    if (kind === 'exit_reminder') return !!p.exitDate;
    if (kind === 'noncompete') return noncompetes === null || noncompetes > 0;
    return true;
  };

  return (
    <Drawer
      open
      width={640}
      onClose={onClose}
      title={
        <Space>
          <span data-testid="person-drawer-title">{p.name}</span>
          <Tag color={left ? 'default' : 'green'} data-testid="person-drawer-status" data-status={left ? 'left' : 'current'}>
            {t(left ? 'people.status.left' : 'people.status.current')}
          </Tag>
        </Space>
      }
      extra={<SaveIndicator state={state} testId="person-save-state" />}
    >
      <div data-testid="person-drawer" data-person-id={p.id}>
        <Typography.Paragraph type="secondary">{t('people.autosave')}</Typography.Paragraph>
        <div style={{ marginBottom: 16 }}>
          <LettersMenu
            enterpriseId={enterpriseId}
            personId={p.id}
            offer={offerLetter}
            testId="person"
            label={t('people.letters.button')}
            extra={<HelpTip text={t('people.letters.personHelp')} testId="help-person-letters" />}
          />
        </div>
        <Form layout="vertical">
          <Row gutter={16}>
            <Col span={12}>{text('name', p.name)}</Col>
            <Col span={12}>
              {item(
                'personLevel',
                <TestIdSelect
                  testId="pf-personLevel"
                  value={p.personLevel}
                  onChange={(v: string) => void save('personLevel', v)}
                  options={[{ value: '', label: t('people.levelNone') }, ...levelOptions.map((l) => ({ value: l, label: l }))]}
                />,
                [t('people.terms.personLevel'), 'help-pf-personLevel'],
              )}
            </Col>
            <Col span={12}>{text('department', p.department)}</Col>
            <Col span={12}>{text('post', p.post)}</Col>
            <Col span={12}>
              {item(
                'relationship',
                <TestIdSelect
                  testId="pf-relationship"
                  value={p.relationship}
                  onChange={(v: string) => void save('relationship', v)}
                  options={RELATIONSHIPS.map((r) => ({ value: r, label: t(enumKey('relationship', r)) }))}
                />,
                [t('people.terms.relationship'), 'help-pf-relationship'],
              )}
            </Col>
            <Col span={12}>{item('entryDate', date('entryDate', p.entryDate, false))}</Col>
            <Col span={12}>{item('exitDate', date('exitDate', p.exitDate))}</Col>
            <Col span={12}>
              {item('entryPledgeOn', date('entryPledgeOn', p.entryPledgeOn), [t('people.terms.entryPledge'), 'help-pf-entryPledgeOn'])}
            </Col>
            <Col span={12}>
              {item(
                'agreedDeconfidentialMonths',
                <TestIdSelect
                  testId="pf-agreedDeconfidentialMonths"
                  value={p.agreedDeconfidentialMonths === null ? '' : String(p.agreedDeconfidentialMonths)}
                  onChange={(v: string) => void save('agreedDeconfidentialMonths', v)}
                  options={[
                    { value: '', label: t('people.monthsNone') },
                    ...MONTHS.map((m) => ({ value: m, label: t('people.months', { n: m }) })),
                  ]}
                />,
                [t('people.terms.deconfidential'), 'help-pf-agreedDeconfidentialMonths'],
              )}
            </Col>
            <Col span={12}>
              {item(
                'noncompeteEligibility',
                <TestIdSelect
                  testId="pf-noncompeteEligibility"
                  value={p.noncompeteEligibility}
                  onChange={(v: string) => void save('noncompeteEligibility', v)}
                  options={ELIGIBILITIES.map((e) => ({ value: e, label: t(enumKey('eligibility', e)) }))}
                />,
                [t('people.terms.eligibility'), 'help-pf-noncompeteEligibility'],
              )}
            </Col>
            <Col span={24}>{text('note', p.note, true)}</Col>
          </Row>
        </Form>

        <Divider orientation="left">{t('people.agreement.title')}</Divider>
        <AgreementsSection personId={p.id} onList={(list) => onAgreements(p.id, list)} onChanged={onChanged} />

        <Divider orientation="left">
          <span>
            {t('people.notice.title')}
            <HelpTip text={t('people.terms.notice')} testId="help-access-notice" />
          </span>
        </Divider>
        <AccessNoticesSection personId={p.id} onChanged={onChanged} />

        {p.exitDate && (
          <>
            <Divider orientation="left">{t('people.exit.title')}</Divider>
            <ExitSection person={p} onChanged={onChanged} />
          </>
        )}

        <Divider orientation="left">
          <span>
            {t('people.nc.title')}
            <HelpTip text={t('people.terms.noncompete')} testId="help-noncompete" />
          </span>
        </Divider>
        <NoncompeteSection person={p} enterpriseId={enterpriseId} onChanged={onChanged} onList={onNoncompetes} />

        <Divider />
        <DeleteConfirm
          testId="person-delete"
          title={t('people.deletePersonConfirm', { name: p.name })}
          label={t('people.delete')}
          onConfirm={() => void remove()}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="person-delete">
            {t('people.deletePerson')}
          </Button>
        </DeleteConfirm>
        {deleteError && (
          <Typography.Paragraph type="danger" data-testid="person-delete-error">
            {deleteError}
          </Typography.Paragraph>
        )}
      </div>
    </Drawer>
  );
}
