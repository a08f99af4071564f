import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import ControlsStep from './ControlsStep';
import { setLanguage } from '../../i18n';
import type {
  AnswerStatus,
  Carrier,
  ControlAnswer,
  ControlException,
  ControlItem,
  ControlsView,
  DomainView,
  PointChoices,
  PointCoverage,
} from '../../services';
import { secretPoint } from '../../test/fixtures';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { choose, formItemOf, typeDate } from '../../test/actions';
import { renderWithProviders } from '../../test/render';

const LEVELS = ['核心商密', '重要商密', '一般商密'];
const KINDS = ['纸质文件', '电子文件/数据', '实物样品/原料', '设备/模具', '口头/技艺传承'];
const STAGES = ['产生与定密', '标识', '存储', '使用与查阅', '复制与打印', '传递与传输', '对外提供', '变更与解密', '载体销毁'];

const POINTS = [
  secretPoint({ id: 1, code: 'JS-001', name: '耐高温涂料配方' }),
  secretPoint({ id: 2, code: 'JS-002', name: '喷涂工艺参数', level: '重要商密' }),
  secretPoint({ id: 3, code: 'JY-001', name: '海外客户名单', category: 'business', level: '一般商密' }),
];

const CHOICES: PointChoices = {
  subtypes: {},
  secrecyChannels: [],
  protectionPaths: [],
  carrierKinds: KINDS,
  termWords: ['长期', '公布前'],
  levels: LEVELS,
  items: [],
};

const CARD: Carrier = {
  id: 10,
  enterpriseId: 'e1',
  name: '工艺卡 GY-03',
  kind: '纸质文件',
  location: '技术部资料柜',
  custodian: '张三',
  marked: true,
  pointIds: [1, 2],
};

function control(fields: Partial<ControlItem> & Pick<ControlItem, 'id' | 'stage' | 'question'>): ControlItem {
  return {
    carrierKinds: KINDS,
    requiredFrom: '全部',
    byLevel: false,
    requirement: '',
    guidance: '',
    basis: [],
    ...fields,
  };
}

const CONTROLS: ControlItem[] = [
  control({
    id: 'C01',
    stage: '产生与定密',
    question: '新做出来的配方、图纸当时就登记了吗？',
    requirement: '涉密信息产生时即登记到密点台账',
    guidance: '不要等到年底才补登记',
    basis: ['SPC2020 第五条第一款', 'SPC2020 第六条第（四）项'],
  }),
  control({ id: 'C03', stage: '产生与定密', question: '哪些人可以知道这项内容？', byLevel: true }),
  control({ id: 'C10', stage: '标识', question: '载体上有没有商业秘密标识？', requiredFrom: '核心' }),
  control({ id: 'C20', stage: '存储', question: '存放处有没有上锁？', requiredFrom: '重要' }),
];

const COVERAGE: PointCoverage[] = [
  { pointId: 1, code: 'JS-001', level: '核心商密', required: 4, inPlace: 1, uncovered: ['C03', 'C10', 'C20'], excepted: [], covered: ['C01'], percent: 25 },
  { pointId: 2, code: 'JS-002', level: '重要商密', required: 3, inPlace: 2, uncovered: ['C20'], excepted: ['C10'], covered: ['C01', 'C03'], percent: 66.7 },
  { pointId: 3, code: 'JY-001', level: '一般商密', required: 0, inPlace: 0, uncovered: [], excepted: [], covered: [], percent: 100 },
];

const EXCEPTIONS: ControlException[] = [{ pointId: 2, controlId: 'C10', reason: '只存电子版' }];

const DOMAIN: DomainView = { domainId: 'D4', domainName: '全过程保密管理', round: null, criteria: [] };

/**
 * A backend that keeps carriers and answers as the core does: `controls_view` lists the controls
 * only while a carrier is registered, and always carries the answers given.
 */
