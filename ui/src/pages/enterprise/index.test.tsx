import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import EnterprisePage from '.';
import { setLanguage } from '../../i18n';
import { toRegisterRow, type SecretPoint } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';
import { enterprise as makeEnterprise, secretPoint } from '../../test/fixtures';

const enterprise = makeEnterprise({
  id: 'e1',
  name: '福州示范食品有限公司',
  creditCode: '91350100M000100Y43',
});

const existing: SecretPoint[] = [secretPoint({ id: 1, code: 'MD-2026-001', name: '鱼丸熬制工艺' })];

function backend(extra: Record<string, unknown> = {}) {
  return mockBackend({
    get_enterprise: enterprise,
    list_levels: ['核心商密', '重要商密', '一般商密'],
    list_register: existing,
    flow_progress: [],
    domain_view: { domainId: 'D2', domainName: '密点梳理', round: null, criteria: [] },
    list_fingerprints: [],
    list_certificates: [],
    ...extra,
  });
}

/** Renders the page and opens a step (the register unless told otherwise). */
async function renderPage(step = 'points') {
  const onBack = vi.fn();
  const rendered = renderWithProviders(<EnterprisePage enterpriseId="e1" onBack={onBack} />);
  await screen.findByTestId('enterprise-title');
  await rendered.user.click(screen.getByTestId(`step-${step}`));
  await screen.findByTestId(`step-content-${step}`);
  return { ...rendered, onBack };
}

/** Opens a TestIdSelect and clicks the option with the given index, as an E2E test would. */
async function choose(user: UserEvent, testId: string, index: number) {
  await user.click(within(screen.getByTestId(testId)).getByRole('combobox'));
  await user.click(await screen.findByTestId(`${testId}-option-${index}`));
}

