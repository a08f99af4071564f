import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  addTask,
  deleteTask,
  enumKey,
  hasErrorCode,
  listTasks,
  localizeError,
  resultsView,
  setTaskStatus,
  TASK_STATUSES,
  updateTask,
  type Assessment,
  type Gap,
  type RemediationField,
  type RemediationStatus,
  type RemediationTask,
  type ResultsView,
} from '../../services';
import AutosaveField, { SaveIndicator, type SaveState } from '../../components/AutosaveField';
import HelpTip from '../../components/HelpTip';
import TestIdSelect from '../../components/TestIdSelect';

type Props = {
  enterpriseId: string;
  /** Called after every successful change. */
  onChanged?: () => void;
};

const DAY = 'YYYY-MM-DD';
/** The status of a finished task (the last of TASK_STATUSES). */
const DONE: RemediationStatus = TASK_STATUSES[2];

/** Extra props (data-*) that antd's prop types do not list. */
const testProps = (props: Record<string, string | number>) => props as object;

/** Enter confirms a typed date in the picker; it must not also submit a half-filled form. */
const keepEnterInPicker = (e: React.KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};

/** A task is overdue when its due day has passed and it is not done. */
const isOverdue = (task: RemediationTask, today: string) => task.status !== DONE && task.dueOn !== '' && task.dueOn < today;

/**
 * Gaps and remediation ledger: the gaps this round found (basic items first, then by points lost), each of
 * which can become a remediation task; then the ledger of every task, with status, due date and
 * the role responsible.
 */
