// Every user-visible string, by language. The main files (zh-CN.json, en.json) hold the shared
// namespaces (errors, common texts …); a screen may keep its own namespace in
// parts/<namespace>.<language>.json, merged here under <namespace>. The locale tests check the
// merged trees: same keys in both languages, and no part shadows a main namespace.
import zhCN from './zh-CN.json';
import en from './en.json';

export type Tree = { [key: string]: string | Tree };

const PARTS = import.meta.glob<Tree>('./parts/*.json', { eager: true, import: 'default' });

/** The parts of one language: namespace → tree. */
export function partsOf(language: string): Record<string, Tree> {
  const out: Record<string, Tree> = {};
  for (const [path, tree] of Object.entries(PARTS)) {
    const m = /\/([A-Za-z0-9]+)\.([A-Za-z-]+)\.json$/.exec(path);
    if (m && m[2] === language) out[m[1]] = tree;
  }
  return out;
}

export const MAIN: Record<'zh-CN' | 'en', Tree> = { 'zh-CN': zhCN as Tree, en: en as Tree };

/** The merged tree of each language. */
export const RESOURCES: Record<'zh-CN' | 'en', Tree> = {
  'zh-CN': { ...partsOf('zh-CN'), ...MAIN['zh-CN'] },
  en: { ...partsOf('en'), ...MAIN.en },
};