describe('enterprise page', () => {
  const progress = (complete: string[]) =>
    ['quick', 'profile', 'rules', 'points'].map((step) => ({ step, done: 0, total: 1, registerOk: true, complete: complete.includes(step) }));

  it('opens at the first unfinished step the first time, and at the remembered step after', async () => {
    window.localStorage.clear();
    backend({ flow_progress: progress(['quick', 'profile']), list_rules: [], rules_overview: null });
    const first = renderWithProviders(<EnterprisePage enterpriseId="e1" onBack={vi.fn()} />);
    expect(await screen.findByTestId('step-content-rules')).toBeInTheDocument();
    // Choosing a step is remembered, and wins over the progress next time.
    await first.user.click(screen.getByTestId('step-points'));
    await screen.findByTestId('step-content-points');
    first.unmount();
    renderWithProviders(<EnterprisePage enterpriseId="e1" onBack={vi.fn()} />);
    await screen.findByTestId('enterprise-title');
    await waitFor(() => expect(screen.getByTestId('step-content-points')).toBeInTheDocument());
    expect(screen.queryByTestId('step-content-rules')).toBeNull();
  });

  it('shows the enterprise and its secret points', async () => {
    const calls = backend();
    await renderPage();
    expect(screen.getByTestId('enterprise-title')).toHaveTextContent('福州示范食品有限公司');
    expect(screen.getByTestId('enterprise-credit-code')).toHaveTextContent('91350100M000100Y43');
    const rows = screen.getAllByTestId('secret-point-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('MD-2026-001');
    expect(rows[0]).toHaveTextContent('鱼丸熬制工艺');
    expect(rows[0]).toHaveTextContent('技术信息');
    expect(rows[0]).toHaveTextContent('核心商密');
    expect(callsOf(calls, 'list_levels')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'list_register')[0].args).toEqual({ enterpriseId: 'e1' });
  });

  it('explains 密点 and 密级 beside the terms', async () => {
    backend();
    await renderPage();
    expect(screen.getByTestId('help-secret-point')).toHaveAttribute(
      'aria-label',
      expect.stringContaining('不要写具体参数'),
    );
    expect(screen.getByTestId('help-level')).toHaveAttribute('aria-label', expect.stringContaining('不是国家秘密的密级'));
  });

  it('adds a secret point with the right payload and shows the new row', async () => {
    const calls = backend({
      add_secret_point: (args: Record<string, unknown>) => {
        const input = args.input as Record<string, unknown>;
        return { ...input, id: 2, code: 'MD-2026-002', createdAt: '2026-11-02T10:00:00Z' };
      },
    });
    const { user } = await renderPage();

    // The level select offers the enterprise's levels, highest first.
    await user.click(within(screen.getByTestId('sp-level')).getByRole('combobox'));
    const options = await screen.findAllByTestId(/^sp-level-option-/);
    expect(options.map((o) => o.getAttribute('data-value'))).toEqual(['核心商密', '重要商密', '一般商密']);
    await user.click(screen.getByTestId('sp-level-option-1'));

    await user.type(screen.getByTestId('sp-name'), '经销商返利政策');
    await choose(user, 'sp-category', 1);
    await user.click(screen.getByTestId('add-secret-point'));

    await waitFor(() => expect(callsOf(calls, 'add_secret_point')).toHaveLength(1));
    expect(callsOf(calls, 'add_secret_point')[0].args).toEqual({
      input: { enterpriseId: 'e1', code: null, name: '经销商返利政策', category: 'business', level: '重要商密' },
    });
    await waitFor(() => expect(screen.getAllByTestId('secret-point-row')).toHaveLength(2));
    const added = screen.getAllByTestId('secret-point-row')[1];
    expect(added).toHaveAttribute('data-code', 'MD-2026-002');
    expect(added).toHaveTextContent('经销商返利政策');
    expect(added).toHaveTextContent('经营信息');
    expect(added).toHaveTextContent('重要商密');
    // Name and code are cleared for the next entry.
    expect(screen.getByTestId('sp-name')).toHaveValue('');
  });

  it('sends a typed code, trimmed', async () => {
    const calls = backend({
      add_secret_point: (args: Record<string, unknown>) => ({
        ...(args.input as object),
        id: 3,
        createdAt: '2026-11-02T10:00:00Z',
      }),
    });
    const { user } = await renderPage();
    await user.type(screen.getByTestId('sp-code'), ' JS-07 ');
    await user.type(screen.getByTestId('sp-name'), '配方');
    await choose(user, 'sp-category', 0);
    await choose(user, 'sp-level', 0);
    await user.click(screen.getByTestId('add-secret-point'));
    await waitFor(() => expect(callsOf(calls, 'add_secret_point')).toHaveLength(1));
    expect(callsOf(calls, 'add_secret_point')[0].args).toEqual({
      input: { enterpriseId: 'e1', code: 'JS-07', name: '配方', category: 'technical', level: '核心商密' },
    });
  });

  it('requires name, category and level and sends nothing without them', async () => {
    const calls = backend({ add_secret_point: null });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('add-secret-point'));
    expect(await screen.findByText('请填写密点名称')).toBeInTheDocument();
    expect(screen.getByText('请选择类别')).toBeInTheDocument();
    expect(screen.getByText('请选择密级')).toBeInTheDocument();
    expect(callsOf(calls, 'add_secret_point')).toHaveLength(0);
  });

  it('shows a duplicate-code error from Rust beside the code field, localized', async () => {
    backend({
      add_secret_point: rejectWith({
        code: 'SECRET_POINT_CODE_DUPLICATE',
        message: '代号 MD-2026-001 已存在',
        params: { code: 'MD-2026-001' },
      }),
    });
    const { user } = await renderPage();
    await user.type(screen.getByTestId('sp-code'), 'MD-2026-001');
    await user.type(screen.getByTestId('sp-name'), '另一个密点');
    await choose(user, 'sp-category', 0);
    await choose(user, 'sp-level', 2);
    await user.click(screen.getByTestId('add-secret-point'));

    const text = '代号 MD-2026-001 已被本企业的其他密点使用，请换一个代号，或留空自动生成。';
    const shown = await screen.findByText(text);
    // Beside the code field, not as a passing toast.
    expect(shown.closest('.ant-form-item')).toContainElement(screen.getByTestId('sp-code'));
    expect(screen.getAllByTestId('secret-point-row')).toHaveLength(1);

    await setLanguage('en');
    // The field error was set in Chinese; a new attempt shows it in English.
    await user.click(screen.getByTestId('add-secret-point'));
    expect(
      await screen.findByText(
        'Code MD-2026-001 is already used by another secret point of this enterprise. Choose another code or leave it empty to have one generated.',
      ),
    ).toBeInTheDocument();
  });

  it('falls back to the Chinese message of an error code it does not know', async () => {
    backend({
      add_secret_point: rejectWith({ code: 'SOMETHING_NEW', message: '某个新的错误', params: {} }),
    });
    const { user } = await renderPage();
    await user.type(screen.getByTestId('sp-name'), '名称');
    await choose(user, 'sp-category', 2);
    await choose(user, 'sp-level', 0);
    await user.click(screen.getByTestId('add-secret-point'));
    expect(await screen.findByText('某个新的错误')).toBeInTheDocument();
  });

  it('exports the report and says where it went', async () => {
    const calls = backend({ export_report: { path: '/home/u/自评报告.pdf', missingChars: [], warnings: [] } });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('export-register'));
    expect(await screen.findByTestId('export-message')).toHaveTextContent('报告已导出：/home/u/自评报告.pdf');
    expect(callsOf(calls, 'export_report')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(screen.queryByTestId('missing-chars')).toBeNull();
  });

  it('warns about characters the PDF font lacks', async () => {
    backend({ export_report: { path: '/tmp/r.pdf', missingChars: ['䶮', '𠮷'], warnings: [] } });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('export-register'));
    const warning = await screen.findByTestId('missing-chars');
    expect(warning).toHaveTextContent('报告字体缺少部分字符');
    expect(warning).toHaveTextContent('䶮、𠮷');
    expect(await screen.findByTestId('export-message')).toHaveTextContent('/tmp/r.pdf');
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const calls = backend({ export_report: null });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('export-register'));
    await waitFor(() => expect(callsOf(calls, 'export_report')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('export-register')).toBeEnabled());
    expect(screen.queryByTestId('export-message')).toBeNull();
    expect(screen.queryByTestId('missing-chars')).toBeNull();
    expect(document.querySelector('.ant-message-notice')).toBeNull();
  });

  it('shows a failed export as a localized message', async () => {
    backend({
      export_report: rejectWith({ code: 'REPORT_FAILED', message: '报告生成失败', params: { detail: '磁盘已满' } }),
    });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('export-register'));
    expect(await screen.findByText('报告未能生成：磁盘已满')).toBeInTheDocument();
  });

  it('shows a missing enterprise with a way back', async () => {
    mockBackend({
      get_enterprise: rejectWith({ code: 'ENTERPRISE_NOT_FOUND', message: '企业不存在', params: { id: 'e9' } }),
      list_levels: [],
      list_register: [],
    });
    const onBack = vi.fn();
    const { user } = renderWithProviders(<EnterprisePage enterpriseId="e9" onBack={onBack} />);
    expect(await screen.findByTestId('load-error')).toHaveTextContent('找不到这家企业（编号 e9），它可能已被删除。');
    await user.click(screen.getByTestId('back'));
    expect(onBack).toHaveBeenCalled();
  });
});

