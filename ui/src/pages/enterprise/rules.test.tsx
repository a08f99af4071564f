import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import RulesStep from './RulesStep';
import { setLanguage } from '../../i18n';
import type { DomainView, Person, RuleDoc, Training } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { formItemOf, typeDate } from '../../test/actions';
import { renderWithProviders } from '../../test/render';
import { criterionView } from '../../test/fixtures';

function person(id: number, name: string): Person {
  return {
    id,
    enterpriseId: 'e1',
    name,
    department: '',
    post: '',
    personLevel: '',
    entryDate: '2024-01-01',
    exitDate: null,
    entryPledgeOn: null,
    noncompeteEligibility: 'not_eligible',
    relationship: 'employee',
    hasLeft: false,
    agreedDeconfidentialMonths: null,
    note: '',
  };
}

const PEOPLE = [person(1, '张三'), person(2, '李四'), person(3, '王五')];

const RULES: RuleDoc[] = [
  {
    id: 1,
    enterpriseId: 'e1',
    title: '商业秘密管理办法',
    docNo: '福示发〔2026〕3号',
    issuedOn: '2026-03-01',
    democraticProcedure: '职工代表大会审议通过',
    publicizedOn: '2026-03-05',
    publicityMethod: '员工签收',
  },
  {
    id: 2,
    enterpriseId: 'e1',
    title: '涉密载体管理规定',
    docNo: '',
    issuedOn: '2026-04-01',
    democraticProcedure: '',
    publicizedOn: null,
    publicityMethod: '',
  },
];

const TRAININGS: Training[] = [
  { id: 5, enterpriseId: 'e1', heldOn: '2026-05-10', topic: '新员工保密培训', hasSignInSheet: true, hasQuiz: false, attendeeIds: [1, 2] },
];

const VIEW: DomainView = {
  domainId: 'D1',
  domainName: '组织与制度',
  round: null,
  criteria: [
    criterionView({ id: 'D1.3', title: '有书面的商业秘密管理制度', points: 3, requirement: '制定书面制度', basic: true }),
  ],
};

function backend(extra: Record<string, unknown> = {}) {
  return mockBackend({
    list_rule_docs: RULES,
    list_trainings: TRAININGS,
    list_people: PEOPLE,
    domain_view: ({ domainId }: Record<string, unknown>) =>
      domainId === 'D1' ? VIEW : { domainId: 'D10', domainName: '培训与持续改进', round: null, criteria: [] },
    ...extra,
  });
}

async function renderStep() {
  const onChanged = vi.fn();
  const rendered = renderWithProviders(<RulesStep enterpriseId="e1" onChanged={onChanged} />);
  await screen.findByTestId('rules-step');
  await waitFor(() => expect(screen.getAllByTestId('criteria-panel')).toHaveLength(2));
  return { ...rendered, onChanged };
}

