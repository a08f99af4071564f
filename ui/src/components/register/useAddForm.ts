import { useState } from 'react';
import { Form } from 'antd';
import { localizeError } from '../../services';
import { fieldOfError } from './fieldOfError';

/**
 * The state of a form that adds a record to a register: the antd form, whether it is saving, and
 * the refusal that names no field of it. `submit(write)` runs one add (`write` calls the core and
 * passes the new record on); a refusal that names a field of the form (see fieldOfError, with
 * `labels` and `codes`) is shown beside that field, any other in `error`. `setError` lets a form
 * that shows other failures (reading, deleting) in the same place use it too.
 */
export function useAddForm<V>(labels: Partial<Record<keyof V & string, string>>, codes: Partial<Record<string, keyof V & string>> = {}) {
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(write: () => Promise<void>) {
    setSaving(true);
    setError(null);
    try {
      await write();
    } catch (e) {
      const field = fieldOfError(e, labels, codes);
      if (field) form.setFields([{ name: field as never, errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return { form, saving, error, setError, submit };
}
