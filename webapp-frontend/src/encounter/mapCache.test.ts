import { describe, expect, it } from 'vitest';
import { createMapCache, isUsableMap, MAP_CACHE_LIMIT, mapRequestKey, mapRequestPath, rememberMap } from './mapCache';
import { morriganMap } from '../test/fixtures';

describe('map cache', () => {
  it('the request path carries the deck id', () => {
    expect(mapRequestPath('api/encounter-map/', 'uscss_morrigan', 'deck_1')).toBe('api/encounter-map/uscss_morrigan/?deck_id=deck_1');
    expect(mapRequestPath('api/encounter-map/', 'outpost', '')).toBe('api/encounter-map/outpost/');
  });

  it('the key ignores rooms known to belong to another deck', () => {
    const cache = createMapCache();
    const k1 = mapRequestKey(cache, 'm', 'deck_1', ['bridge']);
    expect(mapRequestKey(cache, 'm', 'deck_1', ['bridge', 'cargo'])).not.toBe(k1); // cargo unknown: may be here
    const deck2 = { ...morriganMap(), current_deck_id: 'deck_2', current_deck: { ...morriganMap().current_deck, deck_id: 'deck_2', rooms: [{ id: 'cargo', name: 'Cargo', x: 0, y: 0, width: 1, height: 1 }] } };
    rememberMap(cache, 'x', 'm', deck2);
    expect(mapRequestKey(cache, 'm', 'deck_1', ['bridge', 'cargo'])).toBe(k1);
    expect(mapRequestKey(cache, 'other', 'deck_1', ['bridge'])).not.toBe(k1);
  });

  it('is bounded', () => {
    const cache = createMapCache();
    for (let i = 0; i < MAP_CACHE_LIMIT + 5; i++) rememberMap(cache, `k${i}`, 'm', morriganMap());
    expect(cache.entries.size).toBe(MAP_CACHE_LIMIT);
    expect(cache.entries.has('k0')).toBe(false);
  });

  it('rejects unusable answers', () => {
    expect(isUsableMap(morriganMap())).toBe(true);
    expect(isUsableMap({ current_deck: { rooms: 'x' } })).toBe(false);
    expect(isUsableMap(null)).toBe(false);
  });
});
