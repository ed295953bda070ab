import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
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

/**
 * Keeps the GM map's room labels readable at any map scale: the map is an SVG fitted to its box,
 * so a label of 11 user units is 7 px on a laptop. This puts the SVG's user units per screen
 * pixel on the box as --gm-map-units-per-px; gmconsole.css sizes the labels with it. It follows
 * the box's size (ResizeObserver) and the map's zoom and pan (its viewBox attribute).
 */
export function useMapUnitsPerPixel(boxRef: RefObject<HTMLElement | null>, mounted: boolean): void {
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const update = () => {
      const m = box.querySelector('svg')?.getScreenCTM?.();
      const scale = m ? Math.hypot(m.a, m.b) : 0;
      if (scale > 0) box.style.setProperty('--gm-map-units-per-px', (1 / scale).toFixed(4));
    };
    update();
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    resize?.observe(box);
    const mutation = typeof MutationObserver === 'undefined' ? null : new MutationObserver(update);
    mutation?.observe(box, { subtree: true, childList: true, attributes: true, attributeFilter: ['viewBox'] });
    return () => {
      resize?.disconnect();
      mutation?.disconnect();
    };
  }, [boxRef, mounted]);
}
