import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Row,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addRuleDoc,
  addTraining,
  deleteRuleDoc,
  deleteTraining,
  listPeople,
  listRuleDocs,
  listTrainings,
  updateRuleDoc,
  type Person,
  type RuleDoc,
  type RuleDocField,
  type Training,
} from '../../services';
import AutosaveField from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';
import {
  DAY,
  DeleteButton,
  EditDrawer,
  FormDate,
  LoadFailed,
  RowActions,
  SavedField,
  testProps,
  toDay,
  useAddForm,
  useFieldSaves,
  useLoad,
  useRegisterList,
  useStepChanged,
} from '../../components/register';

type Props = {
  enterpriseId: string;
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/** The organisation-and-rules step: the rules register, the trainings, and the step's criteria. */
export default function RulesStep({ enterpriseId, onChanged }: Props) {
  const { t } = useTranslation();
  // The rules decide a derived criterion of this step: read the criteria again after a change.
  const { criteriaKey, changed } = useStepChanged(onChanged);
  const rules = useRegisterList<RuleDoc>(changed);
  const trainings = useRegisterList<Training>(changed);
  const [people, setPeople] = useState<Person[]>([]);
  const { loadError, reload } = useLoad(async () => {
    const [r, tr, p] = await Promise.all([listRuleDocs(enterpriseId), listTrainings(enterpriseId), listPeople(enterpriseId)]);
    rules.set(r);
    trainings.set(tr);
    setPeople(p);
  }, [enterpriseId]);

  if (loadError) return <LoadFailed testId="rules-load-error" error={loadError} onRetry={reload} />;
  if (rules.items === null) return <Spin />;

  const ruleColumns: TableColumnsType<RuleDoc> = [
    { title: t('rules.field.title'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('rules.field.docNo'), dataIndex: 'docNo', key: 'docNo', width: 150, ellipsis: true },
    { title: t('rules.field.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn', width: 104 },
    {
      title: t('rules.field.democraticProcedure'),
      key: 'democraticProcedure',
      ellipsis: true,
      render: (_: unknown, r) =>
        r.democraticProcedure ? (
          r.democraticProcedure
        ) : (
          <Tag color="warning" data-testid="rule-no-procedure">
            {t('rules.docs.noProcedure')}
          </Tag>
        ),
    },
    {
      title: t('rules.field.publicity'),
      key: 'publicity',
      ellipsis: true,
      render: (_: unknown, r) =>
        r.publicizedOn || r.publicityMethod ? (
          <span>
            {r.publicizedOn ?? ''} {r.publicityMethod}
          </span>
        ) : (
          <Tag color="warning" data-testid="rule-no-publicity">
            {t('rules.docs.noPublicity')}
          </Tag>
        ),
    },
    {
      title: t('rules.field.actions'),
      key: 'actions',
      width: 96,
      render: (_: unknown, r) => (
        <RowActions
          testId="rule"
          editLabel={t('rules.docs.edit')}
          deleteLabel={t('rules.docs.delete')}
          confirm={t('rules.docs.deleteConfirm', { title: r.title })}
          onEdit={() => rules.edit(r.id)}
          onDelete={() => rules.remove(r, () => deleteRuleDoc(r.id), t('rules.docs.deleted', { title: r.title }))}
        />
      ),
    },
  ];

  const names = new Map(people.map((p) => [p.id, p.name]));
  const yesNo = (v: boolean) => (v ? <Tag color="green">{t('rules.trainings.yes')}</Tag> : <Tag>{t('rules.trainings.no')}</Tag>);
  const trainingColumns: TableColumnsType<Training> = [
    { title: t('rules.trainings.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 104 },
    { title: t('rules.trainings.topic'), dataIndex: 'topic', key: 'topic', ellipsis: true },
    {
      title: t('rules.trainings.hasSignInSheet'),
      key: 'hasSignInSheet',
      width: 100,
      render: (_: unknown, x) => yesNo(x.hasSignInSheet),
    },
    { title: t('rules.trainings.hasQuiz'), key: 'hasQuiz', width: 110, render: (_: unknown, x) => yesNo(x.hasQuiz) },
    {
      title: t('rules.trainings.attendees'),
      key: 'attendees',
      width: 100,
      render: (_: unknown, x) => (
        <Tooltip title={x.attendeeIds.map((id) => names.get(id) ?? String(id)).join(t('common.listSeparator')) || undefined}>
          <span data-testid="training-attendee-count">{t('rules.trainings.attendeeCount', { count: x.attendeeIds.length })}</span>
        </Tooltip>
      ),
    },
    {
      title: t('rules.field.actions'),
      key: 'actions',
      width: 64,
      render: (_: unknown, x) => (
        <DeleteButton
          testId="training-delete"
          title={t('rules.trainings.deleteConfirm', { topic: x.topic })}
          label={t('rules.trainings.delete')}
          onConfirm={() => trainings.remove(x, () => deleteTraining(x.id), t('rules.trainings.deleted', { topic: x.topic }))}
        />
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rules-step">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="rules-intro">
        {t('rules.intro')}
      </Typography.Paragraph>

      <Card size="small" title={t('rules.docs.title')} data-testid="rule-docs">
        <Table<RuleDoc>
          size="small"
          rowKey="id"
          columns={ruleColumns}
          dataSource={rules.items}
          pagination={false}
          locale={{ emptyText: t('rules.docs.empty') }}
          onRow={(r) => testProps({ 'data-testid': 'rule-row', 'data-id': r.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddRuleForm enterpriseId={enterpriseId} onAdded={(rule) => rules.added(rule, t('rules.docs.added', { title: rule.title }))} />
      </Card>

      <Card size="small" title={t('rules.trainings.title')} data-testid="trainings">
        <Typography.Paragraph type="secondary">{t('rules.trainings.intro')}</Typography.Paragraph>
        <Table<Training>
          size="small"
          rowKey="id"
          columns={trainingColumns}
          dataSource={trainings.items ?? []}
          pagination={false}
          locale={{ emptyText: t('rules.trainings.empty') }}
          onRow={(x) => testProps({ 'data-testid': 'training-row', 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddTrainingForm
          enterpriseId={enterpriseId}
          people={people}
          onAdded={(training) => trainings.added(training, t('rules.trainings.added', { topic: training.topic }))}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('criteria.heading')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D1" onChanged={onChanged} reloadKey={criteriaKey} />
      {/* Trainings are recorded here, so D10 (training and continuous improvement) is answered here too. */}
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D10" onChanged={onChanged} reloadKey={criteriaKey} />

      {rules.editing && <RuleDrawer key={rules.editing.id} rule={rules.editing} onClose={() => rules.edit(null)} onSaved={rules.saved} />}
    </Space>
  );
}

type RuleValues = {
  title?: string;
  docNo?: string;
  issuedOn?: Dayjs;
  democraticProcedure?: string;
  publicizedOn?: Dayjs | null;
  publicityMethod?: string;
};

/** Adds a rule: title and date issued are required; a refused field is explained beside it. */
function AddRuleForm({ enterpriseId, onAdded }: { enterpriseId: string; onAdded: (rule: RuleDoc) => void }) {
  const { t } = useTranslation();
  const { form, saving, error, submit } = useAddForm<RuleValues>();

  const add = (v: RuleValues) =>
    submit(async () => {
      const rule = await addRuleDoc({
        enterpriseId,
        title: (v.title ?? '').trim(),
        docNo: (v.docNo ?? '').trim(),
        issuedOn: toDay(v.issuedOn) ?? '',
        democraticProcedure: (v.democraticProcedure ?? '').trim(),
        publicizedOn: toDay(v.publicizedOn),
        publicityMethod: (v.publicityMethod ?? '').trim(),
      });
      form.resetFields();
      onAdded(rule);
    });

  return (
    <Form<RuleValues> form={form} name="add-rule" layout="vertical" onFinish={(v) => void add(v)}>
      <Row gutter={12}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item
            name="title"
            label={t('rules.field.title')}
            rules={[{ required: true, whitespace: true, message: t('rules.docs.titleRequired') }]}
          >
            <Input data-testid="rule-add-title" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="docNo" label={t('rules.field.docNo')}>
            <Input data-testid="rule-add-docNo" placeholder={t('rules.docs.docNoPlaceholder')} maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={4}>
          <Form.Item name="issuedOn" label={t('rules.field.issuedOn')} rules={[{ required: true, message: t('rules.docs.issuedOnRequired') }]}>
            <FormDate testId="rule-add-issuedOn" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="democraticProcedure" label={t('rules.field.democraticProcedure')}>
            <Input data-testid="rule-add-democraticProcedure" placeholder={t('rules.docs.democraticProcedurePlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={4}>
          <Form.Item name="publicizedOn" label={t('rules.field.publicizedOn')}>
            <FormDate testId="rule-add-publicizedOn" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={10}>
          <Form.Item name="publicityMethod" label={t('rules.field.publicityMethod')}>
            <Input data-testid="rule-add-publicityMethod" placeholder={t('rules.docs.publicityMethodPlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={10}>
          <Form.Item label=" " colon={false}>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="rule-add-submit">
              {t('rules.docs.add')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      {error && <Alert type="error" showIcon message={error} data-testid="rule-add-error" />}
    </Form>
  );
}

/** Every field of a rule, each saved by itself: text after a pause, dates at once. */
function RuleDrawer({ rule, onClose, onSaved }: { rule: RuleDoc; onClose: () => void; onSaved: (rule: RuleDoc) => void }) {
  const { t } = useTranslation();
  const { state, errors, save, autosave } = useFieldSaves<RuleDocField>(async (field, value) =>
    onSaved(await updateRuleDoc(rule.id, field, value)),
  );

  const text = (field: RuleDocField, placeholder?: string) => (
    <AutosaveField
      key={`${rule.id}-${field}`}
      label={t(`rules.field.${field}`)}
      stored={(rule[field] as string | null) ?? ''}
      testId={`rule-edit-${field}`}
      placeholder={placeholder}
      {...autosave(field)}
    />
  );
  const date = (field: RuleDocField, required: boolean) => (
    <SavedField label={t(`rules.field.${field}`)} required={required} error={errors[field]}>
      <DatePicker
        data-testid={`rule-edit-${field}`}
        format={DAY}
        allowClear={!required}
        value={rule[field] ? dayjs(rule[field] as string) : null}
        onChange={(d: Dayjs | null) => void save(field, toDay(d) ?? '')}
      />
    </SavedField>
  );

  return (
    <EditDrawer
      testId="rule"
      id={rule.id}
      width={520}
      title={t('rules.docs.editTitle')}
      intro={t('rules.docs.autosave')}
      state={state}
      onClose={onClose}
    >
      {text('title')}
      {text('docNo', t('rules.docs.docNoPlaceholder'))}
      {date('issuedOn', true)}
      {text('democraticProcedure', t('rules.docs.democraticProcedurePlaceholder'))}
      {date('publicizedOn', false)}
      {text('publicityMethod', t('rules.docs.publicityMethodPlaceholder'))}
    </EditDrawer>
  );
}

type TrainingValues = {
  heldOn?: Dayjs;
  topic?: string;
  hasSignInSheet?: boolean;
  hasQuiz?: boolean;
  attendees?: string[];
};

/** Adds a training; attendees come from the personnel register and may be none. */
function AddTrainingForm({
  enterpriseId,
  people,
  onAdded,
}: {
  enterpriseId: string;
  people: Person[];
  onAdded: (training: Training) => void;
}) {
  const { t } = useTranslation();
  const { form, saving, error, submit } = useAddForm<TrainingValues>();

  const add = (v: TrainingValues) =>
    submit(async () => {
      const training = await addTraining({
        enterpriseId,
        heldOn: toDay(v.heldOn) ?? '',
        topic: (v.topic ?? '').trim(),
        hasSignInSheet: v.hasSignInSheet ?? false,
        hasQuiz: v.hasQuiz ?? false,
        attendeeIds: (v.attendees ?? []).map(Number),
      });
      form.resetFields();
      onAdded(training);
    });

  return (
    <Form<TrainingValues>
      form={form}
      name="add-training"
      layout="vertical"
      initialValues={{ hasSignInSheet: false, hasQuiz: false, attendees: [] }}
      onFinish={(v) => void add(v)}
    >
      <Row gutter={12}>
        <Col xs={24} md={8} lg={4}>
          <Form.Item name="heldOn" label={t('rules.trainings.heldOn')} rules={[{ required: true, message: t('rules.trainings.heldOnRequired') }]}>
            <FormDate testId="training-add-heldOn" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16} lg={8}>
          <Form.Item
            name="topic"
            label={t('rules.trainings.topic')}
            rules={[{ required: true, whitespace: true, message: t('rules.trainings.topicRequired') }]}
          >
            <Input data-testid="training-add-topic" placeholder={t('rules.trainings.topicPlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Form.Item name="hasSignInSheet" label={t('rules.trainings.hasSignInSheet')} valuePropName="checked">
            <Switch data-testid="training-add-signIn" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Form.Item name="hasQuiz" label={t('rules.trainings.hasQuiz')} valuePropName="checked">
            <Switch data-testid="training-add-quiz" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="attendees" label={t('rules.trainings.attendees')}>
            <TestIdSelect
              testId="training-add-attendees"
              mode="multiple"
              allowClear
              showSearch
              optionFilterProp="label"
              maxTagCount="responsive"
              placeholder={t('rules.trainings.attendeesPlaceholder')}
              options={people.map((p) => ({ value: String(p.id), label: p.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="training-add-submit">
        {t('rules.trainings.add')}
      </Button>
      {error && <Alert type="error" showIcon message={error} data-testid="training-add-error" style={{ marginTop: 12 }} />}
    </Form>
  );
}
