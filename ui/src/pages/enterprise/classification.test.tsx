import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import EnterprisePage from '.';
import { MAX_LEVELS, type Approval, type Person, type SecretPoint, type StepProgress } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';
import { enterprise as makeEnterprise, secretPoint } from '../../test/fixtures';

const enterprise = makeEnterprise({ id: 'e1', name: '福州示范食品有限公司' });
const LEVELS = ['核心商密', '重要商密', '一般商密'];

const person: Person = {
  id: 7,
  enterpriseId: 'e1',
  name: '张三丰',
  department: '技术部',
  post: '工艺员',
  personLevel: '',
  entryDate: '2025-01-01',
  exitDate: null,
  entryPledgeOn: null,
  noncompeteEligibility: 'not_eligible',
  agreedDeconfidentialMonths: null,
  note: '',
  relationship: 'employee',
  hasLeft: false,
};

const progress = (overrides: Partial<Record<string, Partial<StepProgress>>> = {}): StepProgress[] =>
  (['quick', 'profile', 'rules', 'points', 'classification', 'people'] as const).map((step) => ({
    step,
    done: 0,
    total: 6,
    registerOk: true,
    complete: false,
    ...overrides[step],
  }));

function backend(extra: Record<string, unknown> = {}, points: SecretPoint[] = [secretPoint({ id: 1, code: 'GY-1', name: '熬制工艺' })]) {
  return mockBackend({
    get_enterprise: enterprise,
    list_levels: LEVELS,
    list_register: points,
    flow_progress: progress(),
    domain_view: { domainId: 'D3', domainName: '定密管理', round: null, criteria: [] },
    list_people: [person],
    point_choices: { subtypes: {}, secrecyChannels: [], protectionPaths: [], carrierKinds: [], levels: LEVELS, items: [], termWords: ['长期', '公布前'] },
    point_access: { pointId: 1, personIds: [], roles: [] },
    list_approvals: [],
    status_moves: ({ status }: Record<string, unknown>) =>
      status === 'proposed'
        ? [
            { to: 'classified', approval: 'classify' },
            { to: 'disclosed', approval: null },
          ]
        : [{ to: 'under_review', approval: null }],
    ...extra,
  });
}

async function openStep(step: string) {
  const rendered = renderWithProviders(<EnterprisePage enterpriseId="e1" onBack={() => undefined} />);
  await screen.findByTestId('enterprise-title');
  await rendered.user.click(screen.getByTestId(`step-${step}`));
  await screen.findByTestId(`step-content-${step}`);
  return rendered;
}

describe('the step list', () => {
  it('marks complete steps, counts the rest and names what a register lacks', async () => {
    const calls = backend({
      flow_progress: progress({
        quick: { done: 22, total: 22, complete: true },
        rules: { done: 0, registerOk: false },
      }),
    });
    await openStep('classification');
    expect(screen.getByTestId('step-quick')).toHaveAttribute('data-complete', 'true');
    expect(screen.getByTestId('step-rules')).toHaveAttribute('data-complete', 'false');
    expect(screen.getByTestId('step-count-quick')).toHaveTextContent('已答 22/22 题');
    expect(screen.getByTestId('step-count-rules')).toHaveTextContent('评价项 0/6 · 尚未登记制度');
    expect(screen.getByTestId('step-count-points')).not.toHaveTextContent('尚未');
    expect(callsOf(calls, 'flow_progress')[0].args).toEqual({ enterpriseId: 'e1' });
  });

  it('remembers the open step for the enterprise', async () => {
    backend();
    const first = await openStep('classification');
    first.unmount();
    renderWithProviders(<EnterprisePage enterpriseId="e1" onBack={() => undefined} />);
    expect(await screen.findByTestId('step-content-classification')).toBeInTheDocument();
  });
});

