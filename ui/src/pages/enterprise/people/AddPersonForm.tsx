import { Alert, App as AntApp, Button, Col, Form, Input, Row } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addPerson,
  ELIGIBILITIES,
  enumKey,
  RELATIONSHIPS,
  type NoncompeteEligibility,
  type Person,
  type Relationship,
} from '../../../services';
import HelpTip from '../../../components/HelpTip';
import TestIdSelect from '../../../components/TestIdSelect';
import { FormDate, toDay, useAddForm } from '../../../components/register';

type Values = {
  name?: string;
  department?: string;
  post?: string;
  relationship: Relationship;
  personLevel?: string;
  entryDate?: Dayjs | null;
  entryPledgeOn?: Dayjs | null;
  noncompeteEligibility: NoncompeteEligibility;
};

/** The label key of each field. */
const LABELS: Record<keyof Values, string> = {
  name: 'people.field.name',
  department: 'people.field.department',
  post: 'people.field.post',
  relationship: 'people.field.relationship',
  personLevel: 'people.field.personLevel',
  entryDate: 'people.field.entryDate',
  entryPledgeOn: 'people.field.entryPledgeOn',
  noncompeteEligibility: 'people.field.noncompeteEligibility',
};

type Props = {
  enterpriseId: string;
  levels: string[];
  onAdded: (person: Person) => void;
};

/** The form that adds a person to the register. */
export default function AddPersonForm({ enterpriseId, levels, onAdded }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { form, saving, error, submit } = useAddForm<Values>({ LEVEL_UNKNOWN: 'personLevel' });

  const add = (v: Values) =>
    submit(async () => {
      const person = await addPerson({
        enterpriseId,
        name: (v.name ?? '').trim(),
        department: (v.department ?? '').trim(),
        post: (v.post ?? '').trim(),
        personLevel: v.personLevel ?? '',
        entryDate: toDay(v.entryDate) ?? '',
        exitDate: null,
        entryPledgeOn: toDay(v.entryPledgeOn),
        noncompeteEligibility: v.noncompeteEligibility,
        agreedDeconfidentialMonths: null,
        note: '',
        relationship: v.relationship,
      });
      form.resetFields();
      onAdded(person);
      void message.success(t('people.added', { name: person.name }));
    });

  return (
    <Form<Values>
      form={form}
      name="add-person"
      layout="vertical"
      // An employee of the enterprise, not eligible for a non-compete: most staff are both.
      initialValues={{ relationship: 'employee', noncompeteEligibility: 'not_eligible' }}
      onFinish={(v) => void add(v)}
    >
      <Row gutter={16}>
        <Col xs={24} md={12} lg={6}>
          <Form.Item
            name="name"
            label={t(LABELS.name)}
            rules={[{ required: true, whitespace: true, message: t('people.nameRequired') }]}
          >
            <Input data-testid="person-add-name" maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="department" label={t(LABELS.department)}>
            <Input data-testid="person-add-department" maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="post" label={t(LABELS.post)}>
            <Input data-testid="person-add-post" maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item
            name="relationship"
            label={
              <span>
                {t(LABELS.relationship)}
                <HelpTip text={t('people.terms.relationship')} testId="help-relationship" />
              </span>
            }
          >
            <TestIdSelect
              testId="person-add-relationship"
              options={RELATIONSHIPS.map((r) => ({ value: r, label: t(enumKey('relationship', r)) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item
            name="personLevel"
            label={
              <span>
                {t(LABELS.personLevel)}
                <HelpTip text={t('people.terms.personLevel')} testId="help-person-level" />
              </span>
            }
          >
            <TestIdSelect
              testId="person-add-level"
              allowClear
              placeholder={t('people.levelNone')}
              options={levels.map((l) => ({ value: l, label: l }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item
            name="entryDate"
            label={t(LABELS.entryDate)}
            rules={[{ required: true, message: t('people.entryDateRequired') }]}
          >
            <FormDate testId="person-add-entryDate" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item
            name="entryPledgeOn"
            label={
              <span>
                {t(LABELS.entryPledgeOn)}
                <HelpTip text={t('people.terms.entryPledge')} testId="help-entry-pledge" />
              </span>
            }
          >
            <FormDate testId="person-add-entryPledgeOn" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item
            name="noncompeteEligibility"
            label={
              <span>
                {t(LABELS.noncompeteEligibility)}
                <HelpTip text={t('people.terms.eligibility')} testId="help-eligibility" />
              </span>
            }
          >
            <TestIdSelect
              testId="person-add-eligibility"
              options={ELIGIBILITIES.map((e) => ({ value: e, label: t(enumKey('eligibility', e)) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item label=" " colon={false}>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="person-add-submit">
              {t('people.add')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      {error && <Alert type="error" showIcon data-testid="person-add-error" message={error} />}
    </Form>
  );
}
