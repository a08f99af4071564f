import { useEffect, useState } from 'react';
import { App as AntApp, AutoComplete, Button, Descriptions, Drawer, Empty, Form, List, Select, Space, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  enumKey,
  listApprovals,
  localizeError,
  pointAccess,
  saveApprovalForm,
  setPointAccess,
  statusMoves,
  transitionPoint,
  updatePoint,
  type Approval,
  type Person,
  type PointAccess,
  type PointField,
  type RegisterRow,
  type SecretPoint,
  type StatusMove,
} from '../../../services';
import HelpTip from '../../../components/HelpTip';
import ApprovalModal from './ApprovalModal';

type Props = {
  point: RegisterRow;
  levels: string[];
  termWords: string[];
  people: Person[];
  onClose: () => void;
  onSaved: (point: SecretPoint) => void;
};

/** One secret point's classification: level, term, who knows it, its status moves and their approval forms. */
export default function ClassifyDrawer({ point, levels, termWords, people, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [access, setAccess] = useState<PointAccess | null>(null);
  const [draftPeople, setDraftPeople] = useState<number[]>([]);
  const [draftRoles, setDraftRoles] = useState<string[]>([]);
  const [moves, setMoves] = useState<StatusMove[]>([]);
  const [approvals, setApprovals] = useState<Approval[]>([]);
  const [approving, setApproving] = useState<StatusMove | null>(null);
  const [term, setTerm] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});

  useEffect(() => {
    pointAccess(point.id).then(
      (a) => {
        setAccess(a);
        setDraftPeople(a.personIds);
        setDraftRoles(a.roles);
      },
      (e: unknown) => setErrors((x) => ({ ...x, access: localizeError(e) })),
    );
    listApprovals(point.id).then(setApprovals, () => undefined);
  }, [point.id]);

  useEffect(() => {
    statusMoves(point.status).then(setMoves, () => setMoves([]));
  }, [point.status]);

  async function save(field: PointField, value: string) {
    try {
      onSaved(await updatePoint(point.id, field, value));
      setErrors((x) => ({ ...x, [field]: undefined }));
      if (field === 'term') setTerm(null);
    } catch (e) {
      setErrors((x) => ({ ...x, [field]: localizeError(e) }));
    }
  }

  async function saveAccess() {
    try {
      const a = await setPointAccess(point.id, draftPeople, draftRoles);
      setAccess(a);
      setErrors((x) => ({ ...x, access: undefined }));
      void message.success(t('classification.accessSaved'));
    } catch (e) {
      setErrors((x) => ({ ...x, access: localizeError(e) }));
    }
  }

  async function moveTo(m: StatusMove) {
    if (m.approval) {
      setApproving(m);
      return;
    }
    try {
      onSaved(await transitionPoint(point.id, m.to, null));
      setErrors((x) => ({ ...x, status: undefined }));
    } catch (e) {
      setErrors((x) => ({ ...x, status: localizeError(e) }));
    }
  }

  async function print(a: Approval) {
    try {
      const result = await saveApprovalForm(a.id);
      if (result) void message.success({ content: <span data-testid="form-saved">{t('classification.formSaved', { path: result.path })}</span> });
    } catch (e) {
      void message.error(localizeError(e));
    }
  }

  const accessChanged =
    access !== null &&
    (draftPeople.join(',') !== access.personIds.join(',') || draftRoles.join('\n') !== access.roles.join('\n'));
  const errorOf = (key: string) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});
  const personLabel = (p: Person) => [p.name, p.department, p.post].filter((x) => x !== '').join(' · ');

  return (
    <Drawer
      open
      width={600}
      onClose={onClose}
      title={
        <Space>
          <span data-testid="classify-title">{point.code}</span>
          <Tag data-testid="classify-status">{t(enumKey('status', point.status))}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph strong>{point.name}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={<span>{t('classification.level')}<HelpTip text={t('terms.level')} testId="help-classify-level" /></span>} {...errorOf('level')}>
          <Select data-testid="cf-level" value={point.level} onChange={(v: string) => void save('level', v)} options={levels.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item label={<span>{t('classification.term')}<HelpTip text={t('terms.term')} testId="help-classify-term" /></span>} {...errorOf('term')}>
          <AutoComplete
            data-testid="cf-term"
            value={term ?? point.term ?? ''}
            options={termWords.map((w) => ({ value: w }))}
            placeholder={t('classification.termPlaceholder')}
            onChange={(v: string) => setTerm(v)}
            onSelect={(v: string) => void save('term', v)}
            onBlur={() => term !== null && void save('term', term)}
          />
        </Form.Item>
        <Form.Item
          label={<span>{t('classification.access')}<HelpTip text={t('classification.accessHelp')} testId="help-access" /></span>}
          extra={people.length === 0 ? t('classification.noPeople') : undefined}
          {...errorOf('access')}
        >
          <Space direction="vertical" className="full-width">
            <Select
              mode="multiple"
              data-testid="cf-access-people"
              placeholder={t('classification.accessPeople')}
              value={draftPeople}
              onChange={(v: number[]) => setDraftPeople(v)}
              optionFilterProp="label"
              options={people.map((p) => ({ value: p.id, label: personLabel(p) }))}
            />
            <Select
              mode="tags"
              data-testid="cf-access-roles"
              placeholder={t('classification.accessRoles')}
              value={draftRoles}
              onChange={(v: string[]) => setDraftRoles(v)}
              open={false}
              suffixIcon={null}
            />
            <Button data-testid="cf-access-save" disabled={!accessChanged} onClick={() => void saveAccess()}>
              {t('classification.saveAccess')}
            </Button>
          </Space>
        </Form.Item>
        <Form.Item label={t('classification.status')} extra={t('classification.statusHelp')} {...errorOf('status')}>
          <Space wrap>
            {moves.length === 0 && <Typography.Text type="secondary">{t('classification.final')}</Typography.Text>}
            {moves.map((m) => (
              <Button key={m.to} data-testid={`move-${m.to}`} onClick={() => void moveTo(m)}>
                {m.approval
                  ? t('classification.moveWithApproval', { to: t(enumKey('status', m.to)), kind: t(enumKey('approvalKind', m.approval)) })
                  : t('classification.move', { to: t(enumKey('status', m.to)) })}
              </Button>
            ))}
          </Space>
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('classification.approvals')}</Typography.Title>
      {approvals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classification.noApprovals')} />
      ) : (
        <List
          dataSource={approvals}
          renderItem={(a) => (
            <List.Item
              data-testid="approval-row"
              actions={[
                <Button key="print" size="small" icon={<PrinterOutlined />} data-testid="approval-print" onClick={() => void print(a)}>
                  {t('classification.print')}
                </Button>,
              ]}
            >
              <Descriptions
                size="small"
                column={1}
                title={`${t(enumKey('approvalKind', a.kind))} · ${a.decidedOn}`}
                items={[
                  { key: 'move', label: t('classification.status'), children: `${t(enumKey('status', a.fromStatus))} → ${t(enumKey('status', a.toStatus))}` },
                  { key: 'approver', label: t('classification.approver'), children: a.approver },
                  { key: 'basis', label: t('classification.basis'), children: a.basis },
                ]}
              />
            </List.Item>
          )}
        />
      )}
      {approving && (
        <ApprovalModal
        point={point}
        move={approving}
        onClose={() => setApproving(null)}
        onDone={(saved) => {
          setApproving(null);
          onSaved(saved);
          listApprovals(point.id).then(setApprovals, () => undefined);
        }}
        />
      )}
    </Drawer>
  );
}
