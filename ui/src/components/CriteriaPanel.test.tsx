import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import CriteriaPanel from './CriteriaPanel';
import type { Answer, AnswerStatus, Assessment, Contradiction, CriterionView, DomainView } from '../services';
import { callsOf, mockBackend, rejectWith } from '../test/ipc';
import { renderWithProviders } from '../test/render';

function criterion(fields: Partial<CriterionView> & Pick<CriterionView, 'id' | 'title'>): CriterionView {
  return {
    points: 2,
    requirement: '',
    guidance: '',
    basis: [],
    basic: false,
    evidenceKinds: [],
    derived: false,
    derivedStatus: null,
    answer: null,
    gate: false,
    applies: true,
    contradictions: [],
    notApplicableRefused: [],
    ...fields,
  };
}

function answer(fields: Partial<Answer> & Pick<Answer, 'criterionId' | 'status'>): Answer {
  return { note: '', naReason: '', overrideReason: '', needsReview: false, provisional: false, ...fields };
}

const ROUND: Assessment = {
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
};

const CRITERIA: CriterionView[] = [
  criterion({
    id: 'D1.3',
    title: '有书面的商业秘密管理制度',
    points: 3,
    basic: true,
    requirement: '制定书面的商业秘密管理制度',
    guidance: '把制度文件登记到制度清单',
    basis: ['法释〔2020〕7号 第六条第（二）项', '反不正当竞争法（2025） 第十条第四款'],
    evidenceKinds: ['rule_doc'],
  }),
  criterion({
    id: 'D1.4',
    title: '制度经民主程序制定并告知员工',
    derived: true,
    requirement: '制度经民主程序制定并公示',
  }),
  criterion({ id: 'D1.5', title: '专项制度配套齐全' }),
];

/**
 * A backend that keeps the answers it is given, as the core does: `domain_view` always reflects
 * them, and the first answer starts round 1.
 */
function backend(opts: { round?: Assessment | null; criteria?: CriterionView[]; extra?: Record<string, unknown> } = {}) {
  let round = opts.round === undefined ? null : opts.round;
  const criteria = (opts.criteria ?? CRITERIA).map((c) => ({ ...c }));
  const view = (): DomainView => ({
    domainId: 'D1',
    domainName: '组织与制度',
    round,
    criteria: criteria.map((c) => ({
      ...c,
      derivedStatus: c.derived && round && !c.answer?.overrideReason ? (c.derivedStatus ?? 'partly_met') : null,
    })),
  });
  const store = (a: Answer): Answer => {
    round = round ?? ROUND;
    const c = criteria.find((x) => x.id === a.criterionId)!;
    c.answer = a;
    // What the registers said was against the answer no longer holds once it changed.
    c.contradictions = c.contradictions.filter((x) => x.answer === a.status);
    return a;
  };
  return mockBackend({
    domain_view: view,
    answer_criterion: (args: Record<string, unknown>) =>
      store(
        answer({
          criterionId: args.criterionId as string,
          status: args.status as AnswerStatus,
          note: args.note as string,
          naReason: args.naReason as string,
        }),
      ),
    override_criterion: (args: Record<string, unknown>) =>
      store(
        answer({
          criterionId: args.criterionId as string,
          status: args.status as AnswerStatus,
          overrideReason: args.reason as string,
        }),
      ),
    answer_evidence: [],
    ...opts.extra,
  });
}

async function renderPanel() {
  const onChanged = vi.fn();
  const rendered = renderWithProviders(<CriteriaPanel enterpriseId="e1" domainId="D1" onChanged={onChanged} />);
  await screen.findByTestId('criteria-panel');
  return { ...rendered, onChanged };
}

/** Clicks the option with the given index of a criterion's status choice, as an E2E test would. */
async function choose(user: UserEvent, id: string, index: number) {
  await user.click(screen.getByTestId(`criterion-status-${id}-option-${index}`));
}

const statusRadio = (id: string, name: string) =>
  within(screen.getByTestId(`criterion-status-${id}`)).getByRole('radio', { name });

async function expand(user: UserEvent, title: string) {
  await user.click(screen.getByText(title));
}

