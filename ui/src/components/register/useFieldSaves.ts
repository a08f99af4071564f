import { useState } from 'react';
import { localizeError } from '../../services';
import type { SaveState } from '../AutosaveField';

/**
 * The bookkeeping of an edit form whose fields save themselves one at a time (see EditDrawer): the
 * save state its header shows, and each field's refusal, shown beside it (SavedField) until that
 * field saves. `store(field, value)` writes one field and passes the stored record on. `save` runs
 * it at once (a select, a switch, a date); `run` runs any other write of one field (`Extra` names
 * fields that `store` does not write); `autosave(field)` gives an AutosaveField, which shows its
 * own refusal, what it needs.
 */
export function useFieldSaves<F extends string, Extra extends string = never>(store: (field: F, value: string) => Promise<void>) {
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<Partial<Record<F | Extra, string>>>({});

  async function run(field: F | Extra, write: () => Promise<unknown>) {
    setState('saving');
    try {
      await write();
      setErrors((e) => ({ ...e, [field]: undefined }));
      setState('saved');
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: localizeError(error) }));
      setState('idle');
    }
  }

  const save = (field: F, value: string) => run(field, () => store(field, value));
  const autosave = (field: F) => ({ onState: setState, onSave: (value: string) => store(field, value) });

  return { state, errors, run, save, autosave };
}
