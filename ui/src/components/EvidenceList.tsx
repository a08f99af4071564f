import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, Popconfirm, Row, Space, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, FileAddOutlined, LinkOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addAnswerEvidence,
  answerEvidence,
  enumKey,
  EVIDENCE_KINDS,
  localizeError,
  recheckEvidence,
  unlinkAnswerEvidence,
  type CriterionView,
  type Evidence,
  type EvidenceKind,
  type Recheck,
} from '../services';
import HelpTip from './HelpTip';
import { isAfterToday } from './register/dates';
import TestIdSelect from './TestIdSelect';

type Props = {
  enterpriseId: string;
  criterion: CriterionView;
  /** The round is closed: the evidence is listed, nothing is added or removed. */
  readOnly: boolean;
  /** Called after evidence was added or removed (the score's evidence warnings change). */
  onChanged?: () => void;
};

/** The date format the core takes and gives. */
const DAY = 'YYYY-MM-DD';

/** Data attributes for an antd part whose props type does not list them. */
const testProps = (props: Record<string, string | number>) => props as object;

/**
 * Enter confirms a typed date in the picker; it must not also submit the form around it (the
 * browser's implicit submission).
 */
function keepEnterInPicker(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

/** Dates after today (the register's): the core refuses them for something that has already happened. */
export { isAfterToday };

/** A file size in B, KiB, MiB or GiB, as its locale text. */
export function formatSize(size: number, t: (key: string, params?: Record<string, unknown>) => string): string {
  const units = ['bytes', 'kib', 'mib', 'gib'];
  let n = size;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(n) : n.toFixed(n < 10 ? 1 : 0);
  return t(`evidence.size.${units[unit]}`, { n: shown });
}

/** The first 12 hex characters of a SHA-256, the whole of it on hover. */
export function ShortHash({ hash, testId }: { hash: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('evidence.shortHashHelp', { hash })} styles={{ root: { maxWidth: 600 } }}>
      <Typography.Text code data-testid={testId} data-sha256={hash} style={{ fontSize: 12 }}>
        {hash.slice(0, 12)}
      </Typography.Text>
    </Tooltip>
  );
}

/** The outcome of checking a file against its recorded SHA-256: green when it matches, red otherwise. */
export function RecheckResult({ result, testId }: { result: Recheck; testId: string }) {
  const { t } = useTranslation();
  const outcome = result.matches ? 'match' : result.actualSha256 === null ? 'missing' : 'mismatch';
  return (
    <div data-testid={testId} data-matches={String(result.matches)} data-outcome={outcome} style={{ marginTop: 4 }}>
      <Tooltip title={t(`evidence.recheck.${outcome}Help`)}>
        <Tag color={result.matches ? 'green' : 'red'}>{t(`evidence.recheck.${outcome}`)}</Tag>
      </Tooltip>
      {!result.matches && (
        <div style={{ fontSize: 12, fontFamily: 'monospace', wordBreak: 'break-all' }}>
          <div>{t('evidence.recheck.expected', { hash: result.expectedSha256 })}</div>
          {result.actualSha256 !== null && <div>{t('evidence.recheck.actual', { hash: result.actualSha256 })}</div>}
        </div>
      )}
    </div>
  );
}

type Values = { title?: string; kind?: EvidenceKind; effectiveOn?: Dayjs | null };

/**
 * The evidence of a criterion's answer in the latest round: listed with its storage and
 * fingerprint, rechecked or removed one by one, and added from a file that Rust asks for (a
 * stored copy, or only its location). Evidence needs an answer, so the form waits for a status.
 */
