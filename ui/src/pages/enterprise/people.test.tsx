import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import dayjs from 'dayjs';
import PeopleStep from './PeopleStep';
import { setLanguage } from '../../i18n';
import type { Agreement, DomainView, ExitRecord, Noncompete, PersonWarning } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { choose, formItemOf, typeDate } from '../../test/actions';
import { renderWithProviders } from '../../test/render';
import { criterionView, person } from '../../test/fixtures';

const LEVELS = ['核心商密', '重要商密', '一般商密'];
const TODAY = dayjs().format('YYYY-MM-DD');

const zhang = person({
  id: 1,
  name: '张三',
  department: '技术部',
  post: '工艺工程师',
  personLevel: '核心商密',
  entryPledgeOn: '2024-03-01',
  noncompeteEligibility: 'senior_technical',
});
const li = person({ id: 2, name: '李四', department: '销售部', post: '销售经理', exitDate: '2025-06-30', hasLeft: true });
const wang = person({ id: 3, name: '王五', department: '生产部', post: '班组长' });

const agreements: Record<number, Agreement[]> = {
  1: [
    { id: 11, personId: 1, kind: 'nda', signedOn: '2024-03-01', expiresOn: '2027-02-28' },
    { id: 12, personId: 1, kind: 'pledge', signedOn: '2024-03-01', expiresOn: null },
  ],
  2: [{ id: 21, personId: 2, kind: 'contract_clause', signedOn: '2023-01-01', expiresOn: null }],
};

/** 涉密人员's criteria: one answered by hand, one derived from the register. */
const DOMAIN: DomainView = {
  domainId: 'D5',
  domainName: '涉密人员',
  round: null,
  criteria: [
    criterionView({ id: 'D5.6', title: '开展保密谈话' }),
    criterionView({ id: 'D5.1', title: '涉密人员签订保密协议', points: 3, basic: true, derived: true, derivedStatus: 'partly_met' }),
  ],
};

function backend(extra: Record<string, unknown> = {}) {
  return mockBackend({
    list_people: [zhang, li, wang],
    list_agreements: (args: Record<string, unknown>) => agreements[args.personId as number] ?? [],
    enterprise_agreements: () => Object.values(agreements).flat(),
    personnel_warnings: [],
    exit_record: null,
    list_noncompetes: [],
    list_access_notices: [],
    list_discipline: [],
    domain_view: DOMAIN,
    ...extra,
  });
}

async function renderStep() {
  const onChanged = vi.fn();
  const rendered = renderWithProviders(<PeopleStep enterpriseId="e1" levels={LEVELS} onChanged={onChanged} />);
  await screen.findAllByTestId('person-row');
  return { ...rendered, onChanged };
}

async function openPerson(user: UserEvent, name: string) {
  const row = screen.getAllByTestId('person-row').find((r) => r.textContent?.includes(name));
  if (!row) throw new Error(`no row for ${name}`);
  await user.click(row);
  return screen.findByTestId('person-drawer');
}

describe('the personnel register', () => {
  it('lists the people with their agreements and status', async () => {
    const calls = backend();
    await renderStep();
    const rows = screen.getAllByTestId('person-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveAttribute('data-person-id', '1');
    for (const text of ['张三', '技术部', '工艺工程师', '核心商密', '2024-03-01']) expect(rows[0]).toHaveTextContent(text);
    expect(within(rows[0]).getByTestId('person-row-agreements')).toHaveTextContent('保密协议、保密承诺书');
    expect(within(rows[0]).getByTestId('person-row-status')).toHaveTextContent('在职');
    expect(rows[1]).toHaveTextContent('2025-06-30');
    expect(within(rows[1]).getByTestId('person-row-status')).toHaveTextContent('已离职');
    expect(within(rows[1]).getByTestId('person-row-agreements')).toHaveTextContent('劳动合同保密条款');
    expect(within(rows[2]).getByTestId('person-row-agreements')).toHaveTextContent('未签订');
    // Employees of the enterprise carry no relationship tag.
    expect(screen.queryByTestId('person-row-relationship')).toBeNull();
    expect(callsOf(calls, 'list_people')[0].args).toEqual({ enterpriseId: 'e1' });
    // One call for the whole register, not one per person.
    expect(callsOf(calls, 'enterprise_agreements').map((c) => c.args)).toEqual([{ enterpriseId: 'e1' }]);
    expect(callsOf(calls, 'list_agreements')).toHaveLength(0);
    expect(callsOf(calls, 'personnel_warnings')[0].args).toEqual({ enterpriseId: 'e1' });
    // No warnings, no panel.
    expect(screen.queryByTestId('people-warnings')).toBeNull();
  });

  it('takes whether a person has left from the core (hasLeft), never from the dates', async () => {
    // Dates that would say the opposite: the UI must not compare them with today.
    const future = person({ id: 4, name: '周九', exitDate: '2099-12-31', hasLeft: true });
    const past = person({ id: 5, name: '吴十', exitDate: '2020-01-31', hasLeft: false });
    const calls = backend({
      list_people: [future, past],
      update_person: (args: Record<string, unknown>) => ({ ...past, [args.field as string]: args.value, hasLeft: true }),
    });
    const { user } = await renderStep();
    const status = (name: string) =>
      within(screen.getAllByTestId('person-row').find((r) => r.textContent?.includes(name)) as HTMLElement).getByTestId('person-row-status');
    expect(status('周九')).toHaveTextContent('已离职');
    expect(status('周九')).toHaveAttribute('data-status', 'left');
    expect(status('吴十')).toHaveTextContent('在职');
    expect(status('吴十')).toHaveAttribute('data-status', 'current');

    // The drawer says the same, and after a change shows what the core answered.
    await openPerson(user, '吴十');
    expect(screen.getByTestId('person-drawer-status')).toHaveTextContent('在职');
    await user.type(screen.getByTestId('pf-note'), '已办离职');
    await waitFor(() => expect(callsOf(calls, 'update_person')).toHaveLength(1));
    await waitFor(() => expect(status('吴十')).toHaveTextContent('已离职'));
    expect(screen.getByTestId('person-drawer-status')).toHaveTextContent('已离职');
  });

  it('explains the register and the non-compete rules', async () => {
    backend();
    await renderStep();
    expect(screen.getByTestId('people-intro')).toHaveTextContent('保密协议');
    expect(screen.getByTestId('people-intro')).toHaveTextContent('离职');
    const help = screen.getByTestId('help-people-noncompete');
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('高级管理人员、高级技术人员和其他负有保密义务的人员'));
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('不得超过二年'));
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('按月给予劳动者经济补偿'));
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('第二十三、二十四条'));
  });

  it('shows an empty register', async () => {
    backend({ list_people: [] });
    renderWithProviders(<PeopleStep enterpriseId="e1" levels={LEVELS} />);
    expect(await screen.findByText('还没有登记涉密人员，请在下方添加。')).toBeInTheDocument();
  });

  it('shows a failed load with a retry', async () => {
    let fail = true;
    const calls = backend({
      list_people: () => (fail ? Promise.reject({ code: 'ENTERPRISE_NOT_FOUND', message: '', params: { id: 'e1' } }) : [zhang]),
    });
    const { user } = renderWithProviders(<PeopleStep enterpriseId="e1" levels={LEVELS} />);
    expect(await screen.findByTestId('people-load-error')).toHaveTextContent('找不到这家企业（编号 e1）');
    fail = false;
    await user.click(within(screen.getByTestId('people-load-error')).getByRole('button'));
    expect(await screen.findAllByTestId('person-row')).toHaveLength(1);
    expect(callsOf(calls, 'list_people')).toHaveLength(2);
  });
});

