// The three categories of SPC 2020 Art. 1. The values are the Rust enum's (Chinese) wire values;
// they are listed once, as the keys of `categories` in the zh-CN locale file, so that no Chinese
// literal appears in code. The type check below fails to compile if the keys and the generated
// `Category` type ever disagree.
import zhCN from '../locales/zh-CN.json';
import type { Category } from './bindings/Category';

type LocaleCategory = keyof typeof zhCN.categories;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const categoriesMatchBindings: Same<LocaleCategory, Category> = true;
void categoriesMatchBindings;

/** All categories in their canonical order (technical, business, other). */
export const CATEGORIES: readonly Category[] = Object.keys(zhCN.categories) as Category[];

/** The locale key of a category's display name. */
export function categoryKey(category: Category): string {
  return `categories.${category}`;
}
