import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import StationPage, { HEAT_MAX_ROWS } from '.';
import { setLanguage } from '../../i18n';
import type { Dashboard, StationRow } from '../../services';
import { callsOf, mockBackend } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';

function row(fields: Partial<StationRow> & Pick<StationRow, 'creditCode' | 'name'>): StationRow {
  return {
    township: '城关街道',
    industry: '食品制造',
    roundNo: 2,
    baseDate: '2026-10-31',
    generatedOn: '2026-11-02',
    catalogueVersion: '2.0',
    totalTenths: 700,
    changeTenths: null,
    draft: false,
    basicNotMet: 0,
    openTasks: 0,
    overdueTasks: 0,
    points: 10,
    domainScores: [800, null, 600],
    trend: [
      { roundNo: 1, baseDate: '2026-03-31', totalTenths: 550 },
      { roundNo: 2, baseDate: '2026-10-31', totalTenths: 700 },
    ],
    ...fields,
  };
}

const ROWS: StationRow[] = [
  row({ creditCode: '91371500AAAAAAAA1X', name: '阿胶甲公司', totalTenths: 825, changeTenths: 45, township: '清水镇' }),
  row({ creditCode: '91371500BBBBBBBB2X', name: '机械乙公司', totalTenths: 612, changeTenths: -20, industry: '通用设备制造', overdueTasks: 3 }),
  row({ creditCode: '91371500CCCCCCCC3X', name: '纺织丙公司', totalTenths: 740, basicNotMet: 2, draft: true }),
];

const DASHBOARD: Dashboard = {
  stationName: '城关所指导站',
  today: '2026-12-03',
  domains: ['组织与制度', '密点梳理', '涉密人员'],
  rows: ROWS,
  summaries: 5,
};

function backend(extra: Record<string, unknown> = {}) {
  return mockBackend({
    station_dashboard: DASHBOARD,
    station_settings: { name: '城关所指导站', pgUrl: null },
    ...extra,
  });
}

async function renderStation() {
  const onBack = vi.fn();
  const rendered = renderWithProviders(<StationPage onBack={onBack} />);
  await screen.findAllByTestId('station-row');
  return { ...rendered, onBack };
}

/** The option of an open Select with this title (a table cell may carry the same title). */
async function option(title: string) {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).not.toBeNull());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

const names = () => screen.getAllByTestId('station-row-name').map((el) => el.textContent?.replace(/草稿|Draft/, '').trim());

