import { useEffect, useRef, useState } from 'react';
import { getJson } from '../api/http';
import type { EncounterMapData } from '../state/types';

/**
 * Map data of the displayed deck, fetched only when the location, the deck, or the set
 * of revealed rooms that may belong to that deck changes, and cached by that key.
 *
 * The player's map contains only revealed rooms, so a newly revealed room needs a new
 * request. Visibility is one flat map for the whole location; rooms already seen on
 * another deck's map are left out of this deck's key, so revealing a room elsewhere does
 * not refetch this deck.
 */

export type MapFetcher = (path: string, signal: AbortSignal) => Promise<EncounterMapData>;

export interface MapCache {
  entries: Map<string, EncounterMapData>;
  /** `${slug}\u0000${roomId}` -> deck id the room was seen on */
  roomDecks: Map<string, string>;
}

/** Entries kept per cache (a session visits few decks). */
export const MAP_CACHE_LIMIT = 32;

export function createMapCache(): MapCache {
  return { entries: new Map(), roomDecks: new Map() };
}

export function mapRequestPath(basePath: string, slug: string, deckId: string): string {
  const q = deckId ? `?deck_id=${encodeURIComponent(deckId)}` : '';
  return `${basePath}${encodeURIComponent(slug)}/${q}`;
}

/** The cache key: location, deck, and the revealed rooms that may be on this deck. */
export function mapRequestKey(cache: MapCache, slug: string, deckId: string, revealed: readonly string[]): string {
  const mine = revealed.filter((room) => {
    const seenOn = cache.roomDecks.get(`${slug}\u0000${room}`);
    return seenOn === undefined || seenOn === deckId;
  });
  return `${slug}\u0001${deckId}\u0001${mine.join(',')}`;
}

export function rememberMap(cache: MapCache, key: string, slug: string, data: EncounterMapData): void {
  const deck = data.current_deck?.deck_id || data.current_deck_id || '';
  for (const room of data.current_deck?.rooms ?? []) cache.roomDecks.set(`${slug}\u0000${room.id}`, deck);
  cache.entries.delete(key);
  cache.entries.set(key, data);
  while (cache.entries.size > MAP_CACHE_LIMIT) {
    const oldest = cache.entries.keys().next().value as string;
    cache.entries.delete(oldest);
  }
}

/** Minimal sanity check of a map answer, so a broken one is reported rather than drawn. */
export function isUsableMap(data: unknown): data is EncounterMapData {
  if (!data || typeof data !== 'object') return false;
  const deck = (data as EncounterMapData).current_deck;
  return (
    !!deck &&
    typeof deck === 'object' &&
    !!deck.grid &&
    typeof deck.grid.width === 'number' &&
    typeof deck.grid.height === 'number' &&
    Array.isArray(deck.rooms)
  );
}

const defaultFetcher: MapFetcher = (path, signal) => getJson<EncounterMapData>(path, { signal });

export interface EncounterMapResult {
  /** the map to draw: the latest good one for this location and deck, else null */
  map: EncounterMapData | null;
  loading: boolean;
  /** the last request for this location/deck failed */
  failed: boolean;
}

export interface UseEncounterMapOptions {
  slug: string;
  deckId: string;
  revealed: readonly string[];
  /** 'api/encounter-map/' for players, 'api/gm/encounter-map/' for the GM */
  basePath?: string;
  cache?: MapCache;
  fetcher?: MapFetcher;
  onProblem?: (message: string) => void;
}

const sharedCache = createMapCache();

export function useEncounterMap({
  slug,
  deckId,
  revealed,
  basePath = 'api/encounter-map/',
  cache = sharedCache,
  fetcher = defaultFetcher,
  onProblem,
}: UseEncounterMapOptions): EncounterMapResult {
  const key = slug ? mapRequestKey(cache, slug, deckId, revealed) : '';
  const place = `${slug}\u0001${deckId}`;
  const [state, setState] = useState<{ place: string; map: EncounterMapData | null; loading: boolean; failed: boolean }>(
    () => ({ place, map: (key && cache.entries.get(key)) || null, loading: false, failed: false }),
  );
  const problemRef = useRef(onProblem);
  problemRef.current = onProblem;

  useEffect(() => {
    if (!slug) return;
    const cached = cache.entries.get(key);
    if (cached) {
      setState({ place, map: cached, loading: false, failed: false });
      return;
    }
    const controller = new AbortController();
    // keep drawing the previous map of the same place while the new one loads
    setState((s) => (s.place === place ? { ...s, loading: true } : { place, map: null, loading: true, failed: false }));
    fetcher(mapRequestPath(basePath, slug, deckId), controller.signal)
      .then((data) => {
        if (controller.signal.aborted) return;
        if (!isUsableMap(data)) throw new Error('Map data is not usable');
        rememberMap(cache, key, slug, data);
        setState({ place, map: data, loading: false, failed: false });
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        problemRef.current?.(`Map ${slug}/${deckId || '-'}: ${message}`);
        setState((s) => (s.place === place ? { ...s, loading: false, failed: true } : { place, map: null, loading: false, failed: true }));
      });
    return () => controller.abort();
    // `key` encodes slug, deck and the relevant revealed rooms
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, basePath, cache, fetcher]);

  if (!slug) return { map: null, loading: false, failed: false };
  if (state.place !== place) return { map: null, loading: true, failed: false };
  return { map: state.map, loading: state.loading, failed: state.failed };
}
