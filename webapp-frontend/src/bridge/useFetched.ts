import { useEffect, useRef, useState } from 'react';
import { getJson } from '../api/http';

export interface Fetched<T> {
  data: T | null;
  loading: boolean;
  failed: boolean;
}

/**
 * GET `path` through an adapter, again whenever `key` changes (the BRIDGE disclosure
 * revision: no polling). The last good data stays on screen while a refetch runs or fails.
 */
export function useFetched<T>(path: string, key: unknown, adapt: (raw: unknown) => T, onProblem?: (message: string) => void): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ data: null, loading: true, failed: false });
  const problem = useRef(onProblem);
  problem.current = onProblem;
  const adaptRef = useRef(adapt);
  adaptRef.current = adapt;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    getJson<unknown>(path, { signal: controller.signal })
      .then((raw) => {
        if (!controller.signal.aborted) setState({ data: adaptRef.current(raw), loading: false, failed: false });
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, failed: true }));
        problem.current?.(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      });
    return () => controller.abort();
  }, [path, key]);
  return state;
}
