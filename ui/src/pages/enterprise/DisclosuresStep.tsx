import { Alert, Button, Card, Checkbox, Col, Divider, Form, Input, Row, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addDisclosure,
  deleteDisclosure,
  enumKey,
  listDisclosures,
  RECIPIENT_KINDS,
  updateDisclosure,
  type Disclosure,
  type DisclosureField,
  type RecipientKind,
  type RegisterRow,
} from '../../services';
import AutosaveField from '../../components/AutosaveField';
import CriteriaPanel from '../../components/CriteriaPanel';
import HelpTip from '../../components/HelpTip';
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
  /** The enterprise's secret points, to choose the one provided. */
  points: RegisterRow[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/** Oldest first, as the core lists them. */
const byDate = (a: Disclosure, b: Disclosure) => a.disclosedOn.localeCompare(b.disclosedOn) || a.id - b.id;

const pointLabel = (p: RegisterRow) => `${p.code} ${p.name}`;

/**
 * The disclosure log: every time a secret point is provided to an outsider, to whom, under which
 * NDA, when and what for; a disclosure without an NDA is pointed out. A filing with a government
 * authority records whether the request not to disclose (Art. 15 of the Regulations on Open
 * Government Information) was made.
 */
export default function DisclosuresStep({ enterpriseId, points, onChanged }: Props) {
  const { t } = useTranslation();
  // The log decides derived criteria of this step: read the criteria again after a change.
  const { criteriaKey, changed } = useStepChanged(onChanged);
  const log = useRegisterList<Disclosure>(changed, byDate);
  const { loadError, reload } = useLoad(async () => log.set(await listDisclosures(enterpriseId)), [enterpriseId]);

  if (loadError) return <LoadFailed testId="disclosure-load-error" error={loadError} onRetry={reload} />;
  if (log.items === null) return <Spin />;

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
      width: 120,
      render: (_: unknown, x) => (
        <div style={{ minWidth: 0 }}>
          <div>{t(enumKey('recipientKind', x.recipientKind))}</div>
          {x.recipientKind === 'authority' && <ConfidentialityTag requested={x.confidentialityRequested} />}
        </div>
      ),
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
        <RowActions
          testId="disclosure"
          editLabel={t('safeguards.edit')}
          deleteLabel={t('safeguards.delete')}
          confirm={t('safeguards.disclosure.deleteConfirm', { recipient: x.recipient, code: x.pointCode })}
          onEdit={() => log.edit(x.id)}
          onDelete={() =>
            log.remove(x, () => deleteDisclosure(x.id), t('safeguards.disclosure.deleted', { recipient: x.recipient, code: x.pointCode }))
          }
        />
      ),
    },
  ];

  const withoutNda = log.items.filter((x) => !x.hasNda).length;
  const editing = log.editing;
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
          dataSource={log.items}
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
          onAdded={(item) => log.added(item, t('safeguards.disclosure.added', { recipient: item.recipient, code: item.pointCode }))}
        />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('criteria.heading')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D8" onChanged={onChanged} reloadKey={criteriaKey} />

      {editing && <DisclosureDrawer key={editing.id} item={editing} points={points} onClose={() => log.edit(null)} onSaved={log.saved} />}
    </Space>
  );
}

/** The options of the secret-point select: by code and name; a point not in the list as its code. */
function pointOptions(points: RegisterRow[], stored?: { id: number; code: string }) {
  const options = points.map((p) => ({ value: String(p.id), label: pointLabel(p) }));
  if (stored && !points.some((p) => p.id === stored.id)) options.push({ value: String(stored.id), label: stored.code });
  return options;
}

const kindOptions = (t: (key: string) => string) => RECIPIENT_KINDS.map((r) => ({ value: r, label: t(enumKey('recipientKind', r)) }));

/** Whether a filing with an authority came with the request not to disclose: a tag in its row. */
function ConfidentialityTag({ requested }: { requested: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={requested ? 'green' : 'orange'} data-testid="disclosure-confidentiality" data-requested={String(requested)}>
      {t(requested ? 'safeguards.disclosure.confidentialityRequested' : 'safeguards.disclosure.confidentialityNotRequested')}
    </Tag>
  );
}

/** The checkbox's label: the request, with what it is for. */
function ConfidentialityLabel({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <span>
      {t('safeguards.disclosure.field.confidentialityRequested')}
      <HelpTip text={t('safeguards.disclosure.confidentialityHelp')} testId={testId} />
    </span>
  );
}

