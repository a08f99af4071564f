import { Alert, Button, Col, Form, Input, Row, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addDiscipline, deleteDiscipline, listDiscipline, type DisciplineRecord } from '../../../services';
import {
  DeleteButton,
  FormDate,
  LoadFailed,
  testProps,
  toDay,
  useAddForm,
  useLoad,
  useRegisterList,
} from '../../../components/register';

type Values = { occurredOn?: Dayjs | null; summary?: string; measure?: string; decidedOn?: Dayjs | null };

/** Oldest first, as the core lists them. */
const byDate = (a: DisciplineRecord, b: DisciplineRecord) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id;

type Props = {
  enterpriseId: string;
  /** After a record was added or deleted. */
  onChanged: () => void;
};

/**
 * Discipline records: each breach of the confidentiality rules and how it was handled (what happened,
 * never the secret's content; the measure; when it was decided), which shows that the rules are
 * enforced. Records are listed, added and deleted here; the person need not be named.
 */
export default function DisciplineSection({ enterpriseId, onChanged }: Props) {
  const { t } = useTranslation();
  const records = useRegisterList<DisciplineRecord>(onChanged, byDate);
  const { loadError, reload } = useLoad(async () => records.set(await listDiscipline(enterpriseId)), [enterpriseId]);
  const { form, saving, error, submit } = useAddForm<Values>();
  const d = (key: string, params?: Record<string, unknown>) => t(`people.discipline.${key}`, params);

  const add = (v: Values) =>
    submit(async () => {
      const item = await addDiscipline({
        enterpriseId,
        occurredOn: toDay(v.occurredOn) ?? '',
        summary: (v.summary ?? '').trim(),
        measure: (v.measure ?? '').trim(),
        decidedOn: toDay(v.decidedOn),
      });
      form.resetFields();
      records.added(item, d('added', { date: item.occurredOn }));
    });

  if (loadError) return <LoadFailed testId="discipline-load-error" error={loadError} onRetry={reload} />;

  const columns: TableColumnsType<DisciplineRecord> = [
    { title: d('field.occurredOn'), dataIndex: 'occurredOn', key: 'occurredOn', width: 104 },
    { title: d('field.summary'), dataIndex: 'summary', key: 'summary', ellipsis: true },
    { title: d('field.measure'), dataIndex: 'measure', key: 'measure', ellipsis: true },
    {
      title: d('field.decidedOn'),
      key: 'decidedOn',
      width: 104,
      render: (_: unknown, x) => x.decidedOn ?? <Typography.Text type="secondary">{d('notDecided')}</Typography.Text>,
    },
    {
      key: 'delete',
      width: 48,
      render: (_: unknown, x) => (
        <DeleteButton
          testId="discipline-delete"
          title={d('deleteConfirm', { date: x.occurredOn })}
          label={t('people.delete')}
          onConfirm={() => records.remove(x, () => deleteDiscipline(x.id), d('deleted', { date: x.occurredOn }))}
        />
      ),
    },
  ];

  return (
    <div data-testid="discipline">
      <Typography.Paragraph type="secondary" data-testid="discipline-intro">
        {d('intro')}
      </Typography.Paragraph>
      <Table<DisciplineRecord>
        size="small"
        rowKey="id"
        tableLayout="fixed"
        pagination={false}
        loading={records.items === null}
        columns={columns}
        dataSource={records.items ?? []}
        locale={{ emptyText: d('empty') }}
        onRow={(x) => testProps({ 'data-testid': 'discipline-row', 'data-id': x.id })}
      />
      <Form<Values> form={form} name="add-discipline" layout="vertical" style={{ marginTop: 12 }} onFinish={(v) => void add(v)}>
        <Row gutter={12}>
          <Col xs={24} md={8} lg={5}>
            <Form.Item name="occurredOn" label={d('field.occurredOn')} rules={[{ required: true, message: d('occurredOnRequired') }]}>
              <FormDate testId="discipline-add-occurredOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16} lg={9}>
            <Form.Item
              name="summary"
              label={d('field.summary')}
              tooltip={d('summaryHelp')}
              rules={[{ required: true, whitespace: true, message: d('summaryRequired') }]}
            >
              <Input data-testid="discipline-add-summary" placeholder={d('summaryPlaceholder')} maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16} lg={6}>
            <Form.Item name="measure" label={d('field.measure')}>
              <Input data-testid="discipline-add-measure" placeholder={d('measurePlaceholder')} maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} lg={4}>
            <Form.Item name="decidedOn" label={d('field.decidedOn')}>
              <FormDate testId="discipline-add-decidedOn" />
            </Form.Item>
          </Col>
        </Row>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="discipline-add-submit">
          {d('add')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon data-testid="discipline-add-error" message={error} style={{ marginTop: 12 }} />}
    </div>
  );
}
