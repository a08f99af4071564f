import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
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
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addIncident,
  deleteIncident,
  enumKey,
  listIncidents,
  setIncidentPoints,
  SEVERITIES,
  updateIncident,
  type Incident,
  type IncidentField,
  type IncidentSeverity,
  type RegisterRow,
} from '../../services';
import AutosaveField from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';
import {
  DateInput,
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
  /** The enterprise's secret points, to choose those an incident concerns. */
  points: RegisterRow[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/** The measures taken, as switches, in the order shown. */
const MEASURES = ['evidencePreserved', 'preservationOrder', 'complaint', 'policeReport'] as const;
type Measure = (typeof MEASURES)[number];

/** A form field of the add form or the drawer: the editable fields plus the secret points. */
type Field = IncidentField | 'pointIds';

/** Oldest first, as the core lists them. */
const byDate = (a: Incident, b: Incident) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id;

const pointOptions = (points: RegisterRow[]) => points.map((p) => ({ value: String(p.id), label: `${p.code} ${p.name}` }));

const severityOptions = (t: (key: string) => string) => SEVERITIES.map((s) => ({ value: s, label: t(enumKey('severity', s)) }));

/**
 * The incidents (leaks or suspected infringements of the trade secrets): what happened, which
 * secret points, the measures taken and how it ended; a major incident not yet handled is pointed out.
 */
export default function IncidentsStep({ enterpriseId, points, onChanged }: Props) {
  const { t } = useTranslation();
  // The register decides derived criteria of this step: read the criteria again after a change.
  const { criteriaKey, changed } = useStepChanged(onChanged);
  const register = useRegisterList<Incident>(changed, byDate);
  const { loadError, reload } = useLoad(async () => register.set(await listIncidents(enterpriseId)), [enterpriseId]);

  if (loadError) return <LoadFailed testId="incident-load-error" error={loadError} onRetry={reload} />;
  if (register.items === null) return <Spin />;

  const f = (field: string) => t(`safeguards.incident.field.${field}`);
  const columns: TableColumnsType<Incident> = [
    { title: f('occurredOn'), dataIndex: 'occurredOn', key: 'occurredOn', width: 104 },
    {
      title: f('severity'),
      key: 'severity',
      width: 80,
      render: (_: unknown, x) => (
        <Tag color={x.severity === 'major' ? 'red' : undefined} data-testid="incident-severity" data-severity={x.severity}>
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
          <Tag color={x.openMajor ? 'red' : 'warning'} data-testid="incident-row-unhandled" data-open-major={String(x.openMajor)}>
            {t('safeguards.incident.unhandledTag')}
          </Tag>
        ),
    },
    {
      title: t('safeguards.actions'),
      key: 'actions',
      width: 88,
      render: (_: unknown, x) => (
        <RowActions
          testId="incident"
          editLabel={t('safeguards.edit')}
          deleteLabel={t('safeguards.delete')}
          confirm={t('safeguards.incident.deleteConfirm', { date: x.occurredOn })}
          onEdit={() => register.edit(x.id)}
          onDelete={() => register.remove(x, () => deleteIncident(x.id), t('safeguards.incident.deleted', { date: x.occurredOn }))}
        />
      ),
    },
  ];

  // The core says which incidents are major and not yet handled (they hold the results back).
  const unhandled = register.items.filter((x) => x.openMajor).length;
  const editing = register.editing;
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
          dataSource={register.items}
          pagination={false}
          locale={{ emptyText: t('safeguards.incident.empty') }}
          onRow={(x) => testProps({ 'data-testid': 'incident-row', 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddForm
          enterpriseId={enterpriseId}
          points={points}
          onAdded={(item) => register.added(item, t('safeguards.incident.added', { date: item.occurredOn }))}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('criteria.heading')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D9" onChanged={onChanged} reloadKey={criteriaKey} />

      {editing && <IncidentDrawer key={editing.id} item={editing} points={points} onClose={() => register.edit(null)} onSaved={register.saved} />}
    </Space>
  );
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
function AddForm({ enterpriseId, points, onAdded }: { enterpriseId: string; points: RegisterRow[]; onAdded: (item: Incident) => void }) {
  const { t } = useTranslation();
  const i = (key: string) => t(`safeguards.incident.${key}`);
  const { form, saving, error, submit } = useAddForm<Values>({ SECRET_POINT_NOT_FOUND: 'pointIds' });

  const add = (v: Values) =>
    submit(async () => {
      const item = await addIncident({
        enterpriseId,
        occurredOn: toDay(v.occurredOn) ?? '',
        severity: v.severity,
        description: (v.description ?? '').trim(),
        pointIds: (v.pointIds ?? []).map(Number),
        evidencePreserved: v.evidencePreserved ?? false,
        preservationOrder: v.preservationOrder ?? false,
        complaint: v.complaint ?? false,
        policeReport: v.policeReport ?? false,
        outcome: (v.outcome ?? '').trim(),
        handledOn: toDay(v.handledOn) ?? '',
      });
      form.resetFields();
      onAdded(item);
    });

  return (
    <Form<Values>
      form={form}
      name="add-incident"
      layout="vertical"
      initialValues={{
        severity: 'ordinary',
        pointIds: [],
        evidencePreserved: false,
        preservationOrder: false,
        complaint: false,
        policeReport: false,
      }}
      onFinish={(v) => void add(v)}
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
 * Every field of an incident, each saved by itself: text after a pause, the rest at once; the
 * secret points concerned are replaced as a whole on every change.
 */
function IncidentDrawer({
  item,
  points,
  onClose,
  onSaved,
}: {
  item: Incident;
  points: RegisterRow[];
  onClose: () => void;
  onSaved: (item: Incident) => void;
}) {
  const { t } = useTranslation();
  const label = (field: Field) => t(`safeguards.incident.field.${field}`);
  const { state, errors, run, save, autosave } = useFieldSaves<IncidentField, 'pointIds'>(async (field, value) =>
    onSaved(await updateIncident(item.id, field, value)),
  );
  // The points chosen stay shown while they are saved and after a refusal.
  const storedPoints = item.pointIds.map(String);
  const [chosen, setChosen] = useState<string[]>(storedPoints);
  const storedKey = storedPoints.join(',');
  useEffect(() => setChosen(storedKey ? storedKey.split(',') : []), [storedKey]);

  const text = (field: 'description' | 'outcome', placeholder: string) => (
    <AutosaveField
      key={`${item.id}-${field}`}
      label={label(field)}
      stored={item[field]}
      testId={`incident-edit-${field}`}
      placeholder={placeholder}
      area
      {...autosave(field)}
    />
  );
  const other = (field: Field, control: React.ReactNode, required = false) => (
    <SavedField label={label(field)} required={required} error={errors[field]}>
      {control}
    </SavedField>
  );

  // Points no longer in the list are still shown, by their code.
  const options = pointOptions(points);
  item.pointIds.forEach((id, n) => {
    if (!points.some((p) => p.id === id)) options.push({ value: String(id), label: item.pointCodes[n] ?? String(id) });
  });

  return (
    <EditDrawer
      testId="incident"
      id={item.id}
      width={560}
      title={t('safeguards.incident.editTitle')}
      intro={t('safeguards.autosave')}
      state={state}
      onClose={onClose}
    >
      <Row gutter={12}>
        <Col span={12}>
          {other(
            'occurredOn',
            <DateInput testId="incident-edit-occurredOn" value={item.occurredOn} allowClear={false} onChange={(v) => void save('occurredOn', v)} />,
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
            void run('pointIds', async () => onSaved(await setIncidentPoints(item.id, next.map(Number))));
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
    </EditDrawer>
  );
}
