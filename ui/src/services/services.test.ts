import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { callsOf, mockBackend, rejectWith } from '../test/ipc';
import {
  acknowledgeNotice,
  addAccessNotice,
  addDiscipline,
  addSecretPoint,
  checkCreditCode,
  createEnterprise,
  deleteAccessNotice,
  deleteDiscipline,
  exportReport,
  getEnterprise,
  getSettings,
  listAccessNotices,
  listDiscipline,
  listEnterprises,
  listLevels,
  listRegister,
  ANSWER_STATUSES,
  ANSWERS_NEEDING_REASON,
  localizeError,
  needsWrittenReason,
  subtypesOf,
  toAppError,
} from '.';

describe('localizeError', () => {
  const duplicate = { code: 'SECRET_POINT_CODE_DUPLICATE', message: '代号重复', params: { code: 'MD-2026-001' } };

  it('renders a known code from the locale with its params', async () => {
    expect(localizeError(duplicate)).toBe('代号 MD-2026-001 已被本企业的其他密点使用，请换一个代号，或留空自动生成。');
    await setLanguage('en');
    expect(localizeError(duplicate)).toContain('Code MD-2026-001 is already used');
    expect(localizeError({ code: 'DB_TOO_NEW', message: 'x', params: { found: '7', supported: '3' } })).toBe(
      'The database version (7) is newer than this software supports (3). Please update Midun first.',
    );
  });

  it("falls back to Rust's message for an unknown code, then to a generic sentence", async () => {
    expect(localizeError({ code: 'NEW_CODE', message: '新的错误', params: {} })).toBe('新的错误');
    expect(localizeError({ code: 'NEW_CODE', message: '  ', params: {} })).toBe('操作未能完成，请重试。');
    expect(localizeError(new Error('boom'))).toBe('操作未能完成，请重试。');
    expect(localizeError(undefined)).toBe('操作未能完成，请重试。');
    await setLanguage('en');
    expect(localizeError(null)).toBe('The operation could not be completed. Please try again.');
  });

  it('words a refused sub-type with the nearest allowed one only when the core names one', async () => {
    const base = { code: 'SUBTYPE_INVALID', message: 'x', params: { subtype: '经营计划', category: '经营信息', allowed: '计划、客户信息' } };
    expect(localizeError({ ...base, params: { ...base.params, nearest: '计划' } })).toContain('最接近的是“计划”');
    expect(localizeError({ ...base, params: { ...base.params, nearest: '' } })).not.toContain('最接近');
    await setLanguage('en');
    expect(localizeError({ ...base, params: { ...base.params, nearest: '计划' } })).toContain('the nearest is “计划”');
  });

  it('treats a plain string rejection as the message', () => {
    expect(localizeError('command add_secret_point not found')).toBe('command add_secret_point not found');
    expect(toAppError('x')).toEqual({ code: 'UNKNOWN', message: 'x', params: {} });
  });
});

describe('command wrappers', () => {
  it('invoke each command with camelCase arguments', async () => {
    const calls = mockBackend({
      get_settings: { noticeAcknowledged: false, idleLockMinutes: 10 },
      acknowledge_notice: { noticeAcknowledged: true, idleLockMinutes: 10 },
      list_enterprises: [],
      check_credit_code: { input: 'a', normalized: 'A', status: 'invalid', reason: '长度不对' },
      create_enterprise: { id: 'e1', name: 'n', creditCode: null, creditCodeNote: null, createdAt: 't' },
      get_enterprise: { id: 'e1', name: 'n', creditCode: null, creditCodeNote: null, createdAt: 't' },
      list_levels: ['核心商密'],
      list_register: [],
      add_secret_point: { id: 1 },
      export_report: null,
    });
    await getSettings();
    await acknowledgeNotice();
    await listEnterprises();
    await checkCreditCode('a');
    await createEnterprise({ name: 'n', creditCode: null, creditCodeNote: null });
    await getEnterprise('e1');
    expect(await listLevels('e1')).toEqual(['核心商密']);
    await listRegister('e1');
    await addSecretPoint({ enterpriseId: 'e1', code: null, name: 'x', category: 'other_commercial', level: '核心商密' });
    expect(await exportReport('e1')).toBeNull();

    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ['get_settings', {}],
      ['acknowledge_notice', {}],
      ['list_enterprises', {}],
      ['check_credit_code', { code: 'a' }],
      ['create_enterprise', { input: { name: 'n', creditCode: null, creditCodeNote: null } }],
      ['get_enterprise', { enterpriseId: 'e1' }],
      ['list_levels', { enterpriseId: 'e1' }],
      ['list_register', { enterpriseId: 'e1' }],
      [
        'add_secret_point',
        { input: { enterpriseId: 'e1', code: null, name: 'x', category: 'other_commercial', level: '核心商密' } },
      ],
      ['export_report', { enterpriseId: 'e1' }],
    ]);
  });

  it('invoke the access-notice and discipline commands with their arguments', async () => {
    const calls = mockBackend({
      list_access_notices: [],
      add_access_notice: { id: 1, personId: 3, signedOn: '2026-02-01', codes: ['JS-001'] },
      delete_access_notice: null,
      list_discipline: [],
      add_discipline: { id: 2 },
      delete_discipline: null,
    });
    await listAccessNotices(3);
    expect(await addAccessNotice({ personId: 3, signedOn: '2026-02-01' })).toMatchObject({ codes: ['JS-001'] });
    await deleteAccessNotice(1);
    await listDiscipline('e1');
    const record = { enterpriseId: 'e1', occurredOn: '2026-03-02', summary: '带出图纸', measure: '警告', decidedOn: null };
    await addDiscipline(record);
    await deleteDiscipline(2);
    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ['list_access_notices', { personId: 3 }],
      ['add_access_notice', { input: { personId: 3, signedOn: '2026-02-01' } }],
      ['delete_access_notice', { id: 1 }],
      ['list_discipline', { enterpriseId: 'e1' }],
      ['add_discipline', { input: record }],
      ['delete_discipline', { id: 2 }],
    ]);
  });

  it('reject with the AppError sent by Rust', async () => {
    const error = { code: 'ENTERPRISE_NOT_FOUND', message: '企业不存在', params: { id: 'e9' } };
    const calls = mockBackend({ get_enterprise: rejectWith(error) });
    await expect(getEnterprise('e9')).rejects.toEqual(error);
    expect(callsOf(calls, 'get_enterprise')).toHaveLength(1);
  });

  it('normalise a rejection that is not an AppError', async () => {
    mockBackend({ list_enterprises: () => Promise.reject('database is locked') });
    await expect(listEnterprises()).rejects.toEqual({ code: 'UNKNOWN', message: 'database is locked', params: {} });
  });
});

describe('wire codes', () => {
  it('asks the core which answers need a written reason', () => {
    expect(ANSWER_STATUSES.filter(needsWrittenReason)).toEqual([...ANSWERS_NEEDING_REASON]);
    expect(needsWrittenReason('not_applicable')).toBe(true);
    expect(needsWrittenReason('met')).toBe(false);
  });

  it('finds the sub-types of a category by its code', () => {
    const subtypes = { technical: ['工艺', '配方'], business: ['客户信息'] };
    expect(subtypesOf(subtypes, 'technical')).toEqual(['工艺', '配方']);
    expect(subtypesOf(subtypes, 'business')).toEqual(['客户信息']);
    expect(subtypesOf(subtypes, 'other_commercial')).toEqual([]);
  });
});