describe('criteria panel', () => {
  it('shows each criterion with its points, basic tag, requirement and basis', async () => {
    const calls = backend();
    const { user } = await renderPanel();
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D1' });

    const first = screen.getByTestId('criterion-D1.3');
    expect(first).toHaveTextContent('D1.3');
    expect(first).toHaveTextContent('有书面的商业秘密管理制度');
    expect(first).toHaveTextContent('3 分');
    expect(screen.getByTestId('criterion-basic-D1.3')).toHaveTextContent('基础项');
    expect(screen.queryByTestId('criterion-basic-D1.5')).toBeNull();
    // The derived criterion counts as answered.
    expect(screen.getByTestId('criteria-count')).toHaveTextContent('已答 1 / 共 3');
    expect(screen.getByTestId('criteria-no-round')).toHaveTextContent('第 1 轮自评');
    // Each status is explained.
    expect(screen.getByTestId('criteria-status-help')).toHaveAttribute(
      'aria-label',
      expect.stringContaining('不适用：本企业没有该情形（须写明理由，不计入分母）'),
    );

    // The details show once the criterion is opened.
    expect(screen.queryByTestId('criterion-requirement-D1.3')).toBeNull();
    await expand(user, '有书面的商业秘密管理制度');
    expect(screen.getByTestId('criterion-requirement-D1.3')).toHaveTextContent('制定书面的商业秘密管理制度');
    expect(first).toHaveTextContent('把制度文件登记到制度清单');
    const basis = screen.getByTestId('criterion-basis-D1.3');
    expect(basis).toHaveTextContent('法释〔2020〕7号 第六条第（二）项');
    expect(basis).toHaveTextContent('反不正当竞争法（2025） 第十条第四款');
    expect(first).toHaveTextContent('制度文件');
  });

  it('sends a chosen status and shows it, starting round 1', async () => {
    const calls = backend();
    const { user, onChanged } = await renderPanel();
    expect(statusRadio('D1.5', '未评')).toBeChecked();

    await choose(user, 'D1.5', 0);
    await waitFor(() => expect(callsOf(calls, 'answer_criterion')).toHaveLength(1));
    expect(callsOf(calls, 'answer_criterion')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.5',
      status: 'met',
      note: '',
      naReason: '',
    });
    await waitFor(() => expect(statusRadio('D1.5', '已落实')).toBeChecked());
    expect(statusRadio('D1.5', '未评')).not.toBeChecked();
    expect(screen.getByTestId('criteria-count')).toHaveTextContent('已答 2 / 共 3');
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The first answer started a round: the panel says so.
    expect(await screen.findByTestId('criteria-round')).toHaveTextContent('第 1 轮');
    expect(screen.queryByTestId('criteria-no-round')).toBeNull();
  });

  it('saves a note after a pause in typing, with the current status', async () => {
    const calls = backend({
      round: ROUND,
      criteria: [criterion({ id: 'D1.5', title: '专项制度配套齐全', answer: answer({ criterionId: 'D1.5', status: 'partly_met' }) })],
    });
    const { user } = await renderPanel();
    await expand(user, '专项制度配套齐全');
    await user.type(screen.getByTestId('criterion-note-D1.5'), '缺保密奖惩制度');
    await waitFor(() => expect(callsOf(calls, 'answer_criterion')).toHaveLength(1));
    expect(callsOf(calls, 'answer_criterion')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.5',
      status: 'partly_met',
      note: '缺保密奖惩制度',
      naReason: '',
    });
  });

  it('asks for the reason of 不适用 before sending it', async () => {
    const calls = backend();
    const { user, onChanged } = await renderPanel();

    await choose(user, 'D1.5', 3);
    // Nothing is sent yet: the reason field opens.
    const reason = await screen.findByTestId('criterion-na-reason-D1.5');
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
    await user.click(screen.getByTestId('criterion-na-save-D1.5'));
    const error = await screen.findByText('选择“不适用”须填写理由');
    expect(error.closest('.ant-form-item')).toContainElement(reason);
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
    expect(onChanged).not.toHaveBeenCalled();

    await user.type(reason, '本企业没有对外合作研发');
    await user.click(screen.getByTestId('criterion-na-save-D1.5'));
    await waitFor(() => expect(callsOf(calls, 'answer_criterion')).toHaveLength(1));
    expect(callsOf(calls, 'answer_criterion')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.5',
      status: 'not_applicable',
      note: '',
      naReason: '本企业没有对外合作研发',
    });
    await waitFor(() => expect(statusRadio('D1.5', '不适用')).toBeChecked());
    expect(screen.queryByTestId('criterion-na-save-D1.5')).toBeNull();
    // The stored reason stays editable.
    expect(screen.getByTestId('criterion-na-reason-D1.5')).toHaveValue('本企业没有对外合作研发');
    expect(onChanged).toHaveBeenCalled();
  });

  it('does not send an emptied 不适用 reason and says why beside the field', async () => {
    const calls = backend({
      round: ROUND,
      criteria: [
        criterion({
          id: 'D1.5',
          title: '专项制度配套齐全',
          answer: answer({ criterionId: 'D1.5', status: 'not_applicable', naReason: '无' }),
        }),
      ],
    });
    const { user } = await renderPanel();
    await expand(user, '专项制度配套齐全');
    const reason = screen.getByTestId('criterion-na-reason-D1.5');
    await user.clear(reason);
    await user.tab();
    const error = await screen.findByText('选择“不适用”须填写理由');
    expect(error.closest('.ant-form-item')).toContainElement(reason);
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
  });

  it('shows a refusal of the core beside the criterion', async () => {
    backend({
      round: ROUND,
      extra: { answer_criterion: rejectWith({ code: 'ROUND_CLOSED', message: '第 1 次自评已完成', params: { round: '1' } }) },
    });
    const { user, onChanged } = await renderPanel();
    await choose(user, 'D1.3', 1);
    expect(await screen.findByTestId('criterion-error-D1.3')).toHaveTextContent('第 1 次自评已完成，答案和报告内容不能再修改');
    expect(statusRadio('D1.3', '未评')).toBeChecked();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows a derived criterion as derived, not answerable directly', async () => {
    backend({ round: ROUND });
    const { user } = await renderPanel();
    const derived = screen.getByTestId('criterion-D1.4');
    expect(screen.getByTestId('criterion-derived-D1.4')).toHaveTextContent('由登记簿自动得出');
    expect(screen.getByTestId('criterion-derived-status-D1.4')).toHaveTextContent('部分落实');
    expect(screen.queryByTestId('criterion-status-D1.4')).toBeNull();
    expect(within(derived).queryAllByRole('radio')).toHaveLength(0);
    await expand(user, '制度经民主程序制定并告知员工');
    expect(screen.getByTestId('criterion-requirement-D1.4')).toBeInTheDocument();
    expect(screen.queryByTestId('criterion-note-D1.4')).toBeNull();
  });

  it('adjusts a derived criterion only with a reason, and undoes the adjustment', async () => {
    const calls = backend({ round: ROUND });
    const { user, onChanged } = await renderPanel();
    await user.click(screen.getByTestId('criterion-override-D1.4'));
    await user.click(await screen.findByTestId('criterion-override-choice-D1.4-option-0'));
    await user.click(screen.getByTestId('criterion-override-save-D1.4'));
    const error = await screen.findByText('请写明调整理由。');
    expect(error.closest('.ant-form-item')).toContainElement(screen.getByTestId('criterion-override-reason-D1.4'));
    expect(callsOf(calls, 'override_criterion')).toHaveLength(0);

    await user.type(screen.getByTestId('criterion-override-reason-D1.4'), '制度已在职代会通过，登记簿漏记');
    await user.click(screen.getByTestId('criterion-override-save-D1.4'));
    await waitFor(() => expect(callsOf(calls, 'override_criterion')).toHaveLength(1));
    expect(callsOf(calls, 'override_criterion')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.4',
      status: 'met',
      reason: '制度已在职代会通过，登记簿漏记',
    });
    expect(await screen.findByTestId('criterion-override-status-D1.4')).toHaveTextContent('已人工调整为：已落实');
    const note = screen.getByTestId('criterion-override-note-D1.4');
    expect(note).toHaveTextContent('理由：制度已在职代会通过，登记簿漏记');
    expect(onChanged).toHaveBeenCalledTimes(1);

    await user.click(screen.getByTestId('criterion-override-undo-D1.4'));
    await waitFor(() => expect(callsOf(calls, 'override_criterion')).toHaveLength(2));
    expect(callsOf(calls, 'override_criterion')[1].args).toMatchObject({ criterionId: 'D1.4', reason: '' });
    expect(await screen.findByTestId('criterion-derived-status-D1.4')).toHaveTextContent('部分落实');
    expect(screen.queryByTestId('criterion-override-note-D1.4')).toBeNull();
  });

  it('flags answers to review and provisional answers, which do not count yet', async () => {
    backend({
      round: ROUND,
      criteria: [
        criterion({ id: 'D1.3', title: '甲', answer: answer({ criterionId: 'D1.3', status: 'met', needsReview: true }) }),
        criterion({ id: 'D1.5', title: '乙', answer: answer({ criterionId: 'D1.5', status: 'not_met', provisional: true }) }),
      ],
    });
    await renderPanel();
    expect(screen.getByTestId('criterion-needs-review-D1.3')).toHaveTextContent('待复核');
    expect(screen.queryByTestId('criterion-provisional-D1.3')).toBeNull();
    expect(screen.getByTestId('criterion-provisional-D1.5')).toHaveTextContent('初步（快速自查）');
    expect(screen.queryByTestId('criterion-needs-review-D1.5')).toBeNull();
    expect(screen.getByTestId('criteria-count')).toHaveTextContent('已答 1 / 共 2');
  });

  it('is read-only when the round is closed', async () => {
    const calls = backend({
      round: { ...ROUND, closedAt: '2026-11-20T08:00:00Z' },
      criteria: [
        criterion({ id: 'D1.3', title: '甲', answer: answer({ criterionId: 'D1.3', status: 'met', note: '见制度汇编' }) }),
        criterion({ id: 'D1.4', title: '乙', derived: true }),
      ],
    });
    const { user } = await renderPanel();
    expect(screen.getByTestId('criteria-closed')).toHaveTextContent('第 1 轮自评已完成');
    for (const radio of within(screen.getByTestId('criterion-status-D1.3')).getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.queryByTestId('criterion-override-D1.4')).toBeNull();
    await user.click(screen.getByTestId('criterion-status-D1.3-option-2'));
    await expand(user, '甲');
    expect(screen.getByTestId('criterion-D1.3')).toHaveTextContent('见制度汇编');
    expect(screen.queryByTestId('criterion-note-D1.3')).toBeNull();
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
  });

  it('shows what the registers say against an answer and answers as suggested in one click', async () => {
    const contradiction: Contradiction = {
      criterion: 'D1.5',
      title: '专项制度配套齐全',
      answer: 'not_met',
      fact: '制度清单中已登记保密奖惩制度',
      suggested: 'partly_met',
    };
    const calls = backend({
      round: ROUND,
      criteria: [
        criterion({
          id: 'D1.5',
          title: '专项制度配套齐全',
          answer: answer({ criterionId: 'D1.5', status: 'not_met', note: '见制度汇编' }),
          contradictions: [contradiction],
        }),
      ],
    });
    const { user, onChanged } = await renderPanel();
    const alert = screen.getByTestId('criterion-contradiction-D1.5');
    expect(alert).toHaveTextContent('与登记簿不一致：制度清单中已登记保密奖惩制度；建议作答“部分落实”');
    expect(alert).toHaveAttribute('data-suggested', 'partly_met');
    // Nothing changes by itself.
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
    expect(statusRadio('D1.5', '未落实')).toBeChecked();

    await user.click(screen.getByTestId('criterion-suggest-D1.5'));
    await waitFor(() => expect(callsOf(calls, 'answer_criterion')).toHaveLength(1));
    expect(callsOf(calls, 'answer_criterion')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.5',
      status: 'partly_met',
      note: '见制度汇编',
      naReason: '',
    });
    await waitFor(() => expect(statusRadio('D1.5', '部分落实')).toBeChecked());
    // The view is read again: the core says nothing against the new answer.
    await waitFor(() => expect(screen.queryByTestId('criterion-contradiction-D1.5')).toBeNull());
    expect(callsOf(calls, 'domain_view')).toHaveLength(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('asks to answer again when the registers refute a 不适用 and suggest nothing', async () => {
    backend({
      round: ROUND,
      criteria: [
        criterion({
          id: 'D1.5',
          title: '专项制度配套齐全',
          answer: answer({ criterionId: 'D1.5', status: 'not_applicable', naReason: '没有' }),
          contradictions: [{ criterion: 'D1.5', title: '专项制度配套齐全', answer: 'not_applicable', fact: '密点台账中有技术信息类密点', suggested: null }],
          notApplicableRefused: ['密点台账中有技术信息类密点'],
        }),
      ],
    });
    await renderPanel();
    expect(screen.getByTestId('criterion-contradiction-D1.5')).toHaveTextContent('与登记簿不一致：密点台账中有技术信息类密点；请按实际情况重新作答');
    expect(screen.queryByTestId('criterion-suggest-D1.5')).toBeNull();
  });

  it('offers no 不适用 while a register fact refuses it, and says why', async () => {
    const calls = backend({
      round: ROUND,
      criteria: [criterion({ id: 'D1.5', title: '专项制度配套齐全', notApplicableRefused: ['密点台账中有技术信息类密点', '已登记对外提供记录'] })],
    });
    const { user } = await renderPanel();
    const na = statusRadio('D1.5', '不适用');
    expect(na).toBeDisabled();
    expect(statusRadio('D1.5', '已落实')).not.toBeDisabled();
    await user.click(screen.getByTestId('criterion-status-D1.5-option-3'));
    expect(screen.queryByTestId('criterion-na-reason-D1.5')).toBeNull();
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
    await expand(user, '专项制度配套齐全');
    expect(screen.getByTestId('criterion-na-refused-D1.5')).toHaveTextContent(
      '不能选“不适用”：密点台账中有技术信息类密点；已登记对外提供记录',
    );
  });

  it('answers a derived criterion adjusted by hand as suggested, keeping the reason', async () => {
    const calls = backend({
      round: ROUND,
      criteria: [
        criterion({
          id: 'D1.4',
          title: '制度经民主程序制定并告知员工',
          derived: true,
          answer: answer({ criterionId: 'D1.4', status: 'met', overrideReason: '已在职代会通过' }),
          contradictions: [{ criterion: 'D1.4', title: '制度经民主程序制定并告知员工', answer: 'met', fact: '制度清单中没有经民主程序的制度', suggested: 'not_met' }],
        }),
      ],
    });
    const { user } = await renderPanel();
    await user.click(screen.getByTestId('criterion-suggest-D1.4'));
    await waitFor(() => expect(callsOf(calls, 'override_criterion')).toHaveLength(1));
    expect(callsOf(calls, 'override_criterion')[0].args).toEqual({
      enterpriseId: 'e1',
      criterionId: 'D1.4',
      status: 'not_met',
      reason: '已在职代会通过',
    });
    expect(callsOf(calls, 'answer_criterion')).toHaveLength(0);
  });

  it('offers no suggestion to apply in a closed round', async () => {
    backend({
      round: { ...ROUND, closedAt: '2026-11-20T08:00:00Z' },
      criteria: [
        criterion({
          id: 'D1.5',
          title: '专项制度配套齐全',
          answer: answer({ criterionId: 'D1.5', status: 'not_met' }),
          contradictions: [{ criterion: 'D1.5', title: '专项制度配套齐全', answer: 'not_met', fact: '制度清单中已登记保密奖惩制度', suggested: 'met' }],
        }),
      ],
    });
    await renderPanel();
    expect(screen.getByTestId('criterion-contradiction-D1.5')).toBeInTheDocument();
    expect(screen.queryByTestId('criterion-suggest-D1.5')).toBeNull();
  });

  it('labels a condition as not scored, and shows a criterion that does not concern the enterprise without controls', async () => {
    backend({
      round: ROUND,
      criteria: [
        criterion({ id: 'D8.0', title: '对外提供前经审批', points: 0, gate: true }),
        criterion({ id: 'D8.3', title: '合作研发成果约定权属', applies: false, requirement: '合作研发合同约定成果归属' }),
        criterion({ id: 'D8.4', title: '外协加工签订保密协议' }),
      ],
    });
    const { user } = await renderPanel();
    expect(screen.getByTestId('criterion-gate-D8.0')).toHaveTextContent('条件项（不计分）');
    expect(screen.getByTestId('criterion-D8.0')).not.toHaveTextContent('0 分');
    expect(screen.queryByTestId('criterion-gate-D8.4')).toBeNull();
    expect(screen.getByTestId('criterion-D8.4')).toHaveTextContent('2 分');

    const out = screen.getByTestId('criterion-D8.3');
    expect(out).toHaveAttribute('data-applies', 'false');
    expect(screen.getByTestId('criterion-not-applies-D8.3')).toHaveTextContent('本企业不涉及此项');
    expect(screen.queryByTestId('criterion-status-D8.3')).toBeNull();
    expect(within(out).queryAllByRole('radio')).toHaveLength(0);
    // Nothing to answer: it is not counted.
    expect(screen.getByTestId('criteria-count')).toHaveTextContent('已答 0 / 共 2');
    await expand(user, '合作研发成果约定权属');
    expect(screen.getByTestId('criterion-requirement-D8.3')).toHaveTextContent('合作研发合同约定成果归属');
    expect(screen.getByTestId('criterion-not-applies-note-D8.3')).toHaveTextContent('本企业没有此项所针对的情形');
    expect(screen.queryByTestId('criterion-note-D8.3')).toBeNull();
    expect(screen.queryByTestId('evidence-list-D8.3')).toBeNull();
  });

  it('speaks English', async () => {
    const { setLanguage } = await import('../i18n');
    await setLanguage('en');
    backend();
    const { user } = await renderPanel();
    await expand(user, '有书面的商业秘密管理制度');
    expect(screen.getByTestId('criteria-count')).toHaveTextContent('Answered 1 of 3');
    expect(statusRadio('D1.5', 'Not assessed')).toBeChecked();
    expect(within(screen.getByTestId('criterion-status-D1.5')).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual([
      'Met',
      'Partly met',
      'Not met',
      'Not applicable',
      'Not assessed',
    ]);
    expect(screen.getByTestId('criterion-derived-D1.4')).toHaveTextContent('Answered by the registers');
    // The evidence kinds are codes, worded in the UI's language.
    expect(screen.getByTestId('criterion-D1.3')).toHaveTextContent('Evidence Rules document');
  });

  it('words contradictions, conditions and criteria that do not apply in English, the register fact as data', async () => {
    const { setLanguage } = await import('../i18n');
    await setLanguage('en');
    backend({
      round: ROUND,
      criteria: [
        criterion({
          id: 'D1.5',
          title: '专项制度配套齐全',
          answer: answer({ criterionId: 'D1.5', status: 'not_met' }),
          contradictions: [{ criterion: 'D1.5', title: '专项制度配套齐全', answer: 'not_met', fact: '制度清单中已登记保密奖惩制度', suggested: 'partly_met' }],
        }),
        criterion({ id: 'D8.0', title: '对外提供前经审批', points: 0, gate: true }),
        criterion({ id: 'D8.3', title: '合作研发成果约定权属', applies: false }),
      ],
    });
    await renderPanel();
    expect(screen.getByTestId('criterion-contradiction-D1.5')).toHaveTextContent(
      'Inconsistent with the registers: 制度清单中已登记保密奖惩制度. Suggested answer: "Partly met"',
    );
    expect(screen.getByTestId('criterion-suggest-D1.5')).toHaveTextContent('Answer as suggested');
    expect(screen.getByTestId('criterion-gate-D8.0')).toHaveTextContent('Condition (not scored)');
    expect(screen.getByTestId('criterion-not-applies-D8.3')).toHaveTextContent('Does not concern this enterprise');
  });
});
