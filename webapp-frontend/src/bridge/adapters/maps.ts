import type {
  AsteroidBelt,
  GalaxyRoute,
  GalaxySystem,
  InfoFields,
  MapCamera,
  Nebula,
  Orbit,
  OrbitElement,
  OrbitElementKind,
  OrbitMapData,
  OrbitPlanet,
  RingGeometry,
  StarMapData,
  Structure,
  SystemBody,
  SystemMapData,
  TextureConfig,
  Vec3,
} from '../types';
import { spinRadPerSecond } from '../time';

/**
 * Adapters of the three map endpoints (GET api/star-map/, api/system-map/<s>/,
 * api/orbit-map/<s>/<b>/). They take whatever JSON arrives and return complete records: a
 * missing or odd field gets the default bridge.md §2 documents, so no NaN position, no
 * undefined colour and no crash ever reaches a scene. Ids: the server's `id`, else the
 * `location_slug`, else a slug of the name, unique within the map (as the server makes them).
 */

// ---- defaults (bridge.md §2.1–2.3) ----
export const DEFAULT_SYSTEM_SIZE = 1;
export const DEFAULT_SYSTEM_COLOR = 0xffffff;
export const DEFAULT_ROUTE_COLOR = 0x5a7a9a;
export const DEFAULT_STAR_SIZE = 4;
export const DEFAULT_STAR_COLOR = 0xffffaa;
export const DEFAULT_CORONA_INTENSITY = 1.5;
export const DEFAULT_ORBIT_COLOR = 0x5a7a7a;
export const DEFAULT_ORBIT_OPACITY = 0.45;
export const DEFAULT_BODY_SIZE = 1;
export const DEFAULT_BODY_COLOR = 0x5a7a7a;
export const DEFAULT_PERIOD_DAYS = 365;
export const DEFAULT_PLANET_SIZE = 15;
/** the original's default spin, radians per frame at 60 frames a second */
export const DEFAULT_ROTATION_RAD_PER_FRAME = 0.002;
export const DEFAULT_MOON_SIZE = 3;
export const DEFAULT_STATION_SIZE = 1.5;
export const DEFAULT_RING_COLOR = 0xd2b48c;
export const DEFAULT_RING_OPACITY = 0.6;
export const DEFAULT_BELT_PARTICLES = 2000;
/** more points than this per nebula or belt add nothing on screen and cost frames */
export const MAX_PARTICLES = 20000;

type Raw = Record<string, unknown>;

