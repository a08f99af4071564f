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
  addDisclosure,
  deleteDisclosure,
  enumKey,
  listDisclosures,
  localizeError,
  RECIPIENT_KINDS,
  toAppError,
  updateDisclosure,
  type Disclosure,
  type DisclosureField,
  type RecipientKind,
  type SecretPoint,
} from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';

type Props = {
  enterpriseId: string;
  /** The enterprise's secret points, to choose the one provided. */
  points: SecretPoint[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

const DAY = 'YYYY-MM-DD';

/** Extra props (data-*) that antd's prop types do not list. */
const testProps = (props: Record<string, string | number>) => props as object;

/** Enter confirms a typed date in the picker; it must not also submit a half-filled form. */
const keepEnterInPicker = (e: React.KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};

const FIELDS: readonly DisclosureField[] = ['pointId', 'recipient', 'recipientKind', 'ndaRef', 'disclosedOn', 'purpose'];

/**
 * The field a refusal of the core belongs beside: an unknown secret point is the point's; a
 * FIELD_INVALID names the field by its Chinese label (`safeguards.disclosure.coreLabel.*` in zh-CN).
 */
function fieldOfError(error: unknown): DisclosureField | undefined {
  const e = toAppError(error);
  if (e.code === 'SECRET_POINT_NOT_FOUND') return 'pointId';
  const label = e.params.field;
  if (typeof label !== 'string') return undefined;
  const zh = i18n.getFixedT('zh-CN');
  return FIELDS.find((f) => zh(`safeguards.disclosure.coreLabel.${f}`) === label);
}

/** Oldest first, as the core lists them. */
const byDate = (a: Disclosure, b: Disclosure) => a.disclosedOn.localeCompare(b.disclosedOn) || a.id - b.id;

const pointLabel = (p: SecretPoint) => `${p.code} ${p.name}`;

/**
 * The disclosure log: every time a secret point is provided to an outsider, to whom, under which
 * NDA, when and what for; a disclosure without an NDA is pointed out.
 */
export default function DisclosuresStep({ enterpriseId, points, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<Disclosure[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  // The log decides derived criteria of this step: read the criteria again after a change.
  const [criteriaKey, setCriteriaKey] = useState(0);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setItems(await listDisclosures(enterpriseId));
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

  const saved = (item: Disclosure) => {
    setItems((list) => (list ?? []).map((x) => (x.id === item.id ? item : x)).sort(byDate));
    changed();
  };

  async function remove(item: Disclosure) {
    try {
      await deleteDisclosure(item.id);
      setItems((list) => (list ?? []).filter((x) => x.id !== item.id));
      if (editingId === item.id) setEditingId(null);
      void message.success(t('safeguards.disclosure.deleted', { recipient: item.recipient, code: item.pointCode }));
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
        data-testid="disclosure-load-error"
        message={t('common.loadFailed')}
        description={loadError}
        action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (items === null) return <Spin />;

  const names = new Map(points.map((p) => [p.id, p.name]));
  const f = (field: DisclosureField | 'actions') => (field === 'actions' ? t('safeguards.actions') : t(`safeguards.disclosure.field.${field}`));
  const columns: TableColumnsType<Disclosure> = [
    {
      title: f('pointId'),
      key: 'pointId',
      width: 150,
      ellipsis: { showTitle: false },
      render: (_: unknown, x) => {
        const text = [x.pointCode, names.get(x.pointId) ?? ''].join(' ').trim();
        return (
          <Tooltip title={text}>
            <span data-testid="disclosure-row-point">{text}</span>
          </Tooltip>
        );
      },
    },
    { title: f('recipient'), dataIndex: 'recipient', key: 'recipient', ellipsis: true },
    {
      title: f('recipientKind'),
      key: 'recipientKind',
      width: 100,
      ellipsis: true,
      render: (_: unknown, x) => t(enumKey('recipientKind', x.recipientKind)),
    },
    {
      title: f('ndaRef'),
      key: 'ndaRef',
      width: 130,
      ellipsis: true,
      render: (_: unknown, x) =>
        x.hasNda ? (
          x.ndaRef
        ) : (
          <Tag color="red" data-testid="disclosure-no-nda">
            {t('safeguards.disclosure.noNda')}
          </Tag>
        ),
    },
    { title: f('disclosedOn'), dataIndex: 'disclosedOn', key: 'disclosedOn', width: 104 },
    { title: f('purpose'), dataIndex: 'purpose', key: 'purpose', ellipsis: true },
    {
      title: f('actions'),
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
              data-testid="disclosure-edit"
              onClick={() => setEditingId(x.id)}
            />
          </Tooltip>
          <Popconfirm
            title={t('safeguards.disclosure.deleteConfirm', { recipient: x.recipient, code: x.pointCode })}
            okText={t('safeguards.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'disclosure-delete-confirm' }) }}
            onConfirm={() => remove(x)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('safeguards.delete')} data-testid="disclosure-delete" />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const withoutNda = items.filter((x) => !x.hasNda).length;
  const editing = items.find((x) => x.id === editingId) ?? null;
  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="disclosure-step">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="disclosure-intro">
        {t('safeguards.disclosure.intro')}
      </Typography.Paragraph>
      {withoutNda > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="disclosure-no-nda-warning"
          data-count={withoutNda}
          message={t('safeguards.disclosure.noNdaWarning', { count: withoutNda })}
        />
      )}

      <Card size="small" title={t('safeguards.disclosure.title')} data-testid="disclosure-register">
        <Table<Disclosure>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('safeguards.disclosure.empty') }}
          onRow={(x) => testProps({ 'data-testid': 'disclosure-row', 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        {points.length === 0 && (
          <Alert type="info" showIcon data-testid="disclosure-no-points" message={t('safeguards.disclosure.noPoints')} style={{ marginBottom: 12 }} />
        )}
        <AddForm
          enterpriseId={enterpriseId}
          points={points}
          onAdded={(item) => {
            setItems((list) => [...(list ?? []), item].sort(byDate));
            void message.success(t('safeguards.disclosure.added', { recipient: item.recipient, code: item.pointCode }));
            changed();
          }}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('safeguards.criteria')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D8" onChanged={onChanged} reloadKey={criteriaKey} />

      {editing && <EditDrawer key={editing.id} item={editing} points={points} onClose={() => setEditingId(null)} onSaved={saved} />}
    </Space>
  );
}

/** The options of the secret-point select: by code and name; a point not in the list as its code. */
function pointOptions(points: SecretPoint[], stored?: { id: number; code: string }) {
  const options = points.map((p) => ({ value: String(p.id), label: pointLabel(p) }));
  if (stored && !points.some((p) => p.id === stored.id)) options.push({ value: String(stored.id), label: stored.code });
  return options;
}

const kindOptions = (t: (key: string) => string) => RECIPIENT_KINDS.map((r) => ({ value: r, label: t(enumKey('recipientKind', r)) }));

/** A DatePicker inside an antd Form.Item (which passes value and onChange as dayjs). */
function FormDate({ testId, ...props }: Omit<DatePickerProps, 'format' | 'picker'> & { testId: string }) {
  return <DatePicker {...props} data-testid={testId} format={DAY} className="full-width" onKeyDown={keepEnterInPicker} />;
}

type Values = {
  pointId?: string;
  recipient?: string;
  recipientKind?: RecipientKind;
  ndaRef?: string;
  disclosedOn?: Dayjs | null;
  purpose?: string;
};

/** Records a disclosure; the NDA number may be left empty, which marks the record. */
function AddForm({ enterpriseId, points, onAdded }: { enterpriseId: string; points: SecretPoint[]; onAdded: (item: Disclosure) => void }) {
  const { t } = useTranslation();
  const d = (key: string) => t(`safeguards.disclosure.${key}`);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const item = await addDisclosure({
        enterpriseId,
        pointId: Number(v.pointId),
        recipient: (v.recipient ?? '').trim(),
        recipientKind: v.recipientKind as RecipientKind,
        ndaRef: (v.ndaRef ?? '').trim(),
        disclosedOn: v.disclosedOn ? v.disclosedOn.format(DAY) : '',
        purpose: (v.purpose ?? '').trim(),
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
    <Form<Values> form={form} name="add-disclosure" layout="vertical" onFinish={(v) => void submit(v)}>
      <Row gutter={12}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="pointId" label={d('field.pointId')} rules={[{ required: true, message: d('pointRequired') }]}>
            <TestIdSelect
              testId="disclosure-add-point"
              showSearch
              optionFilterProp="label"
              placeholder={d('pointPlaceholder')}
              options={pointOptions(points)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={10}>
          <Form.Item name="recipient" label={d('field.recipient')} rules={[{ required: true, whitespace: true, message: d('recipientRequired') }]}>
            <Input data-testid="disclosure-add-recipient" placeholder={d('recipientPlaceholder')} maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={6}>
          <Form.Item name="recipientKind" label={d('field.recipientKind')} rules={[{ required: true, message: d('kindRequired') }]}>
            <TestIdSelect testId="disclosure-add-kind" options={kindOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={7}>
          <Form.Item name="ndaRef" label={d('field.ndaRef')}>
            <Input data-testid="disclosure-add-nda" placeholder={d('ndaPlaceholder')} maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={5}>
          <Form.Item name="disclosedOn" label={d('field.disclosedOn')} rules={[{ required: true, message: d('dateRequired') }]}>
            <FormDate testId="disclosure-add-date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={12}>
          <Form.Item name="purpose" label={d('field.purpose')}>
            <Input data-testid="disclosure-add-purpose" placeholder={d('purposePlaceholder')} maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="disclosure-add-submit">
        {d('add')}
      </Button>
      {error && <Alert type="error" showIcon message={error} data-testid="disclosure-add-error" style={{ marginTop: 12 }} />}
    </Form>
  );
}

/**
 * A DatePicker over a date string: reports the new value once, and keeps showing the value
 * picked while it is saved and after a refusal, until the stored value changes.
 */
function DateInput({ value, onChange, testId }: { value: string; onChange: (value: string) => void; testId: string }) {
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  const parsed = shown ? dayjs(shown) : null;
  return (
    <DatePicker
      data-testid={testId}
      format={DAY}
      allowClear={false}
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

/** Every field of a disclosure, each saved by itself: text after a pause, the rest at once. */
function EditDrawer({
  item,
  points,
  onClose,
  onSaved,
}: {
  item: Disclosure;
  points: SecretPoint[];
  onClose: () => void;
  onSaved: (item: Disclosure) => void;
}) {
  const { t } = useTranslation();
  const label = (field: DisclosureField) => t(`safeguards.disclosure.field.${field}`);
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Partial<Record<DisclosureField, string>>>({});

  const store = async (field: DisclosureField, value: string) => onSaved(await updateDisclosure(item.id, field, value));

  async function save(field: DisclosureField, value: string) {
    setState('saving');
    try {
      await store(field, value);
      setErrors((e) => ({ ...e, [field]: undefined }));
      setState('saved');
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: localizeError(error) }));
      setState('idle');
    }
  }

  const text = (field: 'recipient' | 'ndaRef' | 'purpose', placeholder: string) => (
    <AutosaveField
      key={`${item.id}-${field}`}
      label={label(field)}
      stored={item[field]}
      testId={`disclosure-edit-${field}`}
      placeholder={placeholder}
      onState={setState}
      onSave={(v) => store(field, v)}
    />
  );
  const other = (field: DisclosureField, control: React.ReactNode) => (
    <Form.Item label={label(field)} required validateStatus={errors[field] ? 'error' : undefined} help={errors[field]}>
      {control}
    </Form.Item>
  );

  return (
    <Drawer
      open
      width={480}
      title={t('safeguards.disclosure.editTitle')}
      onClose={onClose}
      extra={<SaveIndicator state={state} testId="disclosure-save-state" />}
    >
      <div data-testid="disclosure-drawer" data-id={item.id}>
        <Typography.Paragraph type="secondary">{t('safeguards.autosave')}</Typography.Paragraph>
        <Form layout="vertical">
          {other(
            'pointId',
            <TestIdSelect
              testId="disclosure-edit-pointId"
              showSearch
              optionFilterProp="label"
              value={String(item.pointId)}
              onChange={(v: string) => void save('pointId', v)}
              options={pointOptions(points, { id: item.pointId, code: item.pointCode })}
            />,
          )}
          {text('recipient', t('safeguards.disclosure.recipientPlaceholder'))}
          {other(
            'recipientKind',
            <TestIdSelect
              testId="disclosure-edit-recipientKind"
              value={item.recipientKind}
              onChange={(v: string) => void save('recipientKind', v)}
              options={kindOptions(t)}
            />,
          )}
          {text('ndaRef', t('safeguards.disclosure.ndaPlaceholder'))}
          {other('disclosedOn', <DateInput testId="disclosure-edit-disclosedOn" value={item.disclosedOn} onChange={(v) => void save('disclosedOn', v)} />)}
          {text('purpose', t('safeguards.disclosure.purposePlaceholder'))}
        </Form>
      </div>
    </Drawer>
  );
}
