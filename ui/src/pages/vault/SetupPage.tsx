import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localizeError, saveRecoveryKey, setUpVault, type VaultStatus } from '../../services';
import NewPasswordFields from './NewPasswordFields';

type Props = { status: VaultStatus; onDone: () => void };
type Values = { operator: string; password: string; confirm: string };

/**
 * First start (or a database of an earlier, unencrypted version): choose the password that
 * encrypts the database and name the operator; then the recovery key is shown once and the user
 * confirms having written it down before going on.
 */
export default function SetupPage({ status, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form) ?? '';
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [written, setWritten] = useState(false);
  /** Where the recovery sheet was saved, or the error of saving it. */
  const [sheet, setSheet] = useState<{ path: string } | { error: string } | null>(null);
  const [savingSheet, setSavingSheet] = useState(false);

  /** The one-page PDF of the key (the database's file name and the day, never the password), to print. */
  async function saveSheet(key: string) {
    setSavingSheet(true);
    try {
      const path = await saveRecoveryKey(key);
      if (path !== null) setSheet({ path });
    } catch (e) {
      setSheet({ error: localizeError(e) });
    } finally {
      setSavingSheet(false);
    }
  }

  async function submit(values: Values) {
    setSaving(true);
    setError(null);
    try {
      setRecoveryKey(await setUpVault(values.password, values.operator.trim()));
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  if (recoveryKey !== null) {
    return (
      <div className="vault-page">
        <Card className="vault-card" title={t('vault.recoveryTitle')} data-testid="recovery-card">
          <Typography.Paragraph>{t('vault.recoveryIntro')}</Typography.Paragraph>
          <div className="recovery-key" data-testid="recovery-key">
            {/* Groups never break across lines; the text stays the whole key for copying. */}
            {recoveryKey.split('-').map((group, i, all) => (
              <span className="recovery-group" key={i}>
                {group}
                {i < all.length - 1 ? '-' : ''}
              </span>
            ))}
          </div>
          <Button
            icon={<FilePdfOutlined />}
            loading={savingSheet}
            onClick={() => void saveSheet(recoveryKey)}
            data-testid="recovery-save-pdf"
          >
            {t('vault.recoverySave')}
          </Button>
          {sheet && 'path' in sheet && (
            <Alert type="success" showIcon className="vault-gap" data-testid="recovery-saved" message={t('vault.recoverySaved', { path: sheet.path })} />
          )}
          {sheet && 'error' in sheet && (
            <Alert type="error" showIcon className="vault-gap" data-testid="recovery-save-error" message={sheet.error} />
          )}
          <Alert type="warning" showIcon message={t('vault.recoveryWarning')} className="vault-gap" />
          <Checkbox checked={written} onChange={(e) => setWritten(e.target.checked)} data-testid="recovery-written">
            {t('vault.recoveryWritten')}
          </Checkbox>
          <div className="vault-actions">
            <Button type="primary" disabled={!written} onClick={onDone} data-testid="recovery-continue">
              {t('vault.continue')}
            </Button>
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div className="vault-page">
      <Card
        className="vault-card"
        title={
          <span>
            <SafetyCertificateOutlined /> {t(status.state === 'legacy' ? 'vault.legacyTitle' : 'vault.setupTitle')}
          </span>
        }
      >
        <Typography.Paragraph type="secondary">
          {t(status.state === 'legacy' ? 'vault.legacyIntro' : 'vault.setupIntro')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="operator"
            label={t('vault.operator')}
            tooltip={t('vault.operatorHelp')}
            rules={[{ required: true, whitespace: true, message: t('vault.operatorRequired') }]}
          >
            <Input data-testid="setup-operator" maxLength={40} autoFocus />
          </Form.Item>
          <NewPasswordFields
            password={password}
            label={t('vault.password')}
            testIds={{ password: 'setup-password', confirm: 'setup-confirm' }}
          />
          {error && <Alert type="error" showIcon message={error} className="vault-gap" data-testid="setup-error" />}
          <Typography.Paragraph type="secondary" className="vault-path">
            {t('vault.file', { path: status.path })}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" block loading={saving} data-testid="setup-submit">
            {t('vault.setupSubmit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
