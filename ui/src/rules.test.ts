// Project rules that a reviewer would otherwise have to remember.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));
const UI = dirname(SRC);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const rel = (path: string) => relative(SRC, path).split(sep).join('/');
const isTest = (path: string) => /\.test\.tsx?$/.test(path) || rel(path).startsWith('test/');

/** App source: .ts/.tsx under src/, without tests, test helpers and locale files. */
const appSources = walk(SRC).filter((p) => /\.tsx?$/.test(p) && !isTest(p) && !rel(p).startsWith('locales/'));

// Han ideographs (all blocks) plus CJK punctuation and full-width forms.
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** The generated lists of codes and rules' numbers (src/bindings.rs). */
const WIRE = 'services/bindings/wire.ts';
/** The names of the lists of codes wire.ts exports (CATEGORIES, STATUSES, ANSWER_STATUSES ...). */
const WIRE_LISTS = [...readFileSync(join(SRC, WIRE), 'utf8').matchAll(/^export const (\w+): readonly /gm)].map((m) => m[1]);

/** The lines of a file that match `pattern`, as `path:line: text`. */
function linesMatching(paths: string[], pattern: RegExp): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, at: `${rel(path)}:${index + 1}` }))
      .filter(({ line }) => pattern.test(line))
      .map(({ at, line }) => `${at}: ${line.trim()}`),
  );
}

const LISTS = WIRE_LISTS.join('|');
/** Reading meaning from an order: of the zh-CN locale's keys, or of a generated list of codes. */
const ORDER_RULES: RegExp[] = [
  // Object.keys(zhCN.enums.status), Object.keys(zhResults.basicStatus) ...
  /Object\.(keys|values|entries)\(\s*zh/,
  // STATUSES[0], ELIGIBILITIES[ELIGIBILITIES.length - 1] ...
  new RegExp(`\\b(${LISTS})\\s*\\[`),
  // const [ORDINARY, MAJOR] = SEVERITIES
  new RegExp(`=\\s*(${LISTS})\\s*;?\\s*$`),
  // A locale file read as data outside the locales (a type-only import is fine).
  /^import(?!\s+type\b)[^;]*from\s+['"][^'"]*locales\/[^'"]*\.json['"]/,
];

describe('source rules', () => {
  it('finds the sources it checks', () => {
    expect(appSources.map(rel)).toEqual(expect.arrayContaining(['App.tsx', 'services/api.ts', 'pages/home/index.tsx']));
  });

  it('has no Chinese literal outside the locale files', () => {
    // The bindings are generated from Rust: their Chinese is in doc comments only.
    const checked = appSources.filter((p) => !rel(p).startsWith('services/bindings/'));
    const offenders = checked.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${rel(path)}:${index + 1}` }))
        .filter(({ line }) => CJK.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds the generated lists of codes', () => {
    expect(WIRE_LISTS).toEqual(expect.arrayContaining(['CATEGORIES', 'STATUSES', 'ANSWER_STATUSES', 'SEVERITIES', 'TASK_STATUSES', 'TIERS']));
  });

  it('never reads meaning from the order of locale keys or of the generated lists of codes', () => {
    // Codes are compared with code literals ('major', 'not_applicable' ...), type-checked against the
    // generated unions: a list is iterated (options, legends), never indexed or destructured.
    const checked = appSources.filter((p) => !rel(p).startsWith('services/bindings/'));
    expect(ORDER_RULES.flatMap((rule) => linesMatching(checked, rule))).toEqual([]);
  });

  it('recognises reading meaning from an order when it sees it', () => {
    const caught = (line: string) => ORDER_RULES.some((rule) => rule.test(line));
    for (const bad of [
      'const [MET, NOT_MET] = Object.keys(zhResults.basicStatus);',
      'export const STATUSES = keys<Status>(Object.keys(zhCN.enums.status));',
      'const UNANSWERED = ANSWER_STATUSES[4];',
      'const NOT_ELIGIBLE = ELIGIBILITIES[ELIGIBILITIES.length - 1];',
      "initialValues={{ category: CATEGORIES[0] }}",
      'const [ORDINARY, MAJOR] = SEVERITIES;',
      'const DONE: RemediationStatus = TASK_STATUSES [2];',
      "import zhResults from '../../locales/parts/results.zh-CN.json';",
    ])
      expect(caught(bad), bad).toBe(true);
    for (const good of [
      "const open = items.filter((x) => x.openMajor);",
      "options={SEVERITIES.map((s) => ({ value: s, label: t(enumKey('severity', s)) }))}",
      "export const CHOICES = ANSWER_STATUSES.filter((s) => s !== 'unanswered');",
      "import type zhCN from '../locales/zh-CN.json';",
      'const keys = Object.keys(record);',
    ])
      expect(caught(good), good).toBe(false);
  });

  it('imports @tauri-apps only in services/', () => {
    const offenders = appSources
      .filter((p) => !rel(p).startsWith('services/'))
      // Any quoted module specifier: `from '…'`, side-effect `import '…'`, `import('…')`, `require('…')`.
      .filter((p) => /['"`]@tauri-apps\//.test(readFileSync(p, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('keeps the generated bindings in the ts-rs shape, one exported type per file', () => {
    const header =
      '// This file was generated by [ts-rs](https://github.com/Aleph-Alpha/ts-rs). Do not edit this file manually.\n';
    // wire.ts (the codes in order and the rules' numbers) is generated too, but not by ts-rs.
    const bindings = appSources.filter((p) => rel(p).startsWith('services/bindings/') && rel(p) !== WIRE);
    expect(bindings.length).toBeGreaterThanOrEqual(11);
    for (const path of bindings) {
      const text = readFileSync(path, 'utf8');
      const name = path.split(sep).pop()!.replace(/\.ts$/, '');
      expect(text.startsWith(header), rel(path)).toBe(true);
      expect(text, rel(path)).toMatch(new RegExp(`\\nexport type ${name} = `));
    }
  });

  it('loads nothing from the network', () => {
    const html = readFileSync(join(UI, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script (CSP)
    const css = walk(SRC).filter((p) => p.endsWith('.css'));
    for (const path of css) expect(readFileSync(path, 'utf8'), rel(path)).not.toMatch(/url\(\s*['"]?(https?:)?\/\/|@import/i);
  });
});
