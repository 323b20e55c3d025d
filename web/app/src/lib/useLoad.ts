import { useCallback, useEffect, useRef, useState } from 'react';
import { SessionEndedError, UnreachableError, ApiError } from '../api/problem';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads data for a page; keeps what it had when a reload fails so nothing on screen vanishes. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const ref = useRef(load);
  ref.current = load;
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await ref.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine !== seq.current || e instanceof SessionEndedError) return;
      setError(describeError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload };
}

export function describeError(e: unknown): string {
  if (e instanceof UnreachableError) return 'We could not reach the server. Try again in a moment.';
  if (e instanceof ApiError) return e.summary;
  return 'Something went wrong. Try again.';
}

/** Text of any thrown error for a status line (the therapist pages' name for describeError). */
export const errorText = describeError;
