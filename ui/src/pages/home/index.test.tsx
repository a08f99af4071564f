import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import HomePage from '.';
import { setLanguage } from '../../i18n';
import type { EnterpriseOverview } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';

const created = {
  id: 'e-new',
  name: '闽侯精工机械有限公司',
  creditCode: '91350100M000100Y44',
  creditCodeNote: '已核对营业执照原件',
  createdAt: '2026-11-02T09:00:00Z',
};

function backend(extra: Record<string, unknown> = {}) {
  return mockBackend({
    list_reminders: [],
    enterprise_overview: [
      { id: 'e1', name: '福州示范食品有限公司', creditCode: '91350100M000100Y43', secretPointCount: 3 },
      { id: 'e2', name: '无代码企业', creditCode: null, secretPointCount: 0 },
    ],
    ...extra,
  });
}

async function openForm() {
  const onOpen = vi.fn();
  const rendered = renderWithProviders(<HomePage onOpen={onOpen} />);
  await screen.findAllByTestId('enterprise-row');
  await rendered.user.click(screen.getByTestId('new-enterprise'));
  await screen.findByTestId('enterprise-name');
  return { ...rendered, onOpen };
}

describe('home page (enterprise list)', () => {
  it('lists the enterprises with code and secret-point count', async () => {
    backend();
    renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('福州示范食品有限公司')).toBeInTheDocument();
    expect(within(rows[0]).getByText('91350100M000100Y43')).toBeInTheDocument();
    expect(within(rows[0]).getByText('3')).toBeInTheDocument();
    expect(within(rows[1]).getByText('未填写')).toBeInTheDocument();
  });

  it('shows the field message for an empty name and sends nothing', async () => {
    const calls = backend({ create_enterprise: created });
    const { user } = await openForm();

    await user.type(screen.getByTestId('enterprise-name'), '   ');
    await user.click(screen.getByTestId('save-enterprise'));

    expect(await screen.findByText('请填写企业名称')).toBeInTheDocument();
    expect(callsOf(calls, 'create_enterprise')).toHaveLength(0);
  });

  it('demands a note for a credit code that fails the check, then sends it', async () => {
    const calls = backend({
      check_credit_code: (args: Record<string, unknown>) => ({
        input: args.code,
        normalized: '91350100M000100Y44',
        status: 'warning',
        reason: '校验码应为 3，实际为 4',
      }),
      create_enterprise: created,
    });
    const { user, onOpen } = await openForm();

    await user.type(screen.getByTestId('enterprise-name'), '闽侯精工机械有限公司');
    await user.type(screen.getByTestId('credit-code'), '91350100M000100Y44');
    await user.tab(); // blur runs the check

    const result = await screen.findByTestId('code-check-result');
    expect(result).toHaveAttribute('data-status', 'warning');
    expect(result).toHaveTextContent('校验码应为 3，实际为 4');
    expect(callsOf(calls, 'check_credit_code')[0].args).toEqual({ code: '91350100M000100Y44' });

    // Saving without a note is refused beside the note field.
    await user.click(screen.getByTestId('save-enterprise'));
    expect(await screen.findByText('代码未通过校验，请填写说明后再保存')).toBeInTheDocument();
    expect(callsOf(calls, 'create_enterprise')).toHaveLength(0);

    await user.type(screen.getByTestId('credit-code-note'), '已核对营业执照原件');
    await user.click(screen.getByTestId('save-enterprise'));

    await waitFor(() => expect(callsOf(calls, 'create_enterprise')).toHaveLength(1));
    expect(callsOf(calls, 'create_enterprise')[0].args).toEqual({
      input: {
        name: '闽侯精工机械有限公司',
        creditCode: '91350100M000100Y44',
        creditCodeNote: '已核对营业执照原件',
      },
    });
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('e-new'));
  });

  it('shows a valid code in green, normalized, and sends no note', async () => {
    const calls = backend({
      check_credit_code: (args: Record<string, unknown>) => ({
        input: args.code,
        normalized: '91350100M000100Y43',
        status: 'valid',
        reason: null,
      }),
      create_enterprise: { ...created, id: 'e-ok' },
    });
    const { user, onOpen } = await openForm();

    await user.type(screen.getByTestId('enterprise-name'), '  福州示范食品有限公司 ');
    await user.type(screen.getByTestId('credit-code'), '91350100m000100y43');
    await user.tab();

    const result = await screen.findByTestId('code-check-result');
    expect(result).toHaveAttribute('data-status', 'valid');
    expect(result).toHaveTextContent('校验通过：91350100M000100Y43');
    expect(screen.getByTestId('credit-code')).toHaveValue('91350100M000100Y43');
    expect(screen.getByTestId('credit-code-note')).not.toBeVisible();

    await user.click(screen.getByTestId('save-enterprise'));
    await waitFor(() => expect(callsOf(calls, 'create_enterprise')).toHaveLength(1));
    expect(callsOf(calls, 'create_enterprise')[0].args).toEqual({
      input: { name: '福州示范食品有限公司', creditCode: '91350100M000100Y43', creditCodeNote: null },
    });
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('e-ok'));
  });

  it('checks a code typed just before saving and still demands the note', async () => {
    const calls = backend({
      check_credit_code: (args: Record<string, unknown>) => ({
        input: args.code,
        normalized: String(args.code),
        status: 'invalid',
        reason: '长度应为 18 位',
      }),
      create_enterprise: created,
    });
    const { user } = await openForm();

    await user.type(screen.getByTestId('enterprise-name'), '某公司');
    await user.type(screen.getByTestId('credit-code'), '12345');
    await user.click(screen.getByTestId('save-enterprise'));

    expect(await screen.findByText('代码未通过校验，请填写说明后再保存')).toBeInTheDocument();
    expect(screen.getByTestId('code-check-result')).toHaveTextContent('长度应为 18 位');
    expect(callsOf(calls, 'create_enterprise')).toHaveLength(0);
  });

  it('sends no credit code when the field is empty', async () => {
    const calls = backend({ create_enterprise: { ...created, creditCode: null } });
    const { user } = await openForm();
    await user.type(screen.getByTestId('enterprise-name'), '某公司');
    await user.click(screen.getByTestId('save-enterprise'));
    await waitFor(() => expect(callsOf(calls, 'create_enterprise')).toHaveLength(1));
    expect(callsOf(calls, 'create_enterprise')[0].args).toEqual({
      input: { name: '某公司', creditCode: null, creditCodeNote: null },
    });
    expect(callsOf(calls, 'check_credit_code')).toHaveLength(0);
  });

  it('shows an error from Rust beside the field it concerns', async () => {
    backend({
      create_enterprise: rejectWith({ code: 'ENTERPRISE_NAME_EMPTY', message: '企业名称不能为空', params: {} }),
    });
    const { user, onOpen } = await openForm();
    await user.type(screen.getByTestId('enterprise-name'), '某公司');
    await user.click(screen.getByTestId('save-enterprise'));
    expect(await screen.findByText('请填写企业名称。')).toBeInTheDocument();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens the note field when Rust insists on a note', async () => {
    const calls = backend({
      check_credit_code: () => Promise.reject({ code: 'IO_ERROR', message: '读写出错', params: { detail: 'x' } }),
      create_enterprise: rejectWith({
        code: 'CREDIT_CODE_NEEDS_NOTE',
        message: '需要说明',
        params: { reason: '校验码不符' },
      }),
    });
    const { user } = await openForm();
    await user.type(screen.getByTestId('enterprise-name'), '某公司');
    await user.type(screen.getByTestId('credit-code'), '91350100M000100Y44');
    await user.click(screen.getByTestId('save-enterprise'));

    expect(await screen.findByText('统一社会信用代码未通过校验（校验码不符），请填写说明后再保存。')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('credit-code-note')).toBeVisible());
    await user.type(screen.getByTestId('credit-code-note'), '以执照为准');
    await user.click(screen.getByTestId('save-enterprise'));
    await waitFor(() => expect(callsOf(calls, 'create_enterprise')).toHaveLength(2));
    expect(callsOf(calls, 'create_enterprise')[1].args).toEqual({
      input: { name: '某公司', creditCode: '91350100M000100Y44', creditCodeNote: '以执照为准' },
    });
  });

  it('shows a localized message when the list cannot be loaded', async () => {
    mockBackend({
      list_reminders: [],
      enterprise_overview: rejectWith({ code: 'DB_TOO_NEW', message: '数据库版本过新', params: { found: '9', supported: '3' } }),
    });
    renderWithProviders(<HomePage onOpen={vi.fn()} />);
    expect(await screen.findByText('数据库版本（9）比本软件支持的版本（3）新，请先升级密盾。')).toBeInTheDocument();
  });
});

