import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  addTask,
  deleteTask,
  enumKey,
  exportWorkbook,
  listTasks,
  localizeError,
  resultsView,
  setTaskStatus,
  TASK_STATUSES,
  updateTask,
  type Assessment,
  type Gap,
  type GapKind,
  type RemediationField,
  type RemediationStatus,
  type RemediationTask,
  type ResultsView,
} from '../../services';
import AutosaveField from '../../components/AutosaveField';
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
  today,
  useAddForm,
  useFieldSaves,
  useLoad,
  useRegisterList,
} from '../../components/register';

type Props = {
  enterpriseId: string;
  /** Called after every successful change. */
  onChanged?: () => void;
};

/** A gap's tag: why it falls short. */
const GAP_COLOR: Record<GapKind, string | undefined> = {
  gap_not_met: 'red',
  gap_partly_met: 'gold',
  evidence_pending: 'blue',
  gap_unanswered: undefined,
};

/**
 * What a gap asks for: a gap that awaits only its evidence asks for the evidence (of the kinds the
 * catalogue lists), not for building the measure again; any other, the catalogue's action.
 */
const gapAction = (g: Gap, t: TFunction): string =>
  g.kind === 'evidence_pending'
    ? g.evidence_kinds.length > 0
      ? t('results.tasks.evidenceAction', { kinds: g.evidence_kinds.join(t('results.tasks.kindSeparator')) })
      : t('results.tasks.evidenceActionAny')
    : g.action;

/**
 * A task is overdue when its due day has passed and it is not done. The core sends no overdue flag
 * on a task (its reminders carry one), so this is still the UI's reading of the dates.
 */
const isOverdue = (task: RemediationTask, today: string) => task.status !== 'done' && task.dueOn !== '' && task.dueOn < today;

/**
 * Gaps and remediation ledger: the gaps this round found (basic items first, then by points lost), each of
 * which can become a remediation task; then the ledger of every task, with status, due date and
 * the role responsible, which can be exported as an Excel workbook (its one sheet, the remediation register).
 */