function backend(opts: { carriers?: Carrier[]; answers?: ControlAnswer[]; coverage?: PointCoverage[]; extra?: Record<string, unknown> } = {}) {
  let carriers = [...(opts.carriers ?? [CARD])];
  const answers = [...(opts.answers ?? [])];
  const view = (): ControlsView => ({
    stages: STAGES,
    levels: LEVELS,
    kindsInUse: [...new Set(carriers.map((c) => c.kind))],
    controls: carriers.length > 0 ? CONTROLS : [],
    answers: [...answers],
    exceptions: EXCEPTIONS,
    coverage: opts.coverage ?? COVERAGE,
  });
  return mockBackend({
    list_carriers: () => [...carriers],
    point_choices: CHOICES,
    controls_view: view,
    domain_view: DOMAIN,
    add_carrier: (args: Record<string, unknown>) => {
      const added = { ...(args.input as Omit<Carrier, 'id'>), id: 11 };
      carriers.push(added);
      return added;
    },
    delete_carrier: (args: Record<string, unknown>) => {
      carriers = carriers.filter((c) => c.id !== args.id);
      return null;
    },
    set_control_answer: (args: Record<string, unknown>) => {
      const answer: ControlAnswer = {
        controlId: args.controlId as string,
        levelRank: (args.levelRank as number | null) ?? 0,
        status: args.status as AnswerStatus,
        note: (args.note as string).trim(),
        startedOn: null,
      };
      const i = answers.findIndex((a) => a.controlId === answer.controlId && a.levelRank === answer.levelRank);
      if (i >= 0) answers[i] = answer;
      else answers.push(answer);
      return answer;
    },
    set_control_started: (args: Record<string, unknown>) => {
      const i = answers.findIndex((a) => a.controlId === args.controlId && a.levelRank === ((args.levelRank as number | null) ?? 0));
      if (i < 0) return Promise.reject({ code: 'CONTROL_NOT_ANSWERED', message: 'x', params: { id: args.controlId } });
      answers[i] = { ...answers[i], startedOn: (args.startedOn as string) || null };
      return answers[i];
    },
    set_control_exception: null,
    ...opts.extra,
  });
}

async function renderStep(points = POINTS) {
  const onChanged = vi.fn();
  const rendered = renderWithProviders(<ControlsStep enterpriseId="e1" points={points} onChanged={onChanged} />);
  await screen.findByTestId('controls-step');
  await screen.findByTestId('criteria-panel');
  return { ...rendered, onChanged };
}

/** The radio of a status in an answer slot (`C01`, or `C03-2` for a level). */
const statusRadio = (slot: string, name: string) => within(screen.getByTestId(`control-status-${slot}`)).getByRole('radio', { name });

const stageHeader = (index: number) => screen.getByTestId(`controls-stage-${index}`).querySelector('.ant-collapse-header') as HTMLElement;