describe('the register columns', () => {
  it('adds the chosen columns beside code, name, category and level, and keeps the choice', async () => {
    window.localStorage.clear();
    backend({ list_register: [secretPoint({ id: 1, code: 'MD-1', name: '配方', department: '研发部', status: 'classified' })] });
    const first = await renderPage();
    expect(screen.queryByTestId('sp-row-department')).toBeNull();
    await first.user.click(within(screen.getByTestId('register-columns')).getByRole('combobox'));
    await first.user.click(await screen.findByTitle('责任部门'));
    await first.user.click(await screen.findByTitle('状态'));
    expect(await screen.findByTestId('sp-row-department')).toHaveTextContent('研发部');
    expect(screen.getByTestId('sp-row-status')).toHaveTextContent('已定密');
    first.unmount();
    await renderPage();
    expect(screen.getByTestId('sp-row-department')).toHaveTextContent('研发部');
    expect(screen.queryByTestId('sp-row-term')).toBeNull();
  });
});

describe('importing the register', () => {
  it('lists every problem of a refused file and imports nothing', async () => {
    const calls = backend({
      import_points: {
        imported: 0,
        errors: [
          { row: 3, column: '名称', reason: '必填' },
          { row: 5, column: '密级', reason: '密级“绝密”不在本企业的密级方案中' },
        ],
        missingPeople: [],
        peopleAdded: 0,
      },
    });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    const box = await screen.findByTestId('import-errors');
    expect(box).toHaveTextContent('未导入任何密点：文件中有 2 处问题');
    const rows = within(box).getAllByTestId('import-error-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('5');
    expect(rows[1]).toHaveTextContent('密级');
    expect(rows[1]).toHaveTextContent('绝密');
    expect(callsOf(calls, 'import_points')[0].args).toEqual({ enterpriseId: 'e1', options: null, again: false });
    expect(callsOf(calls, 'list_register')).toHaveLength(1);
    expect(screen.getAllByTestId('secret-point-row')).toHaveLength(1);
  });

  it('shows the imported 密点 and says how many', async () => {
    let imported = false;
    const calls = backend({
      import_points: () => {
        imported = true;
        return { imported: 2, errors: [], missingPeople: [], peopleAdded: 0 };
      },
      list_register: () =>
        imported
          ? [...existing, secretPoint({ id: 2, code: 'MD-2026-002', name: '导入的一' }), secretPoint({ id: 3, code: 'X-1', name: '导入的二' })]
          : existing,
    });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    expect(await screen.findByTestId('import-message')).toHaveTextContent('已导入 2 个密点');
    await waitFor(() => expect(screen.getAllByTestId('secret-point-row')).toHaveLength(3));
    expect(callsOf(calls, 'list_register')).toHaveLength(2);
    expect(screen.queryByTestId('import-errors')).toBeNull();
  });

  it('asks before leaving unknown columns out, then reads the same file again', async () => {
    let tries = 0;
    const calls = backend({
      import_points: (args: Record<string, unknown>) => {
        tries += 1;
        if (!args.again) {
          return Promise.reject({
            code: 'IMPORT_COLUMNS_UNKNOWN',
            message: '无法识别的列',
            params: { columns: '“责任人X”', accepted: '代号、名称' },
          });
        }
        return { imported: 1, errors: [], missingPeople: [], peopleAdded: 0 };
      },
    });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    expect(await screen.findByTestId('import-unknown-columns')).toHaveTextContent('无法识别的列：“责任人X”');
    expect(screen.getByTestId('import-unknown-columns')).toHaveTextContent('可识别的列：代号、名称');
    await user.click(screen.getByTestId('import-ignore-columns'));
    expect(await screen.findByTestId('import-message')).toHaveTextContent('已导入 1 个密点');
    expect(tries).toBe(2);
    expect(callsOf(calls, 'import_points')[1].args).toEqual({
      enterpriseId: 'e1',
      options: { ignoreUnknownColumns: true, missingPeople: 'refuse' },
      again: true,
    });
  });

  it('imports nothing when the user declines to leave unknown columns out', async () => {
    const calls = backend({
      import_points: rejectWith({ code: 'IMPORT_COLUMNS_UNKNOWN', message: '无法识别的列', params: { columns: '“X”', accepted: '代号' } }),
    });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    await screen.findByTestId('import-unknown-columns');
    await user.click(screen.getByRole('button', { name: '不导入，先修改文件' }));
    await waitFor(() => expect(screen.queryByTestId('import-unknown-columns')).toBeNull());
    expect(callsOf(calls, 'import_points')).toHaveLength(1);
    expect(screen.queryByTestId('import-message')).toBeNull();
  });

  /** The first read names two people missing from the personnel register; the next applies the choice. */
  function missingBackend() {
    const refusal = {
      imported: 0,
      errors: [
        { row: 2, column: '知悉范围', reason: '涉密人员台账中没有研发部的“张喆”' },
        { row: 3, column: '知悉范围', reason: '涉密人员台账中没有研发部的“张喆”' },
        { row: 3, column: '知悉范围', reason: '涉密人员台账中没有质检部的“李青”' },
      ],
      missingPeople: [
        { department: '研发部', name: '张喆', rows: [2, 3] },
        { department: '质检部', name: '李青', rows: [3] },
      ],
      peopleAdded: 0,
    };
    return backend({
      import_points: (args: Record<string, unknown>) => {
        const options = args.options as { missingPeople: string } | null;
        if (!args.again) return refusal;
        return { imported: 2, errors: [], missingPeople: [], peopleAdded: options?.missingPeople === 'add' ? 2 : 0 };
      },
    });
  }

  it('lists the people missing from the personnel register once and adds them when asked', async () => {
    const calls = missingBackend();
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    const box = await screen.findByTestId('import-missing-people');
    const people = within(box).getAllByTestId('import-missing-person');
    expect(people).toHaveLength(2);
    expect(people[0]).toHaveTextContent('研发部：张喆');
    expect(people[0]).toHaveTextContent('第 2, 3 行');
    await user.click(screen.getByTestId('import-missing-add'));
    expect(await screen.findByTestId('import-message')).toHaveTextContent('已导入 2 个密点，并在涉密人员台账中添加 2 人（待补全）');
    expect(callsOf(calls, 'import_points')[1].args).toEqual({
      enterpriseId: 'e1',
      options: { ignoreUnknownColumns: false, missingPeople: 'add' },
      again: true,
    });
    expect(screen.queryByTestId('import-errors')).toBeNull();
  });

  it('keeps the missing people as names to complete when asked', async () => {
    const calls = missingBackend();
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    await screen.findByTestId('import-missing-people');
    await user.click(screen.getByTestId('import-missing-keep'));
    expect(await screen.findByTestId('import-message')).toHaveTextContent('已导入 2 个密点');
    expect(screen.getByTestId('import-message')).not.toHaveTextContent('添加');
    expect((callsOf(calls, 'import_points')[1].args.options as { missingPeople: string }).missingPeople).toBe('keep');
  });

  it('imports nothing and lists the rows when the user declines both choices', async () => {
    const calls = missingBackend();
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    await screen.findByTestId('import-missing-people');
    await user.click(screen.getByTestId('import-missing-cancel'));
    const box = await screen.findByTestId('import-errors');
    expect(within(box).getAllByTestId('import-error-row')).toHaveLength(3);
    expect(callsOf(calls, 'import_points')).toHaveLength(1);
    expect(screen.queryByTestId('import-message')).toBeNull();
  });

  it('does nothing when the dialog is cancelled and saves the template where chosen', async () => {
    const calls = backend({ import_points: null, save_import_template: '/home/u/密点导入模板.xlsx' });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('import-points'));
    await waitFor(() => expect(callsOf(calls, 'import_points')).toHaveLength(1));
    expect(screen.queryByTestId('import-errors')).toBeNull();
    expect(screen.queryByTestId('import-message')).toBeNull();
    await user.click(screen.getByTestId('import-template'));
    expect(await screen.findByText('导入模板已保存：/home/u/密点导入模板.xlsx')).toBeInTheDocument();
  });
});

