import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import AreaSystemStep from './AreaSystemStep';
import DisclosuresStep from './DisclosuresStep';
import IncidentsStep from './IncidentsStep';
import type { AreaOrSystem, Disclosure, DomainView, Incident } from '../../services';
import { setLanguage } from '../../i18n';
import { criterionView, secretPoint } from '../../test/fixtures';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { choose, formItemOf, typeDate } from '../../test/actions';
import { renderWithProviders } from '../../test/render';

const LEVELS = ['核心商密', '普通商密'];

const POINTS = [
  secretPoint({ id: 1, code: 'MD-001', name: '色浆配方' }),
  secretPoint({ id: 2, code: 'MD-002', name: '客户名单' }),
  secretPoint({ id: 3, code: 'MD-003', name: '注塑工艺参数' }),
];

const AREAS: AreaOrSystem[] = [
  { id: 1, enterpriseId: 'e1', name: '配料间', level: '核心商密', accessRule: '门禁刷卡，外来人员登记陪同', hasSigns: true },
  { id: 2, enterpriseId: 'e1', name: '档案室', level: '普通商密', accessRule: '', hasSigns: false },
];

const SYSTEMS: AreaOrSystem[] = [
  { id: 7, enterpriseId: 'e1', name: 'PLM 系统', level: '核心商密', accessRule: '按岗位分配账号', hasSigns: true },
];

const DISCLOSURES: Disclosure[] = [
  {
    id: 1,
    enterpriseId: 'e1',
    pointId: 1,
    pointCode: 'MD-001',
    recipient: '某某精密模具有限公司',
    recipientKind: 'subcontractor',
    ndaRef: 'NDA-2026-01',
    hasNda: true,
    disclosedOn: '2026-03-01',
    purpose: '委托加工',
    confidentialityRequested: false,
  },
  {
    id: 2,
    enterpriseId: 'e1',
    pointId: 3,
    pointCode: 'MD-003',
    recipient: '某设备供应商',
    recipientKind: 'supplier',
    ndaRef: '',
    hasNda: false,
    disclosedOn: '2026-04-02',
    purpose: '设备调试',
    confidentialityRequested: false,
  },
];

function incident(fields: Partial<Incident> & Pick<Incident, 'id' | 'occurredOn'>): Incident {
  return {
    enterpriseId: 'e1',
    severity: 'ordinary',
    description: '',
    pointIds: [],
    pointCodes: [],
    evidencePreserved: false,
    preservationOrder: false,
    complaint: false,
    policeReport: false,
    outcome: '',
    handledOn: null,
    openMajor: false,
    ...fields,
  };
}

const INCIDENTS: Incident[] = [
  incident({
    id: 1,
    occurredOn: '2026-02-10',
    description: '实习生误将图纸发到个人邮箱',
    pointIds: [3],
    pointCodes: ['MD-003'],
    outcome: '已删除并签署承诺书',
    handledOn: '2026-02-12',
  }),
  incident({
    id: 2,
    occurredOn: '2026-05-20',
    severity: 'major',
    description: '离职技术员带走配方文件',
    pointIds: [1],
    pointCodes: ['MD-001'],
    evidencePreserved: true,
    complaint: true,
    openMajor: true,
  }),
];

function view(domainId: string): DomainView {
  return {
    domainId,
    domainName: domainId,
    round: null,
    criteria: [
      criterionView({ id: `${domainId}.1`, title: `评价项 ${domainId}` }),
    ],
  };
}

const domainView = (args: Record<string, unknown>) => view(args.domainId as string);

/** The criteria of a step have loaded (the panel shows once its view arrived). */
async function criteriaLoaded() {
  await screen.findByTestId('criteria-panel');
}