describe('controls step', () => {
  it('lists the carriers and shows the checklist grouped by stage, in the order of the stages', async () => {
    const calls = backend();
    const { user } = await renderStep();
    expect(callsOf(calls, 'list_carriers')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'point_choices')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'controls_view')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D4' });
    expect(screen.getByTestId('controls-intro')).toHaveTextContent('载体销毁');
    expect(screen.getByTestId('controls-intro')).toHaveTextContent('口头或技艺传承');

    const rows = screen.getAllByTestId('carrier-row');
    expect(rows).toHaveLength(1);
    for (const text of ['工艺卡 GY-03', '纸质文件', '技术部资料柜', '张三', '已标识', 'JS-001', 'JS-002']) {
      expect(rows[0]).toHaveTextContent(text);
    }
    expect(rows[0]).not.toHaveTextContent('JY-001');
    expect(screen.queryByTestId('controls-no-carriers')).toBeNull();

    // Only the stages with controls, in the library's order; the first stage to answer is open.
    expect(screen.getByTestId('controls-stage-0')).toHaveAttribute('data-stage', '产生与定密');
    expect(screen.getByTestId('controls-stage-1')).toHaveAttribute('data-stage', '标识');
    expect(screen.getByTestId('controls-stage-2')).toHaveAttribute('data-stage', '存储');
    expect(screen.queryByTestId('controls-stage-3')).toBeNull();
    expect(screen.getByTestId('controls-stage-count-0')).toHaveTextContent('0 / 4');
    expect(screen.getByTestId('controls-count')).toHaveTextContent('已作答 0 / 6');

    const stage0 = screen.getByTestId('controls-stage-0');
    expect(within(stage0).getByTestId('control-C01')).toHaveTextContent('新做出来的配方、图纸当时就登记了吗？');
    expect(within(stage0).getByTestId('control-C03')).toBeInTheDocument();
    expect(within(stage0).queryByTestId('control-C10')).toBeNull();
    expect(screen.getByTestId('control-requirement-C01')).toHaveTextContent('要求：涉密信息产生时即登记到密点台账');
    expect(screen.getByTestId('control-C01')).toHaveTextContent('说明：不要等到年底才补登记');
    expect(screen.getByTestId('control-basis-C01')).toHaveTextContent('SPC2020 第五条第一款、SPC2020 第六条第（四）项');
    expect(screen.getByTestId('control-required-C01')).toHaveTextContent('所有密点必需');
    // A control answered per level offers one answer per level, labelled by the level.
    expect(screen.getByTestId('control-bylevel-C03')).toBeInTheDocument();
    expect(screen.getByTestId('control-level-C03-1')).toHaveTextContent('核心商密');
    expect(screen.getByTestId('control-level-C03-3')).toHaveTextContent('一般商密');
    expect(screen.queryByTestId('control-status-C03')).toBeNull();
    expect(screen.getByTestId('control-status-C03-2')).toBeInTheDocument();
    // The four statuses, without 未评.
    const options = within(screen.getByTestId('control-status-C01')).getAllByRole('radio');
    expect(options.map((o) => o.closest('label')?.textContent)).toEqual(['已落实', '部分落实', '未落实', '不适用']);

    await user.click(stageHeader(1));
    const c10 = await within(screen.getByTestId('controls-stage-1')).findByTestId('control-C10');
    expect(within(c10).getByTestId('control-required-C10')).toHaveTextContent('核心密点必需');
    await user.click(stageHeader(2));
    expect(await screen.findByTestId('control-required-C20')).toHaveTextContent('核心、重要密点必需');
  });

  it('says the checklist appears once carriers are registered, then adds one with the right input', async () => {
    const calls = backend({ carriers: [] });
    const { user, onChanged } = await renderStep();
    expect(screen.getByTestId('controls-no-carriers')).toHaveTextContent('登记载体后');
    expect(screen.queryByTestId('controls-checklist')).toBeNull();
    expect(screen.getByText('还没有登记载体，请在下方添加。')).toBeInTheDocument();

    // Name and kind are required.
    await user.click(screen.getByTestId('carrier-add-submit'));
    expect(await screen.findByText('请填写载体名称')).toBeInTheDocument();
    expect(screen.getByText('请选择载体类型')).toBeInTheDocument();
    expect(callsOf(calls, 'add_carrier')).toHaveLength(0);

    await user.type(screen.getByTestId('carrier-add-name'), ' 客户数据库 ');
    await choose(user, 'carrier-add-kind', 1);
    await user.type(screen.getByTestId('carrier-add-location'), '销售部服务器');
    await user.type(screen.getByTestId('carrier-add-custodian'), '李四');
    await user.click(screen.getByTestId('carrier-add-marked'));
    await user.click(within(screen.getByTestId('carrier-add-points')).getByRole('combobox'));
    const options = await screen.findAllByTestId(/^carrier-add-points-option-/);
    expect(options.map((o) => o.textContent)).toEqual(['JS-001 耐高温涂料配方', 'JS-002 喷涂工艺参数', 'JY-001 海外客户名单']);
    await user.click(screen.getByTestId('carrier-add-points-option-0'));
    await user.click(screen.getByTestId('carrier-add-points-option-2'));
    await user.click(screen.getByTestId('carrier-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_carrier')).toHaveLength(1));
    expect(callsOf(calls, 'add_carrier')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        name: '客户数据库',
        kind: '电子文件/数据',
        location: '销售部服务器',
        custodian: '李四',
        marked: true,
        pointIds: [1, 3],
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('carrier-row')).toHaveLength(1));
    const row = screen.getByTestId('carrier-row');
    expect(row).toHaveTextContent('客户数据库');
    expect(row).toHaveTextContent('JS-001');
    expect(row).toHaveTextContent('JY-001');
    expect(screen.getByTestId('carrier-add-name')).toHaveValue('');
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The checklist is read again and now shows the controls for the kind registered.
    await waitFor(() => expect(callsOf(calls, 'controls_view')).toHaveLength(2));
    expect(await screen.findByTestId('controls-checklist')).toBeInTheDocument();
    expect(screen.queryByTestId('controls-no-carriers')).toBeNull();
    expect(screen.getByTestId('controls-checklist')).toHaveTextContent('适用的载体类型：电子文件/数据');
    // So are the step's criteria, which depend on the carriers.
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
  });

  it('shows a refused carrier kind beside the kind', async () => {
    backend({
      carriers: [],
      extra: {
        add_carrier: rejectWith({
          code: 'CARRIER_KIND_INVALID',
          message: 'x',
          params: { kind: '纸质文件', allowed: '电子文件/数据' },
        }),
      },
    });
    const { user, onChanged } = await renderStep();
    await user.type(screen.getByTestId('carrier-add-name'), '图纸');
    await choose(user, 'carrier-add-kind', 0);
    await user.click(screen.getByTestId('carrier-add-submit'));
    const error = await screen.findByText('载体类型“纸质文件”无效，可选：电子文件/数据');
    expect(error.closest('.ant-form-item')).toContainElement(screen.getByTestId('carrier-add-kind'));
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes a carrier only after confirmation, then reads the checklist again', async () => {
    const calls = backend();
    const { user, onChanged } = await renderStep();
    await user.click(within(screen.getByTestId('carrier-row')).getByTestId('carrier-delete'));
    expect(await screen.findByText('删除载体“工艺卡 GY-03”？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_carrier')).toHaveLength(0);
    await user.click(screen.getByTestId('carrier-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_carrier')).toHaveLength(1));
    expect(callsOf(calls, 'delete_carrier')[0].args).toEqual({ id: 10 });
    await waitFor(() => expect(screen.queryByTestId('carrier-row')).toBeNull());
    expect(await screen.findByTestId('controls-no-carriers')).toBeInTheDocument();
    expect(callsOf(calls, 'controls_view')).toHaveLength(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('answers a plain control for every level (levelRank null), with a note written first', async () => {
    const calls = backend();
    const { user, onChanged } = await renderStep();
    await user.type(screen.getByTestId('control-note-C01'), '台账登记日期与试验记录一致');
    expect(callsOf(calls, 'set_control_answer')).toHaveLength(0);
    await user.click(screen.getByTestId('control-status-C01-option-0'));

    await waitFor(() => expect(callsOf(calls, 'set_control_answer')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_answer')[0].args).toEqual({
      enterpriseId: 'e1',
      controlId: 'C01',
      levelRank: null,
      status: 'met',
      note: '台账登记日期与试验记录一致',
    });
    await waitFor(() => expect(statusRadio('C01', '已落实')).toBeChecked());
    expect(screen.getByTestId('controls-count')).toHaveTextContent('已作答 1 / 6');
    expect(screen.getByTestId('controls-stage-count-0')).toHaveTextContent('1 / 4');
    expect(screen.getByTestId('control-note-C01')).toHaveValue('台账登记日期与试验记录一致');
    expect(onChanged).toHaveBeenCalledTimes(1);
    // Coverage and the derived criteria depend on the answer: both are read again.
    await waitFor(() => expect(callsOf(calls, 'controls_view')).toHaveLength(2));
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
  });

  it('answers a control per level for rank 2 with the right arguments', async () => {
    const calls = backend();
    const { user } = await renderStep();
    await user.click(screen.getByTestId('control-status-C03-2-option-1'));
    await waitFor(() => expect(callsOf(calls, 'set_control_answer')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_answer')[0].args).toEqual({
      enterpriseId: 'e1',
      controlId: 'C03',
      levelRank: 2,
      status: 'partly_met',
      note: '',
    });
    await waitFor(() => expect(statusRadio('C03-2', '部分落实')).toBeChecked());
    // The other levels stay unanswered.
    expect(within(screen.getByTestId('control-status-C03-1')).getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    expect(screen.getByTestId('controls-count')).toHaveTextContent('已作答 1 / 6');
  });

  it('shows stored answers and saves a note after a pause, with the current status', async () => {
    const calls = backend({
      answers: [
        { controlId: 'C01', levelRank: 0, status: 'partly_met', note: '', startedOn: null },
        { controlId: 'C03', levelRank: 1, status: 'met', note: '写到具体人员', startedOn: null },
      ],
    });
    const { user, onChanged } = await renderStep();
    expect(statusRadio('C01', '部分落实')).toBeChecked();
    expect(statusRadio('C03-1', '已落实')).toBeChecked();
    expect(screen.getByTestId('control-note-C03-1')).toHaveValue('写到具体人员');
    expect(screen.getByTestId('controls-count')).toHaveTextContent('已作答 2 / 6');

    await user.type(screen.getByTestId('control-note-C01'), '缺借阅登记');
    await waitFor(() => expect(callsOf(calls, 'set_control_answer')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_answer')[0].args).toEqual({
      enterpriseId: 'e1',
      controlId: 'C01',
      levelRank: null,
      status: 'partly_met',
      note: '缺借阅登记',
    });
    expect(onChanged).toHaveBeenCalledTimes(1);
    // A note moves no coverage: the view is not read again.
    expect(callsOf(calls, 'controls_view')).toHaveLength(1);
  });

  it('asks for the reason of 不适用 before sending it', async () => {
    const calls = backend();
    const { user, onChanged } = await renderStep();

    await user.click(screen.getByTestId('control-status-C01-option-3'));
    // Nothing is sent yet: the reason field opens.
    const reason = await screen.findByTestId('control-na-reason-C01');
    expect(callsOf(calls, 'set_control_answer')).toHaveLength(0);
    await user.click(screen.getByTestId('control-na-save-C01'));
    const error = await screen.findByText('选择“不适用”须填写理由');
    expect(error.closest('.ant-form-item')).toContainElement(reason);
    expect(callsOf(calls, 'set_control_answer')).toHaveLength(0);
    expect(onChanged).not.toHaveBeenCalled();

    await user.type(reason, '本企业不产生新的技术资料');
    await user.click(screen.getByTestId('control-na-save-C01'));
    await waitFor(() => expect(callsOf(calls, 'set_control_answer')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_answer')[0].args).toEqual({
      enterpriseId: 'e1',
      controlId: 'C01',
      levelRank: null,
      status: 'not_applicable',
      note: '本企业不产生新的技术资料',
    });
    await waitFor(() => expect(statusRadio('C01', '不适用')).toBeChecked());
    expect(screen.queryByTestId('control-na-save-C01')).toBeNull();
    // The stored reason stays editable as the note.
    expect(screen.getByTestId('control-note-C01')).toHaveValue('本企业不产生新的技术资料');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('cancels a 不适用 choice without sending anything', async () => {
    const calls = backend();
    const { user } = await renderStep();
    await user.click(screen.getByTestId('control-status-C03-3-option-3'));
    await user.click(await screen.findByTestId('control-na-cancel-C03-3'));
    expect(screen.queryByTestId('control-na-reason-C03-3')).toBeNull();
    expect(statusRadio('C03-3', '不适用')).not.toBeChecked();
    expect(callsOf(calls, 'set_control_answer')).toHaveLength(0);
  });

  it('shows a refusal of the core beside the control', async () => {
    backend({
      extra: {
        set_control_answer: rejectWith({
          code: 'FIELD_INVALID',
          message: '填写有误',
          params: { field: '密级', reason: '第 2 级不在本企业的密级方案中', key: 'level' },
        }),
      },
    });
    const { user, onChanged } = await renderStep();
    await user.click(screen.getByTestId('control-status-C03-2-option-0'));
    const error = await screen.findByTestId('control-error-C03-2');
    expect(error).toHaveTextContent('填写有误（密级）：第 2 级不在本企业的密级方案中');
    expect(screen.getByTestId('control-C03')).toContainElement(error);
    expect(screen.queryByTestId('control-error-C01')).toBeNull();
    expect(statusRadio('C03-2', '已落实')).not.toBeChecked();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('records the day a control was put in place, for the level answered, and offers no day after today', async () => {
    const past = dayjs().subtract(40, 'day').format('YYYY-MM-DD');
    const calls = backend({
      answers: [
        { controlId: 'C03', levelRank: 2, status: 'met', note: '', startedOn: null },
        { controlId: 'C03', levelRank: 3, status: 'not_met', note: '', startedOn: null },
        { controlId: 'C01', levelRank: 0, status: 'partly_met', note: '', startedOn: '2025-03-01' },
      ],
    });
    const { user, onChanged } = await renderStep();
    // Only a control in place (in whole or in part) has a start date; an unanswered slot, one not in place, none.
    expect(screen.queryByTestId('control-started-C03-1')).toBeNull();
    expect(screen.queryByTestId('control-started-C03-3')).toBeNull();
    expect(screen.getByTestId('control-started-C01')).toHaveValue('2025-03-01');
    const field = screen.getByTestId('control-started-C03-2');
    expect(field).toHaveValue('');
    expect(formItemOf(field)).toHaveTextContent('起始日期');
    const help = screen.getByTestId('help-control-started-C03-2');
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('一密一档'));
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('报送版不含此日期'));

    // Tomorrow cannot be picked, today can.
    await user.click(field);
    const tomorrow = document.querySelector(`td[title="${dayjs().add(1, 'day').format('YYYY-MM-DD')}"]`);
    const today = document.querySelector(`td[title="${dayjs().format('YYYY-MM-DD')}"]`);
    expect(tomorrow).toHaveClass('ant-picker-cell-disabled');
    expect(today).not.toHaveClass('ant-picker-cell-disabled');

    await typeDate(user, 'control-started-C03-2', past);
    await waitFor(() => expect(callsOf(calls, 'set_control_started')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_started')[0].args).toEqual({ enterpriseId: 'e1', controlId: 'C03', levelRank: 2, startedOn: past });
    await waitFor(() => expect(screen.getByTestId('control-started-C03-2')).toHaveValue(past));
    expect(callsOf(calls, 'set_control_answer')).toHaveLength(0);
    expect(onChanged).toHaveBeenCalledTimes(1);
    // A date moves no coverage: the view is not read again.
    expect(callsOf(calls, 'controls_view')).toHaveLength(1);
  });

  it('sends the date of a control answered for every level with levelRank null, and shows a refusal beside it', async () => {
    const past = dayjs().subtract(3, 'day').format('YYYY-MM-DD');
    const calls = backend({
      answers: [{ controlId: 'C01', levelRank: 0, status: 'met', note: '', startedOn: null }],
      extra: { set_control_started: rejectWith({ code: 'CONTROL_NOT_ANSWERED', message: 'x', params: { id: 'C01' } }) },
    });
    const { user, onChanged } = await renderStep();
    await typeDate(user, 'control-started-C01', past);
    await waitFor(() => expect(callsOf(calls, 'set_control_started')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_started')[0].args).toEqual({ enterpriseId: 'e1', controlId: 'C01', levelRank: null, startedOn: past });
    const error = await screen.findByText('控制措施 C01 尚未作答，请先选择落实情况再填写起始日期');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('control-started-C01'));
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('offers a start date once a control is answered as in place', async () => {
    const calls = backend();
    const { user } = await renderStep();
    expect(screen.queryByTestId('control-started-C01')).toBeNull();
    await user.click(screen.getByTestId('control-status-C01-option-1'));
    const field = await screen.findByTestId('control-started-C01');
    await typeDate(user, 'control-started-C01', '2024-06-30');
    await waitFor(() => expect(callsOf(calls, 'set_control_started')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_started')[0].args).toEqual({ enterpriseId: 'e1', controlId: 'C01', levelRank: null, startedOn: '2024-06-30' });
    expect(field).toHaveValue('2024-06-30');
  });

  it('shows the coverage of each secret point with percentages and the controls not in place', async () => {
    backend();
    await renderStep();
    const rows = screen.getAllByTestId('coverage-row');
    expect(rows.map((r) => r.getAttribute('data-code'))).toEqual(['JS-001', 'JS-002', 'JY-001']);
    expect(rows[0]).toHaveTextContent('核心商密');
    expect(within(rows[0]).getByTestId('coverage-percent')).toHaveTextContent('25.0%');
    const uncovered = within(rows[0]).getByTestId('coverage-uncovered');
    expect([...uncovered.querySelectorAll('.ant-tag')].map((tag) => tag.textContent)).toEqual(['C03', 'C10', 'C20']);
    expect(within(rows[0]).queryByTestId('coverage-excepted')).toBeNull();

    // The core's share, rounded half up to one decimal, shown as it is sent (2 of 3 is 66.7 %).
    expect(within(rows[1]).getByTestId('coverage-percent')).toHaveTextContent('66.7%');
    expect(within(rows[1]).getByTestId('coverage-uncovered')).toHaveTextContent('C20');
    expect(within(rows[1]).getByTestId('coverage-excepted')).toHaveTextContent('C10');

    // Nothing required counts as fully covered.
    expect(within(rows[2]).getByTestId('coverage-percent')).toHaveTextContent('100.0%');
    expect(within(rows[2]).getByTestId('coverage-all')).toHaveTextContent('全部落实');
    expect(screen.getByTestId('coverage-total')).toHaveTextContent('共 3 个密点');
  });

  it('shows the percent the core computed, never its own, and colours it by what is still missing', async () => {
    // Figures no formula of the UI would give: the column must show the core's percent.
    const coverage: PointCoverage[] = [
      { pointId: 1, code: 'JS-001', level: '核心商密', required: 2000, inPlace: 1999, uncovered: ['C20'], excepted: [], covered: [], percent: 100 },
      { pointId: 2, code: 'JS-002', level: '重要商密', required: 7, inPlace: 3, uncovered: ['C03', 'C10', 'C20'], excepted: [], covered: ['C01', 'C02', 'C04'], percent: 42.9 },
    ];
    backend({ coverage });
    await renderStep();
    const rows = screen.getAllByTestId('coverage-row');
    const percent = (row: HTMLElement) => within(row).getByTestId('coverage-percent');
    expect(percent(rows[0])).toHaveTextContent('100.0%');
    // Rounded up to 100.0, but a control is still missing: not shown as complete.
    expect(percent(rows[0])).not.toHaveClass('ant-typography-success');
    expect(percent(rows[0])).toHaveClass('ant-typography-warning');
    expect(percent(rows[1])).toHaveTextContent('42.9%');
    expect(percent(rows[1])).toHaveAttribute('data-percent', '42.9');
  });

  it('records an exception for a secret point with its reason', async () => {
    const calls = backend();
    const { user, onChanged } = await renderStep();
    await user.click(within(screen.getAllByTestId('coverage-row')[0]).getByTestId('coverage-except'));
    const modal = await screen.findByTestId('coverage-except-modal');
    expect(screen.getByText('密点 JS-001 的例外')).toBeInTheDocument();

    // Both the control and the reason are required.
    await user.click(screen.getByTestId('coverage-except-submit'));
    expect(await within(modal).findByText('请选择控制措施')).toBeInTheDocument();
    expect(within(modal).getByText('请填写理由')).toBeInTheDocument();
    expect(callsOf(calls, 'set_control_exception')).toHaveLength(0);

    // The point's controls not in place come first.
    await user.click(within(screen.getByTestId('coverage-except-control')).getByRole('combobox'));
    const options = await screen.findAllByTestId(/^coverage-except-control-option-/);
    expect(options.map((o) => o.getAttribute('data-value'))).toEqual(['C03', 'C10', 'C20', 'C01']);
    await user.click(screen.getByTestId('coverage-except-control-option-1'));
    await user.type(screen.getByTestId('coverage-except-reason'), '该配方只以电子文件保存，不加标识');
    await user.click(screen.getByTestId('coverage-except-submit'));

    await waitFor(() => expect(callsOf(calls, 'set_control_exception')).toHaveLength(1));
    expect(callsOf(calls, 'set_control_exception')[0].args).toEqual({
      pointId: 1,
      controlId: 'C10',
      reason: '该配方只以电子文件保存，不加标识',
    });
    await waitFor(() => expect(screen.queryByTestId('coverage-except-modal')).toBeNull());
    await waitFor(() => expect(callsOf(calls, 'controls_view')).toHaveLength(2));
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows the reason already on record and a refused exception in the form', async () => {
    backend({
      extra: { set_control_exception: rejectWith({ code: 'CONTROL_NOT_FOUND', message: 'x', params: { id: 'C10' } }) },
    });
    const { user, onChanged } = await renderStep();
    await user.click(within(screen.getAllByTestId('coverage-row')[1]).getByTestId('coverage-except'));
    await screen.findByTestId('coverage-except-modal');
    // JS-002's control not in place (C20) first, then the others: C01, C03, C10.
    await choose(user, 'coverage-except-control', 3);
    expect(await screen.findByText('已登记的理由：只存电子版')).toBeInTheDocument();
    await user.type(screen.getByTestId('coverage-except-reason'), '只存电子版');
    await user.click(screen.getByTestId('coverage-except-submit'));
    expect(await screen.findByTestId('coverage-except-error')).toHaveTextContent('控制措施库中没有 C10');
    expect(screen.getByTestId('coverage-except-modal')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('renders a long coverage table only in part', async () => {
    const coverage: PointCoverage[] = Array.from({ length: 10_000 }, (_, i) => ({
      pointId: i + 1,
      code: `JS-${String(i + 1).padStart(5, '0')}`,
      level: '一般商密',
      required: 3,
      inPlace: 3,
      uncovered: [],
      excepted: [],
      covered: ['C01', 'C03', 'C20'],
      percent: 100,
    }));
    backend({ coverage });
    await renderStep();
    expect(screen.getByTestId('coverage-total')).toHaveTextContent('共 10000 个密点');
    expect(screen.getAllByTestId('coverage-row').length).toBeLessThan(200);
  });

  it('offers only the first secret points of a long register, and finds others as one types', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      secretPoint({ id: i + 1, code: `JS-${String(i + 1).padStart(5, '0')}`, name: `配方 ${i + 1}` }),
    );
    const calls = backend({ carriers: [], extra: { add_carrier: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 11 }) } });
    const { user } = await renderStep(many);
    const picker = screen.getByTestId('carrier-add-points');
    await user.click(within(picker).getByRole('combobox'));
    expect((await screen.findAllByTestId(/^carrier-add-points-option-/)).length).toBe(50);
    await user.type(within(picker).getByRole('combobox'), 'JS-09876');
    await waitFor(() => expect(screen.getAllByTestId(/^carrier-add-points-option-/).map((o) => o.textContent)).toEqual(['JS-09876 配方 9876']));
    await user.click(screen.getByTestId('carrier-add-points-option-0'));
    await user.type(screen.getByTestId('carrier-add-name'), '配方库');
    await choose(user, 'carrier-add-kind', 1);
    await user.click(screen.getByTestId('carrier-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_carrier')).toHaveLength(1));
    expect((callsOf(calls, 'add_carrier')[0].args.input as { pointIds: number[] }).pointIds).toEqual([9876]);
  });

  it('reads in English, with the wire values of the required-from tag translated', async () => {
    await setLanguage('en');
    backend();
    await renderStep();
    expect(screen.getByTestId('control-required-C01')).toHaveTextContent('Required for all points');
    expect(screen.getByTestId('controls-count')).toHaveTextContent('Answered 0 / 6');
    expect(within(screen.getByTestId('control-status-C01')).getByRole('radio', { name: 'Not applicable' })).toBeInTheDocument();
  });

  it('labels the start date in English', async () => {
    await setLanguage('en');
    backend({ answers: [{ controlId: 'C01', levelRank: 0, status: 'met', note: '', startedOn: null }] });
    await renderStep();
    expect(formItemOf(screen.getByTestId('control-started-C01'))).toHaveTextContent('In place since');
    expect(screen.getByTestId('help-control-started-C01')).toHaveAttribute('aria-label', expect.stringContaining('never in the submission edition'));
  });

  it('shows a load failure with a retry', async () => {
    backend({ extra: { controls_view: rejectWith({ code: 'DB_ERROR', message: 'x', params: { detail: 'disk I/O' } }) } });
    renderWithProviders(<ControlsStep enterpriseId="e1" points={POINTS} />);
    expect(await screen.findByTestId('controls-load-error')).toHaveTextContent('数据库出错：disk I/O');
  });
});