describe('the register: search, filters and the 密点 form', () => {
  const many: SecretPoint[] = [
    secretPoint({ id: 1, code: 'MD-2026-001', name: '鱼丸熬制工艺', level: '核心商密', department: '生产部' }),
    secretPoint({ id: 2, code: 'MD-2026-002', name: '重点客户名单', category: 'business', level: '重要商密', department: '营销部' }),
    secretPoint({ id: 3, code: 'MD-2026-003', name: '配料投放顺序', level: '一般商密', department: '生产部', summary: '投料先后与时机' }),
  ];
  const choices = {
    subtypes: { technical: ['工艺', '配方'], business: ['客户信息'], other_commercial: ['其他商业信息'] },
    secrecyChannels: ['所属领域的一般常识或行业惯例'],
    protectionPaths: ['商业秘密', '专利', '软件著作权'],
    carrierKinds: ['纸质文件'],
    termWords: ['长期', '公布前'],
    levels: ['核心商密', '重要商密', '一般商密'],
    items: [[5, '熬制工艺']],
  };

  it('searches by text and filters by level and department', async () => {
    backend({ list_register: many });
    const { user } = await renderPage();
    expect(screen.getAllByTestId('secret-point-row')).toHaveLength(3);
    await user.type(screen.getByTestId('register-search'), '投料');
    await waitFor(() => expect(screen.getAllByTestId('secret-point-row')).toHaveLength(1));
    expect(screen.getByTestId('register-count')).toHaveTextContent('显示 1 / 共 3 个');
    await user.clear(screen.getByTestId('register-search'));
    await user.click(within(screen.getByTestId('filter-department')).getByRole('combobox'));
    await user.click(await screen.findByTitle('营销部'));
    await waitFor(() => expect(screen.getAllByTestId('secret-point-row')).toHaveLength(1));
    expect(screen.getByTestId('secret-point-row')).toHaveAttribute('data-code', 'MD-2026-002');
  });

  it('focuses the search on Ctrl+F', async () => {
    backend({ list_register: many });
    const { user } = await renderPage();
    await user.keyboard('{Control>}f{/Control}');
    expect(screen.getByTestId('register-search')).toHaveFocus();
  });

  it('saves each field on its own and explains a refused value beside it', async () => {
    // The register sends rows; the whole point, with the fields only its form shows, is read when it opens.
    const whole = { ...many[0], valueNote: '支撑出品率的关键', origin: '立项编号 RD-2023-06' };
    const calls = backend({
      list_register: many.map(toRegisterRow),
      get_secret_point: ({ pointId }: Record<string, unknown>) => (pointId === 1 ? whole : Promise.reject(new Error('unexpected point'))),
      point_choices: choices,
      update_point: ({ field, value }: Record<string, unknown>) =>
        field === 'term' && value === '明年'
          ? Promise.reject({ code: 'TERM_INVALID', message: '保密期限“明年”无效', params: { term: '明年' } })
          : { ...many[0], [field as string]: field === 'level' ? value : value, summary: field === 'summary' ? value : many[0].summary },
    });
    const { user } = await renderPage();
    await user.click(screen.getAllByTestId('open-point')[0]);
    expect(await screen.findByTestId('point-drawer-title')).toHaveTextContent('MD-2026-001');
    expect(callsOf(calls, 'get_secret_point').map((c) => c.args)).toEqual([{ pointId: 1 }]);
    expect(screen.getByTestId('pf-valueNote')).toHaveValue('支撑出品率的关键');
    expect(screen.getByTestId('pf-origin')).toHaveValue('立项编号 RD-2023-06');

    // Text saves when the field is left (or after a short pause).
    await user.type(screen.getByTestId('pf-summary'), '熬制火候的控制思路');
    await user.click(screen.getByTestId('point-drawer-title'));
    await waitFor(() =>
      expect(callsOf(calls, 'update_point').some((c) => c.args.field === 'summary' && c.args.value === '熬制火候的控制思路')).toBe(true),
    );
    expect(await screen.findByTestId('save-state')).toHaveAttribute('data-state', 'saved');

    // A select saves at once.
    await user.click(within(screen.getByTestId('pf-level')).getByRole('combobox'));
    await user.click(await screen.findByTitle('重要商密'));
    await waitFor(() => expect(callsOf(calls, 'update_point').some((c) => c.args.field === 'level' && c.args.value === '重要商密')).toBe(true));
    expect(callsOf(calls, 'update_point').every((c) => c.args.pointId === 1)).toBe(true);

    // A refused value: the reason beside the field, nothing else changes.
    await user.type(screen.getByTestId('pf-term').querySelector('input') ?? screen.getByTestId('pf-term'), '明年');
    await user.click(screen.getByTestId('point-drawer-title'));
    expect(await screen.findByText(/保密期限“明年”无效/)).toBeInTheDocument();
  });
});

