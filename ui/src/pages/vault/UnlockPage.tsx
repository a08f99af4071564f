import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  hasErrorCode,
  localizeError,
  newestSoundBackup,
  restoreBackup,
  unlock,
  type BackupInfo,
  type UnlockSecret,
  type VaultStatus,
} from '../../services';

/** The database will not open: offer the newest sound backup, if any. */
type Damage = { backup: BackupInfo | null; secret: UnlockSecret };

type Props = { status: VaultStatus; onUnlocked: () => void };

/** Later starts and after locking: the password, or the recovery key when it is forgotten. */
export default function UnlockPage({ status, onUnlocked }: Props) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [damage, setDamage] = useState<Damage | null>(null);

  async function submit() {
    if (!value) {
      setError(t(useRecovery ? 'vault.recoveryRequired' : 'vault.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setDamage(null);
    const secret: UnlockSecret = useRecovery ? { kind: 'recoveryKey', value } : { kind: 'password', value };
    try {
      await unlock(secret);
      onUnlocked();
    } catch (e) {
      setError(localizeError(e));
      if (hasErrorCode(e, 'DB_CORRUPT') || hasErrorCode(e, 'DB_NOT_MIDUN')) {
        const backup = await newestSoundBackup(secret).catch(() => null);
        setDamage({ backup, secret });
      }
    } finally {
      setBusy(false);
    }
  }

  async function restoreNewest() {
    if (!damage?.backup) return;
    setBusy(true);
    try {
      await restoreBackup(damage.backup.name, damage.secret);
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
        {damage && (
          <Alert
            type="error"
            showIcon
            className="vault-gap"
            data-testid="damaged"
            message={t('backup.damaged')}
            description={
              damage.backup ? (
                <>
                  <div>{t('backup.newestSound', { madeAt: damage.backup.madeAt, reason: t(`backup.kinds.${damage.backup.kind}`) })}</div>
                  <Button type="primary" danger size="small" onClick={restoreNewest} loading={busy} data-testid="restore-newest">
                    {t('backup.restoreThis')}
                  </Button>
                </>
              ) : (
                t('backup.noSound')
              )
            }
          />
        )}
        <Typography.Paragraph type="secondary" className="vault-path">
          {t('vault.file', { path: status.path })}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