export default function EvidenceList({ enterpriseId, criterion, readOnly, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<Evidence[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [rechecks, setRechecks] = useState<Record<number, Recheck | undefined>>({});
  const [busy, setBusy] = useState<number | null>(null);
  const id = criterion.id;

  useEffect(() => {
    let live = true;
    answerEvidence(enterpriseId, id).then(
      (list) => {
        if (!live) return;
        setItems(list);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(localizeError(e)),
    );
    return () => {
      live = false;
    };
  }, [enterpriseId, id]);

  const accepted = criterion.evidenceKinds;
  const counts = (kind: EvidenceKind) => accepted.includes(kind);

  async function recheck(e: Evidence) {
    setBusy(e.id);
    try {
      const result = await recheckEvidence(e.id);
      setRechecks((r) => ({ ...r, [e.id]: result }));
    } catch (err) {
      void message.error(localizeError(err));
    } finally {
      setBusy(null);
    }
  }

  async function remove(e: Evidence) {
    try {
      await unlinkAnswerEvidence(enterpriseId, id, e.id);
      setItems((list) => (list ?? []).filter((x) => x.id !== e.id));
      void message.success(t('evidence.list.removed', { title: e.title }));
      onChanged?.();
    } catch (err) {
      void message.error(localizeError(err));
    }
  }

  function added(e: Evidence) {
    setItems((list) => [...(list ?? []), e]);
    void message.success(t('evidence.add.added', { title: e.title }));
    onChanged?.();
  }

  const row = (e: Evidence) => (
    <div key={e.id} data-testid="evidence-row" data-id={e.id} className="evidence-row" style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space size={[8, 2]} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space size={[6, 2]} wrap>
          <Typography.Text strong data-testid="evidence-title">
            {e.title}
          </Typography.Text>
          {counts(e.kind) ? (
            <Tag color="blue" data-testid="evidence-kind">
              {t(enumKey('evidenceKind', e.kind))}
            </Tag>
          ) : (
            <Tooltip title={t('evidence.list.kindNotCounted')}>
              <Tag data-testid="evidence-kind" data-counts="false">
                {t(enumKey('evidenceKind', e.kind))}
              </Tag>
            </Tooltip>
          )}
          <Typography.Text type="secondary" data-testid="evidence-date">
            {t('evidence.list.effectiveOn', { date: e.effectiveOn })}
          </Typography.Text>
          <Tooltip title={t(`evidence.list.storageHelp.${e.storage}`)}>
            <Tag color={e.path === null ? 'green' : 'default'} data-testid="evidence-storage" data-registered={String(e.path !== null)}>
              {t(`evidence.list.storage.${e.storage}`)}
            </Tag>
          </Tooltip>
          <ShortHash hash={e.sha256} testId="evidence-hash" />
        </Space>
        <Space size={4}>
          <Tooltip title={t('evidence.list.recheckHelp')}>
            <Button
              size="small"
              icon={<SafetyCertificateOutlined />}
              loading={busy === e.id}
              data-testid="evidence-recheck"
              onClick={() => void recheck(e)}
            >
              {t('evidence.list.recheck')}
            </Button>
          </Tooltip>
          {!readOnly && (
            <Popconfirm
              title={t('evidence.list.removeConfirm', { title: e.title })}
              okText={t('evidence.list.remove')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'evidence-remove-confirm' }) } as ButtonProps}
              onConfirm={() => remove(e)}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid="evidence-remove">
                {t('evidence.list.remove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="evidence-file">
          {e.path !== null ? t('evidence.list.path', { path: e.path }) : t('evidence.list.file', { file: e.fileName, size: formatSize(e.size, t) })}
        </Typography.Text>
      </div>
      {rechecks[e.id] && <RecheckResult result={rechecks[e.id] as Recheck} testId="evidence-recheck-result" />}
    </div>
  );

  return (
    <div data-testid={`evidence-list-${id}`} className="evidence-list" style={{ maxWidth: 900, marginTop: 8 }}>
      <Typography.Text type="secondary">
        {t('evidence.list.title')}
        <HelpTip text={t('evidence.list.help')} testId={`evidence-help-${id}`} />
      </Typography.Text>
      {loadError && <Alert type="error" showIcon message={t('evidence.list.loadFailed', { error: loadError })} data-testid={`evidence-load-error-${id}`} />}
      {items !== null &&
        (items.length === 0 ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`evidence-empty-${id}`}>
              {t('evidence.list.empty')}
            </Typography.Text>
          </div>
        ) : (
          <div>{items.map(row)}</div>
        ))}
      {!readOnly &&
        (criterion.answer === null ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('evidence.list.needsAnswer')} data-testid={`evidence-needs-answer-${id}`} />
        ) : (
          <AddForm enterpriseId={enterpriseId} criterion={criterion} onAdded={added} />
        ))}
    </div>
  );
}

