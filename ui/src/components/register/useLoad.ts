import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { localizeError } from '../../services';

/**
 * Reads what a screen shows when it opens, again whenever `deps` change, and when the user retries.
 * `read` fetches from the core and stores what it got (in the screen's state); a failure is kept,
 * localized, as `loadError`, which the screen shows with LoadFailed, whose retry calls `reload`.
 * `deps` are the values `read` depends on (like useCallback's).
 */
export function useLoad(read: () => Promise<void>, deps: DependencyList) {
  const [loadError, setLoadError] = useState<string | null>(null);

  // `read` is a new function on every render; `deps` say when it reads something else.
  const reload = useCallback(async () => {
    setLoadError(null);
    try {
      await read();
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    void reload();
  }, [reload]);

  return { loadError, reload };
}