describe('importing the personnel register', () => {
  it('imports every row, reloads the register and says how many', async () => {
    let imported = false;
    const calls = backend({
      list_people: () => (imported ? [zhang, li, wang, person({ id: 4, name: '赵六', department: '质检部' })] : [zhang, li, wang]),
      import_people: () => {
        imported = true;
        return { imported: 1, errors: [], missingPeople: [], peopleAdded: 0 };
      },
    });
    const { user, onChanged } = await renderStep();
    await user.click(screen.getByTestId('people-import-button'));
    expect(await screen.findByTestId('people-import-message')).toHaveTextContent('已导入 1 名人员');
    await waitFor(() => expect(screen.getAllByTestId('person-row')).toHaveLength(4));
    expect(callsOf(calls, 'import_people')[0].args).toEqual({ enterpriseId: 'e1', ignoreColumns: false });
    expect(onChanged).toHaveBeenCalled();
  });

  it('lists every problem of a refused file under its own heading and changes nothing', async () => {
    const calls = backend({
      import_people: {
        imported: 0,
        errors: [{ row: 4, column: '入职日期', reason: '日期格式应为 YYYY-MM-DD' }],
        missingPeople: [],
        peopleAdded: 0,
      },
    });
    const { user } = await renderStep();
    await user.click(screen.getByTestId('people-import-button'));
    const box = await screen.findByTestId('import-errors');
    expect(box).toHaveTextContent('未导入任何人员：文件中有 1 处问题');
    expect(within(box).getByTestId('import-error-row')).toHaveTextContent('入职日期');
    expect(callsOf(calls, 'list_people')).toHaveLength(1);
  });

  it('leaves unknown columns out only when the user says so, reading the same file again', async () => {
    const calls = backend({
      import_people: (args: Record<string, unknown>) =>
        args.ignoreColumns
          ? { imported: 2, errors: [], missingPeople: [], peopleAdded: 0 }
          : Promise.reject({ code: 'IMPORT_COLUMNS_UNKNOWN', message: 'x', params: { columns: '“身份证号”', accepted: '姓名、部门' } }),
    });
    const { user } = await renderStep();
    await user.click(screen.getByTestId('people-import-button'));
    expect(await screen.findByTestId('people-import-unknown-columns')).toHaveTextContent('“身份证号”');
    await user.click(screen.getByTestId('people-import-ignore-columns'));
    expect(await screen.findByTestId('people-import-message')).toHaveTextContent('已导入 2 名人员');
    expect(callsOf(calls, 'import_people').map((c) => c.args.ignoreColumns)).toEqual([false, true]);
  });

  it('saves the template where chosen and says nothing when cancelled', async () => {
    let n = 0;
    const calls = backend({
      import_people: null,
      save_people_template: () => (++n === 1 ? null : '/home/u/人员导入模板.xlsx'),
    });
    const { user } = await renderStep();
    await user.click(screen.getByTestId('people-import-button'));
    await waitFor(() => expect(callsOf(calls, 'import_people')).toHaveLength(1));
    expect(screen.queryByTestId('people-import-message')).toBeNull();
    expect(screen.queryByTestId('import-errors')).toBeNull();
    await user.click(screen.getByTestId('people-import-template'));
    await waitFor(() => expect(callsOf(calls, 'save_people_template')).toHaveLength(1));
    expect(screen.queryByText(/人员导入模板已保存/)).toBeNull();
    await user.click(screen.getByTestId('people-import-template'));
    expect(await screen.findByText('人员导入模板已保存：/home/u/人员导入模板.xlsx')).toBeInTheDocument();
  });
});

describe('adding a person', () => {
  it('sends the form as add_person and shows the new row', async () => {
    const calls = backend({
      add_person: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 4 }),
    });
    const { user, onChanged } = await renderStep();
    await user.type(screen.getByTestId('person-add-name'), ' 赵六 ');
    await user.type(screen.getByTestId('person-add-department'), '研发部');
    await user.type(screen.getByTestId('person-add-post'), '配方研究员');
    await choose(user, 'person-add-relationship', 2);
    await choose(user, 'person-add-level', 1);
    await typeDate(user, 'person-add-entryDate', '2026-03-02');
    await typeDate(user, 'person-add-entryPledgeOn', '2026-03-03');
    await choose(user, 'person-add-eligibility', 1);
    await user.click(screen.getByTestId('person-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_person')).toHaveLength(1));
    expect(callsOf(calls, 'add_person')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        name: '赵六',
        department: '研发部',
        post: '配方研究员',
        personLevel: '重要商密',
        entryDate: '2026-03-02',
        exitDate: null,
        entryPledgeOn: '2026-03-03',
        noncompeteEligibility: 'senior_technical',
        agreedDeconfidentialMonths: null,
        note: '',
        relationship: 'intern',
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('person-row')).toHaveLength(4));
    expect(screen.getAllByTestId('person-row')[3]).toHaveTextContent('赵六');
    // Not an employee of the enterprise: the register says so.
    expect(within(screen.getAllByTestId('person-row')[3]).getByTestId('person-row-relationship')).toHaveTextContent('实习生');
    expect(screen.getByTestId('person-add-name')).toHaveValue('');
    // Warnings are read again and the page hears of the change.
    await waitFor(() => expect(callsOf(calls, 'personnel_warnings')).toHaveLength(2));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('defaults to an employee with no level, no pledge and not eligible for a non-compete', async () => {
    const calls = backend({ add_person: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 5 }) });
    const { user } = await renderStep();
    await user.type(screen.getByTestId('person-add-name'), '钱七');
    await typeDate(user, 'person-add-entryDate', '2026-01-05');
    await user.click(screen.getByTestId('person-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_person')).toHaveLength(1));
    expect(callsOf(calls, 'add_person')[0].args.input).toMatchObject({
      personLevel: '',
      entryPledgeOn: null,
      noncompeteEligibility: 'not_eligible',
      relationship: 'employee',
    });
  });

  it('requires a name and an entry date and sends nothing without them', async () => {
    const calls = backend({ add_person: null });
    const { user } = await renderStep();
    await user.click(screen.getByTestId('person-add-submit'));
    expect(await screen.findByText('请填写姓名')).toBeInTheDocument();
    expect(screen.getByText('请选择入职日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_person')).toHaveLength(0);
  });

  it('shows a refused date beside its field', async () => {
    backend({
      add_person: rejectWith({
        code: 'FIELD_INVALID',
        message: '',
        params: { field: '入职日期', reason: '“2026-02-30”不是有效日期（如 2026-05-01）', key: 'entryDate' },
      }),
    });
    const { user, onChanged } = await renderStep();
    await user.type(screen.getByTestId('person-add-name'), '孙八');
    await typeDate(user, 'person-add-entryDate', '2026-02-03');
    await user.click(screen.getByTestId('person-add-submit'));
    const shown = await screen.findByText('填写有误（入职日期）：“2026-02-30”不是有效日期（如 2026-05-01）');
    expect(formItemOf(shown)).toContainElement(screen.getByTestId('person-add-entryDate'));
    expect(screen.getAllByTestId('person-row')).toHaveLength(3);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows a refusal that names no field of the form below it', async () => {
    backend({ add_person: rejectWith({ code: 'ENTERPRISE_NOT_FOUND', message: '', params: { id: 'e1' } }) });
    const { user } = await renderStep();
    await user.type(screen.getByTestId('person-add-name'), '孙八');
    await typeDate(user, 'person-add-entryDate', '2026-02-03');
    await user.click(screen.getByTestId('person-add-submit'));
    expect(await screen.findByTestId('person-add-error')).toHaveTextContent('找不到这家企业（编号 e1）');
  });
});