type Values = {
  pointId?: string;
  recipient?: string;
  recipientKind?: RecipientKind;
  ndaRef?: string;
  disclosedOn?: Dayjs | null;
  purpose?: string;
  confidentialityRequested?: boolean;
};

/** Records a disclosure; the NDA number may be left empty, which marks the record. */
function AddForm({ enterpriseId, points, onAdded }: { enterpriseId: string; points: RegisterRow[]; onAdded: (item: Disclosure) => void }) {
  const { t } = useTranslation();
  const d = (key: string) => t(`safeguards.disclosure.${key}`);
  const { form, saving, error, submit } = useAddForm<Values>({ SECRET_POINT_NOT_FOUND: 'pointId' });
  // The request not to disclose is asked only of a filing with an authority.
  const toAuthority = Form.useWatch('recipientKind', form) === 'authority';

  const add = (v: Values) =>
    submit(async () => {
      const item = await addDisclosure({
        enterpriseId,
        pointId: Number(v.pointId),
        recipient: (v.recipient ?? '').trim(),
        recipientKind: v.recipientKind as RecipientKind,
        ndaRef: (v.ndaRef ?? '').trim(),
        disclosedOn: toDay(v.disclosedOn) ?? '',
        purpose: (v.purpose ?? '').trim(),
        confidentialityRequested: v.recipientKind === 'authority' && v.confidentialityRequested === true,
      });
      form.resetFields();
      onAdded(item);
    });

  return (
    <Form<Values> form={form} name="add-disclosure" layout="vertical" onFinish={(v) => void add(v)}>
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
        {toAuthority && (
          <Col span={24}>
            <Form.Item name="confidentialityRequested" valuePropName="checked" style={{ marginBottom: 12 }}>
              <Checkbox data-testid="disclosure-add-confidentiality">
                <ConfidentialityLabel testId="help-disclosure-add-confidentiality" />
              </Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="disclosure-add-submit">
        {d('add')}
      </Button>
      {error && <Alert type="error" showIcon message={error} data-testid="disclosure-add-error" style={{ marginTop: 12 }} />}
    </Form>
  );
}

/** Every field of a disclosure, each saved by itself: text after a pause, the rest at once. */
function DisclosureDrawer({
  item,
  points,
  onClose,
  onSaved,
}: {
  item: Disclosure;
  points: RegisterRow[];
  onClose: () => void;
  onSaved: (item: Disclosure) => void;
}) {
  const { t } = useTranslation();
  const label = (field: DisclosureField) => t(`safeguards.disclosure.field.${field}`);
  const { state, errors, save, autosave } = useFieldSaves<DisclosureField>(async (field, value) =>
    onSaved(await updateDisclosure(item.id, field, value)),
  );

  const text = (field: 'recipient' | 'ndaRef' | 'purpose', placeholder: string) => (
    <AutosaveField
      key={`${item.id}-${field}`}
      label={label(field)}
      stored={item[field]}
      testId={`disclosure-edit-${field}`}
      placeholder={placeholder}
      {...autosave(field)}
    />
  );
  const other = (field: DisclosureField, control: React.ReactNode) => (
    <SavedField label={label(field)} required error={errors[field]}>
      {control}
    </SavedField>
  );

  return (
    <EditDrawer
      testId="disclosure"
      id={item.id}
      width={480}
      title={t('safeguards.disclosure.editTitle')}
      intro={t('safeguards.autosave')}
      state={state}
      onClose={onClose}
    >
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
      {item.recipientKind === 'authority' && (
        <Form.Item validateStatus={errors.confidentialityRequested ? 'error' : undefined} help={errors.confidentialityRequested}>
          <Checkbox
            data-testid="disclosure-edit-confidentialityRequested"
            checked={item.confidentialityRequested}
            onChange={(e) => void save('confidentialityRequested', String(e.target.checked))}
          >
            <ConfidentialityLabel testId="help-disclosure-edit-confidentiality" />
          </Checkbox>
        </Form.Item>
      )}
      {text('ndaRef', t('safeguards.disclosure.ndaPlaceholder'))}
      {other(
        'disclosedOn',
        <DateInput
          testId="disclosure-edit-disclosedOn"
          value={item.disclosedOn}
          allowClear={false}
          onChange={(v) => void save('disclosedOn', v)}
        />,
      )}
      {text('purpose', t('safeguards.disclosure.purposePlaceholder'))}
    </EditDrawer>
  );
}
