import { Alert, Button, Card, Col, Divider, Form, Input, Row, Space, Spin, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  addAreaOrSystem,
  deleteAreaOrSystem,
  listAreasOrSystems,
  updateAreaOrSystem,
  type AreaKind,
  type AreaOrSystem,
  type AreaOrSystemField,
} from '../../services';
import AutosaveField from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import TestIdSelect from '../../components/TestIdSelect';
import {
  EditDrawer,
  LoadFailed,
  RowActions,
  SavedField,
  testProps,
  useAddForm,
  useFieldSaves,
  useLoad,
  useRegisterList,
  useStepChanged,
} from '../../components/register';

type Props = {
  enterpriseId: string;
  /** Which register: secret areas (criteria domain D6) or information systems (D7). */
  kind: AreaKind;
  /** The enterprise's level scheme, highest first. */
  levels: string[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/** A level no longer in the scheme is still offered as stored. */
const levelOptions = (levels: string[], stored?: string) =>
  [...levels, ...(stored && !levels.includes(stored) ? [stored] : [])].map((l) => ({ value: l, label: l }));

/**
 * The secret areas (rooms where secret points are kept or handled) or the information systems
 * (where they are stored): one register each, of the same shape, with the step's criteria below.
 */
export default function AreaSystemStep({ enterpriseId, kind, levels, onChanged }: Props) {
  const { t } = useTranslation();
  const k = (key: string, params?: Record<string, unknown>) => t(`safeguards.${kind}.${key}`, params);
  // The register decides derived criteria of this step: read the criteria again after a change.
  const { criteriaKey, changed } = useStepChanged(onChanged);
  const register = useRegisterList<AreaOrSystem>(changed);
  const { loadError, reload } = useLoad(async () => register.set(await listAreasOrSystems(kind, enterpriseId)), [kind, enterpriseId]);

  if (loadError) return <LoadFailed testId={`${kind}-load-error`} error={loadError} onRetry={reload} />;
  if (register.items === null) return <Spin />;

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
        <RowActions
          testId={kind}
          editLabel={t('safeguards.edit')}
          deleteLabel={t('safeguards.delete')}
          confirm={k('deleteConfirm', { name: x.name })}
          onEdit={() => register.edit(x.id)}
          onDelete={() => register.remove(x, () => deleteAreaOrSystem(kind, x.id), k('deleted', { name: x.name }))}
        />
      ),
    },
  ];

  const editing = register.editing;
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
          dataSource={register.items}
          pagination={false}
          locale={{ emptyText: k('empty') }}
          onRow={(x) => testProps({ 'data-testid': `${kind}-row`, 'data-id': x.id })}
        />
        <Divider style={{ margin: '12px 0' }} />
        <AddForm
          kind={kind}
          enterpriseId={enterpriseId}
          levels={levels}
          onAdded={(item) => register.added(item, k('added', { name: item.name }))}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('criteria.heading')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId={kind === 'area' ? 'D6' : 'D7'} onChanged={onChanged} reloadKey={criteriaKey} />

      {editing && (
        <ItemDrawer key={editing.id} kind={kind} item={editing} levels={levels} onClose={() => register.edit(null)} onSaved={register.saved} />
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
  // A refused field is named by its key (the form's field name); an unknown level is the level's.
  const { form, saving, error, submit } = useAddForm<Values>({ LEVEL_UNKNOWN: 'level' });

  const add = (v: Values) =>
    submit(async () => {
      const item = await addAreaOrSystem(kind, {
        enterpriseId,
        name: (v.name ?? '').trim(),
        level: v.level ?? '',
        accessRule: (v.accessRule ?? '').trim(),
        hasSigns: v.hasSigns ?? false,
      });
      form.resetFields();
      onAdded(item);
    });

  return (
    <Form<Values> form={form} name={`add-${kind}`} layout="vertical" initialValues={{ hasSigns: false }} onFinish={(v) => void add(v)}>
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
function ItemDrawer({
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
  const { state, errors, save, autosave } = useFieldSaves<AreaOrSystemField>(async (field, value) =>
    onSaved(await updateAreaOrSystem(kind, item.id, field, value)),
  );

  const text = (field: 'name' | 'accessRule', placeholder: string) => (
    <AutosaveField
      key={`${item.id}-${field}`}
      label={k(`field.${field}`)}
      stored={item[field]}
      testId={`${kind}-edit-${field}`}
      placeholder={placeholder}
      {...autosave(field)}
    />
  );

  return (
    <EditDrawer testId={kind} id={item.id} width={480} title={k('editTitle')} intro={t('safeguards.autosave')} state={state} onClose={onClose}>
      {text('name', k('namePlaceholder'))}
      <SavedField label={k('field.level')} error={errors.level}>
        <TestIdSelect
          testId={`${kind}-edit-level`}
          value={item.level}
          onChange={(v: string) => void save('level', v)}
          options={levelOptions(levels, item.level)}
        />
      </SavedField>
      {text('accessRule', k('accessRulePlaceholder'))}
      <SavedField label={k('field.hasSigns')} error={errors.hasSigns}>
        <Switch data-testid={`${kind}-edit-hasSigns`} checked={item.hasSigns} onChange={(v) => void save('hasSigns', String(v))} />
      </SavedField>
    </EditDrawer>
  );
}