describe('areas and systems step', () => {
  async function renderAreas(kind: 'area' | 'system' = 'area') {
    const onChanged = vi.fn();
    const rendered = renderWithProviders(<AreaSystemStep enterpriseId="e1" kind={kind} levels={LEVELS} onChanged={onChanged} />);
    await screen.findByTestId(`${kind}-step`);
    await criteriaLoaded();
    return { ...rendered, onChanged };
  }

  it('lists the secret areas with what they lack, and the criteria of D6', async () => {
    const calls = mockBackend({ list_areas: AREAS, domain_view: domainView });
    await renderAreas();
    expect(screen.getByTestId('area-intro')).toHaveTextContent('配料间');
    expect(screen.getByTestId('area-intro')).toHaveTextContent('警示标识');
    expect(callsOf(calls, 'list_areas')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'list_systems')).toHaveLength(0);
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D6' });
    expect(screen.getByTestId('criteria-panel')).toHaveAttribute('data-domain', 'D6');

    const rows = screen.getAllByTestId('area-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('配料间');
    expect(rows[0]).toHaveTextContent('核心商密');
    expect(rows[0]).toHaveTextContent('门禁刷卡，外来人员登记陪同');
    expect(within(rows[0]).getByTestId('area-signs')).toHaveTextContent('有');
    expect(within(rows[0]).queryByTestId('area-no-signs')).toBeNull();
    expect(within(rows[1]).getByTestId('area-no-signs')).toHaveTextContent('无警示标识');
  });

  it('lists the information systems from their own register, with the criteria of D7', async () => {
    const calls = mockBackend({ list_systems: SYSTEMS, domain_view: domainView });
    await renderAreas('system');
    expect(screen.getByTestId('system-intro')).toHaveTextContent('PLM');
    expect(screen.getByTestId('system-intro')).toHaveTextContent('水印');
    expect(callsOf(calls, 'list_systems')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'list_areas')).toHaveLength(0);
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D7' });
    expect(screen.getAllByTestId('system-row')).toHaveLength(1);
    expect(screen.getByTestId('system-row')).toHaveTextContent('PLM 系统');
    expect(screen.queryByTestId('area-row')).toBeNull();
  });

  it('adds a secret area with the right input, after checking the required fields', async () => {
    const calls = mockBackend({
      list_areas: AREAS,
      domain_view: domainView,
      add_area: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 9 }),
    });
    const { user, onChanged } = await renderAreas();

    await user.click(screen.getByTestId('area-add-submit'));
    expect(await screen.findByText('请填写区域名称')).toBeInTheDocument();
    expect(screen.getByText('请选择密级')).toBeInTheDocument();
    expect(callsOf(calls, 'add_area')).toHaveLength(0);

    await user.type(screen.getByTestId('area-add-name'), ' 研发室 ');
    await user.click(within(screen.getByTestId('area-add-level')).getByRole('combobox'));
    const options = await screen.findAllByTestId(/^area-add-level-option-/);
    expect(options.map((o) => o.textContent)).toEqual(LEVELS);
    await user.click(screen.getByTestId('area-add-level-option-0'));
    await user.type(screen.getByTestId('area-add-accessRule'), '门禁登记');
    await user.click(screen.getByTestId('area-add-signs'));
    await user.click(screen.getByTestId('area-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_area')).toHaveLength(1));
    expect(callsOf(calls, 'add_area')[0].args).toEqual({
      input: { enterpriseId: 'e1', name: '研发室', level: '核心商密', accessRule: '门禁登记', hasSigns: true },
    });
    await waitFor(() => expect(screen.getAllByTestId('area-row')).toHaveLength(3));
    expect(screen.getAllByTestId('area-row')[2]).toHaveTextContent('研发室');
    expect(screen.getByTestId('area-add-name')).toHaveValue('');
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The derived criteria are read again.
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
  });

  it('adds an information system through the systems command', async () => {
    const calls = mockBackend({
      list_systems: SYSTEMS,
      domain_view: domainView,
      add_system: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 8 }),
    });
    const { user } = await renderAreas('system');
    await user.type(screen.getByTestId('system-add-name'), 'ERP');
    await choose(user, 'system-add-level', 1);
    await user.click(screen.getByTestId('system-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_system')).toHaveLength(1));
    expect(callsOf(calls, 'add_system')[0].args).toEqual({
      input: { enterpriseId: 'e1', name: 'ERP', level: '普通商密', accessRule: '', hasSigns: false },
    });
    expect(callsOf(calls, 'add_area')).toHaveLength(0);
    await waitFor(() => expect(screen.getAllByTestId('system-row')).toHaveLength(2));
  });

  it('shows a refused level beside the level field', async () => {
    const calls = mockBackend({
      list_areas: AREAS,
      domain_view: domainView,
      add_area: rejectWith({ code: 'LEVEL_UNKNOWN', message: '密级不在列表中', params: { level: '核心商密', allowed: '普通商密' } }),
    });
    const { user, onChanged } = await renderAreas();
    await user.type(screen.getByTestId('area-add-name'), '研发室');
    await choose(user, 'area-add-level', 0);
    await user.click(screen.getByTestId('area-add-submit'));
    const error = await screen.findByText('密级“核心商密”不在本企业的密级列表中，请重新选择。');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('area-add-level'));
    expect(formItemOf(error)).not.toContainElement(screen.getByTestId('area-add-name'));
    expect(callsOf(calls, 'add_area')).toHaveLength(1);
    expect(screen.getAllByTestId('area-row')).toHaveLength(2);
    expect(screen.queryByTestId('area-add-error')).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows a refused name of the core beside the name field', async () => {
    mockBackend({
      list_areas: AREAS,
      domain_view: domainView,
      add_area: rejectWith({ code: 'FIELD_INVALID', message: '填写有误', params: { field: '区域名称', reason: '太长', key: 'name' } }),
    });
    const { user } = await renderAreas();
    await user.type(screen.getByTestId('area-add-name'), '研发室');
    await choose(user, 'area-add-level', 0);
    await user.click(screen.getByTestId('area-add-submit'));
    const error = await screen.findByText('填写有误（区域名称）：太长');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('area-add-name'));
  });

  it('autosaves each field of an area and shows a refusal beside it', async () => {
    let refuse = false;
    const calls = mockBackend({
      list_areas: AREAS,
      domain_view: domainView,
      update_area: (args: Record<string, unknown>) => {
        if (refuse) {
          return Promise.reject({ code: 'FIELD_INVALID', message: '填写有误', params: { field: '区域名称', reason: '不能为空', key: 'name' } });
        }
        const value = args.field === 'hasSigns' ? args.value === 'true' : args.value;
        return { ...AREAS[0], [args.field as string]: value };
      },
    });
    const { user, onChanged } = await renderAreas();
    await user.click(within(screen.getAllByTestId('area-row')[0]).getByTestId('area-edit'));
    const rule = await screen.findByTestId('area-edit-accessRule');
    expect(rule).toHaveValue('门禁刷卡，外来人员登记陪同');
    // One paste is one change: it saves once, however slowly the machine runs.
    await user.tripleClick(rule);
    await user.paste('指纹门禁');
    await waitFor(() => expect(callsOf(calls, 'update_area')).toHaveLength(1));
    expect(callsOf(calls, 'update_area')[0].args).toEqual({ id: 1, field: 'accessRule', value: '指纹门禁' });
    await waitFor(() => expect(screen.getAllByTestId('area-row')[0]).toHaveTextContent('指纹门禁'));
    expect(onChanged).toHaveBeenCalledTimes(1);

    // A switch saves at once, as "true"/"false".
    await user.click(screen.getByTestId('area-edit-hasSigns'));
    await waitFor(() => expect(callsOf(calls, 'update_area')).toHaveLength(2));
    expect(callsOf(calls, 'update_area')[1].args).toEqual({ id: 1, field: 'hasSigns', value: 'false' });
    await waitFor(() => expect(within(screen.getAllByTestId('area-row')[0]).getByTestId('area-no-signs')).toBeInTheDocument());

    // So does the level.
    await choose(user, 'area-edit-level', 1);
    await waitFor(() => expect(callsOf(calls, 'update_area')).toHaveLength(3));
    expect(callsOf(calls, 'update_area')[2].args).toEqual({ id: 1, field: 'level', value: '普通商密' });
    expect(callsOf(calls, 'update_system')).toHaveLength(0);

    refuse = true;
    const name = screen.getByTestId('area-edit-name');
    await user.clear(name);
    await user.tab();
    const error = await screen.findByText('填写有误（区域名称）：不能为空');
    expect(formItemOf(error)).toContainElement(name);
    expect(onChanged).toHaveBeenCalledTimes(3);
  });

  it('autosaves a system through the systems command', async () => {
    const calls = mockBackend({
      list_systems: SYSTEMS,
      domain_view: domainView,
      update_system: (args: Record<string, unknown>) => ({ ...SYSTEMS[0], [args.field as string]: args.value === 'true' }),
    });
    const { user } = await renderAreas('system');
    await user.click(within(screen.getByTestId('system-row')).getByTestId('system-edit'));
    await user.click(await screen.findByTestId('system-edit-hasSigns'));
    await waitFor(() => expect(callsOf(calls, 'update_system')).toHaveLength(1));
    expect(callsOf(calls, 'update_system')[0].args).toEqual({ id: 7, field: 'hasSigns', value: 'false' });
  });

  it('deletes an area only after confirmation', async () => {
    const calls = mockBackend({ list_areas: AREAS, domain_view: domainView, delete_area: null });
    const { user, onChanged } = await renderAreas();
    await user.click(within(screen.getAllByTestId('area-row')[1]).getByTestId('area-delete'));
    expect(await screen.findByText('删除涉密区域“档案室”？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_area')).toHaveLength(0);
    await user.click(screen.getByTestId('area-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_area')).toHaveLength(1));
    expect(callsOf(calls, 'delete_area')[0].args).toEqual({ id: 2 });
    await waitFor(() => expect(screen.getAllByTestId('area-row')).toHaveLength(1));
    expect(screen.getByTestId('area-row')).toHaveTextContent('配料间');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows a load failure with a retry', async () => {
    mockBackend({ list_areas: rejectWith({ code: 'DB_ERROR', message: 'x', params: { detail: 'disk I/O' } }), domain_view: domainView });
    renderWithProviders(<AreaSystemStep enterpriseId="e1" kind="area" levels={LEVELS} />);
    expect(await screen.findByTestId('area-load-error')).toHaveTextContent('数据库出错：disk I/O');
  });

  it('speaks English when asked', async () => {
    await setLanguage('en');
    mockBackend({ list_systems: SYSTEMS, domain_view: domainView });
    renderWithProviders(<AreaSystemStep enterpriseId="e1" kind="system" levels={LEVELS} />);
    expect(await screen.findByTestId('system-intro')).toHaveTextContent('watermark');
    expect(screen.getByTestId('system-add-submit')).toHaveTextContent('Add information system');
  });
});

