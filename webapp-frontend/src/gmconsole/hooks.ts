import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../api/http';
import { useStore } from '../state/store';
import type { ActiveView } from '../state/types';
import { selectGmView } from './optimistic';
import type { GmStore } from './store';

/** A slice of what the console shows: the server's state with the GM's pending writes on top. */
export function useGmView<T>(store: GmStore, selector: (view: ActiveView | null) => T, isEqual?: (a: T, b: T) => boolean): T {
  const select = useCallback((s: Parameters<typeof selectGmView>[0]) => selector(selectGmView(s)), [selector]);
  return useStore(store, select, isEqual);
}

export interface JsonResource<T> {
  data: T | null;
  error: string;
  status: number;
  loading: boolean;
  reload: () => void;
}

/**
 * GET a JSON resource when `path` (or `key`) changes, or on `reload()`. Not a poll: it is
 * fetched on demand only. The last good data stays while a new request runs or fails.
 */
export function useJson<T>(path: string | null, key: unknown = null, onAuthLost?: () => void): JsonResource<T> {
  const [state, setState] = useState<{ data: T | null; error: string; status: number; loading: boolean }>({
    data: null,
    error: '',
    status: 0,
    loading: !!path,
  });
  const [tick, setTick] = useState(0);
  const authRef = useRef(onAuthLost);
  authRef.current = onAuthLost;
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(path, { signal: controller.signal })
      .then((data) => {
        if (!controller.signal.aborted) setState({ data, error: '', status: 200, loading: false });
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const status = e instanceof ApiError ? e.status : 0;
        if (status === 401) authRef.current?.();
        setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e), status, loading: false }));
      });
    return () => controller.abort();
  }, [path, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
