import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localizeError, startRound, type EnterpriseOverview } from '../../services';

type Props = {
  enterprise: EnterpriseOverview | null;
  onClose: () => void;
  onStarted: () => void;
};

type Values = { baseDate: Dayjs; filler: string; reviewer: string };

/** Starting a new round: the base date and who fills in and reviews; answers come over from the last round. */
export default function NewRoundModal({ enterprise, onClose, onStarted }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    if (!enterprise) return;
    setSaving(true);
    setError(null);
    try {
      await startRound({
        enterpriseId: enterprise.id,
        baseDate: values.baseDate.format('YYYY-MM-DD'),
        filler: values.filler ?? '',
        reviewer: values.reviewer ?? '',
      });
      form.resetFields();
      onStarted();
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  const next = (enterprise?.latest?.roundNo ?? 0) + 1;
  return (
    <Modal
      open={enterprise !== null}
      title={t('round.title', { n: next })}
      okText={t('round.start')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'start-round-ok' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">
        {t(enterprise?.latest ? 'round.fromPrevious' : 'round.first', { name: enterprise?.name ?? '' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ baseDate: dayjs() }} requiredMark={false}>
        <Form.Item name="baseDate" label={t('round.baseDate')} tooltip={t('round.baseDateHelp')} rules={[{ required: true, message: t('round.baseDateRequired') }]}>
          <DatePicker data-testid="round-base-date" allowClear={false} />
        </Form.Item>
        <Form.Item name="filler" label={t('round.filler')}>
          <Input data-testid="round-filler" maxLength={40} />
        </Form.Item>
        <Form.Item name="reviewer" label={t('round.reviewer')}>
          <Input data-testid="round-reviewer" maxLength={40} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="start-round-error" />}
    </Modal>
  );
}