export default function TasksStep({ enterpriseId, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [view, setView] = useState<ResultsView | null>(null);
  const [tasks, setTasks] = useState<RemediationTask[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [adding, setAdding] = useState<Gap | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [statusSaving, setStatusSaving] = useState<number | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [v, list] = await Promise.all([resultsView(enterpriseId), listTasks(enterpriseId, null)]);
      setView(v);
      setTasks(list);
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, [enterpriseId]);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = (task: RemediationTask) => setTasks((list) => (list ?? []).map((x) => (x.id === task.id ? task : x)));

  async function changeStatus(task: RemediationTask, status: RemediationStatus) {
    setStatusSaving(task.id);
    try {
      replace(await setTaskStatus(task.id, status, null));
      onChanged?.();
    } catch (error) {
      void message.error(localizeError(error));
    } finally {
      setStatusSaving(null);
    }
  }

  async function remove(task: RemediationTask) {
    try {
      await deleteTask(task.id);
      setTasks((list) => (list ?? []).filter((x) => x.id !== task.id));
      if (editingId === task.id) setEditingId(null);
      void message.success(t('results.tasks.deleted', { title: task.title }));
      onChanged?.();
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  if (loadError) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="tasks-load-error"
        message={t('common.loadFailed')}
        description={loadError}
        action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (view === null || tasks === null) return <Spin />;

  const round = view.round;
  const today = dayjs().format(DAY);
  // The tasks of this round, by the criterion of the gap they come from.
  const taskOfGap = new Map<string, RemediationTask>();
  for (const task of tasks) {
    if (round && task.assessmentId === round.id && task.criterionId && !taskOfGap.has(task.criterionId)) {
      taskOfGap.set(task.criterionId, task);
    }
  }
  const statusName = (s: string) => t(enumKey('taskStatus', s), { defaultValue: s });

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
          {g.action && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="gap-action">
                {t('results.tasks.action', { action: g.action })}
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
      width: 84,
      render: (_: unknown, g) => <Tag data-testid="gap-status">{t(enumKey('answerStatus', g.status), { defaultValue: g.status })}</Tag>,
    },
    {
      title: t('results.tasks.colLost'),
      key: 'lost',
      width: 72,
      align: 'right',
      render: (_: unknown, g) => <span data-testid="gap-lost">{t('results.tasks.lost', { points: g.points_lost })}</span>,
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
              <Tag color={task.status === DONE ? 'green' : 'blue'}>{statusName(task.status)}</Tag>
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
        const overdue = isOverdue(x, today);
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
          {x.status === DONE && x.closedOn && (
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
        <Space size={0}>
          <Tooltip title={t('results.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('results.edit')}
              data-testid="task-edit"
              onClick={() => setEditingId(x.id)}
            />
          </Tooltip>
          <Popconfirm
            title={t('results.tasks.deleteConfirm', { title: x.title })}
            okText={t('results.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, ...testProps({ 'data-testid': 'task-delete-confirm' }) }}
            onConfirm={() => remove(x)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('results.delete')} data-testid="task-delete" />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editing = tasks.find((x) => x.id === editingId) ?? null;
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

      <Card size="small" title={t('results.tasks.ledgerTitle')} data-testid="task-ledger">
        <Table<RemediationTask>
          size="small"
          rowKey="id"
          tableLayout="fixed"
          columns={taskColumns}
          dataSource={tasks}
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
            setTasks((list) => [...(list ?? []), task]);
            setAdding(null);
            void message.success(t('results.tasks.added', { title: task.title }));
            onChanged?.();
          }}
        />
      )}
      {editing && (
        <EditDrawer
          key={editing.id}
          task={editing}
          onClose={() => setEditingId(null)}
          onSaved={(task) => {
            replace(task);
            onChanged?.();
          }}
        />
      )}
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
  const [form] = Form.useForm<AddValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: AddValues) {
    setSaving(true);
    setError(null);
    try {
      onAdded(
        await addTask({
          enterpriseId,
          assessmentId: round.id,
          criterionId: gap.criterion,
          title: (v.title ?? '').trim(),
          ownerRole: (v.ownerRole ?? '').trim(),
          dueOn: v.dueOn ? v.dueOn.format(DAY) : '',
        }),
      );
    } catch (e) {
      if (hasErrorCode(e, 'REMEDIATION_OWNER_ROLE_EMPTY')) form.setFields([{ name: 'ownerRole', errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

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
        initialValues={{ title: gap.action || gap.title }}
        onFinish={(v) => void submit(v)}
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
          <DatePicker data-testid="task-add-dueOn" format={DAY} className="full-width" onKeyDown={keepEnterInPicker} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="task-add-error" />}
    </Modal>
  );
}

/**
 * A DatePicker over a date string: reports the new value once, and keeps showing the value picked
 * while it is saved and after a refusal, until the stored value changes.
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

/** A task's title, role and due date, each saved by itself: text after a pause, the date at once. */
function EditDrawer({ task, onClose, onSaved }: { task: RemediationTask; onClose: () => void; onSaved: (task: RemediationTask) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<SaveState>('idle');
  const [dueError, setDueError] = useState<string | null>(null);

  const store = async (field: RemediationField, value: string) => onSaved(await updateTask(task.id, field, value));

  async function saveDue(value: string) {
    setState('saving');
    try {
      await store('dueOn', value);
      setDueError(null);
      setState('saved');
    } catch (error) {
      setDueError(localizeError(error));
      setState('idle');
    }
  }

  return (
    <Drawer
      open
      width={440}
      title={t('results.tasks.editTitle')}
      onClose={onClose}
      extra={<SaveIndicator state={state} testId="task-save-state" />}
    >
      <div data-testid="task-drawer" data-id={task.id}>
        <Typography.Paragraph type="secondary">{t('results.autosave')}</Typography.Paragraph>
        <Form layout="vertical">
          <AutosaveField
            key={`${task.id}-title`}
            label={t('results.tasks.title')}
            stored={task.title}
            testId="task-edit-title"
            area
            onState={setState}
            onSave={(v) => store('title', v)}
          />
          <AutosaveField
            key={`${task.id}-ownerRole`}
            label={t('results.tasks.ownerRole')}
            stored={task.ownerRole}
            testId="task-edit-ownerRole"
            placeholder={t('results.tasks.ownerRolePlaceholder')}
            help={t('results.tasks.ownerRoleHelp')}
            onState={setState}
            onSave={(v) => store('ownerRole', v)}
          />
          <Form.Item label={t('results.tasks.dueOn')} validateStatus={dueError ? 'error' : undefined} help={dueError}>
            <DateInput testId="task-edit-dueOn" value={task.dueOn} onChange={(v) => void saveDue(v)} />
          </Form.Item>
        </Form>
      </div>
    </Drawer>
  );
}