describe('the level scheme', () => {
  it('saves the scheme as a whole and explains a refused name beside it', async () => {
    const calls = backend({
      set_levels: ({ names }: Record<string, unknown>) =>
        (names as string[]).includes('绝密')
          ? Promise.reject({ code: 'LEVEL_NAME_REFUSED', message: '', params: { name: '绝密' } })
          : names,
    });
    const { user } = await openStep('classification');
    const save = screen.getByTestId('level-save');
    expect(save).toBeDisabled();
    await user.clear(screen.getByTestId('level-name-2'));
    await user.type(screen.getByTestId('level-name-2'), '绝密');
    await user.click(save);
    expect(await screen.findByTestId('level-error')).toHaveTextContent('绝密');
    await user.clear(screen.getByTestId('level-name-2'));
    await user.type(screen.getByTestId('level-name-2'), '普通商密');
    await user.click(screen.getByTestId('level-save'));
    await waitFor(() => expect(callsOf(calls, 'set_levels')).toHaveLength(2));
    expect(callsOf(calls, 'set_levels')[1].args).toEqual({ enterpriseId: 'e1', names: ['核心商密', '重要商密', '普通商密'] });
    await waitFor(() => expect(screen.queryByTestId('level-error')).toBeNull());
    // The points are reloaded: a rename renames the level on them too.
    await waitFor(() => expect(callsOf(calls, 'list_register')).toHaveLength(2));
  });

  it('adds levels up to the core’s MAX_LEVELS and says how many it allows', async () => {
    backend();
    const { user } = await openStep('classification');
    await screen.findByTestId(`level-name-${LEVELS.length - 1}`);
    expect(screen.getByTestId('level-scheme')).toHaveTextContent(`最多 ${MAX_LEVELS} 级`);
    for (let n = LEVELS.length; n < MAX_LEVELS; n += 1) {
      expect(screen.getByTestId('level-add')).toBeEnabled();
      await user.click(screen.getByTestId('level-add'));
      expect(await screen.findByTestId(`level-name-${n}`)).toBeInTheDocument();
    }
    expect(screen.getByTestId('level-add')).toBeDisabled();
  });
});

describe('classifying a secret point', () => {
  it('saves the access list from the personnel register and roles', async () => {
    const calls = backend({
      set_point_access: ({ personIds, roles }: Record<string, unknown>) => ({ pointId: 1, personIds, roles }),
    });
    const { user } = await openStep('classification');
    await user.click(screen.getByTestId('classify-open'));
    const drawer = await screen.findByTestId('classify-title');
    expect(drawer).toHaveTextContent('GY-1');
    expect(screen.getByTestId('cf-access-save')).toBeDisabled();
    await user.click(within(screen.getByTestId('cf-access-people')).getByRole('combobox'));
    await user.click(await screen.findByText('张三丰 · 技术部 · 工艺员'));
    await user.type(within(screen.getByTestId('cf-access-roles')).getByRole('combobox'), '质检主管{Enter}');
    await user.click(screen.getByTestId('cf-access-save'));
    await waitFor(() => expect(callsOf(calls, 'set_point_access')).toHaveLength(1));
    expect(callsOf(calls, 'set_point_access')[0].args).toEqual({ pointId: 1, personIds: [7], roles: ['质检主管'] });
    expect(await screen.findByText('知悉范围已保存')).toBeInTheDocument();
  });

  it('classifies through the approval form, then lists the approval and prints its form', async () => {
    const approval: Approval = {
      id: 31,
      pointId: 1,
      kind: 'classify',
      fromStatus: 'proposed',
      toStatus: 'classified',
      proposingDepartment: '技术部',
      proposer: '张工',
      approver: '王总',
      filedBy: '李某',
      basis: '制度第五条',
      decidedOn: '2026-03-01',
      changeSummary: '',
    };
    let approvals: Approval[] = [];
    const calls = backend({
      transition_point: ({ approval: a }: Record<string, unknown>) => {
        if (!(a as { approver: string }).approver) return Promise.reject({ code: 'APPROVAL_INCOMPLETE', message: '', params: { field: '审批人' } });
        approvals = [approval];
        return secretPoint({ id: 1, code: 'GY-1', name: '熬制工艺', status: 'classified' });
      },
      list_approvals: () => approvals,
      save_approval_form: { path: '/tmp/GY-1-定密审批表.pdf', missingChars: [], warnings: [] },
    });
    const { user } = await openStep('classification');
    await user.click(screen.getByTestId('classify-open'));
    await user.click(await screen.findByTestId('move-classified'));
    // Required fields are asked for before anything is sent.
    await user.click(await screen.findByTestId('approval-submit'));
    expect(await screen.findByText('请填写审批人')).toBeInTheDocument();
    expect(callsOf(calls, 'transition_point')).toHaveLength(0);
    await user.type(screen.getByTestId('approval-proposingDepartment'), '技术部');
    await user.type(screen.getByTestId('approval-proposer'), '张工');
    await user.type(screen.getByTestId('approval-approver'), '王总');
    await user.type(screen.getByTestId('approval-filedBy'), '李某');
    await user.type(screen.getByTestId('approval-basis'), '制度第五条');
    await user.click(screen.getByTestId('approval-submit'));
    await waitFor(() => expect(callsOf(calls, 'transition_point')).toHaveLength(1));
    const args = callsOf(calls, 'transition_point')[0].args as { pointId: number; to: string; approval: Record<string, string> };
    expect(args.pointId).toBe(1);
    expect(args.to).toBe('classified');
    expect(args.approval).toMatchObject({ proposingDepartment: '技术部', proposer: '张工', approver: '王总', filedBy: '李某', basis: '制度第五条', changeSummary: '' });
    expect(args.approval.decidedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await screen.findByTestId('classify-status')).toHaveTextContent('已定密');
    expect(await screen.findByTestId('approval-row')).toHaveTextContent('王总');
    expect(screen.getAllByTestId('classify-row-status')[0]).toHaveTextContent('已定密');
    await user.click(screen.getByTestId('approval-print'));
    expect(await screen.findByTestId('form-saved')).toHaveTextContent('/tmp/GY-1-定密审批表.pdf');
    expect(callsOf(calls, 'save_approval_form')[0].args).toEqual({ approvalId: 31 });
  });

  it('moves without an approval where none is needed and shows a refusal', async () => {
    const calls = backend({
      transition_point: rejectWith({ code: 'STATUS_TRANSITION_REFUSED', message: '', params: { from: '拟定', to: '已公开（失密）' } }),
    });
    const { user } = await openStep('classification');
    await user.click(screen.getByTestId('classify-open'));
    await user.click(await screen.findByTestId('move-disclosed'));
    await waitFor(() => expect(callsOf(calls, 'transition_point')).toHaveLength(1));
    expect(callsOf(calls, 'transition_point')[0].args).toEqual({ pointId: 1, to: 'disclosed', approval: null });
    expect(await screen.findByText(/拟定/, { selector: '.ant-form-item-explain-error' })).toBeInTheDocument();
  });

  it('filters the points by status and counts those not yet classified', async () => {
    backend({}, [
      secretPoint({ id: 1, code: 'GY-1', name: '甲' }),
      secretPoint({ id: 2, code: 'GY-2', name: '乙', status: 'classified' }),
    ]);
    const { user } = await openStep('classification');
    expect(screen.getByTestId('classify-proposed')).toHaveTextContent('尚未定密 1 个 / 共 2 个');
    await user.click(within(screen.getByTestId('classify-filter-status')).getByRole('combobox'));
    await user.click(await screen.findByTitle('已定密'));
    await waitFor(() => expect(screen.getAllByTestId('classify-row')).toHaveLength(1));
    expect(screen.getByTestId('classify-row')).toHaveAttribute('data-code', 'GY-2');
  });
});

