import { seededRandom, seedOf } from './random';
import { lapSeconds, orbitAngle, shortestPeriod, spinAngle } from './time';
import type {
  AsteroidBelt,
  GalaxySystem,
  Nebula,
  Orbit,
  OrbitElement,
  OrbitMapData,
  StarMapData,
  SystemBody,
  SystemMapData,
  Vec3,
} from './types';

/**
 * Scene building, pure: from the map records to positions, paths and particle buffers. The 3D
 * chunk and the 2D fallback both draw from these, and the tests check them directly.
 * Coordinates: y is up; an orbit lies in the x–z plane, tilted about the x axis by its
 * inclination.
 */

const DEG = Math.PI / 180;

// ---- background ----

/** Stars of the background: a spherical shell (bridge.md §2: 5 000 in radius 150–450). */
export const BACKGROUND_STAR_COUNT = 5000;
export const BACKGROUND_INNER_RADIUS = 150;
export const BACKGROUND_OUTER_RADIUS = 450;

/** `count` points evenly spread over directions in a shell; the same for the same seed. */
export function shellPoints(count: number, inner: number, outer: number, seed: number, center: Vec3 = [0, 0, 0]): Float32Array {
  const rnd = seededRandom(seed);
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const u = rnd() * 2 - 1; // cos of the polar angle: uniform over the sphere
    const phi = rnd() * Math.PI * 2;
    const r = inner + (outer - inner) * rnd();
    const s = Math.sqrt(1 - u * u);
    out[i * 3] = center[0] + r * s * Math.cos(phi);
    out[i * 3 + 1] = center[1] + r * u;
    out[i * 3 + 2] = center[2] + r * s * Math.sin(phi);
  }
  return out;
}

export function backgroundStars(seed = 1): Float32Array {
  return shellPoints(BACKGROUND_STAR_COUNT, BACKGROUND_INNER_RADIUS, BACKGROUND_OUTER_RADIUS, seed);
}

// ---- galaxy ----

export interface GalaxyStar {
  system: GalaxySystem;
  /** sprite scale in scene units (bridge.md: size × 6) */
  scale: number;
}

export interface GalaxyRouteSegment {
  fromId: string;
  toId: string;
  from: Vec3;
  to: Vec3;
  color: number;
  length: number;
}

export interface NebulaCloud {
  nebula: Nebula;
  positions: Float32Array;
  /** sprite size of the cloud's particles (size / 5) */
  particleSize: number;
}

export interface GalaxyLayout {
  stars: GalaxyStar[];
  /** every route of the map: short ones too (the original hid those ≤ 30 units) */
  routes: GalaxyRouteSegment[];
  nebulae: NebulaCloud[];
  /** the distance from the origin that holds every star */
  extent: number;
}

export const STAR_SPRITE_SCALE = 6;

export function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Particles of a nebula on a shell of radius 0.85 × size ± 0.125 × size (bridge.md §2.1). */
export function nebulaParticles(n: Nebula): Float32Array {
  return shellPoints(n.particleCount, n.size * 0.725, n.size * 0.975, seedOf(`nebula:${n.name}`), n.position);
}

export function galaxyLayout(map: StarMapData): GalaxyLayout {
  const byId = new Map(map.systems.map((s) => [s.id, s]));
  const routes: GalaxyRouteSegment[] = [];
  for (const r of map.routes) {
    const a = byId.get(r.fromId);
    const b = byId.get(r.toId);
    if (!a || !b) continue;
    routes.push({ fromId: a.id, toId: b.id, from: a.position, to: b.position, color: r.color, length: distance(a.position, b.position) });
  }
  let extent = 0;
  for (const s of map.systems) extent = Math.max(extent, Math.hypot(...s.position));
  return {
    stars: map.systems.map((system) => ({ system, scale: system.size * STAR_SPRITE_SCALE })),
    routes,
    nebulae: map.nebulae.map((nebula) => ({ nebula, positions: nebulaParticles(nebula), particleSize: nebula.size / 5 })),
    extent,
  };
}

// ---- orbits ----

/** The point of a circular orbit at angle `theta` (radians). */
export function orbitPoint(radius: number, inclinationDeg: number, theta: number): Vec3 {
  const i = inclinationDeg * DEG;
  const flat = radius * Math.sin(theta);
  return [radius * Math.cos(theta), -flat * Math.sin(i), flat * Math.cos(i)];
}

/** Where a body on `orbit` is at `seconds` (time.ts), with `lapSecs` per lap. */
export function orbitPosition(orbit: Orbit, lapSecs: number, seconds: number): Vec3 {
  return orbitPoint(orbit.radius, orbit.inclinationDeg, orbitAngle(orbit.angleDeg, lapSecs, seconds));
}