describe('the person drawer', () => {
  it('opens a person with every field filled in', async () => {
    backend();
    const { user } = await renderStep();
    const drawer = await openPerson(user, '张三');
    expect(drawer).toHaveAttribute('data-person-id', '1');
    expect(screen.getByTestId('person-drawer-title')).toHaveTextContent('张三');
    expect(screen.getByTestId('pf-name')).toHaveValue('张三');
    expect(screen.getByTestId('pf-department')).toHaveValue('技术部');
    expect(screen.getByTestId('pf-post')).toHaveValue('工艺工程师');
    expect(screen.getByTestId('pf-entryDate')).toHaveValue('2024-03-01');
    expect(screen.getByTestId('pf-entryPledgeOn')).toHaveValue('2024-03-01');
    expect(screen.getByTestId('pf-exitDate')).toHaveValue('');
    expect(screen.getByTestId('pf-personLevel')).toHaveTextContent('核心商密');
    expect(screen.getByTestId('pf-noncompeteEligibility')).toHaveTextContent('高级技术人员');
    expect(screen.getByTestId('pf-agreedDeconfidentialMonths')).toHaveTextContent('未约定');
    expect(screen.getByTestId('pf-relationship')).toHaveTextContent('本单位员工');
    // A person without an exit date has no exit record section.
    expect(screen.queryByTestId('exit-record')).toBeNull();
    const rows = await within(drawer).findAllByTestId('agreement-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('保密协议');
    expect(rows[0]).toHaveTextContent('2027-02-28');
    expect(rows[1]).toHaveTextContent('长期');
  });

  it('saves a text field by itself after a pause', async () => {
    const calls = backend({
      update_person: (args: Record<string, unknown>) => ({ ...zhang, department: args.value as string }),
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '张三');
    const field = screen.getByTestId('pf-department');
    await user.clear(field);
    await user.type(field, '研发中心');
    await waitFor(() => expect(callsOf(calls, 'update_person')).toHaveLength(1));
    expect(callsOf(calls, 'update_person')[0].args).toEqual({ personId: 1, field: 'department', value: '研发中心' });
    await waitFor(() => expect(screen.getByTestId('person-save-state')).toHaveAttribute('data-state', 'saved'));
    expect(screen.getAllByTestId('person-row')[0]).toHaveTextContent('研发中心');
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(callsOf(calls, 'personnel_warnings')).toHaveLength(2));
  });

  it('saves a date on change and shows a refusal beside it', async () => {
    const calls = backend({
      update_person: rejectWith({
        code: 'FIELD_INVALID',
        message: '',
        params: { field: '入职日期', reason: '2025-08-01 晚于离职日期 2025-06-30', key: 'entryDate' },
      }),
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '李四');
    await typeDate(user, 'pf-entryDate', '2025-08-01');
    await waitFor(() => expect(callsOf(calls, 'update_person')).toHaveLength(1));
    expect(callsOf(calls, 'update_person')[0].args).toEqual({ personId: 2, field: 'entryDate', value: '2025-08-01' });
    const shown = await screen.findByText('填写有误（入职日期）：2025-08-01 晚于离职日期 2025-06-30');
    expect(formItemOf(shown)).toContainElement(screen.getByTestId('pf-entryDate'));
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('saves a select on change', async () => {
    const calls = backend({
      update_person: (args: Record<string, unknown>) => ({ ...zhang, [args.field as string]: args.value }),
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '张三');
    await choose(user, 'pf-noncompeteEligibility', 0);
    await waitFor(() => expect(callsOf(calls, 'update_person')).toHaveLength(1));
    expect(callsOf(calls, 'update_person')[0].args).toEqual({
      personId: 1,
      field: 'noncompeteEligibility',
      value: 'senior_manager',
    });
    await choose(user, 'pf-agreedDeconfidentialMonths', 3);
    await waitFor(() => expect(callsOf(calls, 'update_person')).toHaveLength(2));
    expect(callsOf(calls, 'update_person')[1].args).toEqual({ personId: 1, field: 'agreedDeconfidentialMonths', value: '3' });
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('adds an agreement and updates the summary in the table', async () => {
    const calls = backend({
      add_agreement: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 31 }),
    });
    const { user, onChanged } = await renderStep();
    const drawer = await openPerson(user, '王五');
    expect(within(drawer).queryAllByTestId('agreement-row')).toHaveLength(0);
    await choose(user, 'agreement-add-kind', 1);
    await typeDate(user, 'agreement-add-signedOn', '2026-01-10');
    await typeDate(user, 'agreement-add-expiresOn', '2029-01-09');
    await user.click(screen.getByTestId('agreement-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_agreement')).toHaveLength(1));
    expect(callsOf(calls, 'add_agreement')[0].args).toEqual({
      input: { personId: 3, kind: 'pledge', signedOn: '2026-01-10', expiresOn: '2029-01-09' },
    });
    const rows = await within(drawer).findAllByTestId('agreement-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('2029-01-09');
    const row = screen.getAllByTestId('person-row')[2];
    expect(within(row).getByTestId('person-row-agreements')).toHaveTextContent('保密承诺书');
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(callsOf(calls, 'personnel_warnings')).toHaveLength(2));
  });

  it('answers the criteria of 涉密人员 beside the register, read again after a change', async () => {
    const calls = backend({ add_agreement: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 33 }) });
    const { user } = await renderStep();
    await screen.findByTestId('criterion-D5.6');
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D5' });
    expect(screen.getByTestId('criterion-status-D5.6')).toBeInTheDocument();
    expect(screen.getByTestId('criterion-derived-status-D5.1')).toHaveTextContent('部分落实');
    // A new agreement may change the derived criteria: the panel asks again.
    const drawer = await openPerson(user, '王五');
    await choose(user, 'agreement-add-kind', 1);
    await typeDate(user, 'agreement-add-signedOn', '2026-01-10');
    await user.click(within(drawer).getByTestId('agreement-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
  });

  it('sends no end date for an agreement without one, and deletes after asking', async () => {
    const calls = backend({
      add_agreement: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 32 }),
      delete_agreement: null,
    });
    const { user } = await renderStep();
    const drawer = await openPerson(user, '王五');
    await typeDate(user, 'agreement-add-signedOn', '2026-01-10');
    await user.click(screen.getByTestId('agreement-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_agreement')).toHaveLength(1));
    expect(callsOf(calls, 'add_agreement')[0].args).toEqual({
      input: { personId: 3, kind: 'nda', signedOn: '2026-01-10', expiresOn: null },
    });
    const row = await within(drawer).findByTestId('agreement-row');
    await user.click(within(row).getByTestId('agreement-delete'));
    await user.click(await screen.findByTestId('agreement-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_agreement')).toHaveLength(1));
    expect(callsOf(calls, 'delete_agreement')[0].args).toEqual({ id: 32 });
    await waitFor(() => expect(within(drawer).queryAllByTestId('agreement-row')).toHaveLength(0));
  });

  it('deletes a person after asking', async () => {
    const calls = backend({ delete_person: null });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '王五');
    await user.click(screen.getByTestId('person-delete'));
    await user.click(await screen.findByTestId('person-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_person')).toHaveLength(1));
    expect(callsOf(calls, 'delete_person')[0].args).toEqual({ personId: 3 });
    await waitFor(() => expect(screen.getAllByTestId('person-row')).toHaveLength(2));
    expect(screen.queryByTestId('person-drawer')).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('the exit record', () => {
  it('deletes an exit record after asking, and offers none to delete without one', async () => {
    const recorded: ExitRecord = {
      personId: 2,
      handoverDone: true,
      returnConfirmed: false,
      accessRevokedOn: null,
      reminderLetterSent: false,
      recordedOn: '2025-07-01',
    };
    const calls = backend({ exit_record: recorded, delete_exit_record: null });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '李四');
    const section = await screen.findByTestId('exit-record');
    expect(section).toHaveAttribute('data-recorded', 'true');
    await user.click(within(section).getByTestId('exit-delete'));
    await user.click(await screen.findByTestId('exit-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_exit_record')).toHaveLength(1));
    expect(callsOf(calls, 'delete_exit_record')[0].args).toEqual({ personId: 2 });
    await waitFor(() => expect(section).toHaveAttribute('data-recorded', 'false'));
    expect(within(section).queryByTestId('exit-delete')).toBeNull();
    expect(screen.getByTestId('exit-handoverDone')).not.toBeChecked();
    expect(onChanged).toHaveBeenCalled();
  });

  it('records the exit with its flags, each change saving the whole record', async () => {
    const calls = backend({
      record_exit: (args: Record<string, unknown>) => {
        const { personId, ...rest } = args.input as ExitRecord;
        return { personId, ...rest };
      },
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '李四');
    const section = await screen.findByTestId('exit-record');
    expect(section).toHaveAttribute('data-recorded', 'false');
    expect(callsOf(calls, 'exit_record')[0].args).toEqual({ personId: 2 });
    expect(screen.getByTestId('exit-recordedOn')).toHaveValue(TODAY);

    await user.click(screen.getByTestId('exit-handoverDone'));
    await waitFor(() => expect(callsOf(calls, 'record_exit')).toHaveLength(1));
    expect(callsOf(calls, 'record_exit')[0].args).toEqual({
      input: {
        personId: 2,
        handoverDone: true,
        returnConfirmed: false,
        accessRevokedOn: null,
        reminderLetterSent: false,
        recordedOn: TODAY,
      },
    });
    await waitFor(() => expect(section).toHaveAttribute('data-recorded', 'true'));

    await user.click(screen.getByTestId('exit-reminderLetterSent'));
    await waitFor(() => expect(callsOf(calls, 'record_exit')).toHaveLength(2));
    await typeDate(user, 'exit-accessRevokedOn', '2025-06-30');
    await waitFor(() => expect(callsOf(calls, 'record_exit')).toHaveLength(3));
    expect(callsOf(calls, 'record_exit')[2].args).toEqual({
      input: {
        personId: 2,
        handoverDone: true,
        returnConfirmed: false,
        accessRevokedOn: '2025-06-30',
        reminderLetterSent: true,
        recordedOn: TODAY,
      },
    });
    expect(screen.getByTestId('exit-handoverDone')).toBeChecked();
    expect(screen.getByTestId('exit-returnConfirmed')).not.toBeChecked();
    expect(onChanged).toHaveBeenCalledTimes(3);
  });

  it('shows a stored record and a refusal beside the changed item', async () => {
    const stored: ExitRecord = {
      personId: 2,
      handoverDone: true,
      returnConfirmed: true,
      accessRevokedOn: '2025-06-30',
      reminderLetterSent: false,
      recordedOn: '2025-07-01',
    };
    backend({
      exit_record: stored,
      record_exit: rejectWith({
        code: 'FIELD_INVALID',
        message: '',
        params: { field: '记录日期', reason: '不能为空', key: 'recordedOn' },
      }),
    });
    const { user } = await renderStep();
    await openPerson(user, '李四');
    await screen.findByTestId('exit-record');
    await waitFor(() => expect(screen.getByTestId('exit-recordedOn')).toHaveValue('2025-07-01'));
    expect(screen.getByTestId('exit-handoverDone')).toBeChecked();
    expect(screen.getByTestId('exit-returnConfirmed')).toBeChecked();
    expect(screen.getByTestId('exit-reminderLetterSent')).not.toBeChecked();
    expect(screen.getByTestId('exit-accessRevokedOn')).toHaveValue('2025-06-30');
    await user.click(screen.getByTestId('exit-reminderLetterSent'));
    const shown = await screen.findByText('填写有误（记录日期）：不能为空');
    expect(formItemOf(shown)).toContainElement(screen.getByTestId('exit-reminderLetterSent'));
    // The refused change is not shown as made.
    expect(screen.getByTestId('exit-reminderLetterSent')).not.toBeChecked();
  });
});

describe('non-competes', () => {
  const nc: Noncompete = {
    id: 41,
    personId: 1,
    personName: '张三',
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    monthlyCompensation: 3000,
    scope: '同类食品生产企业',
    payments: [{ id: 51, noncompeteId: 41, month: '2026-01', paidOn: '2026-02-05' }],
  };
  const other: Noncompete = { ...nc, id: 42, personId: 2, personName: '李四', payments: [] };

  it('refuses a person who is not eligible, with the localized reason', async () => {
    const calls = backend({
      add_noncompete: rejectWith({ code: 'NONCOMPETE_NOT_ELIGIBLE', message: '', params: { name: '王五' } }),
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '王五');
    expect(screen.getByTestId('noncompete-ineligible-note')).toHaveTextContent('竞业限制资格为“无”');
    await typeDate(user, 'noncompete-add-startsOn', '2026-07-01');
    await typeDate(user, 'noncompete-add-endsOn', '2027-06-30');
    await user.type(screen.getByTestId('noncompete-add-compensation'), '2500');
    await user.type(screen.getByTestId('noncompete-add-scope'), '同类企业');
    await user.click(screen.getByTestId('noncompete-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_noncompete')).toHaveLength(1));
    expect(callsOf(calls, 'add_noncompete')[0].args).toEqual({
      input: { personId: 3, startsOn: '2026-07-01', endsOn: '2027-06-30', monthlyCompensation: 2500, scope: '同类企业' },
    });
    expect(await screen.findByTestId('noncompete-error')).toHaveTextContent(
      '“王五”的竞业限制资格为“无”，不能约定竞业限制。竞业限制的人员限于高级管理人员、高级技术人员和其他负有保密义务的人员（劳动合同法第二十四条）',
    );
    expect(screen.queryAllByTestId('noncompete-row')).toHaveLength(0);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows a term longer than two years beside the end date', async () => {
    backend({
      add_noncompete: rejectWith({
        code: 'NONCOMPETE_TOO_LONG',
        message: '',
        params: { starts_on: '2026-07-01', ends_on: '2028-12-31', latest: '2028-07-01' },
      }),
    });
    const { user } = await renderStep();
    await openPerson(user, '张三');
    await typeDate(user, 'noncompete-add-startsOn', '2026-07-01');
    await typeDate(user, 'noncompete-add-endsOn', '2028-12-31');
    await user.type(screen.getByTestId('noncompete-add-compensation'), '3000');
    await user.click(screen.getByTestId('noncompete-add-submit'));
    const shown = await screen.findByText(/超过二年上限：自 2026-07-01 起最晚至 2028-07-01/);
    expect(formItemOf(shown)).toContainElement(screen.getByTestId('noncompete-add-endsOn'));
  });

  it('deletes a payment recorded by mistake, after asking', async () => {
    const calls = backend({ list_noncompetes: [nc, other], delete_noncompete_payment: null });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '张三');
    const row = (await screen.findAllByTestId('noncompete-row'))[0];
    await user.click(within(row).getByTestId('noncompete-payment-delete-2026-01'));
    expect(callsOf(calls, 'delete_noncompete_payment')).toHaveLength(0);
    await user.click(await screen.findByTestId('noncompete-payment-delete-2026-01-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_noncompete_payment')).toHaveLength(1));
    expect(callsOf(calls, 'delete_noncompete_payment')[0].args).toEqual({ paymentId: 51 });
    await waitFor(() => expect(within(row).queryAllByTestId('noncompete-payment')).toHaveLength(0));
    expect(onChanged).toHaveBeenCalled();
  });

  it("lists only this person's non-competes, adds one and records a payment", async () => {
    const calls = backend({
      list_noncompetes: [nc, other],
      add_noncompete: (args: Record<string, unknown>) => ({
        ...(args.input as object),
        id: 43,
        personName: '张三',
        payments: [],
      }),
      add_noncompete_payment: (args: Record<string, unknown>) => ({
        id: 52,
        noncompeteId: args.noncompeteId,
        month: args.month,
        paidOn: args.paidOn,
      }),
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '张三');
    const rows = await screen.findAllByTestId('noncompete-row');
    expect(rows).toHaveLength(1);
    expect(callsOf(calls, 'list_noncompetes')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(rows[0]).toHaveTextContent('2026-01-01 至 2027-12-31');
    expect(rows[0]).toHaveTextContent('每月经济补偿 3000 元');
    expect(rows[0]).toHaveTextContent('同类食品生产企业');
    expect(within(rows[0]).getAllByTestId('noncompete-payment').map((p) => p.textContent)).toEqual(['2026-01']);

    await typeDate(user, 'noncompete-add-startsOn', '2026-07-01');
    await typeDate(user, 'noncompete-add-endsOn', '2028-06-30');
    await user.type(screen.getByTestId('noncompete-add-compensation'), '4000');
    await user.click(screen.getByTestId('noncompete-add-submit'));
    await waitFor(() => expect(screen.getAllByTestId('noncompete-row')).toHaveLength(2));
    expect(callsOf(calls, 'add_noncompete')[0].args).toEqual({
      input: { personId: 1, startsOn: '2026-07-01', endsOn: '2028-06-30', monthlyCompensation: 4000, scope: '' },
    });

    const first = screen.getAllByTestId('noncompete-row')[0];
    const month = within(first).getByTestId('noncompete-pay-month');
    await user.click(month);
    await user.type(month, '2026-02{Enter}');
    const paid = within(first).getByTestId('noncompete-pay-paidOn');
    await user.click(paid);
    await user.clear(paid);
    await user.type(paid, '2026-03-05{Enter}');
    await user.click(within(first).getByTestId('noncompete-pay-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_noncompete_payment')).toHaveLength(1));
    expect(callsOf(calls, 'add_noncompete_payment')[0].args).toEqual({ noncompeteId: 41, month: '2026-02', paidOn: '2026-03-05' });
    await waitFor(() =>
      expect(within(first).getAllByTestId('noncompete-payment').map((p) => p.textContent)).toEqual(['2026-01', '2026-02']),
    );
    expect(onChanged).toHaveBeenCalledTimes(2);
  });
  it('refuses a month already paid, and deletes a non-compete after asking', async () => {
    const calls = backend({
      list_noncompetes: [nc],
      add_noncompete_payment: rejectWith({ code: 'NONCOMPETE_PAYMENT_DUPLICATE', message: '', params: { month: '2026-01' } }),
      delete_noncompete: null,
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '张三');
    const row = await screen.findByTestId('noncompete-row');
    const month = within(row).getByTestId('noncompete-pay-month');
    await user.click(month);
    await user.type(month, '2026-01{Enter}');
    await user.click(within(row).getByTestId('noncompete-pay-submit'));
    expect(await within(row).findByTestId('noncompete-pay-error')).toHaveTextContent('补偿月份 2026-01 已有支付记录。');
    expect(callsOf(calls, 'add_noncompete_payment')[0].args).toEqual({ noncompeteId: 41, month: '2026-01', paidOn: TODAY });

    await user.click(within(row).getByTestId('noncompete-delete'));
    await user.click(await screen.findByTestId('noncompete-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_noncompete')).toHaveLength(1));
    expect(callsOf(calls, 'delete_noncompete')[0].args).toEqual({ id: 41 });
    await waitFor(() => expect(screen.queryAllByTestId('noncompete-row')).toHaveLength(0));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('warnings', () => {
  const warnings: PersonWarning[] = [
    { personId: 3, personName: '王五', kind: 'noAgreement', detail: [] },
    { personId: 3, personName: '王五', kind: 'noEntryPledge', detail: [] },
    { personId: 1, personName: '张三', kind: 'agreementExpired', detail: ['2026-01-31'] },
    { personId: 1, personName: '张三', kind: 'agreementExpiresSoon', detail: ['2026-03-31'] },
    { personId: 2, personName: '李四', kind: 'exitRecordMissing', detail: [] },
    { personId: 2, personName: '李四', kind: 'exitIncomplete', detail: ['handover', 'access', 'reminder'] },
    { personId: 1, personName: '张三', kind: 'noncompeteUnpaid', detail: ['2026-01', '2026-02', '2026-03'] },
  ];

  it('words every kind of warning in one amber box', async () => {
    backend({ personnel_warnings: warnings });
    await renderStep();
    const panel = await screen.findByTestId('people-warnings');
    expect(panel.querySelector('.ant-alert-warning')).not.toBeNull();
    expect(panel).toHaveTextContent('人员台账有 7 项需要处理');
    const items = within(panel).getAllByTestId('people-warning');
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(warnings.map((w) => w.kind));
    expect(items.map((i) => i.textContent)).toEqual([
      '王五：尚未签订保密协议、保密承诺书或含保密条款的劳动合同',
      '王五：没有登记入职承诺（不侵犯他人商业秘密承诺函）的签署日期',
      '张三：保密协议已于 2026-01-31 到期，请续签',
      '张三：保密协议将于 2026-03-31 到期，请及时续签',
      '李四：已离职，但没有离职记录（工作交接、载体返还、权限撤销、离职提醒函）',
      '李四：离职记录中尚未完成：工作交接、撤销访问权限、发出离职提醒函',
      '张三：竞业限制补偿已有 3 个月未支付（2026-01、2026-02、2026-03）：劳动者可请求解除竞业限制',
    ]);
  });

  it('words them in English too', async () => {
    backend({ personnel_warnings: warnings.slice(5) });
    await setLanguage('en');
    await renderStep();
    const items = within(await screen.findByTestId('people-warnings')).getAllByTestId('people-warning');
    expect(items[0]).toHaveTextContent('李四: exit record not complete: handover, access revoked, reminder letter sent');
    expect(items[1]).toHaveTextContent(
      '张三: non-compete compensation unpaid for 3 months (2026-01, 2026-02, 2026-03); the employee may ask to be released',
    );
  });

  it('opens the person a warning is about', async () => {
    backend({ personnel_warnings: warnings });
    const { user } = await renderStep();
    const items = within(await screen.findByTestId('people-warnings')).getAllByTestId('people-warning');
    await user.click(items[4]);
    const drawer = await screen.findByTestId('person-drawer');
    expect(drawer).toHaveAttribute('data-person-id', '2');
    expect(screen.getByTestId('person-drawer-title')).toHaveTextContent('李四');
    // The person has left: the exit record section is there.
    expect(await screen.findByTestId('exit-record')).toBeInTheDocument();
  });

  it('reads the warnings again after a change', async () => {
    let round = 0;
    const calls = backend({
      personnel_warnings: () => (round++ === 0 ? warnings.slice(0, 1) : []),
      add_agreement: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 33 }),
    });
    const { user } = await renderStep();
    const item = within(await screen.findByTestId('people-warnings')).getByTestId('people-warning');
    await user.click(item);
    await screen.findByTestId('person-drawer');
    await typeDate(user, 'agreement-add-signedOn', '2026-01-10');
    await user.click(screen.getByTestId('agreement-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'personnel_warnings')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByTestId('people-warnings')).toBeNull());
  });
});

describe('how a person stands to the enterprise', () => {
  it('offers every relationship and saves the chosen code from the drawer', async () => {
    const calls = backend({
      update_person: (args: Record<string, unknown>) => ({ ...zhang, [args.field as string]: args.value }),
    });
    const { user, onChanged } = await renderStep();
    await openPerson(user, '张三');
    expect(screen.getByTestId('help-pf-relationship')).toHaveAttribute('aria-label', expect.stringContaining('劳务派遣'));
    await user.click(within(screen.getByTestId('pf-relationship')).getByRole('combobox'));
    const options = await within(screen.getByTestId('pf-relationship')).findAllByTestId(/^pf-relationship-option-/);
    expect(options.map((o) => o.textContent)).toEqual(['本单位员工', '劳务派遣', '实习生', '外包驻场', '返聘', '顾问', '其他']);
    await user.click(within(screen.getByTestId('pf-relationship')).getByTestId('pf-relationship-option-1'));
    await waitFor(() => expect(callsOf(calls, 'update_person')).toHaveLength(1));
    expect(callsOf(calls, 'update_person')[0].args).toEqual({ personId: 1, field: 'relationship', value: 'dispatched' });
    const row = screen.getAllByTestId('person-row')[0];
    await waitFor(() => expect(within(row).getByTestId('person-row-relationship')).toHaveTextContent('劳务派遣'));
    expect(within(row).getByTestId('person-row-relationship')).toHaveAttribute('data-relationship', 'dispatched');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('words the relationships in English', async () => {
    await setLanguage('en');
    backend({ list_people: [person({ id: 8, name: '郑十', relationship: 'outsourced' })] });
    await renderStep();
    expect(screen.getByTestId('person-row-relationship')).toHaveTextContent('Outsourced, on site');
  });
});

describe('access notices', () => {
  const notices = [
    { id: 41, personId: 1, signedOn: '2025-03-01', codes: ['JS-001', 'JS-002'] },
    { id: 42, personId: 1, signedOn: '2026-01-05', codes: ['JS-001', 'JS-002', 'JY-003'] },
  ];

  it('lists the notices a person signed with the codes listed, and explains why', async () => {
    const calls = backend({ list_access_notices: (args: Record<string, unknown>) => (args.personId === 1 ? notices : []) });
    const { user } = await renderStep();
    const drawer = await openPerson(user, '张三');
    const rows = await within(drawer).findAllByTestId('access-notice-row');
    expect(callsOf(calls, 'list_access_notices')[0].args).toEqual({ personId: 1 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('2025-03-01');
    expect(within(rows[1]).getByTestId('access-notice-codes')).toHaveTextContent('JS-001JS-002JY-003');
    expect(screen.getByTestId('access-notices-intro')).toHaveTextContent('只列代号，不写密点的内容');
    const help = screen.getByTestId('help-access-notice');
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('识别'));
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('第五条、第六条'));
  });

  it('records a signed notice by its date; the core lists the codes', async () => {
    const calls = backend({
      add_access_notice: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 43, codes: ['JS-001'] }),
    });
    const { user, onChanged } = await renderStep();
    const drawer = await openPerson(user, '王五');
    expect(within(drawer).queryAllByTestId('access-notice-row')).toHaveLength(0);
    expect(within(drawer).getByTestId('access-notices')).toHaveTextContent('尚未登记知悉告知书');
    await user.click(screen.getByTestId('access-notice-add-submit'));
    expect(await screen.findByText('请选择签收日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_access_notice')).toHaveLength(0);

    await typeDate(user, 'access-notice-add-signedOn', '2026-02-01');
    await user.click(screen.getByTestId('access-notice-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_access_notice')).toHaveLength(1));
    expect(callsOf(calls, 'add_access_notice')[0].args).toEqual({ input: { personId: 3, signedOn: '2026-02-01' } });
    const row = await within(drawer).findByTestId('access-notice-row');
    expect(row).toHaveTextContent('2026-02-01');
    expect(row).toHaveTextContent('JS-001');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows the refusal for a person who knows no secret point beside the date', async () => {
    backend({
      add_access_notice: rejectWith({
        code: 'FIELD_INVALID',
        message: '',
        params: { field: '签收日期', reason: '“王五”的知悉范围中还没有密点，无需告知', key: 'signedOn' },
      }),
    });
    const { user, onChanged } = await renderStep();
    const drawer = await openPerson(user, '王五');
    await typeDate(user, 'access-notice-add-signedOn', '2026-02-01');
    await user.click(screen.getByTestId('access-notice-add-submit'));
    const shown = await screen.findByText('填写有误（签收日期）：“王五”的知悉范围中还没有密点，无需告知');
    expect(formItemOf(shown)).toContainElement(screen.getByTestId('access-notice-add-signedOn'));
    expect(within(drawer).queryAllByTestId('access-notice-row')).toHaveLength(0);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes a notice only after asking', async () => {
    const calls = backend({ list_access_notices: notices, delete_access_notice: null });
    const { user, onChanged } = await renderStep();
    const drawer = await openPerson(user, '张三');
    const rows = await within(drawer).findAllByTestId('access-notice-row');
    await user.click(within(rows[0]).getByTestId('access-notice-delete'));
    expect(await screen.findByText('删除 2025-03-01 签收的告知书登记？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_access_notice')).toHaveLength(0);
    await user.click(screen.getByTestId('access-notice-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_access_notice')).toHaveLength(1));
    expect(callsOf(calls, 'delete_access_notice')[0].args).toEqual({ id: 41 });
    await waitFor(() => expect(within(drawer).getAllByTestId('access-notice-row')).toHaveLength(1));
    expect(within(drawer).getByTestId('access-notice-row')).toHaveAttribute('data-id', '42');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('discipline records', () => {
  const records = [
    { id: 51, enterpriseId: 'e1', occurredOn: '2025-09-12', summary: '违规将涉密文件拷入个人 U 盘', measure: '书面警告', decidedOn: '2025-09-20' },
    { id: 52, enterpriseId: 'e1', occurredOn: '2026-02-03', summary: '在外部群聊中谈论工艺改进', measure: '', decidedOn: null },
  ];

  it('lists the records with what happened, the measure and when it was decided', async () => {
    const calls = backend({ list_discipline: records });
    await renderStep();
    const rows = await screen.findAllByTestId('discipline-row');
    expect(callsOf(calls, 'list_discipline')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(rows).toHaveLength(2);
    for (const text of ['2025-09-12', '违规将涉密文件拷入个人 U 盘', '书面警告', '2025-09-20']) expect(rows[0]).toHaveTextContent(text);
    expect(rows[1]).toHaveTextContent('尚未处理');
    const intro = screen.getByTestId('discipline-intro');
    expect(intro).toHaveTextContent('不写商业秘密的内容');
    expect(intro).toHaveTextContent('不必写当事人姓名');
  });

  it('adds a record, requiring the date and what happened', async () => {
    const calls = backend({
      add_discipline: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 53 }),
    });
    const { user, onChanged } = await renderStep();
    await screen.findByText('还没有违规处理记录。');
    await user.click(screen.getByTestId('discipline-add-submit'));
    expect(await screen.findByText('请选择发生日期')).toBeInTheDocument();
    expect(screen.getByText('请填写事由')).toBeInTheDocument();
    expect(callsOf(calls, 'add_discipline')).toHaveLength(0);

    await typeDate(user, 'discipline-add-occurredOn', '2026-03-02');
    await user.type(screen.getByTestId('discipline-add-summary'), ' 未经审批带出图纸 ');
    await user.type(screen.getByTestId('discipline-add-measure'), '批评教育');
    await user.click(screen.getByTestId('discipline-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_discipline')).toHaveLength(1));
    expect(callsOf(calls, 'add_discipline')[0].args).toEqual({
      input: { enterpriseId: 'e1', occurredOn: '2026-03-02', summary: '未经审批带出图纸', measure: '批评教育', decidedOn: null },
    });
    const row = await screen.findByTestId('discipline-row');
    expect(row).toHaveTextContent('未经审批带出图纸');
    expect(screen.getByTestId('discipline-add-summary')).toHaveValue('');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows a decision date before the breach beside the decision date', async () => {
    backend({
      add_discipline: rejectWith({
        code: 'FIELD_INVALID',
        message: '',
        params: { field: '处理日期', reason: '处理日期 2026-03-01 早于发生日期 2026-03-02', key: 'decidedOn' },
      }),
    });
    const { user } = await renderStep();
    await typeDate(user, 'discipline-add-occurredOn', '2026-03-02');
    await user.type(screen.getByTestId('discipline-add-summary'), '未经审批带出图纸');
    await typeDate(user, 'discipline-add-decidedOn', '2026-03-01');
    await user.click(screen.getByTestId('discipline-add-submit'));
    const shown = await screen.findByText('填写有误（处理日期）：处理日期 2026-03-01 早于发生日期 2026-03-02');
    expect(formItemOf(shown)).toContainElement(screen.getByTestId('discipline-add-decidedOn'));
    expect(screen.queryAllByTestId('discipline-row')).toHaveLength(0);
  });

  it('deletes a record only after asking', async () => {
    const calls = backend({ list_discipline: records, delete_discipline: null });
    const { user, onChanged } = await renderStep();
    const rows = await screen.findAllByTestId('discipline-row');
    await user.click(within(rows[1]).getByTestId('discipline-delete'));
    expect(await screen.findByText('删除 2026-02-03 的违规处理记录？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_discipline')).toHaveLength(0);
    await user.click(screen.getByTestId('discipline-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_discipline')).toHaveLength(1));
    expect(callsOf(calls, 'delete_discipline')[0].args).toEqual({ id: 52 });
    await waitFor(() => expect(screen.getAllByTestId('discipline-row')).toHaveLength(1));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('letters', () => {
  const zhangNc: Noncompete = {
    id: 61,
    personId: 1,
    personName: '张三',
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    monthlyCompensation: 3000,
    scope: '',
    payments: [],
  };
  const liNc: Noncompete = { ...zhangNc, id: 62, personId: 2, personName: '李四' };
  const written = (path: string) => ({ path, missingChars: [], warnings: [] });

  /** Opens a letters dropdown and waits for its first item. */
  async function openMenu(user: UserEvent, prefix: 'person' | 'people') {
    await user.click(screen.getByTestId(`${prefix}-letters`));
    await screen.findByTestId(`${prefix}-letter-nda`);
  }

  it("writes one person's letter as Word, shows where it went and opens it", async () => {
    const calls = backend({
      list_noncompetes: [zhangNc],
      export_letters: written('D:\\文书\\张三-保密协议.docx'),
      open_last_export: null,
    });
    const { user } = await renderStep();
    await openPerson(user, '张三');
    await screen.findByTestId('noncompete-row');
    expect(screen.getByTestId('help-person-letters')).toHaveAttribute('aria-label', expect.stringContaining('代号'));
    await openMenu(user, 'person');
    expect(screen.getByTestId('person-letter-nda')).toHaveTextContent('保密协议');
    expect(screen.getByTestId('person-letter-entry_pledge')).toHaveTextContent('入职不侵犯他人商业秘密承诺函');
    expect(screen.getByTestId('person-letter-access_notice')).toHaveTextContent('知悉告知书');
    // A non-compete is registered: its agreement is offered; no exit date, no reminder letter.
    expect(screen.getByTestId('person-letter-noncompete')).toHaveTextContent('竞业限制协议');
    expect(screen.queryByTestId('person-letter-exit_reminder')).toBeNull();

    await user.click(screen.getByTestId('person-letter-nda'));
    await waitFor(() => expect(callsOf(calls, 'export_letters')).toHaveLength(1));
    expect(callsOf(calls, 'export_letters')[0].args).toEqual({ enterpriseId: 'e1', kind: 'nda', personId: 1 });
    const result = await screen.findByTestId('person-letter-result');
    expect(result).toHaveTextContent('保密协议已生成');
    expect(screen.getByTestId('person-letter-path')).toHaveTextContent('D:\\文书\\张三-保密协议.docx');
    expect(screen.queryByTestId('person-letter-error')).toBeNull();
    // The bulk button of the register is not the one that answered.
    expect(screen.queryByTestId('people-letter-result')).toBeNull();

    await user.click(within(result).getByTestId('person-letter-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));
  });

  it('offers the reminder letter only with an exit date, and sends that kind', async () => {
    const calls = backend({ list_noncompetes: [liNc], export_letters: written('/tmp/李四.docx') });
    const { user } = await renderStep();
    await openPerson(user, '李四');
    await screen.findByTestId('noncompete-row');
    await openMenu(user, 'person');
    expect(screen.getByTestId('person-letter-noncompete')).toBeInTheDocument();
    await user.click(screen.getByTestId('person-letter-exit_reminder'));
    await waitFor(() => expect(callsOf(calls, 'export_letters')).toHaveLength(1));
    expect(callsOf(calls, 'export_letters')[0].args).toEqual({ enterpriseId: 'e1', kind: 'exit_reminder', personId: 2 });
    expect(await screen.findByTestId('person-letter-result')).toHaveTextContent('离职保密提醒函已生成');
  });

  it('offers no non-compete agreement to a person with no non-compete registered', async () => {
    // Another person's non-compete does not count.
    const calls = backend({ list_noncompetes: [zhangNc] });
    const { user } = await renderStep();
    await openPerson(user, '王五');
    await waitFor(() => expect(callsOf(calls, 'list_noncompetes')).toHaveLength(1));
    await openMenu(user, 'person');
    await waitFor(() => expect(screen.queryByTestId('person-letter-noncompete')).toBeNull());
    expect(screen.queryByTestId('person-letter-exit_reminder')).toBeNull();
    expect(screen.getByTestId('person-letter-access_notice')).toBeInTheDocument();
  });

  it('offers the non-compete agreement when the non-competes cannot be read, and shows the refusal', async () => {
    const calls = backend({
      list_noncompetes: rejectWith({ code: 'DB_ERROR', message: '数据库读取失败', params: {} }),
      export_letters: rejectWith({
        code: 'LETTER_NOT_APPLICABLE',
        message: '',
        params: { person: '王五', letter: '竞业限制协议', reason: '涉密人员台账中没有此人的竞业限制约定' },
      }),
    });
    const { user } = await renderStep();
    await openPerson(user, '王五');
    await screen.findByTestId('noncompete-error');
    await openMenu(user, 'person');
    await user.click(screen.getByTestId('person-letter-noncompete'));
    await waitFor(() => expect(callsOf(calls, 'export_letters')).toHaveLength(1));
    expect(callsOf(calls, 'export_letters')[0].args).toEqual({ enterpriseId: 'e1', kind: 'noncompete', personId: 3 });
    expect(await screen.findByTestId('person-letter-error')).toHaveTextContent(
      '王五不适用竞业限制协议：涉密人员台账中没有此人的竞业限制约定',
    );
    expect(screen.queryByTestId('person-letter-result')).toBeNull();
  });

  it('shows nothing when the save dialog is cancelled', async () => {
    const calls = backend({ export_letters: null });
    const { user } = await renderStep();
    await openPerson(user, '张三');
    await openMenu(user, 'person');
    await user.click(screen.getByTestId('person-letter-entry_pledge'));
    await waitFor(() => expect(callsOf(calls, 'export_letters')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('person-letters')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('person-letter-result')).toBeNull();
    expect(screen.queryByTestId('person-letter-error')).toBeNull();
  });

  it('writes every letter of a kind for the whole register, and explains what the document holds', async () => {
    const calls = backend({ export_letters: written('/home/a/知悉告知书.docx'), open_last_export: null });
    const { user } = await renderStep();
    const help = screen.getByTestId('people-letters-help');
    expect(help).toHaveTextContent('一个 Word 文档，每人一页');
    expect(help).toHaveTextContent('只写密点代号');
    expect(help).toHaveTextContent('templates');
    await openMenu(user, 'people');
    // Every kind is offered, each saying whom it is written for.
    expect(screen.getByTestId('people-letter-nda')).toHaveTextContent('在职人员');
    expect(screen.getByTestId('people-letter-exit_reminder')).toHaveTextContent('已登记离职日期的人员');
    expect(screen.getByTestId('people-letter-noncompete')).toHaveTextContent('已登记竞业限制');
    expect(screen.getByTestId('people-letter-entry_pledge')).toBeInTheDocument();
    await user.click(screen.getByTestId('people-letter-access_notice'));
    await waitFor(() => expect(callsOf(calls, 'export_letters')).toHaveLength(1));
    expect(callsOf(calls, 'export_letters')[0].args).toEqual({ enterpriseId: 'e1', kind: 'access_notice', personId: null });
    const result = await screen.findByTestId('people-letter-result');
    expect(result).toHaveTextContent('知悉告知书已生成');
    expect(within(result).getByTestId('people-letter-path')).toHaveTextContent('/home/a/知悉告知书.docx');
    await user.click(within(result).getByTestId('people-letter-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));
  });

  it('replaces an earlier result with the refusal of a broken template', async () => {
    let fail = false;
    const calls = backend({
      export_letters: () =>
        fail
          ? Promise.reject({ code: 'TEMPLATE_INVALID', message: '', params: { template: 'nda.txt', detail: '第 3 行：未知的占位符 person.phone' } })
          : written('/tmp/全部-保密协议.docx'),
    });
    const { user } = await renderStep();
    await openMenu(user, 'people');
    await user.click(screen.getByTestId('people-letter-nda'));
    await screen.findByTestId('people-letter-result');
    fail = true;
    await openMenu(user, 'people');
    await user.click(screen.getByTestId('people-letter-nda'));
    await waitFor(() => expect(callsOf(calls, 'export_letters')).toHaveLength(2));
    expect(await screen.findByTestId('people-letter-error')).toHaveTextContent('文书模板“nda.txt”有误：第 3 行：未知的占位符 person.phone');
    expect(screen.queryByTestId('people-letter-result')).toBeNull();
  });

  it('words the letters in English', async () => {
    await setLanguage('en');
    backend({ export_letters: written('/tmp/all.docx') });
    const { user } = await renderStep();
    expect(screen.getByTestId('people-letters')).toHaveTextContent('Generate letters for everyone');
    expect(screen.getByTestId('people-letters-help')).toHaveTextContent('secret points by code only');
    await openMenu(user, 'people');
    expect(screen.getByTestId('people-letter-exit_reminder')).toHaveTextContent('Exit confidentiality reminder');
    await user.click(screen.getByTestId('people-letter-nda'));
    expect(await screen.findByTestId('people-letter-result')).toHaveTextContent('Confidentiality agreement written (Word):');
    await openPerson(user, '张三');
    expect(screen.getByTestId('person-letters')).toHaveTextContent('Generate letter');
  });
});
