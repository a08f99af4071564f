import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import dayjs from 'dayjs';
import EvidenceList from './EvidenceList';
import CriteriaPanel from './CriteriaPanel';
import type { Answer, CriterionView, DomainView, Evidence, Recheck } from '../services';
import { callsOf, mockBackend, rejectWith } from '../test/ipc';
import { renderWithProviders } from '../test/render';

/** Days in the past, whatever today is: the pickers refuse dates after today. */
const PAST = dayjs().subtract(30, 'day').format('YYYY-MM-DD');
const PAST2 = dayjs().subtract(3, 'day').format('YYYY-MM-DD');

const HASH_A = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const HASH_B = '0b1c2d3e4f5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

function answer(fields: Partial<Answer> = {}): Answer {
  return { criterionId: 'D1.3', status: 'met', note: '', naReason: '', overrideReason: '', needsReview: false, provisional: false, ...fields };
}

function criterion(fields: Partial<CriterionView> = {}): CriterionView {
  return {
    id: 'D1.3',
    title: '有书面的商业秘密管理制度',
    points: 3,
    requirement: '制定书面的商业秘密管理制度',
    guidance: '',
    basis: [],
    basic: true,
    evidenceKinds: ['record', 'rule_doc'],
    derived: false,
    derivedStatus: null,
    answer: answer(),
    gate: false,
    applies: true,
    contradictions: [],
    notApplicableRefused: [],
    ...fields,
  };
}

function evidence(fields: Partial<Evidence> & Pick<Evidence, 'id' | 'title'>): Evidence {
  return {
    enterpriseId: 'e1',
    kind: 'rule_doc',
    effectiveOn: '2026-03-01',
    storage: 'stored',
    fileName: '商业秘密管理制度.pdf',
    path: null,
    size: 245760,
    sha256: HASH_A,
    createdAt: '2026-11-02T08:00:00Z',
    updatedAt: '2026-11-02T08:00:00Z',
    ...fields,
  };
}

const STORED = evidence({ id: 1, title: '商业秘密管理制度（2026 修订）' });
const REGISTERED = evidence({
  id: 2,
  title: '门禁系统日志',
  kind: 'screenshot',
  effectiveOn: '2026-06-30',
  storage: 'registered',
  fileName: 'door.log',
  path: 'D:\\records\\door.log',
  size: 3 * 1024 * 1024 * 1024,
  sha256: HASH_B,
});

/** The new evidence the core would return for an add_answer_evidence call. */
function created(args: Record<string, unknown>): Evidence {
  const input = args.input as { title: string; kind: Evidence['kind']; effectiveOn: string };
  return evidence({
    id: 9,
    title: input.title,
    kind: input.kind,
    effectiveOn: input.effectiveOn,
    storage: args.stored ? 'stored' : 'registered',
    path: args.stored ? null : 'E:\\big\\scan.tif',
    fileName: args.stored ? 'rules.pdf' : 'scan.tif',
  });
}

async function renderList(opts: { criterion?: CriterionView; readOnly?: boolean } = {}) {
  const onChanged = vi.fn();
  const c = opts.criterion ?? criterion();
  const rendered = renderWithProviders(
    <div style={{ width: 900 }}>
      <EvidenceList enterpriseId="e1" criterion={c} readOnly={opts.readOnly ?? false} onChanged={onChanged} />
    </div>,
  );
  await screen.findByTestId(`evidence-list-${c.id}`);
  return { ...rendered, onChanged };
}

