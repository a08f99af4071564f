// The one place where an error becomes text for the user.
import i18n from '../i18n';
import type { AppError } from './bindings/AppError';

/** Code used for rejections that did not come from Rust as an AppError. */
export const UNKNOWN_ERROR = 'UNKNOWN';

function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/** Normalises anything a command may reject with into an AppError. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) {
    const params = typeof error.params === 'object' && error.params !== null ? error.params : {};
    return { code: error.code, message: error.message, params };
  }
  if (typeof error === 'string') return { code: UNKNOWN_ERROR, message: error, params: {} };
  return { code: UNKNOWN_ERROR, message: '', params: {} };
}

/** True when `error` is an AppError with the given code. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return isAppError(error) && error.code === code;
}

/**
 * Turns an error into a localized sentence: the locale's `errors.<code>` with the error's params
 * when that key exists, else Rust's (Chinese) message, else a generic sentence.
 */
export function localizeError(error: unknown): string {
  const appError = toAppError(error);
  const key = `errors.${appError.code}`;
  if (appError.code && i18n.exists(key)) {
    // A refusal that names the nearest allowed value has its own wording (`<key>_nearest`).
    const near = appError.params.nearest;
    if (near && i18n.exists(`${key}_nearest`)) return i18n.t(`${key}_nearest`, { ...appError.params });
    return i18n.t(key, { ...appError.params });
  }
  if (appError.message.trim()) return appError.message;
  return i18n.t('errors.generic');
}
