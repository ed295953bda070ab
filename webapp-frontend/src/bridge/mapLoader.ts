import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../api/http';
import type { MapResource } from './selection';

/**
 * Fetches the map JSON once per path for the life of a screen (bridge.md §10: the original
 * fetched every map twice per dive). A 404 is remembered as `missing` — the screen says
 * NO DATA instead of spinning forever; any other failure is dropped from the cache so the
 * next visit tries again.
 */
export type JsonFetcher = (path: string, signal?: AbortSignal) => Promise<unknown>;

export interface MapLoader {
  load(path: string): Promise<unknown>;
}

export class MapMissing extends Error {}

const defaultFetcher: JsonFetcher = (path, signal) => getJson<unknown>(path, { signal });

export function createMapLoader(fetcher: JsonFetcher = defaultFetcher): MapLoader {
  const cache = new Map<string, Promise<unknown>>();
  return {
    load(path: string) {
      let p = cache.get(path);
      if (!p) {
        p = fetcher(path).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) throw new MapMissing(e.message);
          cache.delete(path);
          throw e;
        });
        cache.set(path, p);
      }
      return p;
    },
  };
}

const IDLE = { status: 'idle', data: null } as const;

/** The parsed map at `path` (null: none wanted) as a resource that never throws. */
export function useMapResource<T>(
  loader: MapLoader,
  path: string | null,
  parse: (raw: unknown) => T,
  onProblem?: (message: string) => void,
): MapResource<T> {
  const [state, setState] = useState<{ path: string | null; res: MapResource<T> }>({ path: null, res: IDLE });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => (s.path === path && s.res.status === 'ready' ? s : { path, res: { status: 'loading', data: null } }));
    loader.load(path).then(
      (raw) => {
        if (!live) return;
        let data: T;
        try {
          data = parse(raw);
        } catch (e) {
          setState({ path, res: { status: 'error', data: null } });
          onProblem?.(`Map ${path}: ${e instanceof Error ? e.message : String(e)}`);
          return;
        }
        setState({ path, res: { status: 'ready', data } });
      },
      (e: unknown) => {
        if (!live) return;
        const missing = e instanceof MapMissing;
        setState({ path, res: { status: missing ? 'missing' : 'error', data: null } });
        if (!missing) onProblem?.(`Map ${path}: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    return () => {
      live = false;
    };
    // parse and onProblem are stable module functions / callbacks read at resolve time
  }, [loader, path]);
  if (!path) return IDLE;
  return state.path === path ? state.res : { status: 'loading', data: null };
}