describe('the credit code after creation', () => {
  it('keeps a code that fails its check only with a note', async () => {
    const calls = backend({
      check_credit_code: { input: '91350100M000100Y44', normalized: '91350100M000100Y44', status: 'invalid', reason: '校验码应为 3' },
      set_credit_code: ({ code, note }: Record<string, unknown>) =>
        note ? { ...enterprise, creditCode: code, creditCodeNote: note } : Promise.reject({ code: 'CREDIT_CODE_NEEDS_NOTE', message: '', params: { reason: '校验码应为 3' } }),
      update_enterprise: enterprise,
    });
    const { user } = await openStep('profile');
    await user.type(screen.getByTestId('ef-creditCode'), '91350100M000100Y44');
    await user.click(screen.getByTestId('ef-industry'));
    expect(await screen.findByTestId('ef-creditCode-check')).toHaveAttribute('data-status', 'invalid');
    expect(screen.getByTestId('ef-creditCode-check')).toHaveTextContent('校验码应为 3');
    await user.click(screen.getByTestId('ef-creditCode-save'));
    expect(await screen.findByText('代码未通过校验，请填写说明后再保存')).toBeInTheDocument();
    await user.type(screen.getByTestId('ef-creditCode-note'), '以营业执照为准');
    await user.click(screen.getByTestId('ef-creditCode-save'));
    await waitFor(() => expect(screen.getByTestId('enterprise-credit-code')).toHaveTextContent('91350100M000100Y44'));
    expect(callsOf(calls, 'set_credit_code').at(-1)!.args).toEqual({ enterpriseId: 'e1', code: '91350100M000100Y44', note: '以营业执照为准' });
  });
});
