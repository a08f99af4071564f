import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Divider, Empty, Form, Input, Popconfirm, Space, Tooltip, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, ExportOutlined, FileSearchOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addCertificate,
  addFingerprints,
  deleteFingerprint,
  hasErrorCode,
  listCertificates,
  listFingerprints,
  localizeError,
  recheckCertificate,
  saveHashManifest,
  type Certificate,
  type Fingerprint,
  type Recheck,
  type SecretPoint,
} from '../../services';
import HelpTip from '../../components/HelpTip';
import { formatSize, isAfterToday, RecheckResult, ShortHash } from '../../components/EvidenceList';

type Props = { point: SecretPoint };

const DAY = 'YYYY-MM-DD';

/** Data attributes for an antd part whose props type does not list them. */
const testProps = (props: Record<string, string | number>) => props as object;

/** Enter confirms a typed date in the picker; it must not also submit the form around it. */
function keepEnterInPicker(event: React.KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

/**
 * The file fingerprints of a secret point's carrier files and the timestamp certificates obtained for them. Rust
 * reads the files the user picks and keeps only their SHA-256, name and size; the manifest of
 * codes and hashes is what goes to a timestamp, notary or blockchain service.
 */
export default function FingerprintSection({ point }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [fingerprints, setFingerprints] = useState<Fingerprint[] | null>(null);
  const [certificates, setCertificates] = useState<Certificate[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileNames, setFileNames] = useState(false);
  const [busy, setBusy] = useState<'add' | 'manifest' | null>(null);
  /** The fingerprint whose certificate form is open. */
  const [adding, setAdding] = useState<number | null>(null);
  const [rechecks, setRechecks] = useState<Record<number, Recheck | undefined>>({});
  const pointId = point.id;

  useEffect(() => {
    let live = true;
    Promise.all([listFingerprints(pointId), listCertificates(pointId)]).then(
      ([f, c]) => {
        if (!live) return;
        setFingerprints(f);
        setCertificates(c);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(localizeError(e)),
    );
    return () => {
      live = false;
    };
  }, [pointId]);

  async function add() {
    setBusy('add');
    setError(null);
    try {
      const added = await addFingerprints(pointId);
      // null: the file dialog was cancelled.
      if (added && added.length > 0) {
        setFingerprints((list) => [...(list ?? []), ...added]);
        void message.success(t('evidence.fingerprint.added', { count: added.length }));
      }
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setBusy(null);
    }
  }

  async function remove(f: Fingerprint) {
    setError(null);
    try {
      await deleteFingerprint(f.id);
      setFingerprints((list) => (list ?? []).filter((x) => x.id !== f.id));
    } catch (e) {
      setError(localizeError(e));
    }
  }

  async function manifest() {
    setBusy('manifest');
    setError(null);
    try {
      const path = await saveHashManifest(point.enterpriseId, fileNames);
      if (path) void message.success({ content: <span data-testid="manifest-saved">{t('evidence.fingerprint.manifestSaved', { path })}</span> });
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setBusy(null);
    }
  }

  async function recheck(c: Certificate) {
    setError(null);
    try {
      const result = await recheckCertificate(c.id);
      // null: the file dialog was cancelled.
      if (result) setRechecks((r) => ({ ...r, [c.id]: result }));
    } catch (e) {
      setError(localizeError(e));
    }
  }

  const certificateRow = (c: Certificate) => (
    <div key={c.id} data-testid="certificate-row" data-id={c.id} style={{ padding: '2px 0 2px 12px' }}>
      <Space size={[6, 2]} wrap>
        <SafetyCertificateOutlined />
        <Typography.Text data-testid="certificate-text">{t('evidence.certificate.row', { number: c.number, issuer: c.issuer, date: c.issuedOn })}</Typography.Text>
        <Tooltip title={t('evidence.certificate.recheckHelp')}>
          <Button size="small" icon={<FileSearchOutlined />} data-testid="certificate-recheck" onClick={() => void recheck(c)}>
            {t('evidence.certificate.recheck')}
          </Button>
        </Tooltip>
      </Space>
      {rechecks[c.id] && <RecheckResult result={rechecks[c.id] as Recheck} testId="certificate-recheck-result" />}
    </div>
  );

  const fingerprintRow = (f: Fingerprint) => {
    const own = certificates.filter((c) => c.fingerprintId === f.id);
    return (
      <div key={f.id} data-testid="fingerprint-row" data-id={f.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
        <Space size={[8, 2]} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space size={[6, 2]} wrap>
            <Typography.Text strong data-testid="fingerprint-file">
              {f.fileName}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="fingerprint-size">
              {formatSize(f.size, t)}
            </Typography.Text>
            <ShortHash hash={f.sha256} testId="fingerprint-hash" />
          </Space>
          <Popconfirm
            title={t('evidence.fingerprint.deleteConfirm', { file: f.fileName })}
            okText={t('evidence.fingerprint.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'fingerprint-delete-confirm' }) } as ButtonProps}
            onConfirm={() => remove(f)}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('evidence.fingerprint.delete')} data-testid="fingerprint-delete" />
          </Popconfirm>
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="fingerprint-time">
            {t('evidence.fingerprint.computedAt', { time: dayjs(f.computedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        </div>
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evidence.fingerprint.certificates')}
          </Typography.Text>
          {own.length === 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
              {t('evidence.fingerprint.noCertificates')}
            </Typography.Text>
          ) : (
            own.map(certificateRow)
          )}
        </div>
        {adding === f.id ? (
          <CertificateForm
            fingerprint={f}
            onCancel={() => setAdding(null)}
            onAdded={(c) => {
              setCertificates((list) => [...list, c]);
              setAdding(null);
              void message.success(t('evidence.certificate.saved', { number: c.number }));
            }}
          />
        ) : (
          <Button size="small" type="link" icon={<PlusOutlined />} data-testid="certificate-add" onClick={() => setAdding(f.id)} style={{ paddingLeft: 0 }}>
            {t('evidence.certificate.add')}
          </Button>
        )}
      </div>
    );
  };

  return (
    <div data-testid="fingerprints">
      <Divider orientation="left" style={{ marginTop: 8 }}>
        {t('evidence.fingerprint.heading')}
      </Divider>
      <Typography.Paragraph type="secondary" data-testid="fingerprints-intro" style={{ fontSize: 13 }}>
        {t('evidence.fingerprint.intro')}
      </Typography.Paragraph>
      <Space size={[8, 6]} wrap style={{ marginBottom: 8 }}>
        <Button icon={<PlusOutlined />} loading={busy === 'add'} data-testid="fingerprint-add" onClick={() => void add()}>
          {t('evidence.fingerprint.add')}
        </Button>
        <Tooltip title={t('evidence.fingerprint.manifestHelp')}>
          <Button icon={<ExportOutlined />} loading={busy === 'manifest'} data-testid="fingerprint-manifest" onClick={() => void manifest()}>
            {t('evidence.fingerprint.manifest')}
          </Button>
        </Tooltip>
        <span>
          <Checkbox checked={fileNames} onChange={(e) => setFileNames(e.target.checked)} data-testid="fingerprint-manifest-names">
            {t('evidence.fingerprint.fileNames')}
          </Checkbox>
          <HelpTip text={t('evidence.fingerprint.fileNamesHelp')} testId="fingerprint-manifest-names-help" />
        </span>
      </Space>
      {loadError && <Alert type="error" showIcon message={t('evidence.fingerprint.loadFailed', { error: loadError })} data-testid="fingerprints-load-error" />}
      {error && <Alert type="error" showIcon closable message={error} data-testid="fingerprints-error" onClose={() => setError(null)} style={{ marginBottom: 8 }} />}
      {fingerprints !== null &&
        (fingerprints.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.fingerprint.empty')} data-testid="fingerprints-empty" />
        ) : (
          <div>{fingerprints.map(fingerprintRow)}</div>
        ))}
    </div>
  );
}

type CertificateValues = { number?: string; issuer?: string; issuedOn?: Dayjs | null; sha256?: string };

/** A certificate as copied from it; the SHA-256 starts as the fingerprint's, and the core refuses another. */
function CertificateForm({ fingerprint, onCancel, onAdded }: { fingerprint: Fingerprint; onCancel: () => void; onAdded: (c: Certificate) => void }) {
  const { t } = useTranslation();
  const c = (key: string) => t(`evidence.certificate.${key}`);
  const [form] = Form.useForm<CertificateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: CertificateValues) {
    setSaving(true);
    setError(null);
    try {
      const saved = await addCertificate({
        fingerprintId: fingerprint.id,
        number: (v.number ?? '').trim(),
        issuer: (v.issuer ?? '').trim(),
        issuedOn: v.issuedOn ? v.issuedOn.format(DAY) : '',
        // Certificates print hashes in groups or in capitals; the core stores lower-case hex.
        sha256: (v.sha256 ?? '').replace(/\s+/g, '').toLowerCase(),
      });
      onAdded(saved);
    } catch (e) {
      if (hasErrorCode(e, 'CERTIFICATE_HASH_MISMATCH')) form.setFields([{ name: 'sha256', errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<CertificateValues>
      form={form}
      name={`certificate-add-${fingerprint.id}`}
      layout="vertical"
      size="small"
      initialValues={{ sha256: fingerprint.sha256 }}
      onFinish={(v) => void submit(v)}
      data-testid="certificate-add-form"
      style={{ marginTop: 6, padding: 8, background: '#fafafa', borderRadius: 4 }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
        {c('addHelp')}
      </Typography.Paragraph>
      <Form.Item name="number" label={c('number')} rules={[{ required: true, whitespace: true, message: c('numberRequired') }]} style={{ marginBottom: 6 }}>
        <Input data-testid="certificate-add-number" maxLength={200} />
      </Form.Item>
      <Form.Item name="issuer" label={c('issuer')} rules={[{ required: true, whitespace: true, message: c('issuerRequired') }]} style={{ marginBottom: 6 }}>
        <Input data-testid="certificate-add-issuer" placeholder={c('issuerPlaceholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="issuedOn" label={c('issuedOn')} rules={[{ required: true, message: c('issuedOnRequired') }]} style={{ marginBottom: 6 }}>
        <DatePicker data-testid="certificate-add-issuedOn" format={DAY} style={{ width: '100%' }} disabledDate={isAfterToday} onKeyDown={keepEnterInPicker} />
      </Form.Item>
      <Form.Item name="sha256" label={c('sha256')} rules={[{ required: true, whitespace: true, message: c('sha256Required') }]} style={{ marginBottom: 6 }}>
        <Input data-testid="certificate-add-sha256" spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="certificate-add-save">
          {c('save')}
        </Button>
        <Button data-testid="certificate-add-cancel" onClick={onCancel}>
          {c('cancel')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} data-testid="certificate-add-error" style={{ marginTop: 8 }} />}
    </Form>
  );
}