export default function TasksStep({ enterpriseId, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [view, setView] = useState<ResultsView | null>(null);
  const tasks = useRegisterList<RemediationTask>(() => onChanged?.());
  const [adding, setAdding] = useState<Gap | null>(null);
  const [statusSaving, setStatusSaving] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const { loadError, reload } = useLoad(async () => {
    const [v, list] = await Promise.all([resultsView(enterpriseId), listTasks(enterpriseId, null)]);
    setView(v);
    tasks.set(list);
  }, [enterpriseId]);

  async function changeStatus(task: RemediationTask, status: RemediationStatus) {
    setStatusSaving(task.id);
    try {
      tasks.saved(await setTaskStatus(task.id, status, null));
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setStatusSaving(null);
    }
  }

  /** The ledger as an Excel workbook of its one sheet; Rust asks where to save it (null: cancelled). */
  async function exportLedger() {
    setExporting(true);
    try {
      const result = await exportWorkbook(enterpriseId, ['remediation']);
      if (result !== null) {
        void message.success({
          content: <span data-testid="tasks-export-message">{t('results.tasks.exported', { path: result.path })}</span>,
          duration: 8,
        });
      }
    } catch (error) {
      void message.error({ content: <span data-testid="tasks-export-error">{localizeError(error)}</span> });
    } finally {
      setExporting(false);
    }
  }

  if (loadError) return <LoadFailed testId="tasks-load-error" error={loadError} onRetry={reload} />;
  if (view === null || tasks.items === null) return <Spin />;

  const round = view.round;
  const now = today();
  // The tasks of this round, by the criterion of the gap they come from.
  const taskOfGap = new Map<string, RemediationTask>();
  for (const task of tasks.items) {
    if (round && task.assessmentId === round.id && task.criterionId && !taskOfGap.has(task.criterionId)) {
      taskOfGap.set(task.criterionId, task);
    }
  }
  const statusName = (s: RemediationStatus) => t(enumKey('taskStatus', s));

  const gapColumns: TableColumnsType<Gap> = [
    {
      title: t('results.tasks.colGap'),
      key: 'gap',
      render: (_: unknown, g) => (
        <div style={{ minWidth: 0 }}>
          <Space size={[6, 0]} wrap>
            <Typography.Text strong>{g.criterion}</Typography.Text>
            <Typography.Text>{g.title}</Typography.Text>
            {g.basic && (
              <Tag color="volcano" data-testid="gap-basic">
                {t('results.tasks.basic')}
              </Tag>
            )}
          </Space>
          {gapAction(g, t) && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="gap-action">
                {t('results.tasks.action', { action: gapAction(g, t) })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: t('results.tasks.colDomain'), dataIndex: 'domain', key: 'domain', width: 110, ellipsis: true },
    {
      title: t('results.tasks.colStatus'),
      key: 'status',
      width: 96,
      render: (_: unknown, g) => (
        <Tag color={GAP_COLOR[g.kind]} data-testid="gap-status" data-kind={g.kind}>
          {t(enumKey('gapKind', g.kind))}
        </Tag>
      ),
    },
    {
      title: (
        <Tooltip title={t('results.tasks.colLostHelp')}>
          <span>{t('results.tasks.colLost')}</span>
        </Tooltip>
      ),
      key: 'lost',
      width: 96,
      align: 'right',
      render: (_: unknown, g) => (
        // Points awaiting evidence are not lost: they come with the evidence.
        <span data-testid="gap-lost">
          {t(g.kind === 'evidence_pending' ? 'results.tasks.pending' : 'results.tasks.lost', { points: g.points_lost.toFixed(1) })}
        </span>
      ),
    },
    {
      title: t('results.tasks.colTask'),
      key: 'task',
      width: 170,
      render: (_: unknown, g) => {
        const task = taskOfGap.get(g.criterion);
        if (task) {
          return (
            <div data-testid="gap-task" data-task={task.id} style={{ minWidth: 0 }}>
              <Tag color={task.status === 'done' ? 'green' : 'blue'}>{statusName(task.status)}</Tag>
              <Typography.Text ellipsis={{ tooltip: task.title }} style={{ display: 'block' }}>
                {task.title}
              </Typography.Text>
            </div>
          );
        }
        return round ? (
          <Button size="small" icon={<PlusOutlined />} data-testid="gap-to-task" onClick={() => setAdding(g)}>
            {t('results.tasks.toTask')}
          </Button>
        ) : null;
      },
    },
  ];

  const taskColumns: TableColumnsType<RemediationTask> = [
    { title: t('results.tasks.colTitle'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('results.tasks.colCriterion'), key: 'criterion', width: 76, render: (_: unknown, x) => x.criterionId ?? '' },
    { title: t('results.tasks.colOwnerRole'), dataIndex: 'ownerRole', key: 'ownerRole', width: 120, ellipsis: true },
    {
      title: t('results.tasks.colDueOn'),
      key: 'dueOn',
      width: 112,
      render: (_: unknown, x) => {
        const overdue = isOverdue(x, now);
        return (
          <Space direction="vertical" size={0}>
            <Typography.Text type={overdue ? 'danger' : undefined} data-testid="task-due" data-overdue={overdue ? 'true' : 'false'}>
              {x.dueOn}
            </Typography.Text>
            {overdue && (
              <Tag color="red" data-testid="task-overdue">
                {t('results.tasks.overdue')}
              </Tag>
            )}
          </Space>
        );
      },
    },
    {
      title: t('results.tasks.colTaskStatus'),
      key: 'status',
      width: 140,
      render: (_: unknown, x) => (
        <div>
          <TestIdSelect
            testId="task-status"
            size="small"
            value={x.status}
            disabled={statusSaving === x.id}
            onChange={(v: string) => void changeStatus(x, v as RemediationStatus)}
            options={TASK_STATUSES.map((s) => ({ value: s, label: statusName(s) }))}
          />
          {x.status === 'done' && x.closedOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="task-closed-on">
              {t('results.tasks.closedOn', { date: x.closedOn })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('results.actions'),
      key: 'actions',
      width: 80,
      render: (_: unknown, x) => (
        <RowActions
          testId="task"
          editLabel={t('results.edit')}
          deleteLabel={t('results.delete')}
          confirm={t('results.tasks.deleteConfirm', { title: x.title })}
          onEdit={() => tasks.edit(x.id)}
          onDelete={() => tasks.remove(x, () => deleteTask(x.id), t('results.tasks.deleted', { title: x.title }))}
        />
      ),
    },
  ];

  const editing = tasks.editing;
  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="tasks-step">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('results.tasks.intro')}
      </Typography.Paragraph>

      <Card size="small" title={t('results.tasks.gapsTitle')} data-testid="gaps">
        {view.score === null ? (
          <Alert type="info" showIcon data-testid="tasks-no-score" message={t('results.tasks.noScore')} />
        ) : (
          <Table<Gap>
            size="small"
            rowKey="criterion"
            tableLayout="fixed"
            columns={gapColumns}
            dataSource={view.score.gaps}
            pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
            locale={{ emptyText: t('results.tasks.gapsEmpty') }}
            onRow={(g) => testProps({ 'data-testid': 'gap-row', 'data-criterion': g.criterion })}
          />
        )}
      </Card>

      <Card
        size="small"
        title={t('results.tasks.ledgerTitle')}
        data-testid="task-ledger"
        extra={
          <Button size="small" icon={<FileExcelOutlined />} loading={exporting} data-testid="tasks-export-xlsx" onClick={() => void exportLedger()}>
            {t('results.tasks.exportXlsx')}
          </Button>
        }
      >
        <Table<RemediationTask>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={taskColumns}
          dataSource={tasks.items}
          pagination={false}
          locale={{ emptyText: t('results.tasks.ledgerEmpty') }}
          onRow={(x) => testProps({ 'data-testid': 'task-row', 'data-id': x.id, 'data-status': x.status })}
        />
      </Card>

      {adding && round && (
        <AddTaskModal
          enterpriseId={enterpriseId}
          round={round}
          gap={adding}
          onClose={() => setAdding(null)}
          onAdded={(task) => {
            tasks.added(task, t('results.tasks.added', { title: task.title }));
            setAdding(null);
          }}
        />
      )}
      {editing && <TaskDrawer key={editing.id} task={editing} onClose={() => tasks.edit(null)} onSaved={tasks.saved} />}
    </Space>
  );
}

type AddValues = { title?: string; ownerRole?: string; dueOn?: Dayjs | null };

/** Turns a gap into a task: the title starts as the recommended action; a role and a due date are asked. */
function AddTaskModal({
  enterpriseId,
  round,
  gap,
  onClose,
  onAdded,
}: {
  enterpriseId: string;
  round: Assessment;
  gap: Gap;
  onClose: () => void;
  onAdded: (task: RemediationTask) => void;
}) {
  const { t } = useTranslation();
  // An empty role is the role's refusal; the core names no field in it.
  const { form, saving, error, submit } = useAddForm<AddValues>({ REMEDIATION_OWNER_ROLE_EMPTY: 'ownerRole' });

  const add = (v: AddValues) =>
    submit(async () =>
      onAdded(
        await addTask({
          enterpriseId,
          assessmentId: round.id,
          criterionId: gap.criterion,
          title: (v.title ?? '').trim(),
          ownerRole: (v.ownerRole ?? '').trim(),
          dueOn: toDay(v.dueOn) ?? '',
        }),
      ),
    );

  return (
    <Modal
      open
      width={520}
      title={t('results.tasks.addTitle', { criterion: gap.criterion })}
      okText={t('results.tasks.add')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ ...testProps({ 'data-testid': 'task-add-submit' }) }}
      cancelButtonProps={{ ...testProps({ 'data-testid': 'task-add-cancel' }) }}
    >
      <Typography.Paragraph type="secondary">{`${gap.criterion} ${gap.title}`}</Typography.Paragraph>
      <Form<AddValues>
        form={form}
        name="add-task"
        layout="vertical"
        initialValues={{ title: gapAction(gap, t) || gap.title }}
        onFinish={(v) => void add(v)}
      >
        <Form.Item
          name="title"
          label={t('results.tasks.title')}
          rules={[{ required: true, whitespace: true, message: t('results.tasks.titleRequired') }]}
        >
          <Input.TextArea data-testid="task-add-title" autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
        </Form.Item>
        <Form.Item
          name="ownerRole"
          label={
            <span>
              {t('results.tasks.ownerRole')}
              <HelpTip text={t('results.tasks.ownerRoleHelp')} />
            </span>
          }
          rules={[{ required: true, whitespace: true, message: t('results.tasks.ownerRoleRequired') }]}
        >
          <Input data-testid="task-add-ownerRole" placeholder={t('results.tasks.ownerRolePlaceholder')} maxLength={60} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('results.tasks.dueOn')} rules={[{ required: true, message: t('results.tasks.dueOnRequired') }]}>
          <FormDate testId="task-add-dueOn" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="task-add-error" />}
    </Modal>
  );
}

/** A task's title, role and due date, each saved by itself: text after a pause, the date at once. */
function TaskDrawer({ task, onClose, onSaved }: { task: RemediationTask; onClose: () => void; onSaved: (task: RemediationTask) => void }) {
  const { t } = useTranslation();
  const { state, errors, save, autosave } = useFieldSaves<RemediationField>(async (field, value) =>
    onSaved(await updateTask(task.id, field, value)),
  );

  return (
    <EditDrawer
      testId="task"
      id={task.id}
      width={440}
      title={t('results.tasks.editTitle')}
      intro={t('results.autosave')}
      state={state}
      onClose={onClose}
    >
      <AutosaveField
        key={`${task.id}-title`}
        label={t('results.tasks.title')}
        stored={task.title}
        testId="task-edit-title"
        area
        {...autosave('title')}
      />
      <AutosaveField
        key={`${task.id}-ownerRole`}
        label={t('results.tasks.ownerRole')}
        stored={task.ownerRole}
        testId="task-edit-ownerRole"
        placeholder={t('results.tasks.ownerRolePlaceholder')}
        help={t('results.tasks.ownerRoleHelp')}
        {...autosave('ownerRole')}
      />
      <SavedField label={t('results.tasks.dueOn')} error={errors.dueOn}>
        <DateInput testId="task-edit-dueOn" value={task.dueOn} allowClear={false} onChange={(v) => void save('dueOn', v)} />
      </SavedField>
    </EditDrawer>
  );
}
