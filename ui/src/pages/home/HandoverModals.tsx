import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useOperation } from '../../components/OperationProgress';
import { useTranslation } from 'react-i18next';
import {
  chooseHandoverFile,
  exportHandover,
  hasErrorCode,
  importHandover,
  localizeError,
  MIN_PASSPHRASE_CHARS,
  toAppError,
  type HandoverExport,
  type HandoverImportMode,
  type HandoverOutcome,
} from '../../services';

/** Data attributes for an antd part whose props type does not list them. */
const testProps = (props: Record<string, string>) => props as object;

type ExportProps = {
  /** The enterprise to export; null closes the dialog. */
  enterprise: { id: string; name: string } | null;
  onClose: () => void;
};

/** Export one enterprise to an encrypted hand-over file: a passphrase typed twice, then Rust's save dialog. */
export function ExportHandoverModal({ enterprise, onClose }: ExportProps) {
  const { t } = useTranslation();
  const operation = useOperation();
  const [form] = Form.useForm<{ passphrase: string; confirm: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<HandoverExport | null>(null);

  function close() {
    form.resetFields();
    setError(null);
    setDone(null);
    onClose();
  }

  async function submit(values: { passphrase: string }) {
    if (!enterprise) return;
    setBusy(true);
    setError(null);
    try {
      const id = enterprise.id;
      const result = await operation.run(() => exportHandover(id, values.passphrase));
      // null: the save dialog was cancelled; the form stays as it was.
      if (result) {
        form.resetFields();
        setDone(result);
      }
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
    {operation.element}
    <Modal
      open={enterprise !== null}
      title={t('handover.exportTitle', { name: enterprise?.name ?? '' })}
      onCancel={close}
      footer={
        done ? (
          <Button type="primary" onClick={close} data-testid="handover-export-done">
            {t('handover.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="handover-export-ok">
              {t('handover.exportOk')}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Result
          status="success"
          title={t('handover.exported')}
          subTitle={
            <div data-testid="handover-export-result" data-path={done.path}>
              <div style={{ wordBreak: 'break-all' }}>{t('handover.exportedPath', { path: done.path })}</div>
              <div>{t('handover.exportedEntries', { count: done.entries })}</div>
            </div>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('handover.exportIntro')}</Typography.Paragraph>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('handover.passphraseAdvice', { min: MIN_PASSPHRASE_CHARS })} />
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="passphrase"
              label={t('handover.passphrase')}
              rules={[
                { required: true, message: t('handover.passphraseRequired') },
                { min: MIN_PASSPHRASE_CHARS, message: t('handover.passphraseTooShort', { min: MIN_PASSPHRASE_CHARS }) },
              ]}
            >
              <Input.Password data-testid="handover-passphrase" autoComplete="new-password" maxLength={200} />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('handover.passphraseConfirm')}
              dependencies={['passphrase']}
              rules={[
                { required: true, message: t('handover.passphraseRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !v || v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('handover.passphraseMismatch'))),
                }),
              ]}
            >
              <Input.Password data-testid="handover-passphrase-confirm" autoComplete="new-password" maxLength={200} />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon message={error} data-testid="handover-export-error" />}
        </>
      )}
    </Modal>
    </>
  );
}

type ImportProps = {
  open: boolean;
  onClose: () => void;
  /** After a successful import (the list should be read again). */
  onImported: (outcome: HandoverOutcome) => void;
};

/**
 * Import a hand-over file: choose it (Rust's dialog), give its passphrase, import. When the
 * enterprise is already here the core refuses; the dialog then asks for a copy or a replacement
 * (the latter confirmed once more) and imports again with that choice.
 */
export function ImportHandoverModal({ open, onClose, onImported }: ImportProps) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<{ passphrase: string }>();
  const [file, setFile] = useState<string | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<string | null>(null);

  function close() {
    form.resetFields();
    setFile(null);
    setFileMissing(false);
    setError(null);
    setExisting(null);
    onClose();
  }

  async function choose() {
    try {
      const name = await chooseHandoverFile();
      if (name) {
        setFile(name);
        setFileMissing(false);
        setExisting(null);
        setError(null);
      }
    } catch (e) {
      setError(localizeError(e));
    }
  }

  async function run(mode: HandoverImportMode) {
    let passphrase: string;
    try {
      passphrase = (await form.validateFields()).passphrase;
    } catch {
      return;
    }
    if (!file) {
      setFileMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const outcome = await importHandover(passphrase, mode);
      const key = outcome.replaced ? 'handover.importedReplaced' : outcome.copied ? 'handover.importedCopy' : 'handover.imported';
      void message.success(t(key, { name: outcome.name }));
      close();
      onImported(outcome);
    } catch (e) {
      if (hasErrorCode(e, 'ENTERPRISE_EXISTS')) {
        setExisting(String(toAppError(e).params.name ?? ''));
      } else {
        setError(localizeError(e));
      }
    } finally {
      setBusy(false);
    }
  }

  function confirmReplace() {
    modal.confirm({
      title: t('handover.replaceConfirmTitle', { name: existing ?? '' }),
      content: t('handover.replaceConfirmBody'),
      okText: t('handover.replaceOk'),
      okButtonProps: { danger: true, ...testProps({ 'data-testid': 'handover-replace-ok' }) },
      cancelText: t('common.cancel'),
      onOk: () => run('replace'),
    });
  }

  return (
    <Modal
      open={open}
      title={t('handover.importTitle')}
      onCancel={close}
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {existing === null && (
            <Button type="primary" loading={busy} onClick={() => void run('refuse')} data-testid="handover-import-ok">
              {t('handover.importOk')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('handover.importIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<FolderOpenOutlined />} onClick={() => void choose()} data-testid="handover-choose">
          {file ? t('handover.chooseAgain') : t('handover.choose')}
        </Button>
        <Typography.Text type={file ? undefined : 'secondary'} data-testid="handover-file">
          {file ?? t('handover.noFile')}
        </Typography.Text>
      </Space>
      {fileMissing && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('handover.fileRequired')} data-testid="handover-file-missing" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void run('refuse')}>
        <Form.Item name="passphrase" label={t('handover.passphrase')} rules={[{ required: true, message: t('handover.passphraseRequired') }]}>
          <Input.Password data-testid="handover-import-passphrase" autoComplete="off" maxLength={200} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="handover-import-error" />}
      {existing !== null && (
        <Alert
          type="warning"
          showIcon
          data-testid="handover-exists"
          message={t('handover.existsTitle')}
          description={
            <>
              <div>{t('handover.existsBody', { name: existing })}</div>
              <Space style={{ marginTop: 8 }} wrap>
                <Button loading={busy} onClick={() => void run('asCopy')} data-testid="handover-as-copy">
                  {t('handover.asCopy')}
                </Button>
                <Button danger loading={busy} onClick={confirmReplace} data-testid="handover-replace">
                  {t('handover.replace')}
                </Button>
              </Space>
            </>
          }
        />
      )}
    </Modal>
  );
}
