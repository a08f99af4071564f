import { describe, expect, it } from 'vitest';
import { fieldOfError, labelKeys } from './fieldOfError';

const RULES = labelKeys(['title', 'docNo', 'issuedOn'], 'rules.coreLabel');

describe('fieldOfError', () => {
  it('builds label keys under a prefix', () => {
    expect(RULES).toEqual({ title: 'rules.coreLabel.title', docNo: 'rules.coreLabel.docNo', issuedOn: 'rules.coreLabel.issuedOn' });
  });

  it('finds the field the core named by its Chinese label, whatever the UI language', () => {
    const error = { code: 'FIELD_INVALID', message: '填写有误', params: { field: '发布日期', reason: '无效' } };
    expect(fieldOfError(error, RULES)).toBe('issuedOn');
    // DATE_IN_FUTURE names its field the same way.
    expect(fieldOfError({ code: 'DATE_IN_FUTURE', message: '', params: { field: '制度名称', date: '2099-01-01' } }, RULES)).toBe('title');
  });

  it('maps a code that always concerns one field to it, before looking at labels', () => {
    const error = { code: 'LEVEL_UNKNOWN', message: '', params: { field: '制度名称' } };
    expect(fieldOfError(error, RULES, { LEVEL_UNKNOWN: 'docNo' })).toBe('docNo');
  });

  it('names no field for an unknown label, a missing one, or an error that is not the core’s', () => {
    expect(fieldOfError({ code: 'FIELD_INVALID', message: '', params: { field: '别的字段' } }, RULES)).toBeUndefined();
    expect(fieldOfError({ code: 'FIELD_INVALID', message: '', params: {} }, RULES)).toBeUndefined();
    expect(fieldOfError({ code: 'FIELD_INVALID', message: '', params: { field: '' } }, RULES)).toBeUndefined();
    expect(fieldOfError(new Error('boom'), RULES, { UNKNOWN_CODE: 'title' })).toBeUndefined();
    expect(fieldOfError('database is locked', RULES)).toBeUndefined();
  });
});
