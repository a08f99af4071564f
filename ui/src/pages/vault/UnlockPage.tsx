import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localizeError, unlock, type VaultStatus } from '../../services';

type Props = { status: VaultStatus; onUnlocked: () => void };

/** Later starts and after locking: the password, or the recovery key when it is forgotten. */
export default function UnlockPage({ status, onUnlocked }: Props) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!value) {
      setError(t(useRecovery ? 'vault.recoveryRequired' : 'vault.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unlock(useRecovery ? { kind: 'recoveryKey', value } : { kind: 'password', value });
      onUnlocked();
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="vault-page">
      <Card
        className="vault-card"
        title={
          <span>
            <LockOutlined /> {t('vault.unlockTitle')}
          </span>
        }
      >
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t(useRecovery ? 'vault.recoveryKey' : 'vault.password')}
            validateStatus={error ? 'error' : undefined}
            help={error ?? (useRecovery ? t('vault.recoveryHelp') : undefined)}
          >
            {useRecovery ? (
              <Input
                data-testid="unlock-recovery"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
                autoFocus
              />
            ) : (
              <Input.Password
                data-testid="unlock-password"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                autoComplete="current-password"
                autoFocus
              />
            )}
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="unlock-submit">
            {t('vault.unlock')}
          </Button>
          <Button
            type="link"
            block
            data-testid="unlock-toggle"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setValue('');
              setError(null);
            }}
          >
            {t(useRecovery ? 'vault.usePassword' : 'vault.useRecovery')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="vault-path">
          {t('vault.file', { path: status.path })}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
