import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import ExportStep from './ExportStep';
import ResultsStep from './ResultsStep';
import TasksStep from './TasksStep';
import { radarOption } from './RadarChart';
import { setLanguage } from '../../i18n';
import type { Assessment, RemediationTask, ResultsView, Score } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { typeDate } from '../../test/actions';
import { renderWithProviders } from '../../test/render';

// jsdom has no canvas; ECharts' text measuring then falls back quietly instead of logging.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
});

const ROUND: Assessment = {
  id: 4,
  enterpriseId: 'e1',
  roundNo: 2,
  catalogueId: 'midun-2026',
  catalogueVersion: '1.0',
  baseDate: '2026-10-31',
  filler: '王会计',
  reviewer: '',
  highlights: '',
  nextSteps: '',
  closedAt: null,
};

// Codes on the wire: the tier was held at needs_work by a domain under 60, and a basic item not
// met decides the verdict. Domain names, titles and actions are the catalogue's (data).
const SCORE: Score = {
  total: 91.5,
  lost: 8.5,
  applicable: 40,
  earned: '36.5',
  tier: 'needs_work',
  verdict: 'basic_unmet',
  caps: [{ code: 'domain_below60', domain: '密点梳理' }],
  basic_items: [
    { criterion: 'D1.3', title: '有书面的商业秘密管理制度', status: 'basic_met', gate: false },
    { criterion: 'D2.1', title: '建立密点清单', status: 'basic_not_met', gate: false },
    { criterion: 'D5.2', title: '涉密人员签订保密协议', status: 'basic_unanswered', gate: false },
  ],
  domains: [
    { id: 'D1', name: '组织与制度', weight: 10, score: 92.5, lost: 0, applicable: 10, earned: '9.25' },
    { id: 'D2', name: '密点梳理', weight: 20, score: 55.5, lost: 4, applicable: 20, earned: '11' },
    { id: 'D5', name: '涉密人员', weight: 15, score: 70, lost: 4.5, applicable: 15, earned: '10.5' },
    { id: 'D9', name: '应急维权', weight: 5, score: null, lost: 0, applicable: 0, earned: '0' },
  ],
  criteria: [
    { criterion: 'D1.3', domain: 'D1', points: 3, status: 'met', derived: false, earned: '3', lost: 0, missing_evidence: false, needs_review: false, basic: true, gate: false, applies: true },
    { criterion: 'D2.1', domain: 'D2', points: 4, status: 'not_met', derived: false, earned: '0', lost: 4, missing_evidence: false, needs_review: false, basic: true, gate: false, applies: true },
    { criterion: 'D5.2', domain: 'D5', points: 3, status: 'unanswered', derived: false, earned: '0', lost: 3, missing_evidence: false, needs_review: false, basic: true, gate: false, applies: true },
    { criterion: 'D6.4', domain: 'D5', points: 2, status: 'partly_met', derived: false, earned: '1', lost: 1.5, missing_evidence: false, needs_review: true, basic: false, gate: false, applies: true },
    { criterion: 'D9.1', domain: 'D9', points: 2, status: 'unanswered', derived: false, earned: '0', lost: 0, missing_evidence: false, needs_review: false, basic: false, gate: false, applies: true },
  ],
  gaps: [
    { criterion: 'D2.1', title: '建立密点清单', domain: '密点梳理', basic: true, status: 'not_met', kind: 'gap_not_met', points_lost: 4, action: '编制密点清单并经审批', evidence_kinds: ['记录台账'] },
    { criterion: 'D5.2', title: '涉密人员签订保密协议', domain: '涉密人员', basic: true, status: 'unanswered', kind: 'gap_unanswered', points_lost: 3, action: '与涉密人员签订保密协议', evidence_kinds: ['合同协议'] },
    { criterion: 'D6.4', title: '载体借阅登记', domain: '涉密人员', basic: false, status: 'partly_met', kind: 'gap_partly_met', points_lost: 1.5, action: '补齐载体借阅登记', evidence_kinds: ['记录台账'] },
  ],
  contradictions: [],
  not_applicable: [],
  warnings: [
    { code: 'unanswered', count: 2 },
    { code: 'needs_review', count: 1 },
  ],
  draft: true,
};

const VIEW: ResultsView = {
  round: ROUND,
  score: SCORE,
  // D9.1 has no step to open.
  steps: { 'D1.3': 'rules', 'D2.1': 'points', 'D5.2': 'people', 'D6.4': 'controls' },
};

const closedOf = (view: ResultsView, closedAt: string): Assessment => ({ ...(view.round as Assessment), closedAt });

async function renderResults(view: ResultsView = VIEW, extra: Record<string, unknown> = {}) {
  const calls = mockBackend({ results_view: view, ...extra });
  const onOpenStep = vi.fn();
  const onChanged = vi.fn();
  const rendered = renderWithProviders(<ResultsStep enterpriseId="e1" onOpenStep={onOpenStep} onChanged={onChanged} />);
  await screen.findByTestId('results-step');
  return { ...rendered, calls, onOpenStep, onChanged };
}