describe('the 密点 form: categories by code', () => {
  const points: SecretPoint[] = [secretPoint({ id: 2, code: 'MD-2026-002', name: '重点客户名单', category: 'business', level: '重要商密' })];
  // The core keys the sub-types by the category's code.
  const choices = {
    subtypes: { technical: ['工艺', '配方'], business: ['客户信息'], other_commercial: ['其他商业信息'] },
    secrecyChannels: [],
    protectionPaths: [],
    carrierKinds: [],
    termWords: [],
    levels: ['核心商密', '重要商密', '一般商密'],
    items: [],
  };

  it('offers the sub-types of the point’s category and sends a new category as its code', async () => {
    const calls = backend({
      list_register: points.map(toRegisterRow),
      get_secret_point: points[0],
      point_choices: choices,
      update_point: ({ field, value }: Record<string, unknown>) => ({ ...points[0], [field as string]: value }),
    });
    const { user } = await renderPage();
    expect(screen.getByTestId('secret-point-row')).toHaveTextContent('经营信息');
    await user.click(screen.getAllByTestId('open-point')[0]);
    await screen.findByTestId('point-drawer-title');
    await user.click(within(screen.getByTestId('pf-subtype')).getByRole('combobox'));
    expect(await screen.findByTitle('客户信息')).toBeInTheDocument();
    expect(screen.queryByTitle('工艺')).toBeNull();
    await user.keyboard('{Escape}');

    await user.click(within(screen.getByTestId('pf-category')).getByRole('combobox'));
    await user.click(await screen.findByTitle('技术信息'));
    await waitFor(() => expect(callsOf(calls, 'update_point').map((c) => c.args)).toContainEqual({ pointId: 2, field: 'category', value: 'technical' }));
    await user.click(within(screen.getByTestId('pf-subtype')).getByRole('combobox'));
    expect(await screen.findByTitle('配方')).toBeInTheDocument();
  });
});