describe('rules step', () => {
  it('lists the rules and trainings, and shows the criteria of D1', async () => {
    const calls = backend();
    await renderStep();
    expect(screen.getByTestId('rules-intro')).toHaveTextContent('民主程序');
    expect(callsOf(calls, 'list_rule_docs')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'list_trainings')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'list_people')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'domain_view').map((c) => c.args.domainId).sort()).toEqual(['D1', 'D10']);

    const rows = screen.getAllByTestId('rule-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('商业秘密管理办法');
    expect(rows[0]).toHaveTextContent('福示发〔2026〕3号');
    expect(rows[0]).toHaveTextContent('2026-03-01');
    expect(rows[0]).toHaveTextContent('职工代表大会审议通过');
    expect(rows[0]).toHaveTextContent('2026-03-05 员工签收');
    expect(within(rows[0]).queryByTestId('rule-no-procedure')).toBeNull();
    // What a rule still lacks is pointed out.
    expect(within(rows[1]).getByTestId('rule-no-procedure')).toHaveTextContent('未记录民主程序');
    expect(within(rows[1]).getByTestId('rule-no-publicity')).toHaveTextContent('未记录公示/告知');

    const trainings = screen.getAllByTestId('training-row');
    expect(trainings).toHaveLength(1);
    expect(trainings[0]).toHaveTextContent('2026-05-10');
    expect(trainings[0]).toHaveTextContent('新员工保密培训');
    expect(trainings[0]).toHaveTextContent('有');
    expect(trainings[0]).toHaveTextContent('无');
    expect(within(trainings[0]).getByTestId('training-attendee-count')).toHaveTextContent('2 人');

    expect(screen.getByTestId('criterion-D1.3')).toHaveTextContent('有书面的商业秘密管理制度');
  });

  it('adds a rule with the right input and shows it', async () => {
    const calls = backend({
      add_rule_doc: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 9 }),
    });
    const { user, onChanged } = await renderStep();

    // Title and date issued are required.
    await user.click(screen.getByTestId('rule-add-submit'));
    expect(await screen.findByText('请填写制度名称')).toBeInTheDocument();
    expect(screen.getByText('请选择发布日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_rule_doc')).toHaveLength(0);

    await user.type(screen.getByTestId('rule-add-title'), ' 保密奖惩规定 ');
    await user.type(screen.getByTestId('rule-add-docNo'), '福示发〔2026〕7号');
    await typeDate(user, 'rule-add-issuedOn', '2026-06-01');
    await user.type(screen.getByTestId('rule-add-democraticProcedure'), '职工代表大会审议通过');
    await typeDate(user, 'rule-add-publicizedOn', '2026-06-03');
    await user.type(screen.getByTestId('rule-add-publicityMethod'), '公告栏公示');
    await user.click(screen.getByTestId('rule-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_rule_doc')).toHaveLength(1));
    expect(callsOf(calls, 'add_rule_doc')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        title: '保密奖惩规定',
        docNo: '福示发〔2026〕7号',
        issuedOn: '2026-06-01',
        democraticProcedure: '职工代表大会审议通过',
        publicizedOn: '2026-06-03',
        publicityMethod: '公告栏公示',
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('rule-row')).toHaveLength(3));
    expect(screen.getAllByTestId('rule-row')[2]).toHaveTextContent('保密奖惩规定');
    expect(screen.getByTestId('rule-add-title')).toHaveValue('');
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The derived criteria are read again (D1 and D10, both answered on this step).
    await waitFor(() => expect(callsOf(calls, 'domain_view').filter((c) => c.args.domainId === 'D1')).toHaveLength(2));
    expect(callsOf(calls, 'domain_view').filter((c) => c.args.domainId === 'D10')).toHaveLength(2);
  });

  it('sends a rule without a publicity date as null', async () => {
    const calls = backend({
      add_rule_doc: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 9 }),
    });
    const { user } = await renderStep();
    await user.type(screen.getByTestId('rule-add-title'), '保密制度');
    await typeDate(user, 'rule-add-issuedOn', '2026-06-01');
    await user.click(screen.getByTestId('rule-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_rule_doc')).toHaveLength(1));
    expect(callsOf(calls, 'add_rule_doc')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        title: '保密制度',
        docNo: '',
        issuedOn: '2026-06-01',
        democraticProcedure: '',
        publicizedOn: null,
        publicityMethod: '',
      },
    });
  });

  it('shows a field the core refused beside that field, localized', async () => {
    const calls = backend({
      add_rule_doc: rejectWith({
        code: 'FIELD_INVALID',
        message: '填写有误',
        params: { field: '公示/告知日期', reason: '不能早于发布日期', key: 'publicizedOn' },
      }),
    });
    const { user, onChanged } = await renderStep();
    await user.type(screen.getByTestId('rule-add-title'), '保密制度');
    await typeDate(user, 'rule-add-issuedOn', '2026-06-01');
    await typeDate(user, 'rule-add-publicizedOn', '2026-05-01');
    await user.click(screen.getByTestId('rule-add-submit'));
    const error = await screen.findByText('填写有误（公示/告知日期）：不能早于发布日期');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('rule-add-publicizedOn'));
    expect(formItemOf(error)).not.toContainElement(screen.getByTestId('rule-add-issuedOn'));
    expect(callsOf(calls, 'add_rule_doc')).toHaveLength(1);
    expect(screen.getAllByTestId('rule-row')).toHaveLength(2);
    expect(screen.queryByTestId('rule-add-error')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('places a refusal by the key the core sends, not by its Chinese label, in either language', async () => {
    let refusal: Record<string, unknown> = {
      code: 'FIELD_INVALID',
      message: '填写有误',
      // A label no locale text matches: only the key can place it.
      params: { field: '文件编号（新）', reason: '太长', key: 'docNo' },
    };
    backend({ add_rule_doc: () => Promise.reject(refusal) });
    const { user } = await renderStep();
    await setLanguage('en');
    await user.type(screen.getByTestId('rule-add-title'), '保密制度');
    await user.type(screen.getByTestId('rule-add-docNo'), '福示发〔2026〕99号');
    await typeDate(user, 'rule-add-issuedOn', '2026-06-01');
    await user.click(screen.getByTestId('rule-add-submit'));
    const error = await screen.findByText('Invalid entry (文件编号（新）): 太长');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('rule-add-docNo'));
    expect(screen.queryByTestId('rule-add-error')).toBeNull();

    // Without a key (or with one the form does not have) the refusal goes under the form.
    refusal = { code: 'FIELD_INVALID', message: '填写有误', params: { field: '文号', reason: '太长', key: 'keyProducts' } };
    await user.click(screen.getByTestId('rule-add-submit'));
    expect(await screen.findByTestId('rule-add-error')).toHaveTextContent('Invalid entry (文号): 太长');
  });

  it('shows an error that belongs to no field under the form', async () => {
    backend({
      add_rule_doc: rejectWith({ code: 'ENTERPRISE_NOT_FOUND', message: '找不到', params: { id: 'e1' } }),
    });
    const { user } = await renderStep();
    await user.type(screen.getByTestId('rule-add-title'), '保密制度');
    await typeDate(user, 'rule-add-issuedOn', '2026-06-01');
    await user.click(screen.getByTestId('rule-add-submit'));
    expect(await screen.findByTestId('rule-add-error')).toHaveTextContent('找不到这家企业（编号 e1）');
  });

  it('autosaves a field of a rule and shows a refusal beside it', async () => {
    let refuse = false;
    const calls = backend({
      update_rule_doc: (args: Record<string, unknown>) => {
        if (refuse) {
          return Promise.reject({ code: 'FIELD_INVALID', message: '填写有误', params: { field: '制度名称', reason: '不能为空', key: 'title' } });
        }
        return { ...RULES[0], [args.field as string]: args.value };
      },
    });
    const { user, onChanged } = await renderStep();
    await user.click(within(screen.getAllByTestId('rule-row')[0]).getByTestId('rule-edit'));
    const docNo = await screen.findByTestId('rule-edit-docNo');
    expect(docNo).toHaveValue('福示发〔2026〕3号');
    await user.clear(docNo);
    await user.type(docNo, '福示发〔2026〕4号');
    await waitFor(() => expect(callsOf(calls, 'update_rule_doc')).toHaveLength(1));
    expect(callsOf(calls, 'update_rule_doc')[0].args).toEqual({ id: 1, field: 'docNo', value: '福示发〔2026〕4号' });
    await waitFor(() => expect(screen.getAllByTestId('rule-row')[0]).toHaveTextContent('福示发〔2026〕4号'));
    expect(onChanged).toHaveBeenCalledTimes(1);

    // A date saves at once.
    await typeDate(user, 'rule-edit-publicizedOn', '2026-03-08');
    await waitFor(() => expect(callsOf(calls, 'update_rule_doc')).toHaveLength(2));
    expect(callsOf(calls, 'update_rule_doc')[1].args).toEqual({ id: 1, field: 'publicizedOn', value: '2026-03-08' });

    refuse = true;
    const title = screen.getByTestId('rule-edit-title');
    await user.clear(title);
    await user.tab();
    const error = await screen.findByText('填写有误（制度名称）：不能为空');
    expect(formItemOf(error)).toContainElement(title);
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('adds a training with its attendees', async () => {
    const calls = backend({
      add_training: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 6 }),
    });
    const { user, onChanged } = await renderStep();

    await user.click(screen.getByTestId('training-add-submit'));
    expect(await screen.findByText('请选择培训日期')).toBeInTheDocument();
    expect(screen.getByText('请填写培训主题')).toBeInTheDocument();
    expect(callsOf(calls, 'add_training')).toHaveLength(0);

    await typeDate(user, 'training-add-heldOn', '2026-07-15');
    await user.type(screen.getByTestId('training-add-topic'), '保密制度宣贯');
    await user.click(screen.getByTestId('training-add-signIn'));
    await user.click(within(screen.getByTestId('training-add-attendees')).getByRole('combobox'));
    const options = await screen.findAllByTestId(/^training-add-attendees-option-/);
    expect(options.map((o) => o.textContent)).toEqual(['张三', '李四', '王五']);
    await user.click(screen.getByTestId('training-add-attendees-option-0'));
    await user.click(screen.getByTestId('training-add-attendees-option-2'));
    await user.click(screen.getByTestId('training-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_training')).toHaveLength(1));
    expect(callsOf(calls, 'add_training')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        heldOn: '2026-07-15',
        topic: '保密制度宣贯',
        hasSignInSheet: true,
        hasQuiz: false,
        attendeeIds: [1, 3],
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('training-row')).toHaveLength(2));
    const added = screen.getAllByTestId('training-row')[1];
    expect(added).toHaveTextContent('保密制度宣贯');
    expect(within(added).getByTestId('training-attendee-count')).toHaveTextContent('2 人');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('adds a training without attendees', async () => {
    const calls = backend({
      add_training: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 6 }),
    });
    const { user } = await renderStep();
    await typeDate(user, 'training-add-heldOn', '2026-07-15');
    await user.type(screen.getByTestId('training-add-topic'), '全员保密培训');
    await user.click(screen.getByTestId('training-add-quiz'));
    await user.click(screen.getByTestId('training-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_training')).toHaveLength(1));
    expect(callsOf(calls, 'add_training')[0].args).toEqual({
      input: { enterpriseId: 'e1', heldOn: '2026-07-15', topic: '全员保密培训', hasSignInSheet: false, hasQuiz: true, attendeeIds: [] },
    });
  });

  it('deletes a rule and a training only after confirmation', async () => {
    const calls = backend({ delete_rule_doc: null, delete_training: null });
    const { user, onChanged } = await renderStep();

    await user.click(within(screen.getAllByTestId('rule-row')[1]).getByTestId('rule-delete'));
    expect(await screen.findByText('删除制度“涉密载体管理规定”？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_rule_doc')).toHaveLength(0);
    await user.click(screen.getByTestId('rule-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_rule_doc')).toHaveLength(1));
    expect(callsOf(calls, 'delete_rule_doc')[0].args).toEqual({ id: 2 });
    await waitFor(() => expect(screen.getAllByTestId('rule-row')).toHaveLength(1));
    expect(screen.getByTestId('rule-row')).toHaveTextContent('商业秘密管理办法');

    await user.click(within(screen.getByTestId('training-row')).getByTestId('training-delete'));
    expect(await screen.findByText('删除培训记录“新员工保密培训”？')).toBeInTheDocument();
    await user.click(screen.getByTestId('training-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_training')).toHaveLength(1));
    expect(callsOf(calls, 'delete_training')[0].args).toEqual({ id: 5 });
    await waitFor(() => expect(screen.queryByTestId('training-row')).toBeNull());
    expect(screen.getByText('还没有培训记录。')).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('shows a load failure with a retry', async () => {
    backend({ list_rule_docs: rejectWith({ code: 'DB_ERROR', message: 'x', params: { detail: 'disk I/O' } }) });
    renderWithProviders(<RulesStep enterpriseId="e1" />);
    expect(await screen.findByTestId('rules-load-error')).toHaveTextContent('数据库出错：disk I/O');
  });
});
