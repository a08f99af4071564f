import { describe, expect, it } from 'vitest';
import { MAIN, RESOURCES, partsOf, type Tree } from '.';
import { CATEGORIES } from '../services';

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

  it('name every category of the bindings', () => {
    expect(CATEGORIES).toEqual(['技术信息', '经营信息', '其他商业信息']);
  });
});
