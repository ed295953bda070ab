import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../api/http';
import type { MapResource } from './selection';

/**
 * Fetches the map JSON once per path for the life of a screen (bridge.md §10: the original
 * fetched every map twice per dive). A 404 is remembered as `missing` — the screen says
 * NO DATA instead of spinning forever; any other failure is dropped from the cache so the
 * next visit tries again. A map that has arrived is also available synchronously (`peek`):
 * a navigation to a map already fetched (or prefetched) draws in the same render, without a
 * "loading" pass in between.
 */
export type JsonFetcher = (path: string, signal?: AbortSignal) => Promise<unknown>;

export interface MapLoader {
  load(path: string): Promise<unknown>;
  /** the JSON of `path` if it has arrived, else undefined */
  peek?(path: string): unknown;
}

export class MapMissing extends Error {}

const defaultFetcher: JsonFetcher = (path, signal) => getJson<unknown>(path, { signal });

export function createMapLoader(fetcher: JsonFetcher = defaultFetcher): MapLoader {
  const cache = new Map<string, Promise<unknown>>();
  const arrived = new Map<string, unknown>();
  return {
    load(path: string) {
      let p = cache.get(path);
      if (!p) {
        p = fetcher(path).then(
          (raw) => {
            arrived.set(path, raw);
            return raw;
          },
          (e: unknown) => {
            if (e instanceof ApiError && e.status === 404) throw new MapMissing(e.message);
            cache.delete(path);
            throw e;
          },
        );
        cache.set(path, p);
      }
      return p;
    },
    peek(path: string) {
      return arrived.get(path);
    },
  };
}

/**
 * One parsed map per JSON object and parser, and one resource object per parsed map: the
 * same map read again is the same object, so the layouts and scenes built from it are kept.
 */
const parsed = new WeakMap<(raw: unknown) => unknown, WeakMap<object, MapResource<unknown>>>();

function readyResource<T>(parse: (raw: unknown) => T, raw: unknown): MapResource<T> {
  if (typeof raw !== 'object' || raw === null) return { status: 'ready', data: parse(raw) };
  let byRaw = parsed.get(parse);
  if (!byRaw) parsed.set(parse, (byRaw = new WeakMap()));
  let res = byRaw.get(raw) as MapResource<T> | undefined;
  if (!res) byRaw.set(raw, (res = { status: 'ready', data: parse(raw) }));
  return res;
}

const IDLE = { status: 'idle', data: null } as const;
const LOADING = { status: 'loading', data: null } as const;

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
    setState((s) => (s.path === path && s.res.status === 'ready' ? s : { path, res: LOADING }));
    loader.load(path).then(
      (raw) => {
        if (!live) return;
        let res: MapResource<T>;
        try {
          res = readyResource(parse, raw);
        } catch (e) {
          setState({ path, res: { status: 'error', data: null } });
          onProblem?.(`Map ${path}: ${e instanceof Error ? e.message : String(e)}`);
          return;
        }
        setState((s) => (s.path === path && s.res === res ? s : { path, res }));
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
  if (state.path === path && state.res.status !== 'loading') return state.res;
  // arrived before (or prefetched): ready in this render; a broken one is reported by the effect
  const raw = loader.peek?.(path);
  if (raw !== undefined) {
    try {
      return readyResource(parse, raw);
    } catch {
      return LOADING;
    }
  }
  return LOADING;
}
