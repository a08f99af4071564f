import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
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
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import {
  addAreaOrSystem,
  deleteAreaOrSystem,
  listAreasOrSystems,
  localizeError,
  toAppError,
  updateAreaOrSystem,
  type AreaKind,
  type AreaOrSystem,
  type AreaOrSystemField,
} from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';

type Props = {
  enterpriseId: string;
  /** Which register: secret areas (criteria domain D6) or information systems (D7). */
  kind: AreaKind;
  /** The enterprise's level scheme, highest first. */
  levels: string[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/** Extra props (data-*) that antd's prop types do not list. */
const testProps = (props: Record<string, string | number>) => props as object;

const FIELDS: readonly AreaOrSystemField[] = ['name', 'level', 'accessRule', 'hasSigns'];

/**
 * The field a refusal of the core belongs beside: LEVEL_UNKNOWN is the level's; FIELD_INVALID
 * names the field by its Chinese label, kept in the zh-CN locale as `safeguards.<kind>.coreLabel.*`.
 */
function fieldOfError(error: unknown, kind: AreaKind): AreaOrSystemField | undefined {
  const e = toAppError(error);
  if (e.code === 'LEVEL_UNKNOWN') return 'level';
  const label = e.params.field;
  if (typeof label !== 'string') return undefined;
  const zh = i18n.getFixedT('zh-CN');
  return FIELDS.find((f) => zh(`safeguards.${kind}.coreLabel.${f}`) === label);
}

/** A level no longer in the scheme is still offered as stored. */
const levelOptions = (levels: string[], stored?: string) =>
  [...levels, ...(stored && !levels.includes(stored) ? [stored] : [])].map((l) => ({ value: l, label: l }));

/**
 * The secret areas (rooms where secret points are kept or handled) or the information systems
 * (where they are stored): one register each, of the same shape, with the step's criteria below.
 */
export default function AreaSystemStep({ enterpriseId, kind, levels, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<AreaOrSystem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  // The register decides derived criteria of this step: read the criteria again after a change.
  const [criteriaKey, setCriteriaKey] = useState(0);
  const k = (key: string, params?: Record<string, unknown>) => t(`safeguards.${kind}.${key}`, params);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setItems(await listAreasOrSystems(kind, enterpriseId));
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, [kind, enterpriseId]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = () => {
    setCriteriaKey((n) => n + 1);
    onChanged?.();
  };

  const saved = (item: AreaOrSystem) => {
    setItems((list) => (list ?? []).map((x) => (x.id === item.id ? item : x)));
    changed();
  };

  async function remove(item: AreaOrSystem) {
    try {
      await deleteAreaOrSystem(kind, item.id);
      setItems((list) => (list ?? []).filter((x) => x.id !== item.id));
      if (editingId === item.id) setEditingId(null);
      void message.success(k('deleted', { name: item.name }));
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
        data-testid={`${kind}-load-error`}
        message={t('common.loadFailed')}
        description={loadError}
        action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (items === null) return <Spin />;

  const columns: TableColumnsType<AreaOrSystem> = [
    { title: k('field.name'), dataIndex: 'name', key: 'name', width: 200, ellipsis: true },
    {
      title: k('field.level'),
      key: 'level',
      width: 110,
      ellipsis: true,
      render: (_: unknown, x) => <Tag data-testid={`${kind}-row-level`}>{x.level}</Tag>,
    },
    { title: k('field.accessRule'), dataIndex: 'accessRule', key: 'accessRule', ellipsis: true },
    {
      title: k('field.hasSigns'),
      key: 'hasSigns',
      width: 130,
      render: (_: unknown, x) =>
        x.hasSigns ? (
          <Tag color="green" data-testid={`${kind}-signs`}>
            {t('safeguards.yes')}
          </Tag>
        ) : (
          <Tag color="warning" data-testid={`${kind}-no-signs`}>
            {k('noSigns')}
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
              data-testid={`${kind}-edit`}
              onClick={() => setEditingId(x.id)}
            />
          </Tooltip>
          <Popconfirm
            title={k('deleteConfirm', { name: x.name })}
            okText={t('safeguards.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testProps({ 'data-testid': `${kind}-delete-confirm` }) }}
            onConfirm={() => remove(x)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('safeguards.delete')} data-testid={`${kind}-delete`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editing = items.find((x) => x.id === editingId) ?? null;
  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid={`${kind}-step`}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid={`${kind}-intro`}>
        {k('intro')}
      </Typography.Paragraph>

      <Card size="small" title={k('title')} data-testid={`${kind}-register`}>
        <Table<AreaOrSystem>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: k('empty') }}
          onRow={(x) => testProps({ 'data-testid': `${kind}-row`, 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddForm
          kind={kind}
          enterpriseId={enterpriseId}
          levels={levels}
          onAdded={(item) => {
            setItems((list) => [...(list ?? []), item]);
            void message.success(k('added', { name: item.name }));
            changed();
          }}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('safeguards.criteria')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId={kind === 'area' ? 'D6' : 'D7'} onChanged={onChanged} reloadKey={criteriaKey} />

      {editing && (
        <EditDrawer key={editing.id} kind={kind} item={editing} levels={levels} onClose={() => setEditingId(null)} onSaved={saved} />
      )}
    </Space>
  );
}

type Values = { name?: string; level?: string; accessRule?: string; hasSigns?: boolean };

/** Adds an area or a system: name and level are required; a refused field is explained beside it. */
function AddForm({
  kind,
  enterpriseId,
  levels,
  onAdded,
}: {
  kind: AreaKind;
  enterpriseId: string;
  levels: string[];
  onAdded: (item: AreaOrSystem) => void;
}) {
  const { t } = useTranslation();
  const k = (key: string) => t(`safeguards.${kind}.${key}`);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const item = await addAreaOrSystem(kind, {
        enterpriseId,
        name: (v.name ?? '').trim(),
        level: v.level ?? '',
        accessRule: (v.accessRule ?? '').trim(),
        hasSigns: v.hasSigns ?? false,
      });
      form.resetFields();
      onAdded(item);
    } catch (e) {
      const field = fieldOfError(e, kind);
      if (field) form.setFields([{ name: field, errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<Values> form={form} name={`add-${kind}`} layout="vertical" initialValues={{ hasSigns: false }} onFinish={(v) => void submit(v)}>
      <Row gutter={12}>
        <Col xs={24} md={12} lg={7}>
          <Form.Item name="name" label={k('field.name')} rules={[{ required: true, whitespace: true, message: k('nameRequired') }]}>
            <Input data-testid={`${kind}-add-name`} placeholder={k('namePlaceholder')} maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={5}>
          <Form.Item name="level" label={k('field.level')} rules={[{ required: true, message: k('levelRequired') }]}>
            <TestIdSelect testId={`${kind}-add-level`} options={levelOptions(levels)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16} lg={8}>
          <Form.Item name="accessRule" label={k('field.accessRule')}>
            <Input data-testid={`${kind}-add-accessRule`} placeholder={k('accessRulePlaceholder')} maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} lg={4}>
          <Form.Item name="hasSigns" label={k('field.hasSigns')} valuePropName="checked">
            <Switch data-testid={`${kind}-add-signs`} />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid={`${kind}-add-submit`}>
        {k('add')}
      </Button>
      {error && <Alert type="error" showIcon message={error} data-testid={`${kind}-add-error`} style={{ marginTop: 12 }} />}
    </Form>
  );
}

/** Every field of an area or a system, each saved by itself: text after a pause, the rest at once. */
function EditDrawer({
  kind,
  item,
  levels,
  onClose,
  onSaved,
}: {
  kind: AreaKind;
  item: AreaOrSystem;
  levels: string[];
  onClose: () => void;
  onSaved: (item: AreaOrSystem) => void;
}) {
  const { t } = useTranslation();
  const k = (key: string) => t(`safeguards.${kind}.${key}`);
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Partial<Record<AreaOrSystemField, string>>>({});

  const store = async (field: AreaOrSystemField, value: string) => onSaved(await updateAreaOrSystem(kind, item.id, field, value));

  async function save(field: AreaOrSystemField, value: string) {
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

  const text = (field: 'name' | 'accessRule', placeholder: string) => (
    <AutosaveField
      key={`${item.id}-${field}`}
      label={k(`field.${field}`)}
      stored={item[field]}
      testId={`${kind}-edit-${field}`}
      placeholder={placeholder}
      onState={setState}
      onSave={(v) => store(field, v)}
    />
  );
  const other = (field: AreaOrSystemField, control: React.ReactNode) => (
    <Form.Item label={k(`field.${field}`)} validateStatus={errors[field] ? 'error' : undefined} help={errors[field]}>
      {control}
    </Form.Item>
  );

  return (
    <Drawer
      open
      width={480}
      title={k('editTitle')}
      onClose={onClose}
      extra={<SaveIndicator state={state} testId={`${kind}-save-state`} />}
    >
      <div data-testid={`${kind}-drawer`} data-id={item.id}>
        <Typography.Paragraph type="secondary">{t('safeguards.autosave')}</Typography.Paragraph>
        <Form layout="vertical">
          {text('name', k('namePlaceholder'))}
          {other(
            'level',
            <TestIdSelect
              testId={`${kind}-edit-level`}
              value={item.level}
              onChange={(v: string) => void save('level', v)}
              options={levelOptions(levels, item.level)}
            />,
          )}
          {text('accessRule', k('accessRulePlaceholder'))}
          {other(
            'hasSigns',
            <Switch data-testid={`${kind}-edit-hasSigns`} checked={item.hasSigns} onChange={(v) => void save('hasSigns', String(v))} />,
          )}
        </Form>
      </div>
    </Drawer>
  );
}