describe('the quick check', () => {
  const view = (chosen: (number | null)[]) => ({
    roundId: chosen.some((c) => c !== null) ? 9 : null,
    questions: [
      { id: 'Q01', question: '公司有没有正式发文的商业秘密管理制度？', answers: ['有', '草稿', '没有'], chosen: chosen[0] },
      { id: 'Q02', question: '员工入职时签保密协议吗？', answers: ['都签', '部分', '不签'], chosen: chosen[1] },
    ],
  });

  it('saves each answer at once and counts what is answered', async () => {
    let state: (number | null)[] = [null, null];
    const calls = backend({
      quick_check: () => view(state),
      answer_quick: ({ questionId, answerIndex }: Record<string, unknown>) => {
        state = questionId === 'Q01' ? [answerIndex as number, state[1]] : [state[0], answerIndex as number];
        return view(state);
      },
    });
    const { user } = await renderPage('quick');
    expect(await screen.findByTestId('quick-count')).toHaveTextContent('已答 0 / 2 题');
    const questions = screen.getAllByTestId('quick-question');
    await user.click(within(questions[1]).getByText('部分'));
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('已答 1 / 2 题'));
    expect(callsOf(calls, 'answer_quick')[0].args).toEqual({ enterpriseId: 'e1', questionId: 'Q02', answerIndex: 1 });
    expect(within(questions[1]).getByRole('radio', { name: '部分' })).toBeChecked();
  });

  it('shows why an answer was refused', async () => {
    backend({
      quick_check: view([null, null]),
      answer_quick: rejectWith({ code: 'ROUND_CLOSED', message: '第 1 次自评已完成', params: { round: '1' } }),
    });
    const { user } = await renderPage('quick');
    await user.click(within((await screen.findAllByTestId('quick-question'))[0]).getByText('没有'));
    expect(await screen.findByTestId('quick-error')).toHaveTextContent('第 1 次');
  });
});

