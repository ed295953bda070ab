/**
 * The BRIDGE maps as the client holds them: the JSON of api/star-map/, api/system-map/<s>/ and
 * api/orbit-map/<s>/<b>/ (field names of bridge.md §2.1–2.3, §8) read by adapters/maps.ts into
 * complete, typed records with every default applied. Nothing here imports three.js: the
 * scene chunk and the 2D fallback draw from the same records.
 */

export type Vec3 = [number, number, number];

/** info.* of a map entry, every value as text (description, population, type, status…). */
export type InfoFields = Record<string, string>;

export interface MapCamera {
  position: Vec3 | null;
  lookAt: Vec3;
  fov: number | null;
  /** [min, max] camera distance, when the file gives one */
  zoomLimits: [number, number] | null;
}

// ---- galaxy (star_map.yaml) ----

export interface GalaxySystem {
  id: string;
  name: string;
  slug: string | null;
  position: Vec3;
  color: number;
  size: number;
  type: string;
  /** drawn with a name label in 3D */
  label: boolean;
  hasSystemMap: boolean;
  info: InfoFields;
}

export interface GalaxyRoute {
  fromId: string;
  toId: string;
  color: number;
  routeType: string;
  travelTimeDays: number | null;
  info: InfoFields;
}

export type NebulaType = 'emission' | 'reflection' | 'planetary' | 'dark' | (string & {});

export interface Nebula {
  name: string;
  position: Vec3;
  color: number;
  size: number;
  particleCount: number;
  opacity: number;
  type: NebulaType;
}

export interface StarMapData {
  systems: GalaxySystem[];
  routes: GalaxyRoute[];
  nebulae: Nebula[];
  camera: MapCamera;
}

// ---- system (system_map.yaml) ----

/** A circular orbit: radius in scene units, period in days, angles in degrees. */
export interface Orbit {
  radius: number;
  periodDays: number;
  angleDeg: number;
  inclinationDeg: number;
}

export interface Star {
  name: string;
  type: string;
  color: number;
  size: number;
  lightColor: number;
  coronaIntensity: number;
}

export interface RingGeometry {
  inner: number;
  outer: number;
  color: number;
  opacity: number;
}

export interface AsteroidBelt {
  inner: number;
  outer: number;
  particleCount: number;
  color: number;
  opacity: number;
}

export interface SystemBody {
  id: string;
  name: string;
  type: string;
  slug: string | null;
  /** null for an asteroid belt (it has no single orbit) */
  orbit: Orbit | null;
  belt: AsteroidBelt | null;
  size: number;
  color: number;
  /** rings drawn around the body (has_rings, with ring_inner/outer/color/opacity when given) */
  rings: RingGeometry | null;
  hasOrbitMap: boolean;
  surfaceFacilityCount: number;
  orbitalStationCount: number;
  moonCount: number;
  tidallyLocked: boolean | null;
  info: InfoFields;
}

export interface Structure {
  id: string;
  name: string;
  type: string;
  position: Vec3;
  size: number;
  color: number;
  info: InfoFields;
}

export interface SystemMapData {
  systemSlug: string;
  star: Star;
  bodies: SystemBody[];
  structures: Structure[];
  orbits: { show: boolean; color: number; opacity: number };
  camera: MapCamera;
}

// ---- orbit (orbit_map.yaml) ----

/** The procedural description of a sphere (texture_config), used when no image is served. */
export interface TextureConfig {
  type: string;
  primary: number | null;
  secondary: number | null;
  tertiary: number | null;
  clouds: boolean;
  noiseScale: number;
}

export interface OrbitPlanet {
  name: string;
  type: string;
  size: number;
  /** URL of a colour map the campaign provides, else null (drawn procedurally) */
  texture: string | null;
  normalMap: string | null;
  textureConfig: TextureConfig | null;
  color: number | null;
  axialTiltDeg: number;
  /** spin in rad/s (the file's rad-per-frame × 60, see time.ts) */
  spinRadPerSecond: number;
  sunDeclinationDeg: number;
  rings: (RingGeometry & { texture: string | null }) | null;
}

export type OrbitElementKind = 'moon' | 'station' | 'marker';

export interface OrbitElement {
  id: string;
  kind: OrbitElementKind;
  name: string;
  slug: string | null;
  /** moons and stations; null for surface markers */
  orbit: Orbit | null;
  size: number;
  color: number | null;
  texture: string | null;
  normalMap: string | null;
  textureConfig: TextureConfig | null;
  hasFacilities: boolean;
  iconType: string;
  /** surface markers only, degrees */
  latitude: number;
  longitude: number;
  markerType: string;
  info: InfoFields;
}

export interface OrbitMapData {
  systemSlug: string;
  bodySlug: string;
  planet: OrbitPlanet;
  moons: OrbitElement[];
  stations: OrbitElement[];
  markers: OrbitElement[];
  camera: MapCamera;
}
