import { useState } from 'react';
import { App as AntApp, Button, Modal, Typography } from 'antd';
import { ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { acknowledgeNotice, localizeError, type Settings } from '../services';

type Props = {
  open: boolean;
  onAcknowledged: (settings: Settings) => void;
};

/**
 * The first-run notice: state secrets must not be entered. It cannot be dismissed except by its
 * confirm button, which records the acknowledgement in Rust.
 */
export default function NoticeModal({ open, onAcknowledged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);

  async function confirm() {
    setSaving(true);
    try {
      onAcknowledged(await acknowledgeNotice());
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      closable={false}
      maskClosable={false}
      keyboard={false}
      centered
      width={560}
      title={
        <span className="notice-title">
          <ExclamationCircleFilled className="notice-icon" /> {t('notice.title')}
        </span>
      }
      footer={
        <Button type="primary" data-testid="notice-ok" loading={saving} onClick={confirm}>
          {t('notice.ok')}
        </Button>
      }
    >
      <div data-testid="notice-modal">
        <Typography.Paragraph strong>{t('notice.lead')}</Typography.Paragraph>
        <Typography.Paragraph>{t('notice.body1')}</Typography.Paragraph>
        <Typography.Paragraph>{t('notice.body2')}</Typography.Paragraph>
        <Typography.Paragraph>{t('notice.body3')}</Typography.Paragraph>
      </div>
    </Modal>
  );
}
