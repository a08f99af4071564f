import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createBackup, listBackups, localizeError, restoreBackup, type BackupInfo } from '../services';

type Props = { open: boolean; onClose: () => void; onRestored: () => void };

/** Backups: the list beside the database, back up now, and restoring one (the password confirms it). */
export default function BackupModal({ open, onClose, onRestored }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    listBackups()
      .then(setBackups)
      .catch((e: unknown) => setError(localizeError(e)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(() => {
    if (open) {
      setError(null);
      setChosen(null);
      load();
    }
  }, [open, load]);

  async function backUpNow() {
    setBusy(true);
    try {
      const made = await createBackup();
      void message.success(t('backup.made', { madeAt: made.madeAt }));
      load();
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function restore() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await restoreBackup(chosen.name, { kind: 'password', value: password });
      void message.success(t('backup.restored', { madeAt: chosen.madeAt }));
      setPassword('');
      onRestored();
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('backup.title')} onCancel={onClose} footer={null} width={640}>
      <Typography.Paragraph type="secondary">{t('backup.intro')}</Typography.Paragraph>
      <Space className="vault-gap">
        <Button type="primary" onClick={backUpNow} loading={busy && !chosen} data-testid="backup-now">
          {t('backup.now')}
        </Button>
      </Space>
      <Table<BackupInfo>
        size="small"
        rowKey="name"
        loading={loading}
        dataSource={backups}
        pagination={false}
        locale={{ emptyText: t('backup.none') }}
        onRow={() => ({ 'data-testid': 'backup-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('backup.madeAt'), dataIndex: 'madeAt' },
          { title: t('backup.reason'), dataIndex: 'kind', render: (kind: string) => t(`backup.kinds.${kind}`) },
          { title: t('backup.size'), dataIndex: 'bytes', render: (b: number) => `${Math.max(1, Math.round(b / 1024))} KB` },
          {
            title: '',
            key: 'restore',
            render: (_: unknown, b: BackupInfo) => (
              <Button size="small" onClick={() => setChosen(b)} data-testid="backup-restore">
                {t('backup.restore')}
              </Button>
            ),
          },
        ]}
      />
      {chosen && (
        <div className="backup-confirm" data-testid="backup-confirm">
          <Alert type="warning" showIcon message={t('backup.confirm', { madeAt: chosen.madeAt })} className="vault-gap" />
          <Space.Compact block>
            <Input.Password
              data-testid="backup-password"
              placeholder={t('vault.password')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Button type="primary" danger onClick={restore} loading={busy} disabled={!password} data-testid="backup-restore-confirm">
              {t('backup.restore')}
            </Button>
          </Space.Compact>
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} className="vault-gap backup-error" data-testid="backup-error" />}
    </Modal>
  );
}