/** The drawn path of an orbit: `segments` + 1 points, the last equal to the first (closed). */
export function orbitPath(orbit: Pick<Orbit, 'radius' | 'inclinationDeg'>, segments = 128): Vec3[] {
  const out: Vec3[] = [];
  for (let k = 0; k <= segments; k++) out.push(orbitPoint(orbit.radius, orbit.inclinationDeg, (k / segments) * Math.PI * 2));
  return out;
}

// ---- system ----

export interface SystemBodyLayout {
  body: SystemBody;
  orbit: Orbit;
  lapSeconds: number;
}

export interface BeltLayout {
  body: SystemBody;
  belt: AsteroidBelt;
  positions: Float32Array;
}

export interface SystemLayout {
  map: SystemMapData;
  /** shortest orbital period of the map (days): the time rule's reference */
  shortestPeriodDays: number | null;
  /** bodies on an orbit, in file order */
  bodies: SystemBodyLayout[];
  belts: BeltLayout[];
  /** the largest orbit or belt radius */
  extent: number;
}

/** Belt particles: uniform over the annulus area, a thin vertical spread. */
export function beltParticles(belt: AsteroidBelt, seed: number): Float32Array {
  const rnd = seededRandom(seed);
  const out = new Float32Array(belt.particleCount * 3);
  const thickness = Math.max(0.5, (belt.outer - belt.inner) * 0.08);
  for (let k = 0; k < belt.particleCount; k++) {
    const r = Math.sqrt(belt.inner * belt.inner + rnd() * (belt.outer * belt.outer - belt.inner * belt.inner));
    const t = rnd() * Math.PI * 2;
    out[k * 3] = r * Math.cos(t);
    out[k * 3 + 1] = (rnd() - 0.5) * thickness;
    out[k * 3 + 2] = r * Math.sin(t);
  }
  return out;
}

export function systemLayout(map: SystemMapData): SystemLayout {
  const orbiting = map.bodies.filter((b) => b.orbit !== null);
  const shortest = shortestPeriod(orbiting.map((b) => b.orbit!.periodDays));
  const bodies = orbiting.map((body) => ({ body, orbit: body.orbit!, lapSeconds: lapSeconds(body.orbit!.periodDays, shortest) }));
  const belts = map.bodies
    .filter((b) => b.belt !== null)
    .map((body) => ({ body, belt: body.belt!, positions: beltParticles(body.belt!, seedOf(`belt:${map.systemSlug}:${body.id}`)) }));
  let extent = 0;
  for (const b of bodies) extent = Math.max(extent, b.orbit.radius + b.body.size);
  for (const b of belts) extent = Math.max(extent, b.belt.outer);
  for (const s of map.structures) extent = Math.max(extent, Math.hypot(...s.position));
  return { map, shortestPeriodDays: shortest, bodies, belts, extent: Math.max(extent, map.star.size * 4) };
}

/** Where a body of the system is at `seconds`; a belt (no orbit) sits at the centre. */
export function systemBodyPosition(layout: SystemLayout, bodyId: string, seconds: number): Vec3 | null {
  const b = layout.bodies.find((x) => x.body.id === bodyId);
  if (b) return orbitPosition(b.orbit, b.lapSeconds, seconds);
  return layout.belts.some((x) => x.body.id === bodyId) ? [0, 0, 0] : null;
}

// ---- orbit ----

export interface OrbitElementLayout {
  element: OrbitElement;
  orbit: Orbit;
  lapSeconds: number;
}

export interface OrbitLayout {
  map: OrbitMapData;
  shortestPeriodDays: number | null;
  /** moons and stations, each on its orbit */
  orbiting: OrbitElementLayout[];
  markers: OrbitElement[];
  /** sun direction (unit vector): along −x, raised by `sun_declination` */
  sunDirection: Vec3;
  extent: number;
}

/** Surface markers stand this far above the ground (bridge.md §2.3: radius size + 0.5). */
export const MARKER_LIFT = 0.5;

export function orbitLayout(map: OrbitMapData): OrbitLayout {
  const els = [...map.moons, ...map.stations].filter((e) => e.orbit !== null);
  const shortest = shortestPeriod(els.map((e) => e.orbit!.periodDays));
  const orbiting = els.map((element) => ({ element, orbit: element.orbit!, lapSeconds: lapSeconds(element.orbit!.periodDays, shortest) }));
  const d = map.planet.sunDeclinationDeg * DEG;
  let extent = map.planet.size * 1.5;
  for (const o of orbiting) extent = Math.max(extent, o.orbit.radius + o.element.size);
  if (map.planet.rings) extent = Math.max(extent, map.planet.rings.outer);
  return { map, shortestPeriodDays: shortest, orbiting, markers: map.markers, sunDirection: [-Math.cos(d), Math.sin(d), 0], extent };
}

/**
 * A marker's place on the unrotated planet (latitude/longitude in degrees), matching
 * three.js's sphere texture mapping: longitude 0 faces +x, north is +y.
 */
