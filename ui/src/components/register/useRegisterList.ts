// The state of a register screen: its records and the record being edited (useRegisterList), and
// what the step does after every change the core accepted (useStepChanged).
import { useState } from 'react';
import { App as AntApp } from 'antd';
import { localizeError } from '../../services';

/**
 * The records of one register as a screen holds them: `items` (null until read; `set` stores what
 * was read), the record open in the edit drawer (`editing`, opened and closed with `edit`), and the
 * changes the core accepted: `added` appends a new record, `saved` puts a stored record in place of
 * the old one, `remove` deletes one after its Popconfirm (closing the drawer if it shows it). Each
 * keeps the list in `order` when one is given, announces the change when given a text, and calls
 * `changed` (see useStepChanged); a refused delete is shown as a message.
 */
export function useRegisterList<T extends { id: number }>(changed: () => void, order?: (a: T, b: T) => number) {
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<T[] | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const ordered = (list: T[]) => (order ? list.sort(order) : list);

  function added(item: T, done?: string) {
    setItems((list) => ordered([...(list ?? []), item]));
    if (done) void message.success(done);
    changed();
  }

  function saved(item: T) {
    setItems((list) => ordered((list ?? []).map((x) => (x.id === item.id ? item : x))));
    changed();
  }

  /** Deletes `item` with `erase`; returns the promise, so that the Popconfirm waits for it. */
  async function remove(item: T, erase: () => Promise<unknown>, done: string) {
    try {
      await erase();
      setItems((list) => (list ?? []).filter((x) => x.id !== item.id));
      if (editingId === item.id) setEditingId(null);
      void message.success(done);
      changed();
    } catch (error) {
      void message.error(localizeError(error));
    }
  }

  const editing = items?.find((x) => x.id === editingId) ?? null;
  return { items, set: setItems, editing, edit: setEditingId, added, saved, remove };
}

/**
 * What a step does after each change the core accepted: its registers decide derived criteria, so
 * `changed` bumps `criteriaKey` (the CriteriaPanel's reloadKey, which reads the criteria again) and
 * tells the page (`onChanged`, which refreshes the step progress).
 */
export function useStepChanged(onChanged?: () => void) {
  const [criteriaKey, setCriteriaKey] = useState(0);
  const changed = () => {
    setCriteriaKey((k) => k + 1);
    onChanged?.();
  };
  return { criteriaKey, changed };
}
