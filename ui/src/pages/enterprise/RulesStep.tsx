import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Popconfirm,
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
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import {
  addRuleDoc,
  addTraining,
  deleteRuleDoc,
  deleteTraining,
  listPeople,
  listRuleDocs,
  listTrainings,
  localizeError,
  toAppError,
  updateRuleDoc,
  type Person,
  type RuleDoc,
  type RuleDocField,
  type Training,
} from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';

type Props = {
  enterpriseId: string;
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

const DATE = 'YYYY-MM-DD';
const day = (d: Dayjs | null | undefined): string | null => (d ? d.format(DATE) : null);

/** Enter in a date field confirms the date; it must not also submit a half-filled form. */
const confirmOnly = (e: React.KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};

/** Extra props (data-*) that antd's prop types do not list. */
const testProps = (props: Record<string, string | number>) => props as object;

/**
 * The form field an error of the core belongs beside. The core names the field by its Chinese
 * label (FIELD_INVALID, DATE_IN_FUTURE: params.field); `rules.coreLabel.*` in the zh-CN locale
 * holds those labels, so no label is repeated here.
 */
function fieldOfError<F extends string>(error: unknown, fields: readonly F[]): F | undefined {
  const label = toAppError(error).params.field;
  if (typeof label !== 'string') return undefined;
  const zh = i18n.getFixedT('zh-CN');
  return fields.find((f) => zh(`rules.coreLabel.${f}`) === label);
}

/** The organisation-and-rules step: the rules register, the trainings, and the step's criteria. */
export default function RulesStep({ enterpriseId, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [rules, setRules] = useState<RuleDoc[] | null>(null);
  const [trainings, setTrainings] = useState<Training[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  // The rules decide a derived criterion of this step: read the criteria again after a change.
  const [criteriaKey, setCriteriaKey] = useState(0);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [r, tr, p] = await Promise.all([listRuleDocs(enterpriseId), listTrainings(enterpriseId), listPeople(enterpriseId)]);
      setRules(r);
      setTrainings(tr);
      setPeople(p);
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, [enterpriseId]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = () => {
    setCriteriaKey((k) => k + 1);
    onChanged?.();
  };

  const ruleSaved = (saved: RuleDoc) => {
    setRules((list) => (list ?? []).map((r) => (r.id === saved.id ? saved : r)));
    changed();
  };

  async function removeRule(rule: RuleDoc) {
    try {
      await deleteRuleDoc(rule.id);
      setRules((list) => (list ?? []).filter((r) => r.id !== rule.id));
      void message.success(t('rules.docs.deleted', { title: rule.title }));
      changed();
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  async function removeTraining(training: Training) {
    try {
      await deleteTraining(training.id);
      setTrainings((list) => list.filter((x) => x.id !== training.id));
      void message.success(t('rules.trainings.deleted', { topic: training.topic }));
      changed();
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  if (loadError) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="rules-load-error"
        message={t('common.loadFailed')}
        description={loadError}
        action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (rules === null) return <Spin />;

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
        <Space size={0}>
          <Tooltip title={t('rules.docs.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('rules.docs.edit')}
              data-testid="rule-edit"
              onClick={() => setEditingId(r.id)}
            />
          </Tooltip>
          <Popconfirm
            title={t('rules.docs.deleteConfirm', { title: r.title })}
            okText={t('rules.docs.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'rule-delete-confirm' }) }}
            onConfirm={() => removeRule(r)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('rules.docs.delete')} data-testid="rule-delete" />
          </Popconfirm>
        </Space>
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
        <Popconfirm
          title={t('rules.trainings.deleteConfirm', { topic: x.topic })}
          okText={t('rules.trainings.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'training-delete-confirm' }) }}
          onConfirm={() => removeTraining(x)}
        >
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('rules.trainings.delete')}
            data-testid="training-delete"
          />
        </Popconfirm>
      ),
    },
  ];

  const editing = rules.find((r) => r.id === editingId) ?? null;
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
          dataSource={rules}
          pagination={false}
          locale={{ emptyText: t('rules.docs.empty') }}
          onRow={(r) => testProps({ 'data-testid': 'rule-row', 'data-id': r.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddRuleForm
          enterpriseId={enterpriseId}
          onAdded={(rule) => {
            setRules((list) => [...(list ?? []), rule]);
            void message.success(t('rules.docs.added', { title: rule.title }));
            changed();
          }}
        />
      </Card>

      <Card size="small" title={t('rules.trainings.title')} data-testid="trainings">
        <Typography.Paragraph type="secondary">{t('rules.trainings.intro')}</Typography.Paragraph>
        <Table<Training>
          size="small"
          rowKey="id"
          columns={trainingColumns}
          dataSource={trainings}
          pagination={false}
          locale={{ emptyText: t('rules.trainings.empty') }}
          onRow={(x) => testProps({ 'data-testid': 'training-row', 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddTrainingForm
          enterpriseId={enterpriseId}
          people={people}
          onAdded={(training) => {
            setTrainings((list) => [...list, training]);
            void message.success(t('rules.trainings.added', { topic: training.topic }));
            changed();
          }}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('rules.criteria')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D1" onChanged={onChanged} reloadKey={criteriaKey} />
      {/* Trainings are recorded here, so D10 (training and continuous improvement) is answered here too. */}
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D10" onChanged={onChanged} reloadKey={criteriaKey} />

      <RuleDrawer rule={editing} onClose={() => setEditingId(null)} onSaved={ruleSaved} />
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

const RULE_FIELDS: readonly RuleDocField[] = ['title', 'docNo', 'issuedOn', 'democraticProcedure', 'publicizedOn', 'publicityMethod'];

/** Adds a rule: title and date issued are required; a refused field is explained beside it. */
function AddRuleForm({ enterpriseId, onAdded }: { enterpriseId: string; onAdded: (rule: RuleDoc) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: RuleValues) {
    setSaving(true);
    setError(null);
    try {
      const rule = await addRuleDoc({
        enterpriseId,
        title: (v.title ?? '').trim(),
        docNo: (v.docNo ?? '').trim(),
        issuedOn: day(v.issuedOn) ?? '',
        democraticProcedure: (v.democraticProcedure ?? '').trim(),
        publicizedOn: day(v.publicizedOn),
        publicityMethod: (v.publicityMethod ?? '').trim(),
      });
      form.resetFields();
      onAdded(rule);
    } catch (e) {
      const field = fieldOfError(e, RULE_FIELDS);
      if (field) form.setFields([{ name: field, errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<RuleValues> form={form} name="add-rule" layout="vertical" onFinish={(v) => void submit(v)}>
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
            <DatePicker data-testid="rule-add-issuedOn" format={DATE} onKeyDown={confirmOnly} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="democraticProcedure" label={t('rules.field.democraticProcedure')}>
            <Input data-testid="rule-add-democraticProcedure" placeholder={t('rules.docs.democraticProcedurePlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={4}>
          <Form.Item name="publicizedOn" label={t('rules.field.publicizedOn')}>
            <DatePicker data-testid="rule-add-publicizedOn" format={DATE} onKeyDown={confirmOnly} style={{ width: '100%' }} />
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
function RuleDrawer({ rule, onClose, onSaved }: { rule: RuleDoc | null; onClose: () => void; onSaved: (rule: RuleDoc) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Partial<Record<RuleDocField, string>>>({});
  const id = rule?.id;

  useEffect(() => {
    setErrors({});
    setState('idle');
  }, [id]);

  if (!rule) return null;

  const save = async (field: RuleDocField, value: string) => onSaved(await updateRuleDoc(rule.id, field, value));

  async function saveDate(field: RuleDocField, value: string) {
    setState('saving');
    try {
      await save(field, value);
      setErrors((e) => ({ ...e, [field]: undefined }));
      setState('saved');
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: localizeError(error) }));
      setState('idle');
    }
  }

  const text = (field: RuleDocField, placeholder?: string) => (
    <AutosaveField
      key={`${rule.id}-${field}`}
      label={t(`rules.field.${field}`)}
      stored={(rule[field] as string | null) ?? ''}
      testId={`rule-edit-${field}`}
      placeholder={placeholder}
      onState={setState}
      onSave={(v) => save(field, v)}
    />
  );
  const date = (field: RuleDocField, required: boolean) => (
    <Form.Item
      label={t(`rules.field.${field}`)}
      required={required}
      validateStatus={errors[field] ? 'error' : undefined}
      help={errors[field]}
    >
      <DatePicker
        data-testid={`rule-edit-${field}`}
        format={DATE}
        allowClear={!required}
        value={rule[field] ? dayjs(rule[field] as string) : null}
        onChange={(d: Dayjs | null) => void saveDate(field, day(d) ?? '')}
      />
    </Form.Item>
  );

  return (
    <Drawer
      open
      width={520}
      title={t('rules.docs.editTitle')}
      onClose={onClose}
      extra={<SaveIndicator state={state} testId="rule-save-state" />}
      data-testid="rule-drawer"
    >
      <Typography.Paragraph type="secondary">{t('rules.docs.autosave')}</Typography.Paragraph>
      <Form layout="vertical">
        {text('title')}
        {text('docNo', t('rules.docs.docNoPlaceholder'))}
        {date('issuedOn', true)}
        {text('democraticProcedure', t('rules.docs.democraticProcedurePlaceholder'))}
        {date('publicizedOn', false)}
        {text('publicityMethod', t('rules.docs.publicityMethodPlaceholder'))}
      </Form>
    </Drawer>
  );
}

type TrainingValues = {
  heldOn?: Dayjs;
  topic?: string;
  hasSignInSheet?: boolean;
  hasQuiz?: boolean;
  attendees?: string[];
};

const TRAINING_FIELDS = ['heldOn', 'topic'] as const;

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
  const [form] = Form.useForm<TrainingValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: TrainingValues) {
    setSaving(true);
    setError(null);
    try {
      const training = await addTraining({
        enterpriseId,
        heldOn: day(v.heldOn) ?? '',
        topic: (v.topic ?? '').trim(),
        hasSignInSheet: v.hasSignInSheet ?? false,
        hasQuiz: v.hasQuiz ?? false,
        attendeeIds: (v.attendees ?? []).map(Number),
      });
      form.resetFields();
      onAdded(training);
    } catch (e) {
      const field = fieldOfError(e, TRAINING_FIELDS);
      if (field) form.setFields([{ name: field, errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<TrainingValues>
      form={form}
      name="add-training"
      layout="vertical"
      initialValues={{ hasSignInSheet: false, hasQuiz: false, attendees: [] }}
      onFinish={(v) => void submit(v)}
    >
      <Row gutter={12}>
        <Col xs={24} md={8} lg={4}>
          <Form.Item name="heldOn" label={t('rules.trainings.heldOn')} rules={[{ required: true, message: t('rules.trainings.heldOnRequired') }]}>
            <DatePicker data-testid="training-add-heldOn" format={DATE} onKeyDown={confirmOnly} style={{ width: '100%' }} />
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
