import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localizeError, type ControlException, type ControlItem, type PointCoverage } from '../../../services';
import TestIdSelect from '../../../components/TestIdSelect';

type Props = {
  row: PointCoverage;
  controls: ControlItem[];
  exceptions: ControlException[];
  onClose: () => void;
  /** Record the exception; rejects with the core's refusal. */
  onSubmit: (controlId: string, reason: string) => Promise<void>;
};

type Values = { controlId?: string; reason?: string };

/** Excepts one control from one secret point, for a written reason. */
export default function ExceptionModal({ row, controls, exceptions, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = Form.useWatch('controlId', form);

  // The point's controls not in place come first: they are the ones an exception is for.
  const uncovered = new Set(row.uncovered);
  const ordered = [...controls.filter((c) => uncovered.has(c.id)), ...controls.filter((c) => !uncovered.has(c.id))];
  const existing = exceptions.find((e) => e.pointId === row.pointId && e.controlId === chosen);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      await onSubmit(v.controlId ?? '', (v.reason ?? '').trim());
    } catch (e) {
      setError(localizeError(e));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={560}
      title={t('controls.coverage.exceptTitle', { code: row.code })}
      okText={t('controls.coverage.exceptSave')}
      cancelText={t('controls.coverage.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'coverage-except-submit' }}
      cancelButtonProps={{ 'data-testid': 'coverage-except-cancel' }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <div data-testid="coverage-except-modal">
        <Typography.Paragraph type="secondary">{t('controls.coverage.exceptIntro')}</Typography.Paragraph>
        <Form<Values> form={form} name="except-control" layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="controlId"
            label={t('controls.coverage.exceptControl')}
            rules={[{ required: true, message: t('controls.coverage.exceptControlRequired') }]}
            extra={existing ? t('controls.coverage.exceptExisting', { reason: existing.reason }) : undefined}
          >
            <TestIdSelect
              testId="coverage-except-control"
              showSearch
              optionFilterProp="label"
              placeholder={t('controls.coverage.exceptControlPlaceholder')}
              options={ordered.map((c) => ({ value: c.id, label: `${c.id} ${c.question}` }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('controls.coverage.exceptReason')}
            rules={[{ required: true, whitespace: true, message: t('controls.coverage.exceptReasonRequired') }]}
          >
            <Input.TextArea
              data-testid="coverage-except-reason"
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={500}
              placeholder={t('controls.coverage.exceptReasonPlaceholder')}
            />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} data-testid="coverage-except-error" />}
      </div>
    </Modal>
  );
}
