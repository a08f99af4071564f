import i18n from '../../i18n';
import { toAppError } from '../../services';

/**
 * The form field a refusal of the core belongs beside, so that a form can show it there rather
 * than in a general alert. The core names the field it refused (FIELD_INVALID, DATE_IN_FUTURE) by
 * its Chinese label in `params.field`; `labels` gives, for each form field, the locale key whose
 * zh-CN text is that label, so no label is repeated in code. `codes` maps error codes that always
 * concern one field (LEVEL_UNKNOWN, SECRET_POINT_NOT_FOUND, ...) to it, and is checked first.
 */
export function fieldOfError<F extends string>(
  error: unknown,
  labels: Partial<Record<F, string>>,
  codes: Partial<Record<string, F>> = {},
): F | undefined {
  const e = toAppError(error);
  if (e.code in codes) return codes[e.code];
  const named = e.params.field;
  if (typeof named !== 'string' || !named) return undefined;
  const zh = i18n.getFixedT('zh-CN');
  return (Object.keys(labels) as F[]).find((f) => zh(labels[f] as string) === named);
}

/** The label keys of `fields` under one prefix: `labelKeys(['title'], 'rules.coreLabel')` is `{ title: 'rules.coreLabel.title' }`. */
export function labelKeys<F extends string>(fields: readonly F[], prefix: string): Record<F, string> {
  return Object.fromEntries(fields.map((f) => [f, `${prefix}.${f}`])) as Record<F, string>;
}