describe('disclosures step', () => {
  async function renderDisclosures(points = POINTS) {
    const onChanged = vi.fn();
    const rendered = renderWithProviders(<DisclosuresStep enterpriseId="e1" points={points} onChanged={onChanged} />);
    await screen.findByTestId('disclosure-step');
    await criteriaLoaded();
    return { ...rendered, onChanged };
  }

  it('lists the disclosures, marks those without an NDA and counts them', async () => {
    const calls = mockBackend({ list_disclosures: DISCLOSURES, domain_view: domainView });
    await renderDisclosures();
    expect(callsOf(calls, 'list_disclosures')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D8' });

    const rows = screen.getAllByTestId('disclosure-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('MD-001 色浆配方');
    expect(rows[0]).toHaveTextContent('某某精密模具有限公司');
    expect(rows[0]).toHaveTextContent('外协加工方');
    expect(rows[0]).toHaveTextContent('NDA-2026-01');
    expect(rows[0]).toHaveTextContent('2026-03-01');
    expect(within(rows[0]).queryByTestId('disclosure-no-nda')).toBeNull();
    expect(within(rows[1]).getByTestId('disclosure-no-nda')).toHaveTextContent('未签保密协议');

    const warning = screen.getByTestId('disclosure-no-nda-warning');
    expect(warning).toHaveTextContent('有 1 次对外提供没有记录保密协议编号');
    expect(warning).toHaveAttribute('data-count', '1');
  });

  it('shows no warning when every disclosure has an NDA', async () => {
    mockBackend({ list_disclosures: [DISCLOSURES[0]], domain_view: domainView });
    await renderDisclosures();
    expect(screen.getAllByTestId('disclosure-row')).toHaveLength(1);
    expect(screen.queryByTestId('disclosure-no-nda-warning')).toBeNull();
    expect(screen.queryByTestId('disclosure-no-nda')).toBeNull();
  });

  it('adds a disclosure without an NDA and counts it', async () => {
    const calls = mockBackend({
      list_disclosures: DISCLOSURES,
      domain_view: domainView,
      add_disclosure: (args: Record<string, unknown>) => {
        const input = args.input as Disclosure;
        return { ...input, id: 5, pointCode: 'MD-002', hasNda: input.ndaRef !== '' };
      },
    });
    const { user, onChanged } = await renderDisclosures();

    await user.click(screen.getByTestId('disclosure-add-submit'));
    expect(await screen.findByText('请选择提供的密点')).toBeInTheDocument();
    expect(screen.getByText('请填写提供对象')).toBeInTheDocument();
    expect(screen.getByText('请选择对象类型')).toBeInTheDocument();
    expect(screen.getByText('请选择提供日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_disclosure')).toHaveLength(0);

    await user.click(within(screen.getByTestId('disclosure-add-point')).getByRole('combobox'));
    const options = await screen.findAllByTestId(/^disclosure-add-point-option-/);
    expect(options.map((o) => o.textContent)).toEqual(['MD-001 色浆配方', 'MD-002 客户名单', 'MD-003 注塑工艺参数']);
    await user.click(screen.getByTestId('disclosure-add-point-option-1'));
    await user.type(screen.getByTestId('disclosure-add-recipient'), '某经销商');
    await choose(user, 'disclosure-add-kind', 2);
    await typeDate(user, 'disclosure-add-date', '2026-06-08');
    await user.type(screen.getByTestId('disclosure-add-purpose'), '报价');
    await user.click(screen.getByTestId('disclosure-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'add_disclosure')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        pointId: 2,
        recipient: '某经销商',
        recipientKind: 'customer',
        ndaRef: '',
        disclosedOn: '2026-06-08',
        purpose: '报价',
        confidentialityRequested: false,
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('disclosure-row')).toHaveLength(3));
    const added = screen.getAllByTestId('disclosure-row')[2];
    expect(added).toHaveTextContent('MD-002 客户名单');
    expect(within(added).getByTestId('disclosure-no-nda')).toBeInTheDocument();
    expect(screen.getByTestId('disclosure-no-nda-warning')).toHaveTextContent('有 2 次对外提供没有记录保密协议编号');
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
  });

  it('sends the NDA number when one is given', async () => {
    const calls = mockBackend({
      list_disclosures: [],
      domain_view: domainView,
      add_disclosure: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 5, pointCode: 'MD-001', hasNda: true }),
    });
    const { user } = await renderDisclosures();
    await choose(user, 'disclosure-add-point', 0);
    await user.type(screen.getByTestId('disclosure-add-recipient'), '某研究院');
    await choose(user, 'disclosure-add-kind', 3);
    await user.type(screen.getByTestId('disclosure-add-nda'), ' NDA-2026-07 ');
    await typeDate(user, 'disclosure-add-date', '2026-06-01');
    await user.click(screen.getByTestId('disclosure-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'add_disclosure')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        pointId: 1,
        recipient: '某研究院',
        recipientKind: 'research_partner',
        ndaRef: 'NDA-2026-07',
        disclosedOn: '2026-06-01',
        purpose: '',
        confidentialityRequested: false,
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('disclosure-row')).toHaveLength(1));
    expect(screen.queryByTestId('disclosure-no-nda-warning')).toBeNull();
  });

  it('asks for the request not to disclose only of a filing with an authority, and sends it', async () => {
    const calls = mockBackend({
      list_disclosures: [],
      domain_view: domainView,
      add_disclosure: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 6, pointCode: 'MD-001', hasNda: false }),
    });
    const { user } = await renderDisclosures();
    await choose(user, 'disclosure-add-point', 0);
    await user.type(screen.getByTestId('disclosure-add-recipient'), '某市市场监督管理局');
    expect(screen.queryByTestId('disclosure-add-confidentiality')).toBeNull();
    await choose(user, 'disclosure-add-kind', 2);
    expect(screen.queryByTestId('disclosure-add-confidentiality')).toBeNull();

    // 行政机关 is offered, and with it the checkbox and why it matters.
    await user.click(within(screen.getByTestId('disclosure-add-kind')).getByRole('combobox'));
    await user.click(screen.getByTestId('disclosure-add-kind').querySelector('[data-value="authority"]') as HTMLElement);
    const box = await screen.findByTestId('disclosure-add-confidentiality');
    expect(box.closest('label')).toHaveTextContent('已提出不予公开请求（政府信息公开条例第十五条）');
    expect(screen.getByTestId('help-disclosure-add-confidentiality')).toHaveAttribute('aria-label', expect.stringContaining('第十五条'));
    expect(box).not.toBeChecked();
    await user.click(box);
    await typeDate(user, 'disclosure-add-date', '2026-06-10');
    await user.type(screen.getByTestId('disclosure-add-purpose'), '高新技术企业认定申报');
    await user.click(screen.getByTestId('disclosure-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'add_disclosure')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        pointId: 1,
        recipient: '某市市场监督管理局',
        recipientKind: 'authority',
        ndaRef: '',
        disclosedOn: '2026-06-10',
        purpose: '高新技术企业认定申报',
        confidentialityRequested: true,
      },
    });
    const row = await screen.findByTestId('disclosure-row');
    expect(row).toHaveTextContent('行政机关');
    expect(within(row).getByTestId('disclosure-confidentiality')).toHaveTextContent('已请求不予公开');
  });

  it('sends no request not to disclose once the kind is no longer an authority', async () => {
    const calls = mockBackend({
      list_disclosures: [],
      domain_view: domainView,
      add_disclosure: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 7, pointCode: 'MD-001', hasNda: true }),
    });
    const { user } = await renderDisclosures();
    await choose(user, 'disclosure-add-point', 0);
    await user.type(screen.getByTestId('disclosure-add-recipient'), '某客户');
    await choose(user, 'disclosure-add-kind', 5);
    await user.click(await screen.findByTestId('disclosure-add-confidentiality'));
    await choose(user, 'disclosure-add-kind', 2);
    await waitFor(() => expect(screen.queryByTestId('disclosure-add-confidentiality')).toBeNull());
    await typeDate(user, 'disclosure-add-date', '2026-06-10');
    await user.click(screen.getByTestId('disclosure-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'add_disclosure')[0].args.input).toMatchObject({ recipientKind: 'customer', confidentialityRequested: false });
  });

  it('shows a refused date beside the date field, and an unknown point beside the point', async () => {
    let error: Record<string, unknown> = {
      code: 'FIELD_INVALID',
      message: '填写有误',
      params: { field: '提供日期', reason: '“2026-13-01”不是有效日期', key: 'disclosedOn' },
    };
    const calls = mockBackend({
      list_disclosures: DISCLOSURES,
      domain_view: domainView,
      add_disclosure: () => Promise.reject(error),
    });
    const { user, onChanged } = await renderDisclosures();
    await choose(user, 'disclosure-add-point', 0);
    await user.type(screen.getByTestId('disclosure-add-recipient'), '某经销商');
    await choose(user, 'disclosure-add-kind', 0);
    await typeDate(user, 'disclosure-add-date', '2026-06-08');
    await user.click(screen.getByTestId('disclosure-add-submit'));
    const dateError = await screen.findByText('填写有误（提供日期）：“2026-13-01”不是有效日期');
    expect(formItemOf(dateError)).toContainElement(screen.getByTestId('disclosure-add-date'));
    expect(formItemOf(dateError)).not.toContainElement(screen.getByTestId('disclosure-add-recipient'));

    error = { code: 'SECRET_POINT_NOT_FOUND', message: '未找到密点', params: { id: '1' } };
    await user.click(screen.getByTestId('disclosure-add-submit'));
    const pointError = await screen.findByText('未找到密点：1');
    expect(formItemOf(pointError)).toContainElement(screen.getByTestId('disclosure-add-point'));
    expect(callsOf(calls, 'add_disclosure')).toHaveLength(2);
    expect(screen.getAllByTestId('disclosure-row')).toHaveLength(2);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('points to the points step when there is no secret point yet', async () => {
    mockBackend({ list_disclosures: [], domain_view: domainView });
    await renderDisclosures([]);
    expect(screen.getByTestId('disclosure-no-points')).toHaveTextContent('密点梳理');
  });

  it('autosaves the NDA number of a disclosure, which clears its mark, and its kind', async () => {
    const calls = mockBackend({
      list_disclosures: DISCLOSURES,
      domain_view: domainView,
      update_disclosure: (args: Record<string, unknown>) => {
        const next = { ...DISCLOSURES[1], [args.field as string]: args.value };
        return { ...next, hasNda: next.ndaRef !== '' };
      },
    });
    const { user, onChanged } = await renderDisclosures();
    await user.click(within(screen.getAllByTestId('disclosure-row')[1]).getByTestId('disclosure-edit'));
    const nda = await screen.findByTestId('disclosure-edit-ndaRef');
    expect(nda).toHaveValue('');
    await user.click(nda);
    await user.paste('NDA-2026-09');
    await waitFor(() => expect(callsOf(calls, 'update_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'update_disclosure')[0].args).toEqual({ id: 2, field: 'ndaRef', value: 'NDA-2026-09' });
    await waitFor(() => expect(screen.queryByTestId('disclosure-no-nda-warning')).toBeNull());
    expect(within(screen.getAllByTestId('disclosure-row')[1]).queryByTestId('disclosure-no-nda')).toBeNull();
    expect(screen.getAllByTestId('disclosure-row')[1]).toHaveTextContent('NDA-2026-09');
    expect(onChanged).toHaveBeenCalledTimes(1);

    await choose(user, 'disclosure-edit-recipientKind', 4);
    await waitFor(() => expect(callsOf(calls, 'update_disclosure')).toHaveLength(2));
    expect(callsOf(calls, 'update_disclosure')[1].args).toEqual({ id: 2, field: 'recipientKind', value: 'visitor' });

    await choose(user, 'disclosure-edit-pointId', 1);
    await waitFor(() => expect(callsOf(calls, 'update_disclosure')).toHaveLength(3));
    expect(callsOf(calls, 'update_disclosure')[2].args).toEqual({ id: 2, field: 'pointId', value: '2' });
  });

  it('shows whether an authority was asked not to disclose, and saves the change as true or false', async () => {
    const filing: Disclosure = {
      ...DISCLOSURES[0],
      id: 3,
      recipient: '某市科技局',
      recipientKind: 'authority',
      ndaRef: '',
      hasNda: false,
      confidentialityRequested: false,
    };
    const calls = mockBackend({
      list_disclosures: [DISCLOSURES[0], filing],
      domain_view: domainView,
      update_disclosure: (args: Record<string, unknown>) => ({ ...filing, confidentialityRequested: args.value === 'true' }),
    });
    const { user } = await renderDisclosures();
    const rows = screen.getAllByTestId('disclosure-row');
    // Only the filing with an authority says anything about it.
    expect(within(rows[0]).queryByTestId('disclosure-confidentiality')).toBeNull();
    expect(within(rows[1]).getByTestId('disclosure-confidentiality')).toHaveTextContent('未请求不予公开');
    expect(within(rows[1]).getByTestId('disclosure-confidentiality')).toHaveAttribute('data-requested', 'false');

    // A subcontractor's record has no such checkbox.
    await user.click(within(rows[0]).getByTestId('disclosure-edit'));
    await screen.findByTestId('disclosure-drawer');
    expect(screen.queryByTestId('disclosure-edit-confidentialityRequested')).toBeNull();

    await user.click(within(screen.getAllByTestId('disclosure-row')[1]).getByTestId('disclosure-edit'));
    const box = await screen.findByTestId('disclosure-edit-confidentialityRequested');
    expect(box).not.toBeChecked();
    await user.click(box);
    await waitFor(() => expect(callsOf(calls, 'update_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'update_disclosure')[0].args).toEqual({ id: 3, field: 'confidentialityRequested', value: 'true' });
    await waitFor(() => expect(within(screen.getAllByTestId('disclosure-row')[1]).getByTestId('disclosure-confidentiality')).toHaveTextContent('已请求不予公开'));
    expect(screen.getByTestId('disclosure-edit-confidentialityRequested')).toBeChecked();
    await user.click(screen.getByTestId('disclosure-edit-confidentialityRequested'));
    await waitFor(() => expect(callsOf(calls, 'update_disclosure')).toHaveLength(2));
    expect(callsOf(calls, 'update_disclosure')[1].args).toEqual({ id: 3, field: 'confidentialityRequested', value: 'false' });
  });

  it('shows a refused date of a disclosure beside the date', async () => {
    mockBackend({
      list_disclosures: DISCLOSURES,
      domain_view: domainView,
      update_disclosure: rejectWith({ code: 'FIELD_INVALID', message: '填写有误', params: { field: '提供日期', reason: '不能为空', key: 'disclosedOn' } }),
    });
    const { user } = await renderDisclosures();
    await user.click(within(screen.getAllByTestId('disclosure-row')[0]).getByTestId('disclosure-edit'));
    await screen.findByTestId('disclosure-drawer');
    await typeDate(user, 'disclosure-edit-disclosedOn', '2026-03-05');
    const error = await screen.findByText('填写有误（提供日期）：不能为空');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('disclosure-edit-disclosedOn'));
  });

  it('deletes a disclosure only after confirmation', async () => {
    const calls = mockBackend({ list_disclosures: DISCLOSURES, domain_view: domainView, delete_disclosure: null });
    const { user, onChanged } = await renderDisclosures();
    await user.click(within(screen.getAllByTestId('disclosure-row')[1]).getByTestId('disclosure-delete'));
    expect(await screen.findByText('删除向“某设备供应商”提供 MD-003 的记录？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_disclosure')).toHaveLength(0);
    await user.click(screen.getByTestId('disclosure-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_disclosure')).toHaveLength(1));
    expect(callsOf(calls, 'delete_disclosure')[0].args).toEqual({ id: 2 });
    await waitFor(() => expect(screen.getAllByTestId('disclosure-row')).toHaveLength(1));
    expect(screen.queryByTestId('disclosure-no-nda-warning')).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('incidents step', () => {
  async function renderIncidents() {
    const onChanged = vi.fn();
    const rendered = renderWithProviders(<IncidentsStep enterpriseId="e1" points={POINTS} onChanged={onChanged} />);
    await screen.findByTestId('incident-step');
    await criteriaLoaded();
    return { ...rendered, onChanged };
  }

  it('lists the incidents and warns of a major one not yet handled', async () => {
    const calls = mockBackend({ list_incidents: INCIDENTS, domain_view: domainView });
    await renderIncidents();
    expect(callsOf(calls, 'list_incidents')[0].args).toEqual({ enterpriseId: 'e1' });
    expect(callsOf(calls, 'domain_view')[0].args).toEqual({ enterpriseId: 'e1', domainId: 'D9' });

    const rows = screen.getAllByTestId('incident-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('2026-02-10');
    expect(rows[0]).toHaveTextContent('实习生误将图纸发到个人邮箱');
    expect(within(rows[0]).getByTestId('incident-row-points')).toHaveTextContent('MD-003');
    expect(within(rows[0]).getByTestId('incident-severity')).toHaveAttribute('data-severity', 'ordinary');
    expect(rows[0]).toHaveTextContent('2026-02-12');
    expect(within(rows[0]).queryByTestId('incident-row-unhandled')).toBeNull();
    expect(rows[0]).toHaveTextContent('尚未记录措施');

    expect(within(rows[1]).getByTestId('incident-severity')).toHaveTextContent('重大');
    expect(within(rows[1]).getByTestId('incident-severity')).toHaveAttribute('data-severity', 'major');
    expect(within(rows[1]).getByTestId('incident-row-measures')).toHaveTextContent('证据保全、投诉');
    expect(within(rows[1]).getByTestId('incident-row-unhandled')).toHaveTextContent('未处置完毕');

    const warning = screen.getByTestId('incident-unhandled');
    expect(warning).toHaveTextContent('有 1 起重大泄密事件尚未处置完毕');
    expect(warning).toHaveAttribute('data-count', '1');
  });

  it('counts the incidents the core marks as open and major (openMajor), not its own reading of severity and dates', async () => {
    // Figures that contradict severity and dates on purpose: the warning must follow openMajor.
    mockBackend({
      list_incidents: [
        incident({ id: 3, occurredOn: '2026-01-01', severity: 'major', description: '甲', openMajor: false }),
        incident({ id: 4, occurredOn: '2026-01-02', severity: 'ordinary', description: '乙', openMajor: true }),
        incident({ id: 5, occurredOn: '2026-01-03', severity: 'ordinary', description: '丙', openMajor: true }),
      ],
      domain_view: domainView,
    });
    await renderIncidents();
    const warning = screen.getByTestId('incident-unhandled');
    expect(warning).toHaveAttribute('data-count', '2');
    expect(warning).toHaveTextContent('有 2 起重大泄密事件尚未处置完毕');
    const rows = screen.getAllByTestId('incident-row');
    expect(within(rows[0]).getByTestId('incident-row-unhandled')).toHaveAttribute('data-open-major', 'false');
    expect(within(rows[1]).getByTestId('incident-row-unhandled')).toHaveAttribute('data-open-major', 'true');
    expect(within(rows[1]).getByTestId('incident-row-unhandled')).toHaveClass('ant-tag-red');
  });

  it('does not warn of an ordinary incident not yet handled', async () => {
    mockBackend({ list_incidents: [incident({ id: 3, occurredOn: '2026-01-01', description: '访客拍照' })], domain_view: domainView });
    await renderIncidents();
    expect(screen.getByTestId('incident-row')).toHaveTextContent('访客拍照');
    expect(screen.queryByTestId('incident-unhandled')).toBeNull();
  });

  it('adds an incident with its secret points and measures', async () => {
    const calls = mockBackend({
      list_incidents: [INCIDENTS[0]],
      domain_view: domainView,
      add_incident: (args: Record<string, unknown>) => {
        const input = args.input as Incident & { handledOn: string };
        return {
          ...input,
          id: 9,
          pointCodes: input.pointIds.map((id) => POINTS.find((p) => p.id === id)!.code),
          handledOn: input.handledOn || null,
          // The core computes it: major and not handled.
          openMajor: input.severity === 'major' && !input.handledOn,
        };
      },
    });
    const { user, onChanged } = await renderIncidents();
    expect(screen.queryByTestId('incident-unhandled')).toBeNull();

    await user.click(screen.getByTestId('incident-add-submit'));
    expect(await screen.findByText('请选择发生日期')).toBeInTheDocument();
    expect(screen.getByText('请填写事件经过')).toBeInTheDocument();
    expect(callsOf(calls, 'add_incident')).toHaveLength(0);

    await typeDate(user, 'incident-add-occurredOn', '2026-06-15');
    await choose(user, 'incident-add-severity', 1);
    await user.click(within(screen.getByTestId('incident-add-points')).getByRole('combobox'));
    await user.click(await screen.findByTestId('incident-add-points-option-0'));
    await user.click(screen.getByTestId('incident-add-points-option-2'));
    await user.type(screen.getByTestId('incident-add-description'), '竞争对手产品出现我司配方');
    await user.click(screen.getByTestId('incident-add-evidencePreserved'));
    await user.click(screen.getByTestId('incident-add-policeReport'));
    await user.type(screen.getByTestId('incident-add-outcome'), '已报案，等待立案');
    await user.click(screen.getByTestId('incident-add-submit'));

    await waitFor(() => expect(callsOf(calls, 'add_incident')).toHaveLength(1));
    expect(callsOf(calls, 'add_incident')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        occurredOn: '2026-06-15',
        severity: 'major',
        description: '竞争对手产品出现我司配方',
        pointIds: [1, 3],
        evidencePreserved: true,
        preservationOrder: false,
        complaint: false,
        policeReport: true,
        outcome: '已报案，等待立案',
        handledOn: '',
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(2));
    const added = screen.getAllByTestId('incident-row')[1];
    expect(within(added).getByTestId('incident-row-points')).toHaveTextContent('MD-001、MD-003');
    expect(within(added).getByTestId('incident-row-measures')).toHaveTextContent('证据保全、报案');
    expect(screen.getByTestId('incident-unhandled')).toHaveTextContent('有 1 起重大泄密事件尚未处置完毕');
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(callsOf(calls, 'domain_view')).toHaveLength(2));
  });

  it('adds an ordinary incident without points, handled at once', async () => {
    const calls = mockBackend({
      list_incidents: [],
      domain_view: domainView,
      add_incident: (args: Record<string, unknown>) => ({ ...(args.input as object), id: 9, pointCodes: [] }),
    });
    const { user } = await renderIncidents();
    await typeDate(user, 'incident-add-occurredOn', '2026-06-15');
    await user.type(screen.getByTestId('incident-add-description'), '访客拍照');
    await typeDate(user, 'incident-add-handledOn', '2026-06-16');
    await user.click(screen.getByTestId('incident-add-submit'));
    await waitFor(() => expect(callsOf(calls, 'add_incident')).toHaveLength(1));
    expect(callsOf(calls, 'add_incident')[0].args).toEqual({
      input: {
        enterpriseId: 'e1',
        occurredOn: '2026-06-15',
        severity: 'ordinary',
        description: '访客拍照',
        pointIds: [],
        evidencePreserved: false,
        preservationOrder: false,
        complaint: false,
        policeReport: false,
        outcome: '',
        handledOn: '2026-06-16',
      },
    });
  });

  it('shows a refused completion date beside that field, and an unknown point beside the points', async () => {
    let refusal: Record<string, unknown> = {
      code: 'FIELD_INVALID',
      message: '填写有误',
      params: { field: '处置完成日期', reason: '2026-06-01 早于事件发生日期 2026-06-15', key: 'handledOn' },
    };
    const calls = mockBackend({
      list_incidents: INCIDENTS,
      domain_view: domainView,
      add_incident: () => Promise.reject(refusal),
    });
    const { user, onChanged } = await renderIncidents();
    await typeDate(user, 'incident-add-occurredOn', '2026-06-15');
    await user.type(screen.getByTestId('incident-add-description'), '访客拍照');
    await typeDate(user, 'incident-add-handledOn', '2026-06-01');
    await user.click(screen.getByTestId('incident-add-submit'));
    const error = await screen.findByText('填写有误（处置完成日期）：2026-06-01 早于事件发生日期 2026-06-15');
    expect(formItemOf(error)).toContainElement(screen.getByTestId('incident-add-handledOn'));
    expect(formItemOf(error)).not.toContainElement(screen.getByTestId('incident-add-occurredOn'));
    expect(callsOf(calls, 'add_incident')).toHaveLength(1);
    expect(screen.queryByTestId('incident-add-error')).toBeNull();

    refusal = { code: 'SECRET_POINT_NOT_FOUND', message: '未找到密点', params: { id: '3' } };
    await user.click(screen.getByTestId('incident-add-submit'));
    const pointError = await screen.findByText('未找到密点：3');
    expect(formItemOf(pointError)).toContainElement(screen.getByTestId('incident-add-points'));
    expect(callsOf(calls, 'add_incident')).toHaveLength(2);
    expect(screen.getAllByTestId('incident-row')).toHaveLength(2);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('autosaves the measures, the points and the completion date of an incident', async () => {
    let current = INCIDENTS[1];
    const calls = mockBackend({
      list_incidents: INCIDENTS,
      domain_view: domainView,
      update_incident: (args: Record<string, unknown>) => {
        const field = args.field as string;
        const value = args.value as string;
        const parsed = ['evidencePreserved', 'preservationOrder', 'complaint', 'policeReport'].includes(field)
          ? value === 'true'
          : field === 'handledOn'
            ? value || null
            : value;
        current = { ...current, [field]: parsed };
        // The core computes it again on every change: major and not handled.
        current = { ...current, openMajor: current.severity === 'major' && !current.handledOn };
        return current;
      },
      set_incident_points: (args: Record<string, unknown>) => {
        const ids = args.pointIds as number[];
        current = { ...current, pointIds: ids, pointCodes: ids.map((id) => POINTS.find((p) => p.id === id)!.code) };
        return current;
      },
    });
    const { user, onChanged } = await renderIncidents();
    await user.click(within(screen.getAllByTestId('incident-row')[1]).getByTestId('incident-edit'));
    await screen.findByTestId('incident-drawer');

    await user.click(screen.getByTestId('incident-edit-policeReport'));
    await waitFor(() => expect(callsOf(calls, 'update_incident')).toHaveLength(1));
    expect(callsOf(calls, 'update_incident')[0].args).toEqual({ id: 2, field: 'policeReport', value: 'true' });
    await waitFor(() =>
      expect(within(screen.getAllByTestId('incident-row')[1]).getByTestId('incident-row-measures')).toHaveTextContent('证据保全、投诉、报案'),
    );

    // Adding a point replaces the incident's points as a whole.
    await user.click(within(screen.getByTestId('incident-edit-points')).getByRole('combobox'));
    await user.click(await screen.findByTestId('incident-edit-points-option-1'));
    await waitFor(() => expect(callsOf(calls, 'set_incident_points')).toHaveLength(1));
    expect(callsOf(calls, 'set_incident_points')[0].args).toEqual({ id: 2, pointIds: [1, 2] });
    await waitFor(() =>
      expect(within(screen.getAllByTestId('incident-row')[1]).getByTestId('incident-row-points')).toHaveTextContent('MD-001、MD-002'),
    );

    const outcome = screen.getByTestId('incident-edit-outcome');
    await user.click(outcome);
    await user.paste('已和解');
    await waitFor(() => expect(callsOf(calls, 'update_incident')).toHaveLength(2));
    expect(callsOf(calls, 'update_incident')[1].args).toEqual({ id: 2, field: 'outcome', value: '已和解' });

    expect(screen.getByTestId('incident-unhandled')).toBeInTheDocument();
    await typeDate(user, 'incident-edit-handledOn', '2026-06-30');
    await waitFor(() => expect(callsOf(calls, 'update_incident')).toHaveLength(3));
    expect(callsOf(calls, 'update_incident')[2].args).toEqual({ id: 2, field: 'handledOn', value: '2026-06-30' });
    await waitFor(() => expect(screen.queryByTestId('incident-unhandled')).toBeNull());
    expect(onChanged).toHaveBeenCalledTimes(4);
  });

  it('shows a refused change beside its field in the drawer', async () => {
    mockBackend({
      list_incidents: INCIDENTS,
      domain_view: domainView,
      set_incident_points: rejectWith({ code: 'SECRET_POINT_NOT_FOUND', message: '未找到密点', params: { id: '2' } }),
      update_incident: rejectWith({ code: 'FIELD_INVALID', message: '填写有误', params: { field: '严重程度', reason: '无效', key: 'severity' } }),
    });
    const { user, onChanged } = await renderIncidents();
    await user.click(within(screen.getAllByTestId('incident-row')[1]).getByTestId('incident-edit'));
    await screen.findByTestId('incident-drawer');

    await user.click(within(screen.getByTestId('incident-edit-points')).getByRole('combobox'));
    await user.click(await screen.findByTestId('incident-edit-points-option-1'));
    const pointError = await screen.findByText('未找到密点：2');
    expect(formItemOf(pointError)).toContainElement(screen.getByTestId('incident-edit-points'));

    await choose(user, 'incident-edit-severity', 0);
    const severityError = await screen.findByText('填写有误（严重程度）：无效');
    expect(formItemOf(severityError)).toContainElement(screen.getByTestId('incident-edit-severity'));
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes an incident only after confirmation', async () => {
    const calls = mockBackend({ list_incidents: INCIDENTS, domain_view: domainView, delete_incident: null });
    const { user, onChanged } = await renderIncidents();
    await user.click(within(screen.getAllByTestId('incident-row')[1]).getByTestId('incident-delete'));
    expect(await screen.findByText('删除 2026-05-20 的泄密事件记录？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_incident')).toHaveLength(0);
    await user.click(screen.getByTestId('incident-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_incident')).toHaveLength(1));
    expect(callsOf(calls, 'delete_incident')[0].args).toEqual({ id: 2 });
    await waitFor(() => expect(screen.getAllByTestId('incident-row')).toHaveLength(1));
    expect(screen.queryByTestId('incident-unhandled')).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});
