import { describe, expect, it } from 'vitest';
import type { BridgeMapNav } from '../state/types';
import { earthOrbitJson, solSystemJson, starMapJson } from '../test/bridgeFixtures';
import { parseOrbitMap, parseStarMap, parseSystemMap } from './adapters/maps';
import { encounterNav, encounterWant, isSceneLocation, listModel, mapPaths, moonElementId, resolveSelection, type LoadedMaps } from './selection';

const nav = (n: Partial<BridgeMapNav>): BridgeMapNav => ({ level: 'galaxy', system: null, body: null, station: null, ...n });

function maps(): LoadedMaps {
  return {
    star: { status: 'ready', data: parseStarMap(starMapJson()) },
    system: { status: 'ready', data: parseSystemMap(solSystemJson()) },
    orbit: { status: 'ready', data: parseOrbitMap(earthOrbitJson()) },
  };
}

describe('selection validity', () => {
  it('names only what exists in the loaded map', () => {
    expect(resolveSelection(nav({ system: 'sol' }), maps()).ids).toEqual({ system: 'sol', body: null, station: null });
    expect(resolveSelection(nav({ system: 'atlantis' }), maps()).ids.system).toBeNull();
    expect(resolveSelection(nav({ level: 'system', system: 'sol', body: 'earth' }), maps()).ids).toEqual({ system: 'sol', body: 'earth', station: null });
    expect(resolveSelection(nav({ level: 'system', system: 'sol', body: 'pluto' }), maps()).ids.body).toBeNull();
    const orbit = resolveSelection(nav({ level: 'orbit', system: 'sol', body: 'earth', station: 'luna' }), maps());
    expect(orbit.element?.kind).toBe('moon');
    expect(orbit.ids.station).toBe('luna');
    expect(resolveSelection(nav({ level: 'orbit', system: 'sol', body: 'earth', station: 'ghost' }), maps()).ids.station).toBeNull();
  });

  it('asks for one map per level, and the level status is its map\'s', () => {
    expect(mapPaths(nav({ system: 'sol' }))).toEqual({ star: 'api/star-map/', system: null, orbit: null });
    expect(mapPaths(nav({ level: 'orbit', system: 'sol', body: 'earth' }))).toEqual({
      star: 'api/star-map/',
      system: 'api/system-map/sol/',
      orbit: 'api/orbit-map/sol/earth/',
    });
    const m = maps();
    m.system = { status: 'missing', data: null };
    expect(resolveSelection(nav({ level: 'system', system: 'kepler-442' }), m).status).toBe('missing');
  });
});

describe('STAR MAP list', () => {
  it('galaxy: every system (labels ignored), a dive only where a system map exists', () => {
    const l = listModel(nav({ system: 'sol' }), maps());
    const rows = l.sections[0].rows;
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.canEnter).map((r) => r.id)).toEqual(['sol', 'proxima-centauri', 'tau-ceti', 'luyten-star', 'ross-128']);
    expect(rows.find((r) => r.selected)?.id).toBe('sol');
    expect(l.back).toBeNull();
  });

  it('system: bodies with facility, station and moon marks; dives where an orbit map exists', () => {
    const l = listModel(nav({ level: 'system', system: 'sol', body: 'earth' }), maps());
    const earth = l.sections[0].rows.find((r) => r.id === 'earth')!;
    expect(earth.marks.map((m) => m.symbol)).toEqual(['▼', '○']);
    expect(earth.marks[0].title).toBe('2 surface facilities');
    expect(l.sections[0].rows.filter((r) => r.canEnter).map((r) => r.id)).toEqual(['earth', 'saturn']);
    expect(l.back).toBe('◀ BACK TO GALAXY');
  });

  it('orbit: moons, stations and surface facilities in sections; empty lists say so', () => {
    const l = listModel(nav({ level: 'orbit', system: 'sol', body: 'earth' }), maps());
    expect(l.heading).toBe('ORBIT OF EARTH');
    expect(l.sections.map((s) => [s.title, s.rows.length])).toEqual([
      ['MOONS', 1],
      ['ORBITAL STATIONS', 1],
      ['SURFACE FACILITIES', 2],
    ]);
    const empty: LoadedMaps = { ...maps(), star: { status: 'ready', data: parseStarMap({}) } };
    expect(listModel(nav({}), empty).empty).toBe('No star systems found');
  });
});

describe('ENCOUNTER on system, planet and moon', () => {
  it('only those three types are scenes', () => {
    expect(['System', 'planet', 'MOON'].map(isSceneLocation)).toEqual([true, true, true]);
    expect(['station', 'ship', '', undefined].map(isSceneLocation)).toEqual([false, false, false, false]);
  });

  it('a system shows its system map, a planet its orbit map, a moon its planet\'s orbit map with the moon selected', () => {
    expect(encounterWant('system', 'sol', ['sol'])).toEqual({ system: 'sol', body: null, moon: null });
    expect(encounterWant('planet', 'earth', ['sol', 'earth'])).toEqual({ system: 'sol', body: 'earth', moon: null });
    expect(encounterWant('moon', 'luna', ['sol', 'earth', 'luna'])).toEqual({ system: 'sol', body: 'earth', moon: 'luna' });
    const m = maps();
    const want = encounterWant('moon', 'luna', ['sol', 'earth', 'luna'])!;
    expect(encounterNav(want, m.star.data, m.system.data, 'ready')).toEqual({ level: 'orbit', system: 'sol', body: 'earth', station: 'luna' });
    expect(moonElementId(m.orbit.data, 'luna')).toBe('luna');
  });

  it('falls back to the deepest map there is: a planet without orbit map → its system with it selected; no system map → the galaxy', () => {
    const m = maps();
    expect(encounterNav({ system: 'sol', body: 'mars', moon: null }, m.star.data, m.system.data, 'ready')).toEqual({ level: 'system', system: 'sol', body: 'mars', station: null });
    expect(encounterNav({ system: 'kepler-442', body: 'kepler-442b', moon: null }, m.star.data, null, 'missing')).toEqual({ level: 'galaxy', system: 'kepler-442', body: null, station: null });
  });
});
