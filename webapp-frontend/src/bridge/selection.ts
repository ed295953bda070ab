import type { BridgeMapNav } from '../state/types';
import type { GalaxySystem, OrbitElement, OrbitMapData, StarMapData, SystemBody, SystemMapData } from './types';

/**
 * What a navigation means against the maps the client holds: which map each level needs,
 * whether what is selected exists, what the STAR MAP list shows and where a dive is offered.
 * Pure. A selection that names nothing in the loaded map is treated as no selection (the
 * screen never shows a reticle or an info panel for something that is not there).
 */

export type MapStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'error';

export interface MapResource<T> {
  status: MapStatus;
  data: T | null;
}

export interface LoadedMaps {
  star: MapResource<StarMapData>;
  system: MapResource<SystemMapData>;
  orbit: MapResource<OrbitMapData>;
}

/** The endpoint paths a navigation needs, relative to the app root; null where none. */
export function mapPaths(nav: BridgeMapNav): { star: string; system: string | null; orbit: string | null } {
  const enc = encodeURIComponent;
  const system = nav.level !== 'galaxy' && nav.system ? `api/system-map/${enc(nav.system)}/` : null;
  const orbit = nav.level === 'orbit' && nav.system && nav.body ? `api/orbit-map/${enc(nav.system)}/${enc(nav.body)}/` : null;
  return { star: 'api/star-map/', system, orbit };
}

export interface ResolvedSelection {
  level: BridgeMapNav['level'];
  /** the state of the map the level draws */
  status: MapStatus;
  /** the galaxy's system named by `nav.system` (any level), if the star map has it */
  system: GalaxySystem | null;
  /** system level: the selected body; orbit level: the body shown */
  body: SystemBody | null;
  /** orbit level: the selected moon, station or marker */
  element: OrbitElement | null;
  /** the ids that exist, for the scene and the tests: null where nothing valid is selected */
  ids: { system: string | null; body: string | null; station: string | null };
}

export function findElement(map: OrbitMapData | null, id: string | null): OrbitElement | null {
  if (!map || !id) return null;
  const is = (e: OrbitElement) => e.id === id || e.slug === id;
  return map.moons.find(is) ?? map.stations.find(is) ?? map.markers.find(is) ?? null;
}

export function resolveSelection(nav: BridgeMapNav, maps: LoadedMaps): ResolvedSelection {
  const star = maps.star.data;
  const sys = maps.system.data;
  const orb = maps.orbit.data;
  const system = (star && nav.system && star.systems.find((s) => s.id === nav.system || s.slug === nav.system)) || null;
  const body = (nav.level !== 'galaxy' && sys && nav.body && sys.bodies.find((b) => b.id === nav.body || b.slug === nav.body)) || null;
  const element = nav.level === 'orbit' ? findElement(orb, nav.station) : null;
  const status = nav.level === 'galaxy' ? maps.star.status : nav.level === 'system' ? maps.system.status : maps.orbit.status;
  let ids: ResolvedSelection['ids'];
  if (nav.level === 'galaxy') {
    ids = { system: system ? system.id : null, body: null, station: null };
  } else if (nav.level === 'system') {
    ids = { system: nav.system, body: body ? body.id : null, station: null };
  } else {
    ids = { system: nav.system, body: nav.body, station: element ? element.id : null };
  }
  return { level: nav.level, status, system, body, element, ids };
}

// ---- the STAR MAP list (bridge.md §2.5, with dives only where the map exists) ----

export interface ListRow {
  id: string;
  label: string;
  selected: boolean;
  /** a deeper map exists: the ▶ (enter) is offered */
  canEnter: boolean;
  /** small marks after the name: surface facilities, orbital stations, moons */
  marks: Array<{ symbol: string; title: string }>;
}

export interface ListSection {
  title: string;
  rows: ListRow[];
}