describe('the enterprise profile', () => {
  it('saves a field after a pause or on leaving it, and explains a refused value', async () => {
    const calls = backend({
      update_enterprise: ({ field, value }: Record<string, unknown>) =>
        field === 'headcount' && value === '很多'
          ? Promise.reject({ code: 'FIELD_INVALID', message: '职工人数无效', params: { field: '职工人数', reason: '“很多”不是人数（非负整数）', key: 'headcount' } })
          : { ...enterprise, [field as string]: value },
    });
    const { user } = await renderPage('profile');
    await user.type(await screen.findByTestId('ef-legalRepresentative'), '王明德');
    await user.click(screen.getByTestId('ef-industry'));
    await waitFor(() =>
      expect(callsOf(calls, 'update_enterprise').map((c) => c.args)).toContainEqual({
        enterpriseId: 'e1',
        field: 'legalRepresentative',
        value: '王明德',
      }),
    );
    // One save for the whole word, not one per keystroke.
    expect(callsOf(calls, 'update_enterprise').filter((c) => c.args.field === 'legalRepresentative')).toHaveLength(1);
    expect(await screen.findByTestId('profile-save-state')).toHaveAttribute('data-state', 'saved');

    await user.type(screen.getByTestId('ef-headcount'), '很多');
    await user.click(screen.getByTestId('ef-industry'));
    expect(await screen.findByText(/不是人数/)).toBeInTheDocument();
  });
});