describe('results step', () => {
  it('shows the total, tier, verdict, caps, draft and the honesty note from the view', async () => {
    const { calls } = await renderResults();
    expect(callsOf(calls, 'results_view')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(screen.getByTestId('results-total')).toHaveTextContent(/^91\.5$/);
    expect(screen.getByTestId('results-lost')).toHaveTextContent('失分 8.5');
    expect(screen.getByTestId('results-tier')).toHaveTextContent(/^较好，需补强$/);
    expect(screen.getByTestId('results-tier')).toHaveAttribute('data-tier', 'needs_work');
    expect(screen.getByTestId('results-result')).toHaveTextContent(/^存在未落实的基础项，应优先整改$/);
    expect(screen.getByTestId('results-draft')).toHaveTextContent('草稿');
    expect(screen.getByTestId('results-round')).toHaveTextContent('第 2 次自评，基准日 2026-10-31');
    expect(screen.getByTestId('results-caps')).toHaveTextContent('领域“密点梳理”得分低于 60 分，等级以“较好，需补强”为限');
    const honesty = screen.getByTestId('results-honesty');
    expect(honesty).toHaveTextContent('自评');
    expect(honesty).toHaveTextContent('不是任何官方评审或认定');
    const warnings = screen.getByTestId('results-warnings');
    expect(warnings).toHaveTextContent('尚有 2 项未评，报告为草稿');
    expect(warnings).toHaveTextContent('尚有 1 项待复核，报告为草稿');
  });

  it('speaks through the tier when the verdict is by_tier, and says a round is incomplete', async () => {
    await renderResults({ ...VIEW, score: { ...SCORE, total: 93, tier: 'complete', verdict: 'by_tier', caps: [] } });
    expect(screen.getByTestId('results-tier')).toHaveTextContent(/^完善$/);
    expect(screen.getByTestId('results-result')).toHaveTextContent(/^完善$/);
    expect(screen.getByTestId('results-result')).toHaveAttribute('data-verdict', 'by_tier');
  });

  it('says a round with a basic item not assessed is incomplete', async () => {
    await renderResults({ ...VIEW, score: { ...SCORE, tier: 'major_gaps', verdict: 'incomplete', caps: [] } });
    expect(screen.getByTestId('results-tier')).toHaveTextContent(/^差距明显，需系统整改$/);
    expect(screen.getByTestId('results-result')).toHaveTextContent(/^未完成$/);
  });

  it('words every cap and warning from its code and params', async () => {
    const score: Score = {
      ...SCORE,
      caps: [
        { code: 'domain_below60', domain: '密点梳理' },
        { code: 'core_incomplete', points: ['MD-001', 'MD-002'] },
      ],
      warnings: [
        { code: 'basic_not_applicable', criterion: 'D2.1' },
        { code: 'not_applicable_over20', points: 25 },
        { code: 'evidence_missing', criteria: ['D1.3', 'D6.4'] },
        { code: 'unanswered', count: 2 },
        { code: 'needs_review', count: 1 },
      ],
    };
    await renderResults({ ...VIEW, score });
    const caps = screen.getAllByTestId('results-cap');
    expect(caps.map((c) => c.getAttribute('data-code'))).toEqual(['domain_below60', 'core_incomplete']);
    expect(caps[1]).toHaveTextContent('核心密点 MD-001、MD-002 尚未全部具备密级、保密期限、知悉范围、审批和所需控制措施，等级以“较好，需补强”为限');
    const warnings = screen.getAllByTestId('results-warning').map((w) => w.textContent);
    expect(warnings).toEqual([
      '基础项 D2.1 不能选“不适用”，按未评计',
      // The share is the core's NA_SHARE_WARNING_PERCENT.
      '不适用项合计 25 分，超过总分的 20%',
      '待补充佐证：D1.3、D6.4',
      '尚有 2 项未评，报告为草稿',
      '尚有 1 项待复核，报告为草稿',
    ]);
  });

  it('reads in English with no Chinese left but the catalogue’s data', async () => {
    await setLanguage('en');
    const score: Score = {
      ...SCORE,
      caps: [
        { code: 'domain_below60', domain: '密点梳理' },
        { code: 'core_incomplete', points: ['MD-001', 'MD-002'] },
      ],
      warnings: [
        { code: 'basic_not_applicable', criterion: 'D2.1' },
        { code: 'not_applicable_over20', points: 25 },
        { code: 'evidence_missing', criteria: ['D1.3', 'D6.4'] },
        { code: 'unanswered', count: 2 },
        { code: 'needs_review', count: 1 },
      ],
      contradictions: [
        { criterion: 'D5.2', title: '涉密人员签订保密协议', answer: 'not_met', fact: '涉密人员台账中已有签订的保密协议', suggested: 'partly_met' },
        { criterion: 'D9.1', title: '应急预案', answer: 'not_applicable', fact: '已登记泄密事件', suggested: null },
      ],
      not_applicable: [{ criterion: 'D8.3', title: '合作研发成果约定权属', points: 3, reason: '本企业没有合作研发' }],
      basic_items: [...SCORE.basic_items, { criterion: 'D2.0', title: '密点经审批确定', status: 'basic_met', gate: true }],
    };
    await renderResults({ ...VIEW, score });
    expect(screen.getByTestId('results-tier')).toHaveTextContent(/^Good, needs strengthening$/);
    expect(screen.getByTestId('results-result')).toHaveTextContent(/^A basic item is not in place: put it in place first$/);
    const caps = screen.getAllByTestId('results-cap').map((c) => c.textContent);
    expect(caps).toEqual([
      'The domain “密点梳理” scored below 60, so the tier is held at “Good, needs strengthening”.',
      'The core secret points MD-001, MD-002 do not all have a level, a confidentiality term, an access list, an approval and the required controls yet, so the tier is held at “Good, needs strengthening”.',
    ]);
    const warnings = screen.getAllByTestId('results-warning').map((w) => w.textContent);
    expect(warnings).toEqual([
      'Basic item D2.1 cannot be answered “Not applicable”: it counts as not assessed.',
      'Criteria answered “Not applicable” are worth 25 points together, more than 20% of the total.',
      'Evidence still to add: D1.3, D6.4',
      'Criteria not assessed yet: 2. The report is a draft.',
      'Criteria awaiting review: 1. The report is a draft.',
    ]);
    const basic = screen.getAllByTestId('basic-status').map((x) => x.textContent);
    expect(basic).toEqual(['Met', 'Not met', 'Not assessed', 'Met']);
    expect(screen.getByTestId('basic-gate')).toHaveTextContent('Condition (not scored)');
    const contradictions = screen.getAllByTestId('results-contradiction-text').map((x) => x.textContent);
    expect(contradictions).toEqual([
      'Inconsistent with the registers: 涉密人员台账中已有签订的保密协议. Suggested answer: "Partly met"',
      'Inconsistent with the registers: 已登记泄密事件. Please answer again as things actually are',
    ]);
    expect(screen.getByTestId('results-na-summary')).toHaveTextContent('1 criteria, 3 points in all');
    expect(screen.getByTestId('results-lost')).toHaveTextContent('Points lost: 8.5');
    const headers = [...screen.getByTestId('results-domains').querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['Domain', 'Points', 'Score rate', 'Lost']);
    const incomplete = screen.getAllByTestId('results-incomplete').map((x) => x.closest('li')?.textContent ?? '');
    expect(incomplete[0]).toContain('Not assessed');
    expect(incomplete[1]).toContain('Awaits review');

    // Everything else is English: what Chinese is left is the catalogue's (domain names, titles).
    const data = [
      ...score.domains.map((d) => d.name),
      ...score.basic_items.map((b) => b.title),
      ...score.gaps.map((g) => g.title),
      ...score.contradictions.flatMap((x) => [x.title, x.fact]),
      ...score.not_applicable.flatMap((x) => [x.title, x.reason]),
    ];
    let text = screen.getByTestId('results-step').textContent ?? '';
    for (const d of data.sort((x, y) => y.length - x.length)) text = text.split(d).join('');
    expect(text).not.toMatch(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u);
  });

  it('colours the basic items by status and lists the domains, a domain without score as not applicable', async () => {
    await renderResults();
    const rows = screen.getAllByTestId('basic-row');
    expect(rows.map((r) => r.getAttribute('data-criterion'))).toEqual(['D1.3', 'D2.1', 'D5.2']);
    const tags = rows.map((r) => within(r).getByTestId('basic-status'));
    expect(tags.map((x) => x.textContent)).toEqual(['已落实', '未落实', '未评']);
    expect(tags[0]).toHaveClass('ant-tag-green');
    expect(tags[1]).toHaveClass('ant-tag-red');
    expect(tags[2]).not.toHaveClass('ant-tag-green');
    expect(tags[2]).not.toHaveClass('ant-tag-red');

    const domains = screen.getAllByTestId('domain-row');
    expect(domains).toHaveLength(4);
    expect(domains[0]).toHaveTextContent('组织与制度');
    expect(domains[0]).toHaveTextContent('10');
    // The score rate in percent, and the points of the total lost in the domain, as the core gives them.
    expect(within(domains[0]).getByTestId('domain-score')).toHaveTextContent(/^92\.5%$/);
    expect(within(domains[2]).getByTestId('domain-score')).toHaveTextContent(/^70\.0%$/);
    expect(within(domains[0]).getByTestId('domain-lost')).toHaveTextContent(/^0\.0$/);
    expect(within(domains[2]).getByTestId('domain-lost')).toHaveTextContent(/^4\.5$/);
    expect(domains[3]).toHaveTextContent('不适用');
    expect(within(domains[3]).queryByTestId('domain-score')).toBeNull();
    const headers = [...screen.getByTestId('results-domains').querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['领域', '分值', '得分率', '失分']);
  });

  it('draws the radar of the scored domains with ECharts as SVG', async () => {
    await renderResults();
    const radar = screen.getByTestId('results-radar');
    expect(radar).toHaveAttribute('aria-label', '各领域得分雷达图');
    await waitFor(() => expect(radar.querySelector('svg')).not.toBeNull());
    const texts = [...radar.querySelectorAll('svg text')].map((x) => x.textContent);
    // One axis per domain with a score, labelled by name; the values are drawn too.
    expect(texts).toEqual(expect.arrayContaining(['组织与制度', '密点梳理', '涉密人员', '92.5', '55.5', '70']));
    // The domain where nothing applies has no axis.
    expect(texts).not.toContain('应急维权');
  });

  it('builds the radar option on a 0-100 scale, one indicator per point', () => {
    const option = radarOption(
      [
        { name: 'A', value: 40 },
        { name: 'B', value: 90 },
      ],
      100,
      'S',
    );
    expect(option.radar).toMatchObject({ indicator: [{ name: 'A', max: 100 }, { name: 'B', max: 100 }] });
    expect(option.series).toMatchObject([{ type: 'radar', data: [{ value: [40, 90] }] }]);
  });

  it('shows no draft tag when the score is final', async () => {
    await renderResults({ ...VIEW, score: { ...SCORE, draft: false, warnings: [], caps: [] } });
    expect(screen.getByTestId('results-total')).toBeInTheDocument();
    expect(screen.queryByTestId('results-draft')).toBeNull();
    expect(screen.queryByTestId('results-warnings')).toBeNull();
    expect(screen.queryByTestId('results-caps')).toBeNull();
  });

  it('says the self-assessment starts with the first answer when there is no score', async () => {
    await renderResults({ round: null, score: null, steps: {} });
    expect(screen.getByTestId('results-empty')).toHaveTextContent('自评从对第一个评价项作答开始');
    expect(screen.getByTestId('results-honesty')).toBeInTheDocument();
    expect(screen.queryByTestId('results-total')).toBeNull();
    expect(screen.queryByTestId('results-close')).toBeNull();
  });

  it('lists the unassessed and to-review criteria; a click opens the step where each is answered', async () => {
    const { user, onOpenStep } = await renderResults();
    const items = screen.getAllByTestId('results-incomplete');
    expect(items.map((x) => x.getAttribute('data-criterion'))).toEqual(['D5.2', 'D6.4', 'D9.1']);
    expect(items[0]).toHaveTextContent('D5.2 涉密人员签订保密协议');
    expect(items[0].closest('li')).toHaveTextContent('未评');
    expect(items[1].closest('li')).toHaveTextContent('待复核');

    await user.click(items[1]);
    expect(onOpenStep).toHaveBeenCalledTimes(1);
    expect(onOpenStep).toHaveBeenCalledWith('controls');
    await user.click(items[0]);
    expect(onOpenStep).toHaveBeenLastCalledWith('people');
    // A criterion without a step is shown, not linked.
    await user.click(items[2]);
    expect(onOpenStep).toHaveBeenCalledTimes(2);
  });

  it('lists the answers the registers contradict, each a link to the step where it is answered', async () => {
    const score: Score = {
      ...SCORE,
      contradictions: [
        { criterion: 'D5.2', title: '涉密人员签订保密协议', answer: 'not_met', fact: '涉密人员台账中已有签订的保密协议', suggested: 'partly_met' },
        { criterion: 'D9.1', title: '应急预案', answer: 'not_applicable', fact: '已登记泄密事件', suggested: null },
      ],
    };
    const { user, onOpenStep } = await renderResults({ ...VIEW, score });
    const section = screen.getByTestId('results-contradictions');
    expect(section).toHaveAttribute('data-count', '2');
    const items = within(section).getAllByTestId('results-contradiction');
    expect(items.map((x) => x.getAttribute('data-criterion'))).toEqual(['D5.2', 'D9.1']);
    expect(items[0]).toHaveTextContent('D5.2 涉密人员签订保密协议');
    expect(items[0]).toHaveTextContent('现答：未落实');
    expect(within(items[0]).getByTestId('results-contradiction-text')).toHaveTextContent(
      '与登记簿不一致：涉密人员台账中已有签订的保密协议；建议作答“部分落实”',
    );
    expect(items[1]).toHaveTextContent('现答：不适用');
    expect(within(items[1]).getByTestId('results-contradiction-text')).toHaveTextContent('与登记簿不一致：已登记泄密事件；请按实际情况重新作答');
    await user.click(within(items[0]).getByTestId('results-contradiction-link'));
    expect(onOpenStep).toHaveBeenCalledWith('people');
    // D9.1 has no step: listed, not linked.
    await user.click(within(items[1]).getByTestId('results-contradiction-link'));
    expect(onOpenStep).toHaveBeenCalledTimes(1);
  });

  it('says when the registers contradict no answer and nothing is answered 不适用', async () => {
    await renderResults();
    expect(screen.getByTestId('results-contradictions-none')).toHaveTextContent('没有发现与登记簿不一致的答案');
    expect(screen.queryAllByTestId('results-contradiction')).toHaveLength(0);
    expect(screen.getByTestId('results-na-none')).toHaveTextContent('没有选为“不适用”的评价项');
  });

  it('lists the criteria answered 不适用 with their points and reasons, counted and added up', async () => {
    const score: Score = {
      ...SCORE,
      not_applicable: [
        { criterion: 'D8.3', title: '合作研发成果约定权属', points: 3, reason: '本企业没有合作研发' },
        { criterion: 'D6.2', title: '涉密区域门禁', points: 2, reason: '全部资料为电子版，存放于加密系统' },
      ],
    };
    await renderResults({ ...VIEW, score, steps: { ...VIEW.steps, 'D8.3': 'disclosures' } });
    expect(screen.getByTestId('results-na-summary')).toHaveTextContent('共 2 项，合计 5 分');
    const rows = screen.getAllByTestId('results-na-row');
    expect(rows.map((r) => r.getAttribute('data-criterion'))).toEqual(['D8.3', 'D6.2']);
    expect(rows[0]).toHaveTextContent('D8.3 合作研发成果约定权属');
    expect(within(rows[0]).getByTestId('results-na-points')).toHaveTextContent('3');
    expect(within(rows[0]).getByTestId('results-na-reason')).toHaveTextContent('本企业没有合作研发');
    expect(within(rows[0]).getByTestId('results-na-link').tagName).toBe('A');
  });

  it('marks a condition among the basic items as not scored', async () => {
    const score: Score = {
      ...SCORE,
      basic_items: [...SCORE.basic_items, { criterion: 'D2.0', title: '密点经审批确定', status: 'basic_met', gate: true }],
    };
    await renderResults({ ...VIEW, score });
    const rows = screen.getAllByTestId('basic-row');
    expect(within(rows[3]).getByTestId('basic-gate')).toHaveTextContent('条件项（不计分）');
    expect(within(rows[0]).queryByTestId('basic-gate')).toBeNull();
  });

  it('closes the round only after confirmation and shows it read-only', async () => {
    const { user, calls, onChanged } = await renderResults(VIEW, {
      close_round: closedOf(VIEW, '2026-11-05T02:00:00Z'),
    });
    await user.click(screen.getByTestId('results-close'));
    expect(await screen.findByText('完成第 2 次自评？')).toBeInTheDocument();
    expect(callsOf(calls, 'close_round')).toHaveLength(0);
    await user.click(screen.getByTestId('results-close-confirm'));
    await waitFor(() => expect(callsOf(calls, 'close_round')).toHaveLength(1));
    expect(callsOf(calls, 'close_round')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(await screen.findByTestId('results-closed')).toHaveTextContent('第 2 次自评已于 2026-11-05 完成');
    expect(screen.queryByTestId('results-close')).toBeNull();
    expect(screen.queryByTestId('results-close-error')).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows the localized refusal when the round is incomplete', async () => {
    const { user, onChanged } = await renderResults(VIEW, {
      close_round: rejectWith({ code: 'ROUND_INCOMPLETE', message: 'x', params: { count: '3' } }),
    });
    await user.click(screen.getByTestId('results-close'));
    await user.click(await screen.findByTestId('results-close-confirm'));
    expect(await screen.findByTestId('results-close-error')).toHaveTextContent('本轮还有 3 项未评或待复核，请先评完再完成本轮');
    expect(screen.queryByTestId('results-closed')).toBeNull();
    expect(screen.getByTestId('results-close')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows the localized refusal when the round is already closed', async () => {
    const { user } = await renderResults(VIEW, {
      close_round: rejectWith({ code: 'ROUND_CLOSED', message: 'x', params: { round: '2' } }),
    });
    await user.click(screen.getByTestId('results-close'));
    await user.click(await screen.findByTestId('results-close-confirm'));
    expect(await screen.findByTestId('results-close-error')).toHaveTextContent('第 2 次自评已完成，答案和报告内容不能再修改');
  });

  it('shows a closed round as read-only without the close button', async () => {
    await renderResults({ ...VIEW, round: closedOf(VIEW, '2026-11-01T09:30:00Z') });
    expect(screen.getByTestId('results-closed')).toHaveTextContent('第 2 次自评已于 2026-11-01 完成');
    expect(screen.queryByTestId('results-close')).toBeNull();
  });

  it('shows a load failure with a retry', async () => {
    mockBackend({ results_view: rejectWith({ code: 'DB_ERROR', message: 'x', params: { detail: 'disk I/O' } }) });
    renderWithProviders(<ResultsStep enterpriseId="e1" onOpenStep={vi.fn()} />);
    expect(await screen.findByTestId('results-load-error')).toHaveTextContent('数据库出错：disk I/O');
  });
});

function task(fields: Partial<RemediationTask> & Pick<RemediationTask, 'id' | 'title'>): RemediationTask {
  return {
    enterpriseId: 'e1',
    assessmentId: 4,
    criterionId: null,
    ownerRole: '保密办',
    dueOn: '2099-12-31',
    status: 'todo',
    closedOn: null,
    ...fields,
  };
}

const TASKS: RemediationTask[] = [
  // The gap D6.4 of this round already has a task.
  task({ id: 1, title: '补齐载体借阅登记', criterionId: 'D6.4', ownerRole: '档案室负责人', dueOn: '2020-01-31', status: 'in_progress' }),
  // A task of an earlier round for D2.1 does not count for this round's gap.
  task({ id: 2, title: '上一轮：编制密点清单', assessmentId: 3, criterionId: 'D2.1', dueOn: '2020-03-01', status: 'done', closedOn: '2020-02-20' }),
  task({ id: 3, title: '制度宣贯', dueOn: '2099-06-30' }),
];

function tasksBackend(extra: Record<string, unknown> = {}) {
  return mockBackend({ results_view: VIEW, list_tasks: TASKS, ...extra });
}

async function renderTasks() {
  const onChanged = vi.fn();
  const rendered = renderWithProviders(<TasksStep enterpriseId="e1" onChanged={onChanged} />);
  await screen.findByTestId('tasks-step');
  return { ...rendered, onChanged };
}

const gapRow = (criterion: string) => screen.getAllByTestId('gap-row').find((r) => r.getAttribute('data-criterion') === criterion) as HTMLElement;
const taskRow = (id: number) => screen.getAllByTestId('task-row').find((r) => r.getAttribute('data-id') === String(id)) as HTMLElement;

describe('tasks step', () => {
  it('ranks the gaps as the core sends them, each with domain, status, points lost, action and basic tag', async () => {
    const calls = tasksBackend();
    await renderTasks();
    expect(callsOf(calls, 'list_tasks')[0].args).toEqual({ enterpriseId: 'e1', assessmentId: null });
    const rows = screen.getAllByTestId('gap-row');
    expect(rows.map((r) => r.getAttribute('data-criterion'))).toEqual(['D2.1', 'D5.2', 'D6.4']);
    expect(rows[0]).toHaveTextContent('建立密点清单');
    expect(rows[0]).toHaveTextContent('密点梳理');
    expect(within(rows[0]).getByTestId('gap-status')).toHaveTextContent('未落实');
    expect(within(rows[0]).getByTestId('gap-status')).toHaveAttribute('data-kind', 'gap_not_met');
    expect(within(rows[0]).getByTestId('gap-lost')).toHaveTextContent(/^失 4\.0 分$/);
    expect(within(rows[1]).getByTestId('gap-status')).toHaveTextContent('未评');
    expect(within(rows[2]).getByTestId('gap-status')).toHaveTextContent('部分落实');
    expect(within(rows[2]).getByTestId('gap-lost')).toHaveTextContent(/^失 1\.5 分$/);
    expect(within(rows[0]).getByTestId('gap-action')).toHaveTextContent('建议：编制密点清单并经审批');
    expect(within(rows[0]).getByTestId('gap-basic')).toHaveTextContent('基础项');
    expect(within(rows[2]).queryByTestId('gap-basic')).toBeNull();
  });

  it('says an item answered 已落实 without evidence awaits evidence, never that its points are lost', async () => {
    const score: Score = {
      ...SCORE,
      gaps: [
        ...SCORE.gaps,
        { criterion: 'D1.3', title: '有书面的商业秘密管理制度', domain: '组织与制度', basic: true, status: 'met', kind: 'evidence_pending', points_lost: 0.8, action: '制定商业秘密管理制度', evidence_kinds: ['制度文件', '记录台账'] },
      ],
    };
    mockBackend({ results_view: { ...VIEW, score }, list_tasks: TASKS });
    await renderTasks();
    const row = gapRow('D1.3');
    expect(within(row).getByTestId('gap-status')).toHaveTextContent(/^待补充佐证$/);
    expect(within(row).getByTestId('gap-status')).toHaveAttribute('data-kind', 'evidence_pending');
    expect(within(row).getByTestId('gap-lost')).toHaveTextContent(/^补齐佐证后可得 0\.8 分$/);
    expect(row).not.toHaveTextContent('失');
    expect(row).not.toHaveTextContent('已落实');
    // It asks for the evidence, not for building the measure again.
    expect(within(row).getByTestId('gap-action')).toHaveTextContent(/^建议：补充本项的佐证材料（制度文件、记录台账）并登记$/);
    expect(row).not.toHaveTextContent('制定商业秘密管理制度');
  });

  it('words the kinds of gaps in English', async () => {
    await setLanguage('en');
    const score: Score = {
      ...SCORE,
      gaps: [
        ...SCORE.gaps,
        { criterion: 'D1.3', title: '有书面的商业秘密管理制度', domain: '组织与制度', basic: true, status: 'met', kind: 'evidence_pending', points_lost: 0.8, action: '制定商业秘密管理制度', evidence_kinds: ['制度文件', '记录台账'] },
      ],
    };
    mockBackend({ results_view: { ...VIEW, score }, list_tasks: TASKS });
    await renderTasks();
    expect(screen.getAllByTestId('gap-status').map((x) => x.textContent)).toEqual(['Not met', 'Not assessed', 'Partly met', 'Evidence to add']);
    expect(within(gapRow('D1.3')).getByTestId('gap-lost')).toHaveTextContent('0.8 pts once evidenced');
    expect(within(gapRow('D2.1')).getByTestId('gap-lost')).toHaveTextContent('4.0 pts lost');
    expect(within(gapRow('D1.3')).getByTestId('gap-action')).toHaveTextContent('Suggested: Add the evidence for this item (制度文件, 记录台账) and register it');
  });

  it('shows the task of a gap that has one in this round instead of the button', async () => {
    tasksBackend();
    await renderTasks();
    const withTask = gapRow('D6.4');
    expect(within(withTask).queryByTestId('gap-to-task')).toBeNull();
    expect(within(withTask).getByTestId('gap-task')).toHaveAttribute('data-task', '1');
    expect(within(withTask).getByTestId('gap-task')).toHaveTextContent('整改中');
    expect(within(withTask).getByTestId('gap-task')).toHaveTextContent('补齐载体借阅登记');
    // D2.1's task belongs to an earlier round.
    expect(within(gapRow('D2.1')).getByTestId('gap-to-task')).toBeInTheDocument();
    expect(within(gapRow('D2.1')).queryByTestId('gap-task')).toBeNull();
  });

  it('turns a gap into a task with the round, the criterion, a role and a due date', async () => {
    const calls = tasksBackend({
      add_task: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 9, status: 'todo', closedOn: null }),
    });
    const { user, onChanged } = await renderTasks();
    await user.click(within(gapRow('D2.1')).getByTestId('gap-to-task'));
    const title = await screen.findByTestId('task-add-title');
    expect(title).toHaveValue('编制密点清单并经审批');

    // Role and due date are required.
    await user.click(screen.getByTestId('task-add-submit'));
    expect(await screen.findByText('请填写责任角色')).toBeInTheDocument();
    expect(screen.getByText('请选择完成期限')).toBeInTheDocument();
    expect(callsOf(calls, 'add_task')).toHaveLength(0);

    await user.type(screen.getByTestId('task-add-ownerRole'), ' 技术部负责人 ');
    await typeDate(user, 'task-add-dueOn', '2026-12-31');
    await user.click(screen.getByTestId('task-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_task')).toHaveLength(1));
    expect(callsOf(calls, 'add_task')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        assessmentId: 4,
        criterionId: 'D2.1',
        title: '编制密点清单并经审批',
        ownerRole: '技术部负责人',
        dueOn: '2026-12-31',
      },
    });
    // The gap now shows its task, and the ledger has it.
    await waitFor(() => expect(within(gapRow('D2.1')).getByTestId('gap-task')).toHaveAttribute('data-task', '9'));
    expect(within(gapRow('D2.1')).queryByTestId('gap-to-task')).toBeNull();
    expect(screen.getAllByTestId('task-row')).toHaveLength(4);
    expect(taskRow(9)).toHaveTextContent('技术部负责人');
    expect(taskRow(9)).toHaveTextContent('D2.1');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('explains a refused owner role beside the field', async () => {
    tasksBackend({
      add_task: rejectWith({ code: 'REMEDIATION_OWNER_ROLE_EMPTY', message: 'x', params: {} }),
    });
    const { user } = await renderTasks();
    await user.click(within(gapRow('D5.2')).getByTestId('gap-to-task'));
    await user.type(await screen.findByTestId('task-add-ownerRole'), '张三');
    await typeDate(user, 'task-add-dueOn', '2026-12-31');
    await user.click(screen.getByTestId('task-add-submit'));
    const error = await screen.findByText(/请填写责任角色（如 保密办、技术部负责人）/);
    expect(error.closest('.ant-form-item')).toContainElement(screen.getByTestId('task-add-ownerRole'));
    expect(screen.getAllByTestId('task-row')).toHaveLength(3);
  });

  it('marks a past due date of an unfinished task, not of a finished or future one', async () => {
    tasksBackend();
    await renderTasks();
    const overdue = taskRow(1);
    expect(within(overdue).getByTestId('task-due')).toHaveAttribute('data-overdue', 'true');
    expect(within(overdue).getByTestId('task-due')).toHaveClass('ant-typography-danger');
    expect(within(overdue).getByTestId('task-overdue')).toHaveTextContent('已逾期');
    // Done: past, but not overdue; it shows the day it closed.
    expect(within(taskRow(2)).getByTestId('task-due')).toHaveAttribute('data-overdue', 'false');
    expect(within(taskRow(2)).queryByTestId('task-overdue')).toBeNull();
    expect(within(taskRow(2)).getByTestId('task-closed-on')).toHaveTextContent('2020-02-20 完成');
    expect(within(taskRow(3)).getByTestId('task-due')).toHaveAttribute('data-overdue', 'false');
    expect(within(taskRow(3)).getByTestId('task-due')).not.toHaveClass('ant-typography-danger');
  });

  it('changes a status through set_task_status and shows the day it closed', async () => {
    const calls = tasksBackend({
      set_task_status: (args: Record<string, unknown>) => ({ ...TASKS[0], status: args.status, closedOn: '2026-11-06' }),
    });
    const { user, onChanged } = await renderTasks();
    const row = taskRow(1);
    await user.click(within(within(row).getByTestId('task-status')).getByRole('combobox'));
    const options = await within(row).findAllByTestId(/^task-status-option-/);
    expect(options.map((o) => o.textContent)).toEqual(['待整改', '整改中', '已完成']);
    await user.click(within(row).getByTestId('task-status-option-2'));
    await waitFor(() => expect(callsOf(calls, 'set_task_status')).toHaveLength(1));
    expect(callsOf(calls, 'set_task_status')[0].args).toEqual({ id: 1, status: 'done', closedOn: null });
    await waitFor(() => expect(within(taskRow(1)).getByTestId('task-closed-on')).toHaveTextContent('2026-11-06 完成'));
    expect(taskRow(1)).toHaveAttribute('data-status', 'done');
    // Done is no longer overdue.
    expect(within(taskRow(1)).queryByTestId('task-overdue')).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('autosaves the title, role and due date of a task', async () => {
    const calls = tasksBackend({
      update_task: (args: Record<string, unknown>) => ({ ...TASKS[2], [args.field as string]: args.value }),
    });
    const { user } = await renderTasks();
    await user.click(within(taskRow(3)).getByTestId('task-edit'));
    const role = await screen.findByTestId('task-edit-ownerRole');
    expect(role).toHaveValue('保密办');
    await user.clear(role);
    await user.type(role, '人力资源部');
    await waitFor(() => expect(callsOf(calls, 'update_task')).toHaveLength(1));
    expect(callsOf(calls, 'update_task')[0].args).toEqual({ id: 3, field: 'ownerRole', value: '人力资源部' });
    await waitFor(() => expect(taskRow(3)).toHaveTextContent('人力资源部'));

    await typeDate(user, 'task-edit-dueOn', '2027-01-15');
    await waitFor(() => expect(callsOf(calls, 'update_task')).toHaveLength(2));
    expect(callsOf(calls, 'update_task')[1].args).toEqual({ id: 3, field: 'dueOn', value: '2027-01-15' });
  });

  it('deletes a task only after confirmation', async () => {
    const calls = tasksBackend({ delete_task: null });
    const { user } = await renderTasks();
    await user.click(within(taskRow(3)).getByTestId('task-delete'));
    expect(await screen.findByText('删除整改事项“制度宣贯”？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_task')).toHaveLength(0);
    await user.click(screen.getByTestId('task-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_task')).toHaveLength(1));
    expect(callsOf(calls, 'delete_task')[0].args).toEqual({ id: 3 });
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(2));
  });

  it('keeps the ledger when there is no score yet', async () => {
    mockBackend({ results_view: { round: null, score: null, steps: {} }, list_tasks: TASKS });
    await renderTasks();
    expect(screen.getByTestId('tasks-no-score')).toBeInTheDocument();
    expect(screen.queryByTestId('gap-row')).toBeNull();
    expect(screen.getAllByTestId('task-row')).toHaveLength(3);
  });

  it('exports the ledger as an Excel workbook of the remediation sheet and says where it went', async () => {
    const path = 'C:\\Users\\me\\Documents\\福州示范食品有限公司-问题清单与整改台账.xlsx';
    const calls = tasksBackend({ export_workbook: { path, missingChars: [], warnings: [] } });
    const { user } = await renderTasks();
    const button = within(screen.getByTestId('task-ledger')).getByTestId('tasks-export-xlsx');
    expect(button).toHaveTextContent('导出 Excel');
    await user.click(button);
    await waitFor(() => expect(callsOf(calls, 'export_workbook')).toHaveLength(1));
    expect(callsOf(calls, 'export_workbook')[0].args).toEqual({ enterpriseId: 'e1', sheets: ['remediation'] });
    expect(await screen.findByTestId('tasks-export-message')).toHaveTextContent(`问题清单与整改台账已导出：${path}`);
    expect(screen.queryByTestId('tasks-export-error')).toBeNull();
  });

  it('says nothing when the ledger’s save dialog is cancelled, and shows a refused export localized', async () => {
    let attempts = 0;
    const calls = tasksBackend({
      export_workbook: () => {
        attempts += 1;
        return attempts === 1 ? null : Promise.reject({ code: 'IO_ERROR', message: 'x', params: { detail: '磁盘已满' } });
      },
    });
    const { user } = await renderTasks();
    await user.click(screen.getByTestId('tasks-export-xlsx'));
    await waitFor(() => expect(callsOf(calls, 'export_workbook')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('tasks-export-xlsx')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('tasks-export-message')).toBeNull();
    expect(screen.queryByTestId('tasks-export-error')).toBeNull();
    await user.click(screen.getByTestId('tasks-export-xlsx'));
    expect(await screen.findByTestId('tasks-export-error')).toHaveTextContent('读写文件出错：磁盘已满');
    expect(screen.queryByTestId('tasks-export-message')).toBeNull();
  });

  it('words the ledger export in English', async () => {
    await setLanguage('en');
    tasksBackend({ export_workbook: { path: 'C:\\ledger.xlsx', missingChars: [], warnings: [] } });
    const { user } = await renderTasks();
    expect(screen.getByTestId('tasks-export-xlsx')).toHaveTextContent('Export to Excel');
    await user.click(screen.getByTestId('tasks-export-xlsx'));
    expect(await screen.findByTestId('tasks-export-message')).toHaveTextContent('Gaps and remediation ledger exported: C:\\ledger.xlsx');
  });
});

const EXPORTED = {
  path: 'C:\\Users\\me\\Documents\\福州示范食品有限公司-商业秘密保护自评报告.pdf',
  missingChars: [],
  warnings: [],
};

function exportBackend(extra: Record<string, unknown> = {}) {
  return mockBackend({ results_view: VIEW, submission_preflight: [], ...extra });
}

/** The texts of the confirmation's lines, in the order shown. */
const preflightLines = () => screen.getAllByTestId('export-preflight-warning').map((x) => x.getAttribute('data-code'));

async function renderExport() {
  const rendered = renderWithProviders(<ExportStep enterpriseId="e1" />);
  await screen.findByTestId('export-step');
  return rendered;
}

describe('export step', () => {
  it('explains both editions and exports the submission edition by default', async () => {
    const calls = exportBackend({ export_edition: EXPORTED });
    const { user } = await renderExport();
    expect(screen.getByTestId('export-edition-submission')).toHaveTextContent('只按类别和密级计数');
    expect(screen.getByTestId('export-edition-internal')).toHaveTextContent('内部文件');
    expect(screen.getByTestId('export-submit')).toHaveTextContent('导出报送版');
    // The retention advice is the internal edition's.
    expect(screen.queryByTestId('export-internal-retention')).toBeNull();
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    // The preflight is asked first; with nothing to settle, nothing is asked of the user.
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(1);
    expect(callsOf(calls, 'submission_preflight')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(calls.findIndex((c) => c.cmd === 'submission_preflight')).toBeLessThan(calls.findIndex((c) => c.cmd === 'export_edition'));
    expect(screen.queryByTestId('export-preflight-list')).toBeNull();
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'submission', format: 'pdf' });
    expect(await screen.findByTestId('export-path')).toHaveTextContent(EXPORTED.path);
    expect(screen.getByTestId('export-result')).toHaveTextContent('已导出报送版');
    expect(screen.queryByTestId('export-warnings')).toBeNull();
    expect(screen.queryByTestId('export-missing-chars')).toBeNull();
  });

  it('asks once before the submission edition, listing what the preflight found with the contradictions named, and exports on confirmation', async () => {
    const score: Score = {
      ...SCORE,
      contradictions: [
        { criterion: 'D5.2', title: '涉密人员签订保密协议', answer: 'not_met', fact: '涉密人员台账中已有签订的保密协议', suggested: 'partly_met' },
        { criterion: 'D9.1', title: '应急预案', answer: 'not_applicable', fact: '已登记泄密事件', suggested: null },
      ],
    };
    const calls = exportBackend({
      results_view: { ...VIEW, score },
      submission_preflight: [{ code: 'recipient_missing' }, { code: 'contradictions', count: 2 }, { code: 'unplanned', count: 3 }],
      export_edition: EXPORTED,
    });
    const { user } = await renderExport();
    expect(screen.getByTestId('export-contradictions')).toHaveTextContent('本轮有 2 处答案与登记簿不一致');
    await user.click(screen.getByTestId('export-submit'));
    const list = await screen.findByTestId('export-preflight-list');
    expect(document.querySelector('.ant-modal-confirm-title')).toHaveTextContent('导出报送版前，请先核对以下 3 项');
    // One confirmation, not one for the contradictions and another for the rest.
    expect(document.querySelectorAll('.ant-modal-confirm')).toHaveLength(1);
    expect(screen.queryByTestId('export-contradictions-confirm')).toBeNull();
    expect(preflightLines()).toEqual(['recipient_missing', 'contradictions', 'unplanned']);
    const lines = within(list).getAllByTestId('export-preflight-warning');
    expect(lines[0]).toHaveTextContent('报送函未填写报送机关');
    expect(lines[1]).toHaveTextContent('有 2 项自评答案与登记数据不一致');
    expect(lines[2]).toHaveTextContent('有 3 项待改进事项尚未列入整改台账');
    // The contradictions are named under their line.
    expect(within(lines[1]).getAllByTestId('export-contradiction').map((x) => x.textContent)).toEqual([
      'D5.2 涉密人员签订保密协议：涉密人员台账中已有签订的保密协议',
      'D9.1 应急预案：已登记泄密事件',
    ]);
    expect(screen.getByTestId('export-preflight-cancel')).toHaveTextContent('返回修改');
    expect(screen.getByTestId('export-preflight-confirm')).toHaveTextContent('仍然导出');
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
    await user.click(screen.getByTestId('export-preflight-confirm'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'submission', format: 'pdf' });
    expect(await screen.findByTestId('export-path')).toHaveTextContent(EXPORTED.path);
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(1);
  });

  it('exports nothing when the user goes back to fix what the preflight found', async () => {
    const calls = exportBackend({ submission_preflight: [{ code: 'contact_missing' }], export_edition: EXPORTED });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-preflight-list')).toHaveTextContent('联系人或联系电话未填写');
    expect(document.querySelector('.ant-modal-confirm-title')).toHaveTextContent('导出报送版前，请先核对以下 1 项');
    await user.click(screen.getByTestId('export-preflight-cancel'));
    await waitFor(() => expect(screen.queryByTestId('export-preflight-list')).toBeNull());
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
    expect(screen.queryByTestId('export-result')).toBeNull();
  });

  it('names the contradictions of the results in the one confirmation even when the preflight does not count them', async () => {
    const score: Score = {
      ...SCORE,
      contradictions: [{ criterion: 'D5.2', title: '涉密人员签订保密协议', answer: 'not_met', fact: '涉密人员台账中已有签订的保密协议', suggested: 'partly_met' }],
    };
    const calls = exportBackend({ results_view: { ...VIEW, score }, export_edition: EXPORTED });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-preflight-list')).toBeInTheDocument();
    expect(preflightLines()).toEqual(['contradictions']);
    expect(screen.getByTestId('export-preflight-warning')).toHaveTextContent('有 1 项自评答案与登记数据不一致');
    expect(screen.getAllByTestId('export-contradiction').map((x) => x.getAttribute('data-criterion'))).toEqual(['D5.2']);
    await user.click(screen.getByTestId('export-preflight-cancel'));
    await waitFor(() => expect(screen.queryByTestId('export-preflight-list')).toBeNull());
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
  });

  it('shows a failed preflight and exports nothing', async () => {
    const calls = exportBackend({
      submission_preflight: rejectWith({ code: 'DB_ERROR', message: 'x', params: { detail: 'disk I/O' } }),
      export_edition: EXPORTED,
    });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-error')).toHaveTextContent('数据库出错：disk I/O');
    expect(screen.queryByTestId('export-preflight-list')).toBeNull();
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
  });

  it('exports without asking when nothing contradicts the registers', async () => {
    const calls = exportBackend({ export_edition: EXPORTED });
    const { user } = await renderExport();
    expect(screen.queryByTestId('export-contradictions')).toBeNull();
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(screen.queryByTestId('export-contradictions-confirm')).toBeNull();
    expect(screen.queryByTestId('export-preflight-confirm')).toBeNull();
  });

  it('passes the chosen edition to export_edition, with no preflight and the retention advice for the internal edition', async () => {
    const calls = exportBackend({ export_edition: EXPORTED });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-edition-internal'));
    expect(screen.getByTestId('export-submit')).toHaveTextContent('导出内部版');
    const retention = screen.getByTestId('export-internal-retention');
    for (const text of ['诉讼', '编号', '分发范围', '只在需要期间保留', '尽快整改', '不要把内部版附在报送材料中']) {
      expect(retention).toHaveTextContent(text);
    }
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'internal', format: 'pdf' });
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(0);
    expect(await screen.findByTestId('export-result')).toHaveAttribute('data-edition', 'internal');
    await user.click(screen.getByTestId('export-edition-submission'));
    expect(screen.queryByTestId('export-internal-retention')).toBeNull();
  });

  it('asks about contradictions before the internal edition, and exports nothing when the user goes to check them', async () => {
    const score: Score = {
      ...SCORE,
      contradictions: [{ criterion: 'D5.2', title: '涉密人员签订保密协议', answer: 'not_met', fact: '涉密人员台账中已有签订的保密协议', suggested: 'partly_met' }],
    };
    const calls = exportBackend({ results_view: { ...VIEW, score }, export_edition: EXPORTED });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-edition-internal'));
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-contradictions-list')).toBeInTheDocument();
    expect(document.querySelector('.ant-modal-confirm-title')).toHaveTextContent('仍有 1 处答案与登记簿不一致，建议先核对；仍要导出吗？');
    expect(screen.getAllByTestId('export-contradiction').map((x) => x.textContent)).toEqual(['D5.2 涉密人员签订保密协议：涉密人员台账中已有签订的保密协议']);
    await user.click(screen.getByTestId('export-contradictions-cancel'));
    await waitFor(() => expect(screen.queryByTestId('export-contradictions-list')).toBeNull());
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);

    await user.click(screen.getByTestId('export-submit'));
    await user.click(await screen.findByTestId('export-contradictions-confirm'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'internal', format: 'pdf' });
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(0);
  });

  it('exports the 一密一档 of every core secret point and says where it went', async () => {
    const dossier = { path: 'C:\\Users\\me\\Documents\\福州示范食品有限公司-一密一档.pdf', missingChars: [], warnings: [] };
    const calls = exportBackend({ export_dossier: dossier, open_last_export: null });
    const { user } = await renderExport();
    expect(screen.getByTestId('export-dossier-card')).toHaveTextContent('律师');
    expect(screen.getByTestId('export-dossier')).toHaveTextContent('导出一密一档（全部核心密点）');
    await user.click(screen.getByTestId('export-dossier'));
    await waitFor(() => expect(callsOf(calls, 'export_dossier')).toHaveLength(1));
    expect(callsOf(calls, 'export_dossier')[0].args).toEqual({ enterpriseId: 'e1', pointId: null });
    const result = await screen.findByTestId('export-result');
    expect(result).toHaveAttribute('data-edition', 'dossier');
    expect(result).toHaveTextContent('已导出一密一档：');
    expect(screen.getByTestId('export-path')).toHaveTextContent(dossier.path);
    expect(screen.getByTestId('export-dossier-card')).toContainElement(result);
    // Neither the preflight nor an edition export is involved.
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(0);
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
    await user.click(screen.getByTestId('export-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));
  });

  it('says why there is no 一密一档 to export', async () => {
    exportBackend({ export_dossier: rejectWith({ code: 'DOSSIER_EMPTY', message: 'x', params: {} }) });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-dossier'));
    expect(await screen.findByTestId('export-dossier-error')).toHaveTextContent('没有在管的核心密点，无法生成一密一档');
    expect(screen.queryByTestId('export-result')).toBeNull();
  });

  it('shows nothing when the dossier dialog is cancelled', async () => {
    const calls = exportBackend({ export_dossier: null });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-dossier'));
    await waitFor(() => expect(callsOf(calls, 'export_dossier')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('export-dossier')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('export-result')).toBeNull();
    expect(screen.queryByTestId('export-dossier-error')).toBeNull();
  });

  it('reads the preflight, the retention advice and the dossier in English', async () => {
    await setLanguage('en');
    exportBackend({ submission_preflight: [{ code: 'recipient_missing' }], export_edition: EXPORTED });
    const { user } = await renderExport();
    expect(screen.getByTestId('export-dossier')).toHaveTextContent('Export the dossiers (all core secret points)');
    await user.click(screen.getByTestId('export-edition-internal'));
    expect(screen.getByTestId('export-internal-retention')).toHaveTextContent('never attach it to a submission');
    await user.click(screen.getByTestId('export-edition-submission'));
    await user.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-preflight-list');
    expect(document.querySelector('.ant-modal-confirm-title')).toHaveTextContent('Before exporting the submission edition, please check the following (1)');
    expect(screen.getByTestId('export-preflight-confirm')).toHaveTextContent('Export anyway');
    expect(screen.getByTestId('export-preflight-cancel')).toHaveTextContent('Go back and fix');
  });

  it('shows nothing when the save dialog is cancelled', async () => {
    const calls = exportBackend({ export_edition: null });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('export-submit')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('export-result')).toBeNull();
    expect(screen.queryByTestId('export-path')).toBeNull();
    expect(screen.queryByTestId('export-open')).toBeNull();
    expect(screen.queryByTestId('export-error')).toBeNull();
  });

  it('lists the warnings and the missing glyphs, and opens the PDF', async () => {
    const calls = exportBackend({
      export_edition: {
        ...EXPORTED,
        missingChars: ['𠮷', '堃'],
        warnings: [{ code: 'highlights_detail', hint: '配比' }, { code: 'unplanned', count: 2 }],
      },
      open_last_export: null,
    });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-submit'));
    const warnings = await screen.findByTestId('export-warnings');
    const lines = within(warnings).getAllByTestId('export-warning');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveTextContent('特色做法写到了“配比”');
    expect(lines[1]).toHaveTextContent('有 2 项待改进事项尚未列入整改台账');
    const missing = screen.getByTestId('export-missing-chars');
    expect(missing).toHaveTextContent('报告字体缺少部分字符');
    expect(missing).toHaveTextContent('以下字符在报告的字体中没有，PDF 中这些位置会显示为空白：𠮷、堃。');

    expect(callsOf(calls, 'open_last_export')).toHaveLength(0);
    expect(screen.getByTestId('export-open')).toHaveTextContent('打开 PDF');
    await user.click(screen.getByTestId('export-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));
  });

  it('shows a failed export, localized', async () => {
    exportBackend({ export_edition: rejectWith({ code: 'REPORT_FAILED', message: 'x', params: { detail: '磁盘已满' } }) });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-error')).toHaveTextContent('报告未能生成：磁盘已满');
    expect(screen.queryByTestId('export-path')).toBeNull();
  });

  it('shows the report texts of a closed round without letting them change', async () => {
    const calls = exportBackend({ results_view: { ...VIEW, round: closedOf(VIEW, '2026-11-20T08:00:00Z') }, update_round: null });
    await renderExport();
    expect(screen.getByTestId('export-texts-closed')).toHaveTextContent('报告文字随得分一起固定');
    const filler = screen.getByTestId('rf-filler');
    expect(filler.tagName).not.toBe('INPUT');
    expect(filler).toHaveTextContent('王会计');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(callsOf(calls, 'update_round')).toHaveLength(0);
  });

  it('autosaves the round report texts through update_round', async () => {
    const calls = exportBackend({
      update_round: (args: Record<string, unknown>) => ({ ...ROUND, [args.field as string]: args.value }),
    });
    const { user } = await renderExport();
    expect(screen.getByTestId('rf-baseDate')).toHaveValue('2026-10-31');
    expect(screen.getByTestId('rf-filler')).toHaveValue('王会计');
    await user.type(screen.getByTestId('rf-reviewer'), '李主任');
    await waitFor(() => expect(callsOf(calls, 'update_round')).toHaveLength(1));
    expect(callsOf(calls, 'update_round')[0].args).toEqual({ roundId: 4, field: 'reviewer', value: '李主任' });

    await user.type(screen.getByTestId('rf-highlights'), '配方分段保管');
    await user.tab();
    await waitFor(() => expect(callsOf(calls, 'update_round')).toHaveLength(2));
    expect(callsOf(calls, 'update_round')[1].args).toEqual({ roundId: 4, field: 'highlights', value: '配方分段保管' });
    expect(screen.getByTestId('rf-nextSteps')).toHaveValue('');
  });

  it('shows a refused base date beside the field', async () => {
    exportBackend({
      update_round: rejectWith({ code: 'FIELD_INVALID', message: 'x', params: { field: '自评基准日', reason: '应为 YYYY-MM-DD', key: 'baseDate' } }),
    });
    const { user } = await renderExport();
    const base = screen.getByTestId('rf-baseDate');
    await user.clear(base);
    await user.type(base, '2026-13-01');
    await user.tab();
    const error = await screen.findByText('填写有误（自评基准日）：应为 YYYY-MM-DD');
    expect(error.closest('.ant-form-item')).toContainElement(base);
  });

  it('notes a draft score', async () => {
    exportBackend();
    await renderExport();
    expect(screen.getByTestId('export-draft')).toHaveTextContent('草稿');
  });

  it('says so when no round exists and exports nothing', async () => {
    mockBackend({ results_view: { round: null, score: null, steps: {} } });
    await renderExport();
    expect(screen.getByTestId('export-no-round')).toHaveTextContent('还没有开始自评');
    expect(screen.queryByTestId('rf-filler')).toBeNull();
    expect(screen.queryByTestId('export-draft')).toBeNull();
    expect(screen.getByTestId('export-submit')).toBeDisabled();
  });

  it('offers PDF by default and exports Word when chosen, with the note on fields and fonts and 打开文件', async () => {
    const word = { path: 'C:\\Users\\me\\Documents\\福州示范食品有限公司-商业秘密保护自评报告.docx', missingChars: [], warnings: [] };
    const calls = exportBackend({ export_edition: word, open_last_export: null });
    const { user } = await renderExport();
    const formats = screen.getByTestId('export-formats');
    expect(formats).toHaveTextContent('格式：');
    expect(screen.getByTestId('export-format-pdf')).toHaveTextContent('PDF（定稿、打印）');
    expect(screen.getByTestId('export-format-docx')).toHaveTextContent('Word（可编辑，可套用本单位信纸）');
    expect(screen.getByTestId('export-format-pdf').closest('label')).toHaveClass('ant-radio-wrapper-checked');
    expect(screen.getByTestId('export-format-docx').closest('label')).not.toHaveClass('ant-radio-wrapper-checked');
    expect(screen.queryByTestId('export-docx-note')).toBeNull();

    await user.click(screen.getByTestId('export-format-docx'));
    expect(screen.getByTestId('export-format-docx').closest('label')).toHaveClass('ant-radio-wrapper-checked');
    const note = screen.getByTestId('export-docx-note');
    for (const text of ['页码', '第十五条', 'Word 或 WPS 打开时', '宋体', '黑体', '没有嵌入']) expect(note).toHaveTextContent(text);
    expect(screen.getByTestId('export-submit')).toHaveTextContent('导出报送版（Word）');

    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(1);
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'submission', format: 'docx' });
    const result = await screen.findByTestId('export-result');
    expect(result).toHaveAttribute('data-edition', 'submission');
    expect(result).toHaveTextContent('已导出报送版（Word）：');
    expect(screen.getByTestId('export-path')).toHaveTextContent(word.path);
    expect(screen.getByTestId('export-open')).toHaveTextContent('打开文件');
    expect(screen.getByTestId('export-open')).not.toHaveTextContent('PDF');
    expect(screen.queryByTestId('export-missing-chars')).toBeNull();
    await user.click(screen.getByTestId('export-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));

    // Back to PDF: the note goes, and the next export is a PDF again.
    await user.click(screen.getByTestId('export-format-pdf'));
    expect(screen.queryByTestId('export-docx-note')).toBeNull();
    expect(screen.getByTestId('export-submit')).not.toHaveTextContent('Word');
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(2));
    expect(callsOf(calls, 'export_edition')[1].args).toEqual({ enterpriseId: 'e1', edition: 'submission', format: 'pdf' });
    await waitFor(() => expect(screen.getByTestId('export-open')).toHaveTextContent('打开 PDF'));
  });

  it('asks the preflight before the Word submission edition too, and exports Word only on confirmation', async () => {
    const calls = exportBackend({ submission_preflight: [{ code: 'recipient_missing' }], export_edition: EXPORTED });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-format-docx'));
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-preflight-list')).toHaveTextContent('报送函未填写报送机关');
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
    await user.click(screen.getByTestId('export-preflight-cancel'));
    await waitFor(() => expect(screen.queryByTestId('export-preflight-list')).toBeNull());
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);

    await user.click(screen.getByTestId('export-submit'));
    await user.click(await screen.findByTestId('export-preflight-confirm'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'submission', format: 'docx' });
  });

  it('asks about contradictions before the internal edition in Word too, and exports Word on confirmation', async () => {
    const score: Score = {
      ...SCORE,
      contradictions: [{ criterion: 'D5.2', title: '涉密人员签订保密协议', answer: 'not_met', fact: '涉密人员台账中已有签订的保密协议', suggested: 'partly_met' }],
    };
    const calls = exportBackend({ results_view: { ...VIEW, score }, export_edition: EXPORTED });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-edition-internal'));
    await user.click(screen.getByTestId('export-format-docx'));
    expect(screen.getByTestId('export-submit')).toHaveTextContent('导出内部版（Word）');
    await user.click(screen.getByTestId('export-submit'));
    expect(await screen.findByTestId('export-contradictions-list')).toBeInTheDocument();
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
    await user.click(screen.getByTestId('export-contradictions-confirm'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(callsOf(calls, 'export_edition')[0].args).toEqual({ enterpriseId: 'e1', edition: 'internal', format: 'docx' });
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(0);
    expect(await screen.findByTestId('export-result')).toHaveTextContent('已导出内部版（Word）：');
  });

  it('exports the register workbook with every sheet and says where it went, in its own card', async () => {
    const workbook = { path: 'C:\\Users\\me\\Documents\\福州示范食品有限公司-台账.xlsx', missingChars: [], warnings: [] };
    const calls = exportBackend({ export_workbook: workbook, open_last_export: null });
    const { user } = await renderExport();
    const card = screen.getByTestId('export-workbook-card');
    expect(card).toHaveTextContent('台账工作簿（Excel）');
    for (const sheet of ['密点台账', '载体', '涉密人员台账', '制度清单', '培训记录', '对外提供登记', '泄密事件台账', '问题清单与整改台账']) {
      expect(card).toHaveTextContent(sheet);
    }
    await user.click(screen.getByTestId('export-workbook'));
    await waitFor(() => expect(callsOf(calls, 'export_workbook')).toHaveLength(1));
    expect(callsOf(calls, 'export_workbook')[0].args).toEqual({ enterpriseId: 'e1', sheets: null });
    const result = await screen.findByTestId('export-result');
    expect(result).toHaveAttribute('data-edition', 'workbook');
    expect(result).toHaveTextContent('已导出台账工作簿：');
    expect(card).toContainElement(result);
    expect(screen.getByTestId('export-path')).toHaveTextContent(workbook.path);
    expect(screen.getByTestId('export-open')).toHaveTextContent('打开文件');
    // Neither the preflight nor a report is involved.
    expect(callsOf(calls, 'submission_preflight')).toHaveLength(0);
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
    expect(callsOf(calls, 'export_dossier')).toHaveLength(0);
    await user.click(screen.getByTestId('export-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));
  });

  it('exports the progress summary for the guidance station in its own card, without an open button', async () => {
    const summary = { path: '/home/me/福州示范食品有限公司-第1次.midun-summary', missingChars: [], warnings: [] };
    let attempts = 0;
    const calls = exportBackend({
      export_summary: () => {
        attempts += 1;
        if (attempts === 1) return Promise.reject({ code: 'SUMMARY_NEEDS_CREDIT_CODE', message: 'x', params: {} });
        return summary;
      },
    });
    const { user } = await renderExport();
    const card = screen.getByTestId('export-summary-card');
    // What it holds and what it never holds, said before the export.
    expect(card).toHaveTextContent('不含密点名称或概述、台账明细、个人信息');
    await user.click(screen.getByTestId('export-summary'));
    expect(await screen.findByTestId('export-summary-error')).toHaveTextContent('请先在企业信息中填写统一社会信用代码');
    await user.click(screen.getByTestId('export-summary'));
    const result = await screen.findByTestId('export-result');
    expect(card).toContainElement(result);
    expect(result).toHaveAttribute('data-edition', 'summary');
    expect(result).toHaveTextContent('已导出进度摘要：');
    expect(screen.getByTestId('export-path')).toHaveTextContent(summary.path);
    expect(screen.queryByTestId('export-open')).toBeNull();
    expect(screen.queryByTestId('export-summary-error')).toBeNull();
    expect(callsOf(calls, 'export_summary').map((c) => c.args)).toEqual([{ enterpriseId: 'e1' }, { enterpriseId: 'e1' }]);
    expect(callsOf(calls, 'export_edition')).toHaveLength(0);
  });

  it('shows a refused workbook localized, and nothing when its dialog is cancelled', async () => {
    let attempts = 0;
    const calls = exportBackend({
      export_workbook: () => {
        attempts += 1;
        return attempts === 1 ? null : Promise.reject({ code: 'IO_ERROR', message: 'x', params: { detail: '文件被占用' } });
      },
    });
    const { user } = await renderExport();
    await user.click(screen.getByTestId('export-workbook'));
    await waitFor(() => expect(callsOf(calls, 'export_workbook')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('export-workbook')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('export-result')).toBeNull();
    expect(screen.queryByTestId('export-workbook-error')).toBeNull();
    await user.click(screen.getByTestId('export-workbook'));
    expect(await screen.findByTestId('export-workbook-error')).toHaveTextContent('读写文件出错：文件被占用');
    expect(screen.queryByTestId('export-result')).toBeNull();
  });

  it('reads the formats, the Word note and the workbook in English', async () => {
    await setLanguage('en');
    const calls = exportBackend({ export_edition: EXPORTED });
    const { user } = await renderExport();
    expect(screen.getByTestId('export-formats')).toHaveTextContent('Format:');
    expect(screen.getByTestId('export-format-pdf')).toHaveTextContent('PDF (final, for printing)');
    expect(screen.getByTestId('export-format-docx')).toHaveTextContent('Word (editable, for your own letterhead)');
    expect(screen.getByTestId('export-workbook-card')).toHaveTextContent('Register workbook (Excel)');
    expect(screen.getByTestId('export-workbook')).toHaveTextContent('Export the register workbook');
    await user.click(screen.getByTestId('export-format-docx'));
    const note = screen.getByTestId('export-docx-note');
    expect(note).toHaveTextContent('Article 15');
    expect(note).toHaveTextContent('not embedded');
    expect(note).not.toHaveTextContent(/[\p{Script=Han}]/u);
    expect(screen.getByTestId('export-submit')).toHaveTextContent('Export the Submission edition (Word)');
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(callsOf(calls, 'export_edition')).toHaveLength(1));
    expect(await screen.findByTestId('export-open')).toHaveTextContent('Open the file');
  });
});
