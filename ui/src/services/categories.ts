// The three categories of SPC 2020 Art. 1. They cross IPC as codes (technical, business,
// other_commercial), listed in the core's order by the generated ./bindings/wire; the locale files
// word them under `categories.<code>`. The type check below fails to compile if the zh-CN keys
// and the generated `Category` type ever disagree.
import type zhCN from '../locales/zh-CN.json';
import type { Category } from './bindings/Category';

export { CATEGORIES } from './bindings/wire';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const categoriesMatchBindings: Same<keyof (typeof zhCN)['categories'], Category> = true;
void categoriesMatchBindings;

/** The locale key of a category's display name. */
export function categoryKey(category: Category): string {
  return `categories.${category}`;
}

/** The sub-types the core offers for a category (PointChoices.subtypes is keyed by category code). */
export function subtypesOf(subtypes: Partial<Record<string, string[]>>, category: Category): string[] {
  return subtypes[category] ?? [];
}
