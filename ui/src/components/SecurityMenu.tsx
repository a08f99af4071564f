import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Space } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changePassword, localizeError, setIdleLockMinutes, type Settings } from '../services';
import NewPasswordFields from '../pages/vault/NewPasswordFields';
import BackupModal from './BackupModal';

const IDLE_CHOICES = [5, 10, 15, 30, 60];

type Props = {
  settings: Settings | null;
  onSettings: (s: Settings) => void;
  onLock: () => void;
  /** After a backup replaced the database: reload everything shown. */
  onRestored: () => void;
};

type Values = { current: string; password: string; confirm: string };

/** The header's security controls: the idle time before locking, change password, and lock now. */
export default function SecurityMenu({ settings, onSettings, onLock, onRestored }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [backupsOpen, setBackupsOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form) ?? '';
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(values: Values) {
    setSaving(true);
    setError(null);
    try {
      await changePassword({ kind: 'password', value: values.current }, values.password);
      setOpen(false);
      form.resetFields();
      void message.success(t('vault.passwordChanged'));
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  async function chooseIdle(minutes: number) {
    try {
      onSettings(await setIdleLockMinutes(minutes));
    } catch (e) {
      void message.error(localizeError(e));
    }
  }

  const idle = settings?.idleLockMinutes ?? 10;
  const choices = IDLE_CHOICES.includes(idle) ? IDLE_CHOICES : [...IDLE_CHOICES, idle].sort((a, b) => a - b);
  return (
    <Space size="small">
      <Select
        size="small"
        data-testid="idle-select"
        value={idle}
        onChange={chooseIdle}
        popupMatchSelectWidth={false}
        options={choices.map((m) => ({ value: m, label: t('vault.idleOption', { minutes: m }) }))}
        aria-label={t('vault.idleLabel')}
      />
      <Button size="small" onClick={() => setBackupsOpen(true)} data-testid="open-backups">
        {t('backup.title')}
      </Button>
      <BackupModal
        open={backupsOpen}
        onClose={() => setBackupsOpen(false)}
        onRestored={() => {
          setBackupsOpen(false);
          onRestored();
        }}
      />
      <Button size="small" onClick={() => setOpen(true)} data-testid="change-password">
        {t('vault.changePassword')}
      </Button>
      <Button size="small" icon={<LockOutlined />} onClick={onLock} data-testid="lock-now">
        {t('vault.lock')}
      </Button>
      <Modal
        open={open}
        title={t('vault.changePassword')}
        onCancel={() => {
          setOpen(false);
          setError(null);
          form.resetFields();
        }}
        okText={t('vault.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="current" label={t('vault.currentPassword')} rules={[{ required: true, message: t('vault.passwordRequired') }]}>
            <Input.Password data-testid="current-password" autoComplete="current-password" />
          </Form.Item>
          <NewPasswordFields
            password={password}
            label={t('vault.newPassword')}
            testIds={{ password: 'new-password', confirm: 'new-confirm' }}
          />
          {error && <Alert type="error" showIcon message={error} data-testid="change-password-error" />}
        </Form>
      </Modal>
    </Space>
  );
}
