// i18n set-up: every user-visible string lives in ./locales (same keys in both languages).
// Chinese is the default; English is a switch in the header.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { RESOURCES } from './locales';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'midun.language';
const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

const initial = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: RESOURCES['zh-CN'] },
    en: { translation: RESOURCES.en },
  },
  lng: initial,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // React escapes output itself.
  interpolation: { escapeValue: false },
  returnNull: false,
});
dayjs.locale(DAYJS_LOCALE[initial]);
document.documentElement.lang = initial;

/** The current UI language (one of LANGUAGES). */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

/** Switches the UI language: texts, dayjs dates, the html lang attribute; remembered locally. */
export async function setLanguage(lng: Language): Promise<void> {
  dayjs.locale(DAYJS_LOCALE[lng]);
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
  await i18n.changeLanguage(lng);
}

export default i18n;
