import { useState } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { bulkAddPoints, categoryKey, CATEGORIES, localizeError, type Category, type RowError } from '../../services';
import ImportErrors from './ImportErrors';

type Props = {
  open: boolean;
  enterpriseId: string;
  levels: string[];
  onClose: () => void;
  onAdded: (count: number) => void;
};

type Values = { names: string; category: Category; level: string };

/** Bulk add: one name per line, one category and level for all; all lines or none. */
export default function BulkAddModal({ open, enterpriseId, levels, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<RowError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: Values) {
    setSaving(true);
    setErrors([]);
    setFailure(null);
    try {
      const out = await bulkAddPoints(enterpriseId, values.names, values.category, values.level);
      if (out.errors.length > 0) {
        setErrors(out.errors);
        return;
      }
      form.resetFields(['names']);
      onAdded(out.imported);
    } catch (e) {
      setFailure(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('bulk.title')}
      okText={t('bulk.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      okButtonProps={{ 'data-testid': 'bulk-ok' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('bulk.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: 'technical', level: levels[0] }}>
        <Form.Item name="names" label={t('bulk.names')} rules={[{ required: true, whitespace: true, message: t('bulk.namesRequired') }]}>
          <Input.TextArea data-testid="bulk-names" autoSize={{ minRows: 6, maxRows: 14 }} />
        </Form.Item>
        <Form.Item name="category" label={t('point.category')}>
          <Select data-testid="bulk-category" options={CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('point.level')}>
          <Select data-testid="bulk-level" options={levels.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
      </Form>
      {failure && <Typography.Text type="danger">{failure}</Typography.Text>}
      {errors.length > 0 && <ImportErrors errors={errors} onClose={() => setErrors([])} />}
    </Modal>
  );
}
