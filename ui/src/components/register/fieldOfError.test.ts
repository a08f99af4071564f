import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { fieldOfError } from './fieldOfError';

const RULE_FIELDS = ['title', 'docNo', 'issuedOn'] as const;
type RuleField = (typeof RULE_FIELDS)[number];

describe('fieldOfError', () => {
  it('finds the field by the key the core sends, whatever its Chinese label and the UI language', async () => {
    const error = { code: 'FIELD_INVALID', message: '填写有误', params: { field: '发布日期', reason: '无效', key: 'issuedOn' } };
    expect(fieldOfError<RuleField>(error, RULE_FIELDS)).toBe('issuedOn');
    // DATE_IN_FUTURE names its field the same way.
    const future = { code: 'DATE_IN_FUTURE', message: '', params: { field: '制度名称', date: '2099-01-01', key: 'title' } };
    expect(fieldOfError<RuleField>(future, RULE_FIELDS)).toBe('title');
    await setLanguage('en');
    expect(fieldOfError<RuleField>(error, RULE_FIELDS)).toBe('issuedOn');
  });

  it('reads the key, not the label: a label the locale does not know still finds its field', () => {
    const error = { code: 'FIELD_INVALID', message: '', params: { field: '某个新改的标签', reason: '', key: 'docNo' } };
    expect(fieldOfError<RuleField>(error, RULE_FIELDS)).toBe('docNo');
  });

  it('maps a code that always concerns one field to it, before looking at the key', () => {
    const error = { code: 'LEVEL_UNKNOWN', message: '', params: { key: 'title' } };
    expect(fieldOfError<RuleField>(error, RULE_FIELDS, { LEVEL_UNKNOWN: 'docNo' })).toBe('docNo');
  });

  it('names no field for a key the form does not have, a missing or empty key, or an error that is not the core’s', () => {
    expect(fieldOfError<RuleField>({ code: 'FIELD_INVALID', message: '', params: { field: '姓名', key: 'name' } }, RULE_FIELDS)).toBeUndefined();
    // Only the key counts: a Chinese label alone names nothing.
    expect(fieldOfError<RuleField>({ code: 'FIELD_INVALID', message: '', params: { field: '发布日期' } }, RULE_FIELDS)).toBeUndefined();
    expect(fieldOfError<RuleField>({ code: 'FIELD_INVALID', message: '', params: { field: '备注', key: '' } }, RULE_FIELDS)).toBeUndefined();
    expect(fieldOfError<RuleField>(new Error('boom'), RULE_FIELDS, { UNKNOWN_CODE: 'title' })).toBeUndefined();
    expect(fieldOfError<RuleField>('database is locked', RULE_FIELDS)).toBeUndefined();
  });
});
