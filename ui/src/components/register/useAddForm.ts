import { useState } from 'react';
import { Form } from 'antd';
import { localizeError } from '../../services';
import { fieldOfError } from './fieldOfError';

/**
 * The state of a form that adds a record to a register: the antd form, whether it is saving, and
 * the refusal that names no field of it. `submit(write)` runs one add (`write` calls the core and
 * passes the new record on); a refusal that names a field of the form (its `params.key`, or one of
 * `codes`, see fieldOfError) is shown beside that field, any other in `error`. `setError` lets a
 * form that shows other failures (reading, deleting) in the same place use it too.
 */
export function useAddForm<V>(codes: Partial<Record<string, keyof V & string>> = {}) {
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(write: () => Promise<void>) {
    setSaving(true);
    setError(null);
    try {
      await write();
    } catch (e) {
      // The fields the form has, by name (the names of the record's properties).
      const fields = form.getFieldsError().map((f) => f.name.join('.'));
      const field = fieldOfError<keyof V & string>(e, fields, codes);
      if (field) form.setFields([{ name: field as never, errors: [localizeError(e)] }]);
      else setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  return { form, saving, error, setError, submit };
}