describe('the submission details of the profile', () => {
  /** A backend that keeps the profile as the core does: a switch is stored as a boolean. */
  function profileBackend() {
    let stored = enterprise;
    return backend({
      get_enterprise: () => stored,
      update_enterprise: ({ field, value }: Record<string, unknown>) => {
        const v = field === 'coverLetter' || field === 'detailOptIn' ? value === 'true' : value;
        stored = { ...stored, [field as string]: v };
        return stored;
      },
    });
  }

  it('groups what the submission needs and saves each field by its code', async () => {
    const calls = profileBackend();
    const { user } = await renderPage('profile');
    const group = await screen.findByTestId('profile-submission');
    expect(group).toHaveTextContent('报送信息');
    for (const label of ['报送机关', '联系电话', '牵头负责人', '保密工作责任部门', '领导小组', '附报送函']) {
      expect(group).toHaveTextContent(label);
    }
    expect(within(group).getByTestId('ef-leadingGroup').tagName).toBe('TEXTAREA');
    expect(within(group).getByTestId('ef-reportRecipient')).toHaveAttribute('placeholder', '如 某某县市场监督管理局');

    await user.type(within(group).getByTestId('ef-reportRecipient'), '福州市鼓楼区市场监督管理局');
    await user.click(within(group).getByTestId('ef-contactPhone'));
    await waitFor(() =>
      expect(callsOf(calls, 'update_enterprise').map((c) => c.args)).toContainEqual({
        enterpriseId: 'e1',
        field: 'reportRecipient',
        value: '福州市鼓楼区市场监督管理局',
      }),
    );
    await user.type(within(group).getByTestId('ef-contactPhone'), '0591-87654321');
    await user.type(within(group).getByTestId('ef-workLead'), '副总经理 林华');
    await user.type(within(group).getByTestId('ef-workOffice'), '综合办公室');
    await user.type(within(group).getByTestId('ef-leadingGroup'), '组长：总经理');
    await user.click(screen.getByTestId('ef-industry'));
    await waitFor(() => expect(callsOf(calls, 'update_enterprise')).toHaveLength(5));
    expect(callsOf(calls, 'update_enterprise').map((c) => [c.args.field, c.args.value])).toEqual([
      ['reportRecipient', '福州市鼓楼区市场监督管理局'],
      ['contactPhone', '0591-87654321'],
      ['workLead', '副总经理 林华'],
      ['workOffice', '综合办公室'],
      ['leadingGroup', '组长：总经理'],
    ]);
    expect(await screen.findByTestId('profile-save-state')).toHaveAttribute('data-state', 'saved');
  });

  it('turns the cover letter off with "false" and says when to', async () => {
    const calls = profileBackend();
    const { user } = await renderPage('profile');
    const cover = await screen.findByTestId('ef-coverLetter');
    // On by default, as the core creates an enterprise.
    expect(cover).toBeChecked();
    expect(cover.closest('.ant-form-item')).toHaveTextContent('主管部门提供了自己的报送表格时请关闭');
    await user.click(cover);
    await waitFor(() => expect(callsOf(calls, 'update_enterprise')).toHaveLength(1));
    expect(callsOf(calls, 'update_enterprise')[0].args).toEqual({ enterpriseId: 'e1', field: 'coverLetter', value: 'false' });
    await waitFor(() => expect(screen.getByTestId('ef-coverLetter')).not.toBeChecked());
    // The other switch is another field.
    expect(screen.getByTestId('ef-detailOptIn')).not.toBeChecked();
  });

  it('shows a refused switch beside it and keeps the stored value', async () => {
    backend({
      update_enterprise: rejectWith({ code: 'FIELD_INVALID', message: 'x', params: { field: '附报送函', reason: '应为“是”或“否”', key: 'coverLetter' } }),
    });
    const { user } = await renderPage('profile');
    await user.click(await screen.findByTestId('ef-coverLetter'));
    const error = await screen.findByText('填写有误（附报送函）：应为“是”或“否”');
    expect(error.closest('.ant-form-item')).toContainElement(screen.getByTestId('ef-coverLetter'));
    expect(screen.getByTestId('ef-coverLetter')).toBeChecked();
    expect(screen.getByTestId('ef-detailOptIn').closest('.ant-form-item')).not.toHaveTextContent('填写有误');
  });

  it('reads in English', async () => {
    await setLanguage('en');
    profileBackend();
    await renderPage('profile');
    const group = await screen.findByTestId('profile-submission');
    for (const label of ['Submission details', 'Receiving authority', 'Contact phone', 'Lead person', 'Leading group', 'Include a cover letter']) {
      expect(group).toHaveTextContent(label);
    }
  });
});

describe('bulk add', () => {
  it('adds one 密点 per line, or lists the refused lines', async () => {
    let attempt = 0;
    const calls = backend({
      bulk_add_points: () => {
        attempt += 1;
        return attempt === 1
          ? { imported: 0, errors: [{ row: 2, column: '名称', reason: '必填' }] }
          : { imported: 2, errors: [] };
      },
    });
    const { user } = await renderPage();
    await user.click(screen.getByTestId('bulk-add'));
    await user.type(await screen.findByTestId('bulk-names'), '工序甲{Enter}工序乙');
    await user.click(screen.getByTestId('bulk-ok'));
    expect(await screen.findByTestId('import-errors')).toHaveTextContent('必填');
    await user.click(screen.getByTestId('bulk-ok'));
    expect(await screen.findByText('已添加 2 个密点')).toBeInTheDocument();
    const args = callsOf(calls, 'bulk_add_points')[1].args;
    expect(args).toEqual({ enterpriseId: 'e1', names: '工序甲\n工序乙', category: 'technical', level: '核心商密' });
    expect(callsOf(calls, 'list_register')).toHaveLength(2);
  });
});

describe('fast capture', () => {
  it('adds on Enter and leaves the cursor in the name for the next 密点', async () => {
    let n = 1;
    const calls = backend({
      add_secret_point: ({ input }: Record<string, unknown>) => {
        n += 1;
        return secretPoint({ id: n, code: `MD-2026-00${n}`, name: (input as { name: string }).name });
      },
    });
    const { user } = await renderPage();
    await choose(user, 'sp-category', 0);
    await choose(user, 'sp-level', 0);
    await user.type(screen.getByTestId('sp-name'), '第一个{Enter}');
    await waitFor(() => expect(screen.getByTestId('sp-name')).toHaveFocus());
    await user.keyboard('第二个{Enter}');
    await waitFor(() => expect(callsOf(calls, 'add_secret_point')).toHaveLength(2));
    expect(callsOf(calls, 'add_secret_point').map((c) => (c.args.input as { name: string }).name)).toEqual(['第一个', '第二个']);
    await waitFor(() => expect(screen.getAllByTestId('secret-point-row')).toHaveLength(3));
  });
});