/** Types a date into an antd DatePicker and confirms it with Enter, as a keyboard user would. */
async function typeDate(user: UserEvent, testId: string, value: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${value}{Enter}`);
}

/** Opens a TestIdSelect and picks its option at `index`. */
async function pick(user: UserEvent, testId: string, index: number) {
  await user.click(within(screen.getByTestId(testId)).getByRole('combobox'));
  await user.click(await screen.findByTestId(`${testId}-option-${index}`));
}

async function fillForm(user: UserEvent, title: string, date: string) {
  await user.type(screen.getByTestId('evidence-add-title-D1.3'), title);
  await typeDate(user, 'evidence-add-date-D1.3', date);
}

describe('evidence of an answer', () => {
  it('lists the evidence with kind, date, storage, location and a short hash', async () => {
    const calls = mockBackend({ answer_evidence: [STORED, REGISTERED] });
    const { user } = await renderList();
    expect(callsOf(calls, 'answer_evidence')[0].args).toEqual({ enterpriseId: 'e1', criterionId: 'D1.3' });
    const rows = await screen.findAllByTestId('evidence-row');
    expect(rows).toHaveLength(2);

    expect(rows[0]).toHaveTextContent('商业秘密管理制度（2026 修订）');
    expect(rows[0]).toHaveTextContent('制度文件');
    expect(rows[0]).toHaveTextContent('生效日期 2026-03-01');
    expect(within(rows[0]).getByTestId('evidence-storage')).toHaveTextContent('入库');
    expect(within(rows[0]).getByTestId('evidence-storage')).toHaveAttribute('data-registered', 'false');
    expect(within(rows[0]).getByTestId('evidence-file')).toHaveTextContent('文件：商业秘密管理制度.pdf（240 KiB）');
    const hash = within(rows[0]).getByTestId('evidence-hash');
    expect(hash).toHaveTextContent(/^a3f1c2d4e5b6$/);
    expect(hash).toHaveAttribute('data-sha256', HASH_A);
    await user.hover(hash);
    expect(await screen.findByText(`SHA-256：${HASH_A}`)).toBeInTheDocument();

    expect(within(rows[1]).getByTestId('evidence-storage')).toHaveTextContent('登记不入库');
    expect(within(rows[1]).getByTestId('evidence-storage')).toHaveAttribute('data-registered', 'true');
    expect(within(rows[1]).getByTestId('evidence-file')).toHaveTextContent('位置：D:\\records\\door.log');
    expect(within(rows[1]).getByTestId('evidence-hash')).toHaveTextContent(/^0b1c2d3e4f5a$/);
    // A kind the criterion does not accept is shown as such.
    expect(within(rows[0]).getByTestId('evidence-kind')).not.toHaveAttribute('data-counts');
    expect(within(rows[1]).getByTestId('evidence-kind')).toHaveAttribute('data-counts', 'false');
  });

  it('says when there is no evidence yet', async () => {
    mockBackend({ answer_evidence: [] });
    await renderList();
    expect(await screen.findByTestId('evidence-empty-D1.3')).toHaveTextContent('尚未添加佐证材料');
    expect(screen.queryByTestId('evidence-row')).toBeNull();
  });

  it('preselects the first kind the criterion accepts and marks the kinds that count', async () => {
    mockBackend({ answer_evidence: [] });
    const { user } = await renderList();
    const select = screen.getByTestId('evidence-add-kind-D1.3');
    // The criterion lists 记录台账 first.
    expect(select).toHaveTextContent('记录台账');
    await user.click(within(select).getByRole('combobox'));
    const accepted = await screen.findByTestId('evidence-add-kind-D1.3-option-0');
    expect(accepted).toHaveAttribute('data-value', 'rule_doc');
    expect(accepted).toHaveTextContent('本项认可');
    expect(screen.getByTestId('evidence-add-kind-D1.3-option-1')).toHaveTextContent('本项认可');
    expect(screen.getByTestId('evidence-add-kind-D1.3-option-2')).toHaveAttribute('data-value', 'contract');
    expect(screen.getByTestId('evidence-add-kind-D1.3-option-2')).not.toHaveTextContent('本项认可');
  });

  it('adds a stored copy with the title, kind and effective date', async () => {
    const calls = mockBackend({ answer_evidence: [STORED], add_answer_evidence: created });
    const { user, onChanged } = await renderList();
    await screen.findByTestId('evidence-row');
    expect(screen.getByTestId('evidence-list-D1.3')).toHaveTextContent('单个文件最大 50 MiB');
    await fillForm(user, '  保密制度汇编 ', PAST);
    await pick(user, 'evidence-add-kind-D1.3', 0);
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));

    await waitFor(() => expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(1));
    expect(callsOf(calls, 'add_answer_evidence')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.3',
      input: { enterpriseId: 'e1', title: '保密制度汇编', kind: 'rule_doc', effectiveOn: PAST },
      stored: true,
    });
    await waitFor(() => expect(screen.getAllByTestId('evidence-row')).toHaveLength(2));
    const added = screen.getAllByTestId('evidence-row')[1];
    expect(added).toHaveTextContent('保密制度汇编');
    expect(within(added).getByTestId('evidence-storage')).toHaveTextContent('入库');
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The form is cleared for the next file.
    expect(screen.getByTestId('evidence-add-title-D1.3')).toHaveValue('');
  });

  it('registers a file by its location without a copy', async () => {
    const calls = mockBackend({ answer_evidence: [], add_answer_evidence: created });
    const { user, onChanged } = await renderList();
    await fillForm(user, '车间监控录像', PAST2);
    await user.click(screen.getByTestId('evidence-add-registered-D1.3'));

    await waitFor(() => expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(1));
    expect(callsOf(calls, 'add_answer_evidence')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.3',
      // The preselected kind is the criterion's first.
      input: { enterpriseId: 'e1', title: '车间监控录像', kind: 'record', effectiveOn: PAST2 },
      stored: false,
    });
    const row = await screen.findByTestId('evidence-row');
    expect(within(row).getByTestId('evidence-storage')).toHaveTextContent('登记不入库');
    expect(within(row).getByTestId('evidence-file')).toHaveTextContent('位置：E:\\big\\scan.tif');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('adds nothing when the file dialog is cancelled', async () => {
    const calls = mockBackend({ answer_evidence: [], add_answer_evidence: null });
    const { user, onChanged } = await renderList();
    await fillForm(user, '保密协议范本', PAST);
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));
    await waitFor(() => expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('evidence-add-stored-D1.3')).toBeEnabled());
    expect(screen.queryByTestId('evidence-row')).toBeNull();
    expect(screen.queryByTestId('evidence-add-error-D1.3')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
    // What was typed stays, ready for another try.
    expect(screen.getByTestId('evidence-add-title-D1.3')).toHaveValue('保密协议范本');
  });

  it('sends nothing without a title, and Enter in the date does not add', async () => {
    const calls = mockBackend({ answer_evidence: [], add_answer_evidence: created });
    const { user } = await renderList();
    await typeDate(user, 'evidence-add-date-D1.3', PAST);
    expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(0);
    await user.click(screen.getByTestId('evidence-add-registered-D1.3'));
    expect(await screen.findByText('请填写标题')).toBeInTheDocument();
    expect(screen.queryByText('请选择生效日期')).toBeNull();
    expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(0);
  });

  it('requires the effective date', async () => {
    const calls = mockBackend({ answer_evidence: [], add_answer_evidence: created });
    const { user } = await renderList();
    await user.type(screen.getByTestId('evidence-add-title-D1.3'), '保密制度');
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));
    expect(await screen.findByText('请选择生效日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(0);
  });

  it('does not take a date after today', async () => {
    const calls = mockBackend({ answer_evidence: [], add_answer_evidence: created });
    const { user } = await renderList();
    await fillForm(user, '保密制度', dayjs().add(2, 'day').format('YYYY-MM-DD'));
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));
    expect(await screen.findByText('请选择生效日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_answer_evidence')).toHaveLength(0);
  });

  it('shows the refusal of the core for a date after today', async () => {
    mockBackend({
      answer_evidence: [],
      add_answer_evidence: rejectWith({
        code: 'DATE_IN_FUTURE',
        message: '生效日期晚于今天',
        params: { field: '生效日期', date: '2099-01-01', key: 'effectiveOn' },
      }),
    });
    const { user, onChanged } = await renderList();
    await fillForm(user, '保密制度', PAST);
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));
    expect(await screen.findByTestId('evidence-add-error-D1.3')).toHaveTextContent('生效日期“2099-01-01”晚于今天，请填写今天或以前的日期。');
    expect(screen.queryByTestId('evidence-row')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows a FIELD_INVALID refusal', async () => {
    mockBackend({
      answer_evidence: [],
      add_answer_evidence: rejectWith({
        code: 'FIELD_INVALID',
        message: '填写有误',
        params: { field: '生效日期', reason: '不能晚于今天', key: 'effectiveOn' },
      }),
    });
    const { user } = await renderList();
    await fillForm(user, '保密制度', PAST);
    await user.click(screen.getByTestId('evidence-add-registered-D1.3'));
    expect(await screen.findByTestId('evidence-add-error-D1.3')).toHaveTextContent('填写有误（生效日期）：不能晚于今天');
  });

  it('shows EVIDENCE_NEEDS_ANSWER from the core', async () => {
    mockBackend({
      answer_evidence: [],
      add_answer_evidence: rejectWith({ code: 'EVIDENCE_NEEDS_ANSWER', message: '', params: { id: 'D1.3' } }),
    });
    const { user } = await renderList();
    await fillForm(user, '保密制度', PAST);
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));
    expect(await screen.findByTestId('evidence-add-error-D1.3')).toHaveTextContent('请先为评价项 D1.3 选择状态，再添加佐证材料');
  });

  it('asks for a status first when the criterion has no answer', async () => {
    mockBackend({ answer_evidence: [] });
    await renderList({ criterion: criterion({ answer: null }) });
    expect(await screen.findByTestId('evidence-needs-answer-D1.3')).toHaveTextContent('请先为本项选择评价状态');
    expect(screen.queryByTestId('evidence-add-title-D1.3')).toBeNull();
    expect(screen.queryByTestId('evidence-add-stored-D1.3')).toBeNull();
  });

  it('rechecks a file: consistent in green, changed or missing in red with both hashes', async () => {
    const results: Record<number, Recheck> = {
      1: { matches: true, expectedSha256: HASH_A, actualSha256: HASH_A },
      2: { matches: false, expectedSha256: HASH_B, actualSha256: HASH_A },
    };
    const calls = mockBackend({
      answer_evidence: [STORED, REGISTERED],
      recheck_evidence: ({ id }: Record<string, unknown>) => results[id as number],
    });
    const { user } = await renderList();
    const rows = await screen.findAllByTestId('evidence-row');

    await user.click(within(rows[0]).getByTestId('evidence-recheck'));
    const ok = await within(rows[0]).findByTestId('evidence-recheck-result');
    expect(callsOf(calls, 'recheck_evidence')[0].args).toEqual({ id: 1 });
    expect(ok).toHaveAttribute('data-matches', 'true');
    expect(ok).toHaveTextContent('一致');
    expect(ok.querySelector('.ant-tag-green')).not.toBeNull();

    await user.click(within(rows[1]).getByTestId('evidence-recheck'));
    const bad = await within(rows[1]).findByTestId('evidence-recheck-result');
    expect(callsOf(calls, 'recheck_evidence')[1].args).toEqual({ id: 2 });
    expect(bad).toHaveAttribute('data-matches', 'false');
    expect(bad).toHaveTextContent('不一致');
    expect(bad).toHaveTextContent(`登记的 SHA-256：${HASH_B}`);
    expect(bad).toHaveTextContent(`现在的 SHA-256：${HASH_A}`);
    expect(bad.querySelector('.ant-tag-red')).not.toBeNull();

    // The registered file is gone.
    results[2] = { matches: false, expectedSha256: HASH_B, actualSha256: null };
    await user.click(within(rows[1]).getByTestId('evidence-recheck'));
    await waitFor(() => expect(within(rows[1]).getByTestId('evidence-recheck-result')).toHaveTextContent('文件不存在'));
    expect(within(rows[1]).getByTestId('evidence-recheck-result')).not.toHaveTextContent('现在的 SHA-256');
  });

  it('removes evidence only after confirmation', async () => {
    const calls = mockBackend({ answer_evidence: [STORED, REGISTERED], unlink_answer_evidence: null });
    const { user, onChanged } = await renderList();
    const rows = await screen.findAllByTestId('evidence-row');
    await user.click(within(rows[1]).getByTestId('evidence-remove'));
    expect(await screen.findByText('将“门禁系统日志”从本项的佐证材料中移除？')).toBeInTheDocument();
    expect(callsOf(calls, 'unlink_answer_evidence')).toHaveLength(0);
    await user.click(screen.getByTestId('evidence-remove-confirm'));

    await waitFor(() => expect(callsOf(calls, 'unlink_answer_evidence')).toHaveLength(1));
    expect(callsOf(calls, 'unlink_answer_evidence')[0].args).toEqual({ enterpriseId: 'e1', criterionId: 'D1.3', evidenceId: 2 });
    await waitFor(() => expect(screen.getAllByTestId('evidence-row')).toHaveLength(1));
    expect(screen.getByTestId('evidence-row')).toHaveTextContent('商业秘密管理制度（2026 修订）');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('only lists when the round is closed', async () => {
    mockBackend({ answer_evidence: [STORED] });
    await renderList({ readOnly: true });
    expect(await screen.findByTestId('evidence-row')).toHaveTextContent('商业秘密管理制度（2026 修订）');
    expect(screen.queryByTestId('evidence-remove')).toBeNull();
    expect(screen.queryByTestId('evidence-add-title-D1.3')).toBeNull();
    expect(screen.queryByTestId('evidence-add-stored-D1.3')).toBeNull();
    expect(screen.queryByTestId('evidence-needs-answer-D1.3')).toBeNull();
  });

  it('speaks English', async () => {
    const { setLanguage } = await import('../i18n');
    await setLanguage('en');
    mockBackend({ answer_evidence: [STORED, REGISTERED] });
    await renderList();
    const rows = await screen.findAllByTestId('evidence-row');
    expect(within(rows[0]).getByTestId('evidence-storage')).toHaveTextContent('Copy stored');
    expect(within(rows[1]).getByTestId('evidence-storage')).toHaveTextContent('Registered only');
    expect(within(rows[1]).getByTestId('evidence-file')).toHaveTextContent('Location: D:\\records\\door.log');
    expect(screen.getByTestId('evidence-add-stored-D1.3')).toHaveTextContent('Choose a file (keep a copy)');
    expect(screen.getByTestId('evidence-add-registered-D1.3')).toHaveTextContent('Register the file\'s location (no copy)');
  });
});

describe('evidence in the criteria panel', () => {
  function view(round: boolean): DomainView {
    return {
      domainId: 'D1',
      domainName: '组织与制度',
      round: round
        ? {
            id: 7,
            enterpriseId: 'e1',
            roundNo: 1,
            catalogueId: 'midun-default',
            catalogueVersion: '2026.1',
            baseDate: '2026-11-01',
            filler: '',
            reviewer: '',
            highlights: '',
            nextSteps: '',
            closedAt: null,
          }
        : null,
      criteria: [
        criterion(),
        criterion({ id: 'D1.4', title: '制度经民主程序制定并告知员工', derived: true, answer: null, evidenceKinds: [] }),
      ],
    };
  }

  it('shows the evidence of a criterion once opened, not for derived criteria, and reloads the criteria after a change', async () => {
    const calls = mockBackend({
      domain_view: () => view(true),
      answer_evidence: [STORED],
      add_answer_evidence: created,
    });
    const onChanged = vi.fn();
    const { user } = renderWithProviders(<CriteriaPanel enterpriseId="e1" domainId="D1" onChanged={onChanged} />);
    await screen.findByTestId('criteria-panel');
    // Loaded only when the criterion is opened.
    expect(callsOf(calls, 'answer_evidence')).toHaveLength(0);
    await user.click(screen.getByText('有书面的商业秘密管理制度'));
    const list = await screen.findByTestId('evidence-list-D1.3');
    expect(await within(list).findByTestId('evidence-row')).toHaveTextContent('商业秘密管理制度（2026 修订）');
    expect(callsOf(calls, 'answer_evidence')[0].args).toEqual({ enterpriseId: 'e1', criterionId: 'D1.3' });

    await user.click(screen.getByText('制度经民主程序制定并告知员工'));
    await screen.findByTestId('criterion-requirement-D1.4');
    expect(screen.queryByTestId('evidence-list-D1.4')).toBeNull();

    const before = callsOf(calls, 'domain_view').length;
    await fillForm(user, '保密制度汇编', PAST);
    await user.click(screen.getByTestId('evidence-add-stored-D1.3'));
    await waitFor(() => expect(within(list).getAllByTestId('evidence-row')).toHaveLength(2));
    await waitFor(() => expect(callsOf(calls, 'domain_view').length).toBe(before + 1));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});
