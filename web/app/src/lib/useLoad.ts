import { useCallback, useEffect, useRef, useState } from 'react';
import { SessionEndedError } from '../api/problem';

/** Loads data for a page: loading, the data, an error message, and reload() (e.g. on a notification). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): {
  data: T | undefined; error: string | null; loading: boolean; reload: () => Promise<void>;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const result = await loadRef.current();
      if (mine !== generation.current) return;
      setData(result);
      setError(null);
    } catch (err) {
      if (err instanceof SessionEndedError || mine !== generation.current) return;
      setError(err instanceof Error ? err.message : 'Something went wrong.');
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    setLoading(true);
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { data, error, loading, reload };
}

/** Text of any thrown error for a status line. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong.';
}
