import { describe, expect, it } from 'vitest';
import type { BridgeMapNav } from '../state/types';
import { earthOrbitJson, solSystemJson, starMapJson } from '../test/bridgeFixtures';
import { parseOrbitMap, parseStarMap, parseSystemMap } from './adapters/maps';
import { infoFor } from './info';
import type { LoadedMaps } from './selection';

const nav = (n: Partial<BridgeMapNav>): BridgeMapNav => ({ level: 'galaxy', system: null, body: null, station: null, ...n });
const maps = (): LoadedMaps => ({
  star: { status: 'ready', data: parseStarMap(starMapJson()) },
  system: { status: 'ready', data: parseSystemMap(solSystemJson()) },
  orbit: { status: 'ready', data: parseOrbitMap(earthOrbitJson()) },
});
const asText = (m: ReturnType<typeof infoFor>) => m && [m.title, ...m.rows.map((r) => `${r.label}: ${r.value}`)];

describe('info panel', () => {
  it('galaxy: nothing without a selection; a system with its info.* and the map only when it exists', () => {
    expect(infoFor(nav({}), maps())).toBeNull();
    expect(asText(infoFor(nav({ system: 'sol' }), maps()))).toEqual([
      'SOL',
      'TYPE: STAR',
      "DESCRIPTION: Earth's home system",
      'POPULATION: ~8 billion',
      'COORDINATES: 0, 0, 0',
      'SYSTEM MAP: AVAILABLE',
    ]);
    expect(asText(infoFor(nav({ system: 'kepler-442' }), maps()))).not.toContain('SYSTEM MAP: AVAILABLE');
  });

  it('a body reads description and population from info.*, no invented units, empty rows left out', () => {
    expect(asText(infoFor(nav({ level: 'system', system: 'sol', body: 'earth' }), maps()))).toEqual([
      'EARTH',
      'TYPE: PLANET',
      "DESCRIPTION: Humanity's homeworld",
      'POPULATION: 8.2 billion',
      'ORBITAL RADIUS: 40',
      'ORBITAL PERIOD: 365 DAYS',
      'FACILITIES: 2 SURFACE · 1 MOON',
      'ORBIT MAP: AVAILABLE',
    ]);
    const belt = asText(infoFor(nav({ level: 'system', system: 'sol', body: 'main-belt' }), maps()))!;
    expect(belt).toContain('TYPE: ASTEROID BELT');
    expect(belt).toContain('BELT: 65 – 80');
  });

  it('system level without selection: the star and the system\'s galaxy info', () => {
    const t = asText(infoFor(nav({ level: 'system', system: 'sol' }), maps()))!;
    expect(t[0]).toBe('SOL');
    expect(t).toContain('STAR: G2V MAIN-SEQUENCE');
    expect(t).toContain('POPULATION: ~8 billion');
  });

  it('orbit: moons, stations and markers with their own type, status upper-cased, coordinates N/S E/W', () => {
    expect(asText(infoFor(nav({ level: 'orbit', system: 'sol', body: 'earth', station: 'luna' }), maps()))).toEqual([
      'LUNA',
      'TYPE: MOON',
      "DESCRIPTION: Earth's natural satellite",
      'POPULATION: ~2,500',
      'ORBITAL RADIUS: 40',
      'ORBITAL PERIOD: 180 DAYS',
      'FACILITIES: PRESENT',
    ]);
    expect(asText(infoFor(nav({ level: 'orbit', system: 'sol', body: 'earth', station: 'gateway-station' }), maps()))![1]).toBe('TYPE: COMMERCIAL/RESIDENTIAL');
    expect(asText(infoFor(nav({ level: 'orbit', system: 'sol', body: 'earth', station: 'research-base-alpha' }), maps()))).toEqual([
      'RESEARCH BASE ALPHA',
      'TYPE: RESEARCH',
      'DESCRIPTION: Classified research facility',
      'STATUS: OPERATIONAL',
      'COORDINATES: 39.8°N, 116.4°W',
    ]);
    expect(infoFor(nav({ level: 'orbit', system: 'sol', body: 'earth' }), maps())!.title).toBe('EARTH');
  });

  it('markup in the data stays text', () => {
    const m = maps();
    m.star.data!.systems[0].info.description = '<img src=x onerror=alert(1)>';
    expect(infoFor(nav({ system: 'sol' }), m)!.rows[1].value).toBe('<img src=x onerror=alert(1)>');
  });
});
