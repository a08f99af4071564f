import { describe, expect, it } from 'vitest';
import { MAIN, RESOURCES, partsOf, type Tree } from '.';
import {
  AGREEMENT_KINDS,
  ANSWER_STATUSES,
  APPROVAL_KINDS,
  BASIC_STATUSES,
  CATEGORIES,
  ELIGIBILITIES,
  EVIDENCE_KINDS,
  EVIDENCE_STORAGES,
  GAP_KINDS,
  RECIPIENT_KINDS,
  RELATIONSHIPS,
  SEVERITIES,
  STATUSES,
  TASK_STATUSES,
  TIERS,
  VERDICTS,
  type Cap,
  type EnumKind,
  type ScoreWarning,
} from '../services';

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const zh = flatten(RESOURCES['zh-CN']);
const english = flatten(RESOURCES.en);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

/** Every error code the Rust side may send, with the params it sends. */
const ERROR_CODES: Record<string, string[]> = {
  ENTERPRISE_NAME_EMPTY: [],
  CREDIT_CODE_NEEDS_NOTE: ['reason'],
  ENTERPRISE_NOT_FOUND: ['id'],
  SECRET_POINT_NAME_EMPTY: [],
  SECRET_POINT_CODE_DUPLICATE: ['code'],
  SECRET_POINT_CODE_INVALID: ['code'],
  LEVEL_UNKNOWN: ['level'],
  DB_DIR_MISSING: ['dir'],
  DB_NOT_MIDUN: [],
  DB_TOO_NEW: ['found', 'supported'],
  DB_ERROR: ['detail'],
  IO_ERROR: ['detail'],
  REPORT_FAILED: ['detail'],
  NOT_APPLICABLE_REFUSED: ['criterion', 'fact'],
};

describe('locale files', () => {
  it('keep each part in a namespace of its own, in both languages', () => {
    const zhParts = Object.keys(partsOf('zh-CN')).sort();
    expect(Object.keys(partsOf('en')).sort()).toEqual(zhParts);
    for (const ns of zhParts) expect(Object.keys(MAIN['zh-CN']), ns).not.toContain(ns);
  });

  it('have exactly the same keys', () => {
    const onlyZh = [...zh.keys()].filter((k) => !english.has(k));
    const onlyEn = [...english.keys()].filter((k) => !zh.has(k));
    expect({ onlyZh, onlyEn }).toEqual({ onlyZh: [], onlyEn: [] });
  });

  it('use the same interpolation params in both languages and have no empty text', () => {
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(english.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('have a message for every error code, using exactly its params', () => {
    for (const [code, params] of Object.entries(ERROR_CODES)) {
      const key = `errors.${code}`;
      expect(zh.has(key), key).toBe(true);
      expect(placeholders(zh.get(key) ?? ''), key).toEqual([...params].sort());
    }
  });

  it('name every category of the bindings by its code', () => {
    expect(CATEGORIES).toEqual(['technical', 'business', 'other_commercial']);
    for (const code of CATEGORIES) {
      expect(zh.has(`categories.${code}`), code).toBe(true);
      expect(english.has(`categories.${code}`), code).toBe(true);
    }
    expect([...zh.keys()].filter((k) => k.startsWith('categories.'))).toHaveLength(CATEGORIES.length);
  });

  it('word every code of every generated enumeration, and only those', () => {
    const lists: Record<EnumKind, readonly string[]> = {
      status: STATUSES,
      approvalKind: APPROVAL_KINDS,
      answerStatus: ANSWER_STATUSES,
      agreementKind: AGREEMENT_KINDS,
      eligibility: ELIGIBILITIES,
      recipientKind: RECIPIENT_KINDS,
      severity: SEVERITIES,
      taskStatus: TASK_STATUSES,
      evidenceKind: EVIDENCE_KINDS,
      tier: TIERS,
      verdict: VERDICTS,
      basicStatus: BASIC_STATUSES,
      gapKind: GAP_KINDS,
      relationship: RELATIONSHIPS,
    };
    const kinds = new Set([...zh.keys()].filter((k) => k.startsWith('enums.')).map((k) => k.split('.')[1]));
    expect([...kinds].sort()).toEqual(Object.keys(lists).sort());
    for (const [kind, codes] of Object.entries(lists)) {
      const keys = [...zh.keys()].filter((k) => k.startsWith(`enums.${kind}.`));
      expect(keys, kind).toEqual(codes.map((c) => `enums.${kind}.${c}`));
      for (const code of codes) expect(/^[a-z_]+$/.test(code), code).toBe(true);
    }
    for (const code of EVIDENCE_STORAGES) {
      expect(zh.has(`evidence.list.storage.${code}`), code).toBe(true);
      expect(zh.has(`evidence.list.storageHelp.${code}`), code).toBe(true);
    }
    for (const code of ANSWER_STATUSES) expect(zh.has(`criteria.statusHelp.${code}`), code).toBe(true);
  });

  it('word every cap and warning of the score, with exactly its params', () => {
    // Keyed by the code of each variant of the generated unions: a new variant fails to compile here.
    const caps: Record<Cap['code'], string[]> = {
      domain_below60: ['domain', 'tier'],
      core_incomplete: ['points', 'tier'],
    };
    const warnings: Record<ScoreWarning['code'], string[]> = {
      basic_not_applicable: ['criterion'],
      // The share is the core's NA_SHARE_WARNING_PERCENT, passed in.
      not_applicable_over20: ['percent', 'points'],
      evidence_missing: ['criteria'],
      unanswered: ['count'],
      needs_review: ['count'],
    };
    for (const [prefix, codes] of [
      ['results.cap', caps],
      ['results.warning', warnings],
    ] as const) {
      for (const [code, params] of Object.entries(codes)) {
        const key = `${prefix}.${code}`;
        expect(zh.has(key), key).toBe(true);
        expect(placeholders(zh.get(key) ?? ''), key).toEqual([...params].sort());
      }
      expect([...zh.keys()].filter((k) => k.startsWith(`${prefix}.`)).sort()).toEqual(Object.keys(codes).map((c) => `${prefix}.${c}`).sort());
    }
  });

  it('write no number of the core’s rules into a text: the core’s constants come in as params', () => {
    for (const key of ['vault.passwordTooShort', 'handover.passphraseTooShort', 'handover.passphraseAdvice']) {
      expect(placeholders(zh.get(key) ?? ''), key).toEqual(['min']);
    }
    expect(placeholders(zh.get('classification.schemeIntro') ?? '')).toEqual(['max']);
    for (const [key, text] of [...zh, ...english]) {
      if (key.startsWith('results.warning.')) expect(text, key).not.toMatch(/\b20\s*%/);
    }
  });
});
