import { toAppError } from '../../services';

/**
 * The form field a refusal of the core belongs beside, so that a form can show it there rather
 * than in a general alert. A refusal that names a field (FIELD_INVALID, DATE_IN_FUTURE) carries its
 * stable id in `params.key`: the field's name in the records the UI sends and receives, which is
 * also the form's field name, so it is matched against `fields` as it is. `codes` maps error codes
 * that always concern one field (LEVEL_UNKNOWN, SECRET_POINT_NOT_FOUND, ...) to it, and is
 * checked first.
 */
export function fieldOfError<F extends string>(
  error: unknown,
  fields: readonly string[],
  codes: Partial<Record<string, F>> = {},
): F | undefined {
  const e = toAppError(error);
  if (e.code in codes) return codes[e.code];
  const key = e.params.key;
  if (typeof key !== 'string' || !key) return undefined;
  return fields.includes(key) ? (key as F) : undefined;
}