export function markerLocalPosition(latitudeDeg: number, longitudeDeg: number, radius: number): Vec3 {
  const lat = latitudeDeg * DEG;
  const lon = longitudeDeg * DEG;
  return [radius * Math.cos(lat) * Math.cos(lon), radius * Math.sin(lat), -radius * Math.cos(lat) * Math.sin(lon)];
}

/** Rotate about y by `a`, then about z by `tilt` (the planet's spin, then its axial tilt). */
export function spinAndTilt(p: Vec3, spin: number, tiltDeg: number): Vec3 {
  const cs = Math.cos(spin);
  const sn = Math.sin(spin);
  const x1 = p[0] * cs + p[2] * sn;
  const z1 = -p[0] * sn + p[2] * cs;
  const t = tiltDeg * DEG;
  const ct = Math.cos(t);
  const st = Math.sin(t);
  return [x1 * ct - p[1] * st, x1 * st + p[1] * ct, z1];
}

/** Where a surface marker is at `seconds`: on the turning, tilted planet. */
export function markerWorldPosition(layout: OrbitLayout, marker: OrbitElement, seconds: number): Vec3 {
  const p = layout.map.planet;
  const local = markerLocalPosition(marker.latitude, marker.longitude, p.size + MARKER_LIFT);
  return spinAndTilt(local, spinAngle(p.spinRadPerSecond, seconds), p.axialTiltDeg);
}

/** Where any element of the orbit map is at `seconds`, or null for an unknown id. */
export function orbitElementPosition(layout: OrbitLayout, id: string, seconds: number): Vec3 | null {
  const o = layout.orbiting.find((x) => x.element.id === id);
  if (o) return orbitPosition(o.orbit, o.lapSeconds, seconds);
  const m = layout.markers.find((x) => x.id === id);
  return m ? markerWorldPosition(layout, m, seconds) : null;
}

// ---- counts (what each level draws) ----

export interface SceneCounts {
  stars: number;
  routes: number;
  nebulaParticles: number;
  bodies: number;
  belts: number;
  beltParticles: number;
  moons: number;
  stations: number;
  markers: number;
}

const ZERO: SceneCounts = { stars: 0, routes: 0, nebulaParticles: 0, bodies: 0, belts: 0, beltParticles: 0, moons: 0, stations: 0, markers: 0 };

export function galaxyCounts(l: GalaxyLayout): SceneCounts {
  return { ...ZERO, stars: l.stars.length, routes: l.routes.length, nebulaParticles: l.nebulae.reduce((n, c) => n + c.positions.length / 3, 0) };
}

export function systemCounts(l: SystemLayout): SceneCounts {
  return { ...ZERO, bodies: l.bodies.length, belts: l.belts.length, beltParticles: l.belts.reduce((n, b) => n + b.positions.length / 3, 0) };
}

export function orbitCounts(l: OrbitLayout): SceneCounts {
  return { ...ZERO, moons: l.map.moons.length, stations: l.map.stations.length, markers: l.markers.length };
}

// ---- name labels (drawn in the DOM over the canvas, placed every frame) ----

export interface SceneLabel {
  id: string;
  text: string;
  selected: boolean;
  /** where the label's anchor is at `seconds` */
  at: (seconds: number) => Vec3 | null;
}

/**
 * The names shown in the scene: galaxy — every system the map labels, and the selected one;
 * system and orbit levels — the selected body or element only (the list names the rest).
 */
export function sceneLabels(
  level: 'galaxy' | 'system' | 'orbit',
  layouts: { galaxy: GalaxyLayout | null; system: SystemLayout | null; orbit: OrbitLayout | null },
  selected: string | null,
): SceneLabel[] {
  if (level === 'galaxy' && layouts.galaxy) {
    return layouts.galaxy.stars
      .filter((s) => s.system.label || s.system.id === selected)
      .map((s) => ({ id: s.system.id, text: s.system.name.toUpperCase(), selected: s.system.id === selected, at: () => s.system.position }));
  }
  if (level === 'system' && layouts.system && selected) {
    const l = layouts.system;
    const b = l.map.bodies.find((x) => x.id === selected);
    if (!b) return [];
    const at = b.belt ? (): Vec3 => [b.belt!.outer, 0, 0] : (t: number) => systemBodyPosition(l, b.id, t);
    return [{ id: b.id, text: b.name.toUpperCase(), selected: true, at }];
  }
  if (level === 'orbit' && layouts.orbit && selected) {
    const l = layouts.orbit;
    const e = [...l.map.moons, ...l.map.stations, ...l.map.markers].find((x) => x.id === selected);
    if (!e) return [];
    return [{ id: e.id, text: e.name.toUpperCase(), selected: true, at: (t: number) => orbitElementPosition(l, e.id, t) }];
  }
  return [];
}
