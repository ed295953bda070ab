import type { BridgeMapNav } from '../state/types';
import { resolveSelection, type LoadedMaps } from './selection';
import type { GalaxySystem, InfoFields, OrbitElement, SystemBody } from './types';

/**
 * The info panel's content (bridge.md §2.6, without its defects): a title and `LABEL: value`
 * rows, empty values left out. Descriptions and the like are read from `info.*` where the
 * data has them; units are shown only where the data defines them (periods are in days,
 * angles in degrees; radii are scene units, shown bare). Plain strings: the panel renders
 * them as text, never as markup.
 */
export interface InfoRow {
  label: string;
  value: string;
}

export interface InfoModel {
  title: string;
  rows: InfoRow[];
}

function words(s: string): string {
  return s.replace(/_/g, ' ').toUpperCase();
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

function rows(list: Array<[string, string | null | undefined]>): InfoRow[] {
  return list.filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '').map(([label, value]) => ({ label, value: String(value) }));
}

/** info.* keys shown with their own label, in this order; other keys follow as they come. */
const INFO_ORDER = ['description', 'population', 'status', 'habitability', 'industry', 'traffic'];

function infoRows(info: InfoFields, skip: string[] = []): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const k of INFO_ORDER) if (info[k] && !skip.includes(k)) out.push([words(k), k === 'status' ? info[k].toUpperCase() : info[k]]);
  for (const [k, v] of Object.entries(info)) if (!INFO_ORDER.includes(k) && !skip.includes(k)) out.push([words(k), v]);
  return out;
}

export function systemInfo(s: GalaxySystem): InfoModel {
  return {
    title: s.name.toUpperCase(),
    rows: rows([
      ['TYPE', s.type ? words(s.type) : null],
      ...infoRows(s.info, ['type']),
      ['COORDINATES', s.position.map(fmt).join(', ')],
      ['SYSTEM MAP', s.hasSystemMap ? 'AVAILABLE' : null],
    ]),
  };
}

export function bodyInfo(b: SystemBody): InfoModel {
  const facilities = [
    b.surfaceFacilityCount ? `${b.surfaceFacilityCount} SURFACE` : '',
    b.orbitalStationCount ? `${b.orbitalStationCount} ORBITAL` : '',
    b.moonCount ? `${b.moonCount} ${b.moonCount === 1 ? 'MOON' : 'MOONS'}` : '',
  ].filter(Boolean);
  return {
    title: b.name.toUpperCase(),
    rows: rows([
      ['TYPE', b.info.type ? b.info.type.toUpperCase() : words(b.type)],
      ...infoRows(b.info, ['type']),
      ['ORBITAL RADIUS', b.orbit ? fmt(b.orbit.radius) : null],
      ['BELT', b.belt ? `${fmt(b.belt.inner)} – ${fmt(b.belt.outer)}` : null],
      ['ORBITAL PERIOD', b.orbit ? `${fmt(b.orbit.periodDays)} DAYS` : null],
      ['INCLINATION', b.orbit && b.orbit.inclinationDeg ? `${fmt(b.orbit.inclinationDeg)}°` : null],
      ['ROTATION', b.tidallyLocked === null ? null : b.tidallyLocked ? 'TIDALLY LOCKED' : 'NORMAL'],
      ['RINGS', b.rings ? 'YES' : null],
      ['FACILITIES', facilities.join(' · ') || null],
      ['ORBIT MAP', b.hasOrbitMap ? 'AVAILABLE' : null],
    ]),
  };
}

function hemisphere(v: number, pos: string, neg: string): string {
  return `${Math.abs(v).toFixed(1)}°${v >= 0 ? pos : neg}`;
}

export function elementInfo(e: OrbitElement): InfoModel {
  const fallbackType = e.kind === 'moon' ? 'MOON' : e.kind === 'station' ? 'ORBITAL STATION' : e.markerType ? words(e.markerType) : 'SURFACE LOCATION';
  return {
    title: e.name.toUpperCase(),
    rows: rows([
      ['TYPE', e.info.type ? e.info.type.toUpperCase() : fallbackType],
      ...infoRows(e.info, ['type']),
      ['ORBITAL RADIUS', e.orbit ? fmt(e.orbit.radius) : null],
      ['ORBITAL PERIOD', e.orbit ? `${fmt(e.orbit.periodDays)} DAYS` : null],
      ['COORDINATES', e.kind === 'marker' ? `${hemisphere(e.latitude, 'N', 'S')}, ${hemisphere(e.longitude, 'E', 'W')}` : null],
      ['FACILITIES', e.kind === 'moon' && e.hasFacilities ? 'PRESENT' : null],
    ]),
  };
}

/**
 * The panel for a navigation: galaxy — the selected system, or none (null); system — the
 * selected body, else the star with the system's galaxy data; orbit — the selected element,
 * else the planet with its system-map data.
 */
export function infoFor(nav: BridgeMapNav, maps: LoadedMaps): InfoModel | null {
  const sel = resolveSelection(nav, maps);
  if (nav.level === 'galaxy') return sel.system ? systemInfo(sel.system) : null;
  if (nav.level === 'system') {
    if (sel.body) return bodyInfo(sel.body);
    const star = maps.system.data?.star;
    if (!star && !sel.system) return null;
    const base = sel.system ? systemInfo(sel.system) : { title: '', rows: [] };
    return {
      title: (star?.name ?? sel.system?.name ?? '').toUpperCase(),
      rows: rows([
        ['STAR', star?.type ? words(star.type) : null],
        ...base.rows.filter((r) => r.label !== 'SYSTEM MAP').map((r): [string, string] => [r.label, r.value]),
      ]),
    };
  }
  if (sel.element) return elementInfo(sel.element);
  const planet = maps.orbit.data?.planet;
  if (sel.body) {
    const b = bodyInfo(sel.body);
    return { title: (planet?.name ?? sel.body.name).toUpperCase(), rows: b.rows.filter((r) => r.label !== 'ORBIT MAP') };
  }
  return planet ? { title: planet.name.toUpperCase(), rows: rows([['TYPE', words(planet.type)]]) } : null;
}

/** The total characters typed out for a model (the panel's typing time). */
export function infoLength(m: InfoModel): number {
  return m.title.length + m.rows.reduce((n, r) => n + r.label.length + 2 + r.value.length, 0);
}
