import { memo, useRef, useState } from 'react';
import { App as AntApp, Button, Col, Form, Input, Row, type InputRef } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  addSecretPoint,
  CATEGORIES,
  categoryKey,
  hasErrorCode,
  localizeError,
  type Category,
  type SecretPoint,
} from '../../services';
import HelpTip from '../../components/HelpTip';
import TestIdSelect from '../../components/TestIdSelect';

type Props = {
  enterpriseId: string;
  /** Level names, highest first. */
  levels: string[];
  onAdded: (point: SecretPoint) => void;
};

type Values = {
  code?: string;
  name?: string;
  category?: Category;
  level?: string;
};

/** Which field an error from Rust belongs beside. */
const FIELD_OF_ERROR: Record<string, keyof Values> = {
  SECRET_POINT_CODE_DUPLICATE: 'code',
  SECRET_POINT_CODE_INVALID: 'code',
  SECRET_POINT_NAME_EMPTY: 'name',
  LEVEL_UNKNOWN: 'level',
};

/** The form that adds a secret point. Category and level stay selected after adding, for fast capture of a series. */
function AddSecretPointForm({ enterpriseId, levels, onAdded }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const nameInput = useRef<InputRef>(null);

  async function submit(values: Values) {
    setSaving(true);
    try {
      const code = (values.code ?? '').trim();
      const point = await addSecretPoint({
        enterpriseId,
        code: code || null,
        name: (values.name ?? '').trim(),
        category: values.category as Category,
        level: values.level as string,
      });
      form.resetFields(['code', 'name']);
      onAdded(point);
      // Enter adds, and the cursor is back in the name for the next one.
      window.setTimeout(() => nameInput.current?.focus(), 0);
      void message.success(t('enterprise.added', { code: point.code }));
    } catch (error) {
      const text = localizeError(error);
      const field = Object.entries(FIELD_OF_ERROR).find(([code]) => hasErrorCode(error, code))?.[1];
      if (field) {
        form.setFields([{ name: field, errors: [text] }]);
      } else {
        void message.error(text);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<Values> form={form} name="secret-point" layout="vertical" onFinish={(values) => void submit(values)}>
      <Row gutter={16}>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="code" label={t('enterprise.code')}>
            <Input data-testid="sp-code" placeholder={t('enterprise.codePlaceholder')} maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item
            name="name"
            label={t('enterprise.name')}
            rules={[{ required: true, whitespace: true, message: t('enterprise.nameRequired') }]}
          >
            <Input ref={nameInput} data-testid="sp-name" placeholder={t('enterprise.namePlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={5}>
          <Form.Item
            name="category"
            label={t('enterprise.category')}
            rules={[{ required: true, message: t('enterprise.categoryRequired') }]}
          >
            <TestIdSelect
              testId="sp-category"
              placeholder={t('enterprise.categoryPlaceholder')}
              options={CATEGORIES.map((category) => ({ value: category, label: t(categoryKey(category)) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={5}>
          <Form.Item
            name="level"
            label={
              <span>
                {t('enterprise.level')}
                <HelpTip text={t('enterprise.levelHelp')} testId="help-level" />
              </span>
            }
            rules={[{ required: true, message: t('enterprise.levelRequired') }]}
          >
            <TestIdSelect
              testId="sp-level"
              placeholder={t('enterprise.levelPlaceholder')}
              options={levels.map((level) => ({ value: level, label: level }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="add-secret-point">
        {t('enterprise.add')}
      </Button>
    </Form>
  );
}

// The register's filters re-render its step on every change; this form depends on its props only.
export default memo(AddSecretPointForm);