/** Title, kind and effective date, then a file chosen in Rust: a stored copy or its location only. */
function AddForm({ enterpriseId, criterion, onAdded }: { enterpriseId: string; criterion: CriterionView; onAdded: (e: Evidence) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState<'stored' | 'registered' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = criterion.id;
  const accepted = criterion.evidenceKinds;
  const counts = (kind: EvidenceKind) => accepted.includes(kind);
  // The first kind the criterion accepts, in the criterion's order; a rules document if it names none.
  const firstKind: EvidenceKind = accepted[0] ?? 'rule_doc';
  const kindName = (k: string) => t(enumKey('evidenceKind', k));

  async function add(stored: boolean) {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setAdding(stored ? 'stored' : 'registered');
    setError(null);
    try {
      const title = (v.title ?? '').trim();
      const evidence = await addAnswerEvidence(
        enterpriseId,
        id,
        { enterpriseId, title, kind: v.kind ?? firstKind, effectiveOn: v.effectiveOn ? v.effectiveOn.format(DAY) : '' },
        stored,
      );
      // null: the file dialog was cancelled.
      if (evidence) {
        form.resetFields();
        onAdded(evidence);
      }
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setAdding(null);
    }
  }

  return (
    <Form<Values>
      form={form}
      name={`evidence-add-${id}`}
      layout="vertical"
      size="small"
      initialValues={{ kind: firstKind }}
      style={{ marginTop: 8 }}
      data-testid={`evidence-add-${id}`}
    >
      <Typography.Text strong style={{ fontSize: 13 }}>
        {t('evidence.add.heading')}
      </Typography.Text>
      <Row gutter={8} style={{ marginTop: 4 }}>
        <Col xs={24} md={10}>
          <Form.Item name="title" label={t('evidence.add.title')} rules={[{ required: true, whitespace: true, message: t('evidence.add.titleRequired') }]} style={{ marginBottom: 8 }}>
            <Input data-testid={`evidence-add-title-${id}`} placeholder={t('evidence.add.titlePlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={7}>
          <Form.Item name="kind" label={t('evidence.add.kind')} rules={[{ required: true, message: t('evidence.add.kindRequired') }]} style={{ marginBottom: 8 }}>
            <TestIdSelect
              testId={`evidence-add-kind-${id}`}
              labelRender={(p) => kindName(String(p.value))}
              options={EVIDENCE_KINDS.map((k) => ({
                value: k,
                label: (
                  <span>
                    {kindName(k)}
                    {counts(k) && (
                      <Tag color="blue" bordered={false} style={{ marginLeft: 6 }}>
                        {t('evidence.add.kindCounts')}
                      </Tag>
                    )}
                  </span>
                ),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={7}>
          <Form.Item
            name="effectiveOn"
            label={
              <span>
                {t('evidence.add.effectiveOn')}
                <HelpTip text={t('evidence.add.effectiveOnHelp')} testId={`evidence-add-date-help-${id}`} />
              </span>
            }
            rules={[{ required: true, message: t('evidence.add.effectiveOnRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <DatePicker
              data-testid={`evidence-add-date-${id}`}
              format={DAY}
              style={{ width: '100%' }}
              disabledDate={isAfterToday}
              onKeyDown={keepEnterInPicker}
            />
          </Form.Item>
        </Col>
      </Row>
      <Space size={[8, 4]} wrap>
        <Button
            type="primary"
            icon={<FileAddOutlined />}
            loading={adding === 'stored'}
            disabled={adding === 'registered'}
            data-testid={`evidence-add-stored-${id}`}
            onClick={() => void add(true)}
          >
            {t('evidence.add.stored')}
          </Button>
          <Button
            icon={<LinkOutlined />}
            loading={adding === 'registered'}
            disabled={adding === 'stored'}
            data-testid={`evidence-add-registered-${id}`}
            onClick={() => void add(false)}
          >
            {t('evidence.add.registered')}
          </Button>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('evidence.add.storedHelp')} {t('evidence.add.registeredHelp')}
        </Typography.Text>
      </div>
      {error && <Alert type="error" showIcon message={error} data-testid={`evidence-add-error-${id}`} style={{ marginTop: 8 }} />}
    </Form>
  );
}