describe('the guidance station page', () => {
  it('lists each enterprise with its latest round and sorts by total', async () => {
    backend();
    const { user } = await renderStation();
    expect(names()).toEqual(['阿胶甲公司', '机械乙公司', '纺织丙公司']);
    const first = screen.getAllByTestId('station-row')[0];
    expect(first).toHaveTextContent('82.5');
    expect(first).toHaveTextContent('+4.5');
    expect(first).toHaveTextContent('第 2 次');
    expect(screen.getAllByTestId('station-row')[1]).toHaveTextContent('-2.0');
    expect(screen.getByTestId('station-count')).toHaveTextContent('显示 3 / 共 3 家企业，5 份摘要');
    expect(await screen.findByTestId('station-name')).toHaveValue('城关所指导站');
    await user.click(screen.getByRole('columnheader', { name: /自评总分/ }));
    expect(names()).toEqual(['机械乙公司', '纺织丙公司', '阿胶甲公司']);
    await user.click(screen.getByRole('columnheader', { name: /自评总分/ }));
    expect(names()).toEqual(['阿胶甲公司', '纺织丙公司', '机械乙公司']);
  });

  it('narrows the rows by township and by industry', async () => {
    backend();
    const { user } = await renderStation();
    await user.click(within(screen.getByTestId('station-filter-township')).getByRole('combobox'));
    await user.click(await option('清水镇'));
    await waitFor(() => expect(names()).toEqual(['阿胶甲公司']));
    expect(screen.getByTestId('station-count')).toHaveTextContent('显示 1 / 共 3 家企业');
    await user.click(within(screen.getByTestId('station-filter-township')).getByRole('combobox'));
    await user.click(await option('城关街道'));
    await user.click(within(screen.getByTestId('station-filter-industry')).getByRole('combobox'));
    await user.click(await option('通用设备制造'));
    await waitFor(() => expect(names()).toEqual(['机械乙公司']));
  });

  it('draws the trend of the chosen enterprise and the heat map of domain scores', async () => {
    backend();
    const { user } = await renderStation();
    expect(screen.queryByTestId('station-trend')).toBeNull();
    const heat = screen.getByTestId('station-heat');
    await waitFor(() => expect(heat.querySelector('svg')).not.toBeNull());
    // Every enterprise is a line of the heat map, every domain a column.
    for (const text of ['阿胶甲公司', '纺织丙公司', '组织与制度', '涉密人员']) expect(heat).toHaveTextContent(text);
    await user.click(screen.getAllByTestId('station-row')[1]);
    expect(await screen.findByTestId('station-trend-card')).toHaveTextContent('机械乙公司：历次自评总分');
    const trend = screen.getByTestId('station-trend');
    await waitFor(() => expect(trend.querySelector('svg')).not.toBeNull());
    expect(trend).toHaveTextContent('2026-03-31');
    expect(trend).toHaveTextContent('55');
  });

  it('caps the heat map and says so when many enterprises are shown', async () => {
    const many = Array.from({ length: HEAT_MAX_ROWS + 5 }, (_, i) => row({ creditCode: `CODE${i}`, name: `企业${i}` }));
    backend({ station_dashboard: { ...DASHBOARD, rows: many } });
    await renderStation();
    expect(screen.getByTestId('station-heat-capped')).toHaveTextContent(`只画出表格中前 ${HEAT_MAX_ROWS} 家企业`);
  });

  it('imports summaries, says how many and reads the dashboard again; a cancelled dialog says nothing', async () => {
    let n = 0;
    const calls = backend({
      station_import: () => (++n === 1 ? null : { files: 2, added: 1, already: 1, enterprises: 3 }),
    });
    const { user } = await renderStation();
    await user.click(screen.getByTestId('station-import'));
    await waitFor(() => expect(callsOf(calls, 'station_import')).toHaveLength(1));
    expect(screen.queryByTestId('station-imported')).toBeNull();
    expect(callsOf(calls, 'station_dashboard')).toHaveLength(1);
    await user.click(screen.getByTestId('station-import'));
    expect(await screen.findByTestId('station-imported')).toHaveTextContent('已读取 2 个文件：新增 1 份摘要，已有 1 份；本站共跟踪 3 家企业。');
    await waitFor(() => expect(callsOf(calls, 'station_dashboard')).toHaveLength(2));
  });

  it('shows a refused summary localized and keeps the table', async () => {
    backend({
      station_import: () =>
        Promise.reject({ code: 'SUMMARY_REFUSED', message: 'x', params: { file: 'b.midun-summary', reason: '校验值不符（文件可能被改动）' } }),
    });
    const { user } = await renderStation();
    await user.click(screen.getByTestId('station-import'));
    expect(await screen.findByTestId('station-error')).toHaveTextContent('进度摘要“b.midun-summary”无法读取：校验值不符');
    expect(screen.getAllByTestId('station-row')).toHaveLength(3);
  });

  it('exports the workbook, and the progress report in the chosen format', async () => {
    const calls = backend({
      station_export_workbook: { path: '/tmp/站.xlsx', missingChars: [], warnings: [] },
      station_export_report: { path: '/tmp/汇总.docx', missingChars: [], warnings: [] },
    });
    const { user } = await renderStation();
    await user.click(screen.getByTestId('station-export-workbook'));
    expect(await screen.findByText('已导出工作簿：/tmp/站.xlsx')).toBeInTheDocument();
    await user.click(screen.getByTestId('station-format-docx'));
    await user.click(screen.getByTestId('station-export-report'));
    expect(await screen.findByText('已导出工作进展汇总：/tmp/汇总.docx')).toBeInTheDocument();
    expect(callsOf(calls, 'station_export_report')[0].args).toEqual({ format: 'docx' });
  });

  it('saves the station name and shows a refusal', async () => {
    let n = 0;
    const calls = backend({
      set_station_name: ({ name }: Record<string, unknown>) =>
        ++n === 1 ? Promise.reject({ code: 'STATION_NAME_INVALID', message: 'x', params: {} }) : (name as string).trim(),
    });
    const { user } = await renderStation();
    const input = await screen.findByTestId('station-name');
    await waitFor(() => expect(input).toHaveValue('城关所指导站'));
    await user.clear(input);
    await user.click(screen.getByTestId('station-name-save'));
    expect(await screen.findByTestId('station-error')).toHaveTextContent('指导站名称无效');
    await user.type(input, '清水所指导站');
    await user.click(screen.getByTestId('station-name-save'));
    expect(await screen.findByText('已保存本站名称')).toBeInTheDocument();
    expect(callsOf(calls, 'set_station_name')[1].args).toEqual({ name: '清水所指导站' });
  });

  it('pushes to and pulls from the shared database, asking for the address first', async () => {
    const calls = backend({
      station_push: { station: '城关所指导站', sent: 5, added: 2 },
      station_pull: { read: 9, added: 4, stations: ['城关所指导站', '清水所指导站'] },
    });
    const { user } = await renderStation();
    await user.click(screen.getByText('共享数据库（PostgreSQL）'));
    await user.click(await screen.findByTestId('station-push'));
    expect(await screen.findByTestId('station-pg-error')).toHaveTextContent('请填写数据库地址');
    expect(callsOf(calls, 'station_push')).toHaveLength(0);
    await user.type(screen.getByTestId('station-pg-url'), 'postgresql://u:secret@db.example:5432/midun');
    await user.click(screen.getByTestId('station-push'));
    expect(await screen.findByTestId('station-pg-outcome')).toHaveTextContent('已推送 5 份摘要（共享数据库新增 2 份）');
    expect(callsOf(calls, 'station_push')[0].args).toEqual({ url: 'postgresql://u:secret@db.example:5432/midun', ca: null });
    await user.type(screen.getByTestId('station-pg-ca'), '/etc/ca.crt');
    await user.click(screen.getByTestId('station-pull'));
    expect(await screen.findByTestId('station-pg-outcome')).toHaveTextContent('已读取 9 份摘要，本站新增 4 份；来自：城关所指导站、清水所指导站');
    expect(callsOf(calls, 'station_pull')[0].args).toEqual({ url: 'postgresql://u:secret@db.example:5432/midun', ca: '/etc/ca.crt' });
    await waitFor(() => expect(callsOf(calls, 'station_dashboard')).toHaveLength(2));
    // The address (with its password) is masked on screen and never in a message.
    expect(document.body.textContent).not.toContain('secret');
  });

  it('says what the figures are and never words a verdict about an enterprise', async () => {
    backend();
    await renderStation();
    expect(screen.getByTestId('station-note')).toHaveTextContent('不代表任何认定结论');
    for (const word of ['具备', '达标', '合格', '就绪', '认定通过', '符合申报条件']) {
      expect(document.body.textContent).not.toContain(word);
    }
  });

  it('shows the empty station with what to do', async () => {
    backend({ station_dashboard: { ...DASHBOARD, rows: [], summaries: 0 } });
    renderWithProviders(<StationPage onBack={vi.fn()} />);
    expect(await screen.findByText(/还没有进度摘要/)).toBeInTheDocument();
    expect(screen.getByTestId('station-export-workbook')).toBeDisabled();
    expect(screen.queryByTestId('station-heat')).toBeNull();
  });

  it('words the page in English, with Chinese left only in the data', async () => {
    await setLanguage('en');
    backend();
    const { user, onBack } = await renderStation();
    const data = new Set(ROWS.flatMap((r) => [r.name, r.township, r.industry]).concat(DASHBOARD.domains, DASHBOARD.stationName ?? ''));
    let text = document.body.textContent ?? '';
    for (const d of data) text = text.split(d).join('');
    expect(text).not.toMatch(/\p{Script=Han}/u);
    expect(screen.getByTestId('station-note')).toHaveTextContent('imply no official finding');
    await user.click(screen.getByTestId('station-back'));
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});