describe('home page: rounds and deletion', () => {
  const withRound: EnterpriseOverview[] = [
    {
      id: 'e1',
      name: '福州示范食品有限公司',
      creditCode: '91350100M000100Y43',
      secretPointCount: 3,
      latest: { id: 7, roundNo: 2, baseDate: '2026-10-31', closed: false, total: '79.7', tier: 'needs_work', verdict: 'by_tier', draft: true },
    },
    { id: 'e2', name: '无代码企业', creditCode: null, secretPointCount: 0, latest: null },
  ];

  it("shows each enterprise's latest total, tier and whether it is a draft", async () => {
    mockBackend({ list_reminders: [], enterprise_overview: withRound });
    renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    const latest = within(rows[0]).getByTestId('latest-round');
    expect(latest).toHaveTextContent('79.7 分');
    expect(within(latest).getByTestId('latest-tier')).toHaveTextContent(/^较好，需补强$/);
    // The tier speaks: no verdict of its own.
    expect(within(latest).queryByTestId('latest-verdict')).toBeNull();
    expect(latest).toHaveTextContent('草稿');
    expect(latest).toHaveTextContent('第 2 次（基准日 2026-10-31），进行中');
    expect(within(rows[1]).getByText('尚未开始自评')).toBeInTheDocument();
  });

  it('words the tier and a verdict that overrides it from their codes, in either language', async () => {
    const unmet = [{ ...withRound[0], latest: { ...withRound[0].latest!, tier: 'complete' as const, verdict: 'basic_unmet' as const, draft: false } }];
    mockBackend({ list_reminders: [], enterprise_overview: unmet });
    renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const latest = await screen.findByTestId('latest-round');
    expect(within(latest).getByTestId('latest-tier')).toHaveTextContent(/^完善$/);
    expect(within(latest).getByTestId('latest-verdict')).toHaveTextContent(/^存在未落实的基础项，应优先整改$/);
    await setLanguage('en');
    await waitFor(() => expect(within(latest).getByTestId('latest-tier')).toHaveTextContent(/^Complete$/));
    expect(within(latest).getByTestId('latest-verdict')).toHaveTextContent('A basic item is not in place');
    expect(latest).not.toHaveTextContent(/[\p{Script=Han}]/u);
  });

  it('deletes an enterprise only after confirmation', async () => {
    let deleted = false;
    const calls = mockBackend({
      list_reminders: [],
      enterprise_overview: () => (deleted ? withRound.slice(1) : withRound),
      delete_enterprise: () => {
        deleted = true;
        return null;
      },
    });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    await user.click(within(rows[0]).getByTestId('delete-enterprise'));
    expect((await screen.findAllByText('删除“福州示范食品有限公司”？')).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/3 个密点/).length).toBeGreaterThan(0);
    expect(callsOf(calls, 'delete_enterprise')).toHaveLength(0);
    await user.click(screen.getByTestId('delete-enterprise-ok'));
    await waitFor(() => expect(screen.getAllByTestId('enterprise-row')).toHaveLength(1));
    expect(callsOf(calls, 'delete_enterprise')[0].args).toEqual({ enterpriseId: 'e1' });
  });

  it('starts a new round and shows why it cannot while the last one is open', async () => {
    let attempts = 0;
    const calls = mockBackend({
      list_reminders: [],
      enterprise_overview: withRound,
      start_round: () => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject({ code: 'ROUND_STILL_OPEN', message: '第 2 次自评尚未完成', params: { round: '2' } })
          : { id: 8 };
      },
    });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    await user.click(within(rows[0]).getByTestId('new-round'));
    expect(await screen.findByText('开始第 3 次自评')).toBeInTheDocument();
    await user.type(screen.getByTestId('round-filler'), '刘晓岚');
    await user.click(screen.getByTestId('start-round-ok'));
    expect(await screen.findByTestId('start-round-error')).toHaveTextContent('第 2 次');
    await user.click(screen.getByTestId('start-round-ok'));
    await waitFor(() => expect(callsOf(calls, 'start_round')).toHaveLength(2));
    const args = callsOf(calls, 'start_round')[1].args.input as Record<string, string>;
    expect(args.enterpriseId).toBe('e1');
    expect(args.filler).toBe('刘晓岚');
    expect(args.baseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('exports the registers of one enterprise as an Excel workbook and says where it went', async () => {
    const path = 'C:\\Users\\me\\Documents\\无代码企业-台账.xlsx';
    const calls = mockBackend({ list_reminders: [], enterprise_overview: withRound, export_workbook: { path, missingChars: [], warnings: [] } });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    const button = within(rows[1]).getByTestId('home-workbook');
    expect(button).toHaveTextContent('导出台账（Excel）');
    await user.click(button);
    await waitFor(() => expect(callsOf(calls, 'export_workbook')).toHaveLength(1));
    // The row's enterprise, every sheet.
    expect(callsOf(calls, 'export_workbook')[0].args).toEqual({ enterpriseId: 'e2', sheets: null });
    expect(await screen.findByTestId('home-workbook-message')).toHaveTextContent(`已导出“无代码企业”的台账工作簿：${path}`);
    expect(screen.queryByTestId('home-workbook-error')).toBeNull();
  });

  it('says nothing when the workbook dialog is cancelled, shows a refusal localized, and words the action in English', async () => {
    let attempts = 0;
    const calls = mockBackend({
      list_reminders: [],
      enterprise_overview: withRound,
      export_workbook: () => {
        attempts += 1;
        return attempts === 1 ? null : Promise.reject({ code: 'IO_ERROR', message: 'x', params: { detail: '拒绝访问' } });
      },
    });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    await user.click(within(rows[0]).getByTestId('home-workbook'));
    await waitFor(() => expect(callsOf(calls, 'export_workbook')).toHaveLength(1));
    expect(callsOf(calls, 'export_workbook')[0].args).toEqual({ enterpriseId: 'e1', sheets: null });
    await waitFor(() => expect(within(rows[0]).getByTestId('home-workbook')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('home-workbook-message')).toBeNull();
    await user.click(within(rows[0]).getByTestId('home-workbook'));
    expect(await screen.findByTestId('home-workbook-error')).toHaveTextContent('读写文件出错：拒绝访问');
    expect(screen.queryByTestId('home-workbook-message')).toBeNull();
    await setLanguage('en');
    await waitFor(() => expect(within(rows[0]).getByTestId('home-workbook')).toHaveTextContent('Export registers (Excel)'));
  });

  it('exports the progress summary of one enterprise for the guidance station and says what it holds', async () => {
    const path = '/home/me/summary.midun-summary';
    const calls = mockBackend({ list_reminders: [], enterprise_overview: withRound, export_summary: { path, missingChars: [], warnings: [] } });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const rows = await screen.findAllByTestId('enterprise-row');
    await user.click(within(rows[0]).getByTestId('home-summary'));
    await waitFor(() => expect(callsOf(calls, 'export_summary')).toHaveLength(1));
    expect(callsOf(calls, 'export_summary')[0].args).toEqual({ enterpriseId: 'e1' });
    const note = await screen.findByTestId('home-summary-message');
    expect(note).toHaveTextContent(path);
    expect(note).toHaveTextContent('不含密点名称、台账或个人信息');
  });

  it('offers the demo on an empty list only, adds the answered or the unanswered one and lists it', async () => {
    let list: unknown[] = [];
    const calls = mockBackend({
      list_reminders: [],
      enterprise_overview: () => list,
      add_demo: ({ answered }: { answered: boolean }) => {
        list = [{ id: 'd1', name: '演示企业：某某（虚构）', creditCode: null, secretPointCount: 10, latest: null }];
        return { id: 'd1', name: answered ? '演示企业：已作答' : '演示企业：未作答', creditCode: null, creditCodeNote: null, createdAt: 't' };
      },
    });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    const card = await screen.findByTestId('demo-card');
    expect(card).toHaveTextContent('虚构');
    await user.click(within(card).getByTestId('add-demo-unanswered'));
    await waitFor(() => expect(callsOf(calls, 'add_demo')).toHaveLength(1));
    expect(callsOf(calls, 'add_demo')[0].args).toEqual({ answered: false });
    expect(await screen.findByText('已添加“演示企业：未作答”')).toBeInTheDocument();
    // Listed now, the offer goes.
    expect(await screen.findAllByTestId('enterprise-row')).toHaveLength(1);
    expect(screen.queryByTestId('demo-card')).toBeNull();
  });

  it('shows a refused demo localized and keeps the offer', async () => {
    mockBackend({
      list_reminders: [],
      enterprise_overview: [],
      add_demo: () => Promise.reject({ code: 'IO_ERROR', message: 'x', params: { detail: '磁盘已满' } }),
    });
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} />);
    await user.click(await screen.findByTestId('add-demo-answered'));
    expect(await screen.findByTestId('home-demo-error')).toHaveTextContent('磁盘已满');
    expect(screen.getByTestId('demo-card')).toBeInTheDocument();
  });

  it('opens the guidance station from the header', async () => {
    backend();
    const onStation = vi.fn();
    const { user } = renderWithProviders(<HomePage onOpen={vi.fn()} onStation={onStation} />);
    await screen.findAllByTestId('enterprise-row');
    expect(screen.queryByTestId('demo-card')).toBeNull();
    await user.click(screen.getByTestId('open-station'));
    expect(onStation).toHaveBeenCalledTimes(1);
  });
});
