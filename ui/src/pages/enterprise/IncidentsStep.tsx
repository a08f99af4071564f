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
  type DatePickerProps,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import {
  addIncident,
  deleteIncident,
  enumKey,
  listIncidents,
  localizeError,
  setIncidentPoints,
  SEVERITIES,
  toAppError,
  updateIncident,
  type Incident,
  type IncidentField,
  type IncidentSeverity,
  type SecretPoint,
} from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';

type Props = {
  enterpriseId: string;
  /** The enterprise's secret points, to choose those an incident concerns. */
  points: SecretPoint[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

const DAY = 'YYYY-MM-DD';

/** Ordinary, then major (the order of the bindings' enum). */
const [ORDINARY, MAJOR] = SEVERITIES;

/** The measures taken, as switches, in the order shown. */
const MEASURES = ['evidencePreserved', 'preservationOrder', 'complaint', 'policeReport'] as const;
type Measure = (typeof MEASURES)[number];

/** Extra props (data-*) that antd's prop types do not list. */
const testProps = (props: Record<string, string | number>) => props as object;

/** Enter confirms a typed date in the picker; it must not also submit a half-filled form. */
const keepEnterInPicker = (e: React.KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};

/** A form field of the add form or the drawer: the editable fields plus the secret points. */
type Field = IncidentField | 'pointIds';

const FIELDS: readonly IncidentField[] = [
  'occurredOn',
  'severity',
  'description',
  'evidencePreserved',
  'preservationOrder',
  'complaint',
  'policeReport',
  'outcome',
  'handledOn',
];

/**
 * The field a refusal of the core belongs beside: an unknown secret point is the points'; a
 * FIELD_INVALID names the field by its Chinese label (`safeguards.incident.coreLabel.*` in zh-CN).
 */
function fieldOfError(error: unknown): Field | undefined {
  const e = toAppError(error);
  if (e.code === 'SECRET_POINT_NOT_FOUND') return 'pointIds';
  const label = e.params.field;
  if (typeof label !== 'string') return undefined;
  const zh = i18n.getFixedT('zh-CN');
  return FIELDS.find((f) => zh(`safeguards.incident.coreLabel.${f}`) === label);
}

/** Oldest first, as the core lists them. */
const byDate = (a: Incident, b: Incident) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id;

/** A major incident whose handling has no completion date yet. */
const isOpenMajor = (x: Incident) => x.severity === MAJOR && !x.handledOn;

const pointOptions = (points: SecretPoint[]) => points.map((p) => ({ value: String(p.id), label: `${p.code} ${p.name}` }));

const severityOptions = (t: (key: string) => string) => SEVERITIES.map((s) => ({ value: s, label: t(enumKey('severity', s)) }));

/**
 * The incidents (leaks or suspected infringements of the trade secrets): what happened, which
 * secret points, the measures taken and how it ended; a major incident not yet handled is pointed out.
 */
export default function IncidentsStep({ enterpriseId, points, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<Incident[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  // The register decides derived criteria of this step: read the criteria again after a change.
  const [criteriaKey, setCriteriaKey] = useState(0);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setItems(await listIncidents(enterpriseId));
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, [enterpriseId]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = () => {
    setCriteriaKey((n) => n + 1);
    onChanged?.();
  };

  const saved = (item: Incident) => {
    setItems((list) => (list ?? []).map((x) => (x.id === item.id ? item : x)).sort(byDate));
    changed();
  };

  async function remove(item: Incident) {
    try {
      await deleteIncident(item.id);
      setItems((list) => (list ?? []).filter((x) => x.id !== item.id));
      if (editingId === item.id) setEditingId(null);
      void message.success(t('safeguards.incident.deleted', { date: item.occurredOn }));
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
        data-testid="incident-load-error"
        message={t('common.loadFailed')}
        description={loadError}
        action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (items === null) return <Spin />;

  const f = (field: string) => t(`safeguards.incident.field.${field}`);
  const columns: TableColumnsType<Incident> = [
    { title: f('occurredOn'), dataIndex: 'occurredOn', key: 'occurredOn', width: 104 },
    {
      title: f('severity'),
      key: 'severity',
      width: 80,
      render: (_: unknown, x) => (
        <Tag color={x.severity === MAJOR ? 'red' : undefined} data-testid="incident-severity" data-severity={x.severity === MAJOR ? 'major' : 'ordinary'}>
          {t(enumKey('severity', x.severity))}
        </Tag>
      ),
    },
    { title: f('description'), dataIndex: 'description', key: 'description', ellipsis: true },
    {
      title: f('pointIds'),
      key: 'pointIds',
      width: 120,
      ellipsis: true,
      render: (_: unknown, x) => <span data-testid="incident-row-points">{x.pointCodes.join(t('common.listSeparator'))}</span>,
    },
    {
      title: f('measures'),
      key: 'measures',
      width: 150,
      ellipsis: { showTitle: false },
      render: (_: unknown, x) => {
        const taken = MEASURES.filter((m) => x[m]);
        if (taken.length === 0) return <Typography.Text type="secondary">{t('safeguards.incident.measuresNone')}</Typography.Text>;
        return (
          <Tooltip title={taken.map((m) => f(m)).join(t('common.listSeparator'))}>
            <span data-testid="incident-row-measures">{taken.map((m) => t(`safeguards.incident.short.${m}`)).join(t('common.listSeparator'))}</span>
          </Tooltip>
        );
      },
    },
    {
      title: f('handledOn'),
      key: 'handledOn',
      width: 110,
      render: (_: unknown, x) =>
        x.handledOn ? (
          x.handledOn
        ) : (
          <Tag color={x.severity === MAJOR ? 'red' : 'warning'} data-testid="incident-row-unhandled">
            {t('safeguards.incident.unhandledTag')}
          </Tag>
        ),
    },
    {
      title: t('safeguards.actions'),
      key: 'actions',
      width: 88,
      render: (_: unknown, x) => (
        <Space size={0}>
          <Tooltip title={t('safeguards.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('safeguards.edit')}
              data-testid="incident-edit"
              onClick={() => setEditingId(x.id)}
            />
          </Tooltip>
          <Popconfirm
            title={t('safeguards.incident.deleteConfirm', { date: x.occurredOn })}
            okText={t('safeguards.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'incident-delete-confirm' }) }}
            onConfirm={() => remove(x)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('safeguards.delete')} data-testid="incident-delete" />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const unhandled = items.filter(isOpenMajor).length;
  const editing = items.find((x) => x.id === editingId) ?? null;
  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="incident-step">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="incident-intro">
        {t('safeguards.incident.intro')}
      </Typography.Paragraph>
      {unhandled > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="incident-unhandled"
          data-count={unhandled}
          message={t('safeguards.incident.unhandled', { count: unhandled })}
        />
      )}

      <Card size="small" title={t('safeguards.incident.title')} data-testid="incident-register">
        <Table<Incident>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('safeguards.incident.empty') }}
          onRow={(x) => testProps({ 'data-testid': 'incident-row', 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddForm
          enterpriseId={enterpriseId}
          points={points}
          onAdded={(item) => {
            setItems((list) => [...(list ?? []), item].sort(byDate));
            void message.success(t('safeguards.incident.added', { date: item.occurredOn }));
            changed();
          }}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('safeguards.criteria')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D9" onChanged={onChanged} reloadKey={criteriaKey} />

      {editing && <EditDrawer key={editing.id} item={editing} points={points} onClose={() => setEditingId(null)} onSaved={saved} />}
    </Space>
  );
}

/** A DatePicker inside an antd Form.Item (which passes value and onChange as dayjs). */
function FormDate({ testId, ...props }: Omit<DatePickerProps, 'format' | 'picker'> & { testId: string }) {
  return <DatePicker {...props} data-testid={testId} format={DAY} className="full-width" onKeyDown={keepEnterInPicker} />;
}

type Values = {
  occurredOn?: Dayjs | null;
  severity: IncidentSeverity;
  description?: string;
  pointIds?: string[];
  evidencePreserved?: boolean;
  preservationOrder?: boolean;
  complaint?: boolean;
  policeReport?: boolean;
  outcome?: string;
  handledOn?: Dayjs | null;
};

/** Records an incident: date and description are required, the rest may follow later. */
function AddForm({ enterpriseId, points, onAdded }: { enterpriseId: string; points: SecretPoint[]; onAdded: (item: Incident) => void }) {
  const { t } = useTranslation();
  const i = (key: string) => t(`safeguards.incident.${key}`);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const item = await addIncident({
        enterpriseId,
        occurredOn: v.occurredOn ? v.occurredOn.format(DAY) : '',
        severity: v.severity,
        description: (v.description ?? '').trim(),
        pointIds: (v.pointIds ?? []).map(Number),
        evidencePreserved: v.evidencePreserved ?? false,
        preservationOrder: v.preservationOrder ?? false,
        complaint: v.complaint ?? false,
        policeReport: v.policeReport ?? false,
        outcome: (v.outcome ?? '').trim(),
        handledOn: v.handledOn ? v.handledOn.format(DAY) : '',
      });
      form.resetFields();
      onAdded(item);
    } catch (e) {
      const field = fieldOfError(e);
      if (field) form.setFields([{ name: field, errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<Values>
      form={form}
      name="add-incident"
      layout="vertical"
      initialValues={{
        severity: ORDINARY,
        pointIds: [],
        evidencePreserved: false,
        preservationOrder: false,
        complaint: false,
        policeReport: false,
      }}
      onFinish={(v) => void submit(v)}
    >
      <Row gutter={12}>
        <Col xs={12} md={6} lg={5}>
          <Form.Item name="occurredOn" label={i('field.occurredOn')} rules={[{ required: true, message: i('occurredOnRequired') }]}>
            <FormDate testId="incident-add-occurredOn" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Form.Item name="severity" label={i('field.severity')}>
            <TestIdSelect testId="incident-add-severity" options={severityOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={15}>
          <Form.Item name="pointIds" label={i('field.pointIds')}>
            <TestIdSelect
              testId="incident-add-points"
              mode="multiple"
              allowClear
              showSearch
              optionFilterProp="label"
              maxTagCount="responsive"
              placeholder={i('pointsPlaceholder')}
              options={pointOptions(points)}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="description"
            label={i('field.description')}
            rules={[{ required: true, whitespace: true, message: i('descriptionRequired') }]}
          >
            <Input.TextArea
              data-testid="incident-add-description"
              placeholder={i('descriptionPlaceholder')}
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={2000}
            />
          </Form.Item>
        </Col>
        {MEASURES.map((m) => (
          <Col key={m} xs={12} lg={6}>
            <Form.Item name={m} label={i(`field.${m}`)} valuePropName="checked">
              <Switch data-testid={`incident-add-${m}`} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={16} lg={18}>
          <Form.Item name="outcome" label={i('field.outcome')}>
            <Input data-testid="incident-add-outcome" placeholder={i('outcomePlaceholder')} maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} lg={6}>
          <Form.Item name="handledOn" label={i('field.handledOn')}>
            <FormDate testId="incident-add-handledOn" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="incident-add-submit">
        {i('add')}
      </Button>
      {error && <Alert type="error" showIcon message={error} data-testid="incident-add-error" style={{ marginTop: 12 }} />}
    </Form>
  );
}

/**
 * A DatePicker over a date string: reports the new value once ('' when cleared), and keeps
 * showing the value picked while it is saved and after a refusal, until the stored value changes.
 */
function DateInput({
  value,
  onChange,
  testId,
  allowClear,
}: {
  value: string | null;
  onChange: (value: string) => void;
  testId: string;
  allowClear: boolean;
}) {
  const [shown, setShown] = useState(value ?? '');
  useEffect(() => setShown(value ?? ''), [value]);
  const parsed = shown ? dayjs(shown) : null;
  return (
    <DatePicker
      data-testid={testId}
      format={DAY}
      allowClear={allowClear}
      className="full-width"
      value={parsed && parsed.isValid() ? parsed : null}
      onKeyDown={keepEnterInPicker}
      onChange={(v: Dayjs | null) => {
        const next = v ? v.format(DAY) : '';
        // The picker may report one choice twice (on Enter and again as it closes).
        if (next === shown) return;
        setShown(next);
        onChange(next);
      }}
    />
  );
}

/**
 * Every field of an incident, each saved by itself: text after a pause, the rest at once; the
 * secret points concerned are replaced as a whole on every change.
 */
function EditDrawer({
  item,
  points,
  onClose,
  onSaved,
}: {
  item: Incident;
  points: SecretPoint[];
  onClose: () => void;
  onSaved: (item: Incident) => void;
}) {
  const { t } = useTranslation();
  const label = (field: Field) => t(`safeguards.incident.field.${field}`);
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // The points chosen stay shown while they are saved and after a refusal.
  const storedPoints = item.pointIds.map(String);
  const [chosen, setChosen] = useState<string[]>(storedPoints);
  const storedKey = storedPoints.join(',');
  useEffect(() => setChosen(storedKey ? storedKey.split(',') : []), [storedKey]);

  async function run(field: Field, write: () => Promise<Incident>) {
    setState('saving');
    try {
      onSaved(await write());
      setErrors((e) => ({ ...e, [field]: undefined }));
      setState('saved');
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: localizeError(error) }));
      setState('idle');
    }
  }

  const save = (field: IncidentField, value: string) => run(field, () => updateIncident(item.id, field, value));

  const text = (field: 'description' | 'outcome', placeholder: string) => (
    <AutosaveField
      key={`${item.id}-${field}`}
      label={label(field)}
      stored={item[field]}
      testId={`incident-edit-${field}`}
      placeholder={placeholder}
      area
      onState={setState}
      onSave={async (v) => onSaved(await updateIncident(item.id, field, v))}
    />
  );
  const other = (field: Field, control: React.ReactNode, required = false) => (
    <Form.Item label={label(field)} required={required} validateStatus={errors[field] ? 'error' : undefined} help={errors[field]}>
      {control}
    </Form.Item>
  );

  // Points no longer in the list are still shown, by their code.
  const options = pointOptions(points);
  item.pointIds.forEach((id, n) => {
    if (!points.some((p) => p.id === id)) options.push({ value: String(id), label: item.pointCodes[n] ?? String(id) });
  });

  return (
    <Drawer
      open
      width={560}
      title={t('safeguards.incident.editTitle')}
      onClose={onClose}
      extra={<SaveIndicator state={state} testId="incident-save-state" />}
    >
      <div data-testid="incident-drawer" data-id={item.id}>
        <Typography.Paragraph type="secondary">{t('safeguards.autosave')}</Typography.Paragraph>
        <Form layout="vertical">
          <Row gutter={12}>
            <Col span={12}>
              {other(
                'occurredOn',
                <DateInput
                  testId="incident-edit-occurredOn"
                  value={item.occurredOn}
                  allowClear={false}
                  onChange={(v) => void save('occurredOn', v)}
                />,
                true,
              )}
            </Col>
            <Col span={12}>
              {other(
                'severity',
                <TestIdSelect
                  testId="incident-edit-severity"
                  value={item.severity}
                  onChange={(v: string) => void save('severity', v)}
                  options={severityOptions(t)}
                />,
              )}
            </Col>
          </Row>
          {text('description', t('safeguards.incident.descriptionPlaceholder'))}
          {other(
            'pointIds',
            <TestIdSelect
              testId="incident-edit-points"
              mode="multiple"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('safeguards.incident.pointsPlaceholder')}
              // TestIdSelect is typed for one value; in multiple mode antd takes and gives a list.
              value={chosen as unknown as string}
              onChange={(v: string | string[]) => {
                const next = Array.isArray(v) ? v : [v];
                setChosen(next);
                void run('pointIds', () => setIncidentPoints(item.id, next.map(Number)));
              }}
              options={options}
            />,
          )}
          <Row gutter={12}>
            {MEASURES.map((m: Measure) => (
              <Col key={m} span={12}>
                {other(m, <Switch data-testid={`incident-edit-${m}`} checked={item[m]} onChange={(v) => void save(m, String(v))} />)}
              </Col>
            ))}
          </Row>
          {text('outcome', t('safeguards.incident.outcomePlaceholder'))}
          {other(
            'handledOn',
            <DateInput testId="incident-edit-handledOn" value={item.handledOn} allowClear onChange={(v) => void save('handledOn', v)} />,
          )}
        </Form>
      </div>
    </Drawer>
  );
}