export interface ListModel {
  heading: string;
  /** "◀ BACK TO GALAXY" / "◀ BACK TO SYSTEM" */
  back: string | null;
  sections: ListSection[];
  empty: string | null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function bodyMarks(b: SystemBody): ListRow['marks'] {
  const marks: ListRow['marks'] = [];
  if (b.surfaceFacilityCount > 0) marks.push({ symbol: '▼', title: plural(b.surfaceFacilityCount, 'surface facility', 'surface facilities') });
  if (b.orbitalStationCount > 0) marks.push({ symbol: '◆', title: plural(b.orbitalStationCount, 'orbital station', 'orbital stations') });
  if (b.moonCount > 0) marks.push({ symbol: '○', title: plural(b.moonCount, 'moon', 'moons') });
  return marks;
}

export function listModel(nav: BridgeMapNav, maps: LoadedMaps): ListModel {
  const sel = resolveSelection(nav, maps);
  if (nav.level === 'galaxy') {
    const systems = maps.star.data?.systems ?? [];
    return {
      heading: 'STAR MAP',
      back: null,
      sections: [
        {
          title: '',
          rows: systems.map((s) => ({ id: s.id, label: s.name, selected: sel.ids.system === s.id, canEnter: s.hasSystemMap, marks: [] })),
        },
      ],
      empty: maps.star.status === 'ready' && systems.length === 0 ? 'No star systems found' : null,
    };
  }
  if (nav.level === 'system') {
    const bodies = maps.system.data?.bodies ?? [];
    return {
      heading: (sel.system?.name ?? maps.system.data?.star.name ?? nav.system ?? '').toUpperCase(),
      back: '◀ BACK TO GALAXY',
      sections: [
        {
          title: '',
          rows: bodies.map((b) => ({ id: b.id, label: b.name, selected: sel.ids.body === b.id, canEnter: b.hasOrbitMap, marks: bodyMarks(b) })),
        },
      ],
      empty: maps.system.status === 'ready' && bodies.length === 0 ? 'No planetary bodies in system' : null,
    };
  }
  const orb = maps.orbit.data;
  const row = (e: OrbitElement): ListRow => ({
    id: e.id,
    label: e.name,
    selected: sel.ids.station === e.id,
    canEnter: false,
    marks: e.kind === 'moon' && e.hasFacilities ? [{ symbol: '▼', title: 'facilities' }] : [],
  });
  const sections: ListSection[] = [
    { title: 'MOONS', rows: (orb?.moons ?? []).map(row) },
    { title: 'ORBITAL STATIONS', rows: (orb?.stations ?? []).map(row) },
    { title: 'SURFACE FACILITIES', rows: (orb?.markers ?? []).map(row) },
  ].filter((s) => s.rows.length > 0);
  return {
    heading: `ORBIT OF ${(orb?.planet.name ?? sel.body?.name ?? nav.body ?? '').toUpperCase()}`,
    back: '◀ BACK TO SYSTEM',
    sections,
    empty: maps.orbit.status === 'ready' && sections.length === 0 ? 'Nothing in orbit' : null,
  };
}

// ---- ENCOUNTER on a system, planet or moon (bridge.md §3, without its moon defect) ----

/** Location types the ENCOUNTER view draws as a 3D map scene. */
export const SCENE_LOCATION_TYPES = ['system', 'planet', 'moon'] as const;

export function isSceneLocation(locationType: string | undefined | null): boolean {
  return (SCENE_LOCATION_TYPES as readonly string[]).includes(String(locationType ?? '').toLowerCase());
}

/** What an encounter location asks for: the deepest map that can show it. */
export interface EncounterWant {
  system: string;
  /** the planet (for a moon: its parent) */
  body: string | null;
  /** the moon to select in its planet's orbit view */
  moon: string | null;
}

/**
 * From the location's type, slug and path (["sol", "earth", "luna"]): a system shows its
 * system map, a planet its orbit map, a moon its planet's orbit map with the moon selected.
 */
export function encounterWant(locationType: string, slug: string, path: readonly string[] | undefined): EncounterWant | null {
  const type = locationType.toLowerCase();
  const p = path && path.length > 0 ? path : [slug];
  if (type === 'system') return { system: p[0] || slug, body: null, moon: null };
  if (type === 'planet') return p.length >= 2 ? { system: p[0], body: slug, moon: null } : null;
  if (type === 'moon') return p.length >= 3 ? { system: p[0], body: p[p.length - 2], moon: slug } : p.length === 2 ? { system: p[0], body: null, moon: null } : null;
  return null;
}

/**
 * The navigation an encounter shows, given the maps loaded so far: as deep as the data
 * allows (a planet without an orbit map shows its system with the planet selected; a system
 * without a system map shows the galaxy with the system selected).
 */
export function encounterNav(want: EncounterWant, star: StarMapData | null, system: SystemMapData | null, systemStatus: MapStatus): BridgeMapNav {
  const galaxy: BridgeMapNav = {
    level: 'galaxy',
    system: star?.systems.find((s) => s.id === want.system || s.slug === want.system)?.id ?? want.system,
    body: null,
    station: null,
  };
  if (systemStatus === 'missing' || systemStatus === 'error') return galaxy;
  if (!want.body) return { level: 'system', system: want.system, body: null, station: null };
  if (!system) return { level: 'system', system: want.system, body: null, station: null };
  const body = system.bodies.find((b) => b.slug === want.body || b.id === want.body);
  if (!body) return { level: 'system', system: want.system, body: null, station: null };
  if (!body.hasOrbitMap) return { level: 'system', system: want.system, body: body.id, station: null };
  return { level: 'orbit', system: want.system, body: body.slug ?? body.id, station: want.moon };
}

/** The moon's element id in its planet's orbit map (by location slug or id). */
export function moonElementId(map: OrbitMapData | null, moon: string | null): string | null {
  if (!map || !moon) return null;
  const e = map.moons.find((m) => m.slug === moon || m.id === moon);
  return e ? e.id : null;
}