function obj(v: unknown): Raw {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

function list(v: unknown): Raw[] {
  return Array.isArray(v) ? v.filter((x): x is Raw => !!x && typeof x === 'object' && !Array.isArray(x)) : [];
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : fallback;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function optNum(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function bool(v: unknown, fallback = false): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

/** A colour: an integer (YAML's 0xRRGGBB), "#rrggbb" or "0xrrggbb"; else the fallback. */
export function color(v: unknown, fallback: number): number;
export function color(v: unknown, fallback: null): number | null;
export function color(v: unknown, fallback: number | null): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffff) return v;
  if (typeof v === 'string') {
    const m = /^(?:#|0x)([0-9a-f]{6})$/i.exec(v.trim());
    if (m) return parseInt(m[1], 16);
  }
  return fallback;
}

function vec3(v: unknown): Vec3 | null {
  if (!Array.isArray(v) || v.length < 3) return null;
  const out = v.slice(0, 3).map((x) => (typeof x === 'number' && Number.isFinite(x) ? x : NaN));
  return out.some(Number.isNaN) ? null : (out as Vec3);
}

function slugOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A URL the server named (it serves only files the campaign has), else null. */
function url(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** info.* as text: strings and numbers kept, anything else dropped. */
export function infoFields(v: unknown): InfoFields {
  const out: InfoFields = {};
  for (const [k, x] of Object.entries(obj(v))) {
    const s = str(x).trim();
    if (s) out[k] = s;
  }
  return out;
}

/** The server's slug rule for names (BridgeMapLoader.Ids.slugOf). */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Ids unique within one map: `id`, else location_slug, else slug of the name, else <kind>-<n>. */
class Ids {
  private readonly taken = new Set<string>();
  constructor(private readonly kind: string) {}
  assign(raw: Raw): string {
    const given = slugOrNull(raw.id);
    let base = given ?? slugOrNull(raw.location_slug) ?? slugOf(str(raw.name));
    if (!base) base = `${this.kind}-${this.taken.size + 1}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

export function camera(v: unknown): MapCamera {
  const c = obj(v);
  const zl = Array.isArray(c.zoom_limits) ? c.zoom_limits : null;
  let zoomLimits: [number, number] | null = null;
  if (zl && zl.length >= 2 && typeof zl[0] === 'number' && typeof zl[1] === 'number' && zl[0] > 0 && zl[1] > zl[0]) {
    zoomLimits = [zl[0], zl[1]];
  }
  const fov = optNum(c.fov);
  return {
    position: vec3(c.position),
    lookAt: vec3(c.lookAt) ?? [0, 0, 0],
    fov: fov !== null && fov > 1 && fov < 179 ? fov : null,
    zoomLimits,
  };
}

function particles(v: unknown, fallback: number): number {
  return Math.max(0, Math.min(MAX_PARTICLES, Math.round(num(v, fallback))));
}

function positive(v: unknown, fallback: number): number {
  const n = num(v, fallback);
  return n > 0 ? n : fallback;
}

// ---- GET api/star-map/ ----

export function parseStarMap(raw: unknown): StarMapData {
  const r = obj(raw);
  const ids = new Ids('system');
  const systems: GalaxySystem[] = list(r.systems).map((s) => {
    const slug = slugOrNull(s.location_slug);
    return {
      id: ids.assign(s),
      name: str(s.name) || str(s.id) || 'UNNAMED',
      slug,
      position: vec3(s.position) ?? [0, 0, 0],
      color: color(s.color, DEFAULT_SYSTEM_COLOR),
      size: positive(s.size, DEFAULT_SYSTEM_SIZE),
      type: str(s.type),
      label: bool(s.label),
      // a dive is offered only when the server says the map exists (bridge.md §10, first defect)
      hasSystemMap: typeof s.has_system_map === 'boolean' ? s.has_system_map : false,
      info: infoFields(s.info),
    };
  });
  const byId = new Map(systems.map((s) => [s.id, s]));
  const idByName = new Map<string, string>();
  const idBySlug = new Map<string, string>();
  for (const s of systems) {
    if (!idByName.has(s.name)) idByName.set(s.name, s.id);
    if (s.slug && !idBySlug.has(s.slug)) idBySlug.set(s.slug, s.id);
  }
  const end = (id: unknown, slug: unknown, name: unknown): string | null => {
    const i = slugOrNull(id);
    if (i && byId.has(i)) return i;
    const sl = slugOrNull(slug);
    if (sl && idBySlug.has(sl)) return idBySlug.get(sl)!;
    const n = str(name);
    return idByName.get(n) ?? null;
  };
  const routes: GalaxyRoute[] = [];
  for (const rt of list(r.routes)) {
    const fromId = end(rt.from_id, rt.from_slug, rt.from);
    const toId = end(rt.to_id, rt.to_slug, rt.to);
    if (!fromId || !toId || fromId === toId) continue; // names no system of the map: nothing to draw
    routes.push({
      fromId,
      toId,
      color: color(rt.color, DEFAULT_ROUTE_COLOR),
      routeType: str(rt.route_type),
      travelTimeDays: optNum(rt.travel_time_days),
      info: infoFields(rt.info),
    });
  }
  const nebulae: Nebula[] = list(r.nebulae).map((n) => ({
    name: str(n.name),
    position: vec3(n.position) ?? [0, 0, 0],
    color: color(n.color, 0x5aaa9a),
    size: positive(n.size, 20),
    particleCount: particles(n.particle_count, 1000),
    opacity: Math.max(0, Math.min(1, num(n.opacity, 0.3))),
    type: str(n.type, 'emission') || 'emission',
  }));
  return { systems, routes, nebulae, camera: camera(r.camera) };
}

// ---- GET api/system-map/<system>/ ----

function orbit(b: Raw): Orbit | null {
  const radius = optNum(b.orbital_radius);
  if (radius === null || radius < 0) return null;
  return {
    radius,
    periodDays: positive(b.orbital_period, DEFAULT_PERIOD_DAYS),
    angleDeg: num(b.orbital_angle, 0),
    inclinationDeg: num(b.inclination, 0),
  };
}

function belt(b: Raw): AsteroidBelt | null {
  const isBelt = str(b.type).toLowerCase() === 'asteroid_belt' || (optNum(b.orbital_radius) === null && (optNum(b.inner_radius) !== null || optNum(b.outer_radius) !== null));
  if (!isBelt) return null;
  let inner = optNum(b.inner_radius);
  let outer = optNum(b.outer_radius);
  const r = optNum(b.orbital_radius);
  if (inner === null && outer === null) {
    if (r === null) return null; // a belt with no radius at all cannot be placed
    inner = r * 0.9;
    outer = r * 1.1;
  }
  inner = Math.max(0, inner ?? outer! * 0.8);
  outer = Math.max(inner, outer ?? inner * 1.25);
  return {
    inner,
    outer,
    particleCount: particles(b.particle_count, DEFAULT_BELT_PARTICLES),
    color: color(b.color, 0x8b7355),
    opacity: Math.max(0, Math.min(1, num(b.opacity, 0.4))),
  };
}

function count(v: unknown): number {
  return Math.max(0, Math.round(num(v, 0)));
}

export function parseSystemMap(raw: unknown, systemSlug = ''): SystemMapData {
  const r = obj(raw);
  const s = obj(r.star);
  const starColor = color(s.color, DEFAULT_STAR_COLOR);
  const ids = new Ids('body');
  const bodies: SystemBody[] = [];
  for (const b of list(r.bodies)) {
    const bl = belt(b);
    const o = bl ? null : orbit(b);
    if (!bl && !o) continue; // neither an orbit nor a belt: it has no place in the system
    const size = positive(b.size, DEFAULT_BODY_SIZE);
    let rings: RingGeometry | null = null;
    if (b.has_rings === true) {
      const inner = positive(b.ring_inner, size * 1.4);
      rings = {
        inner,
        outer: Math.max(inner * 1.05, positive(b.ring_outer, size * 2.2)),
        color: color(b.ring_color, 0x7a9a9a),
        opacity: Math.max(0, Math.min(1, num(b.ring_opacity, 0.8))),
      };
    }
    bodies.push({
      id: ids.assign(b),
      name: str(b.name) || 'UNNAMED',
      type: str(b.type, 'planet') || 'planet',
      slug: slugOrNull(b.location_slug),
      orbit: o,
      belt: bl,
      size,
      color: color(b.color, DEFAULT_BODY_COLOR),
      rings,
      hasOrbitMap: b.has_orbit_map === true,
      surfaceFacilityCount: count(b.surface_facility_count),
      orbitalStationCount: count(b.orbital_station_count),
      moonCount: count(b.moon_count),
      tidallyLocked: typeof b.tidally_locked === 'boolean' ? b.tidally_locked : null,
      info: infoFields(b.info),
    });
  }
  const sids = new Ids('structure');
  const structures: Structure[] = list(r.structures).flatMap((x) => {
    const position = vec3(x.position);
    if (!position) return [];
    return [
      {
        id: sids.assign(x),
        name: str(x.name) || 'STRUCTURE',
        type: str(x.type),
        position,
        size: positive(x.size, 0.5),
        color: color(x.color, 0xc0c0c0),
        info: infoFields(x.info),
      },
    ];
  });
  const orbits = obj(r.orbits);
  return {
    systemSlug: str(r.system_slug) || systemSlug,
    star: {
      name: str(s.name) || 'UNNAMED STAR',
      type: str(s.type),
      color: starColor,
      size: positive(s.size, DEFAULT_STAR_SIZE),
      lightColor: color(s.light_color, starColor),
      coronaIntensity: Math.max(0, num(s.corona_intensity, DEFAULT_CORONA_INTENSITY)),
    },
    bodies,
    structures,
    orbits: {
      show: bool(orbits.show, true),
      color: color(orbits.color, DEFAULT_ORBIT_COLOR),
      opacity: Math.max(0, Math.min(1, num(orbits.opacity, DEFAULT_ORBIT_OPACITY))),
    },
    camera: camera(r.camera),
  };
}

// ---- GET api/orbit-map/<system>/<body>/ ----

function textureConfig(v: unknown): TextureConfig | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const t = v as Raw;
  return {
    type: str(t.type),
    primary: color(t.primary_color, null),
    secondary: color(t.secondary_color, null),
    tertiary: color(t.tertiary_color, null),
    clouds: bool(t.cloud_layer),
    noiseScale: positive(t.noise_scale, 2),
  };
}

function element(e: Raw, kind: OrbitElementKind, id: string): OrbitElement {
  return {
    id,
    kind,
    name: str(e.name) || 'UNNAMED',
    slug: slugOrNull(e.location_slug),
    orbit: kind === 'marker' ? null : (orbit(e) ?? { radius: 0, periodDays: DEFAULT_PERIOD_DAYS, angleDeg: 0, inclinationDeg: 0 }),
    size: positive(e.size, kind === 'moon' ? DEFAULT_MOON_SIZE : kind === 'station' ? DEFAULT_STATION_SIZE : 1),
    color: color(e.color, null),
    texture: url(e.texture),
    normalMap: url(e.normal_map),
    textureConfig: textureConfig(e.texture_config),
    hasFacilities: e.has_facilities === true,
    iconType: str(e.icon_type),
    latitude: Math.max(-90, Math.min(90, num(e.latitude, 0))),
    longitude: Math.max(-180, Math.min(180, num(e.longitude, 0))),
    markerType: str(e.marker_type),
    info: infoFields(e.info),
  };
}

export function parseOrbitMap(raw: unknown, systemSlug = '', bodySlug = ''): OrbitMapData {
  const r = obj(raw);
  const p = obj(r.planet);
  const size = positive(p.size, DEFAULT_PLANET_SIZE);
  const rg = p.rings && typeof p.rings === 'object' ? obj(p.rings) : null;
  let rings: OrbitPlanet['rings'] = null;
  if (rg) {
    const inner = positive(rg.inner_radius, size * 1.2);
    rings = {
      inner,
      outer: Math.max(inner * 1.05, positive(rg.outer_radius, size * 2)),
      color: color(rg.color, DEFAULT_RING_COLOR),
      opacity: Math.max(0, Math.min(1, num(rg.opacity, DEFAULT_RING_OPACITY))),
      texture: url(rg.texture),
    };
  }
  const planet: OrbitPlanet = {
    name: str(p.name) || bodySlug.toUpperCase() || 'UNNAMED',
    type: str(p.type, 'planet') || 'planet',
    size,
    texture: url(p.texture),
    normalMap: url(p.normal_map),
    textureConfig: textureConfig(p.texture_config),
    color: color(p.color, null),
    axialTiltDeg: num(p.axial_tilt, 0),
    spinRadPerSecond: spinRadPerSecond(num(p.rotation_speed, DEFAULT_ROTATION_RAD_PER_FRAME)),
    sunDeclinationDeg: num(p.sun_declination, 0),
    rings,
  };
  // one id space for the three lists: navigation names an element by its id alone
  const ids = new Ids('element');
  const moons = list(r.moons).map((e) => element(e, 'moon', ids.assign(e)));
  const stations = list(r.orbital_stations).map((e) => element(e, 'station', ids.assign(e)));
  const markers = list(r.surface_markers).map((e) => element(e, 'marker', ids.assign(e)));
  return {
    systemSlug: str(r.system_slug) || systemSlug,
    bodySlug: str(r.body_slug) || bodySlug,
    planet,
    moons,
    stations,
    markers,
    camera: camera(r.camera),
  };
}
