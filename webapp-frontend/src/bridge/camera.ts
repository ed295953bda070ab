import type { BridgeMapNav } from '../state/types';
import { orbitElementPosition, systemBodyPosition, type GalaxyLayout, type OrbitLayout, type SystemLayout } from './layout';
import { AUTO_ROTATE_RAD_PER_SECOND } from './time';
import type { MapCamera, Vec3 } from './types';

/**
 * Where the camera should be, as a pure function of the level, the selection and the clock
 * (bridge.md §2.4, with elapsed time instead of frames). The scene eases toward this goal
 * every frame (`dampFactor`), so a new selection is a smooth flight and a selected, moving
 * body is followed. While the players explore, their drag and zoom are an offset on top.
 */
export interface CameraGoal {
  position: Vec3;
  target: Vec3;
  fov: number;
}

export interface SceneLayouts {
  galaxy: GalaxyLayout | null;
  galaxyCamera: MapCamera | null;
  system: SystemLayout | null;
  orbit: OrbitLayout | null;
}

/** Seconds for the camera to close ~63 % of the way to its goal (≈1.5 s to settle). */
export const CAMERA_TIME_CONSTANT_SECONDS = 0.35;

/**
 * A flight is over (the probe's `settled`) once the easing has covered this part of the way
 * to the goal: about three time constants (≈1.05 s) of frames. Counted on the easing, not on
 * the distance, because the goal itself moves with a body on its orbit.
 */
export const CAMERA_SETTLED_FRACTION = 0.95;

const DEFAULT_FOV = 60;
/** a selected body is seen from 77° around from straight outward: the star off to the side */
const SIDE_VIEW_RAD = 1.35;
/** a selected moon or station: the view swings this far from outward toward the sun */
const ORBIT_SWING_RAD = 0.9;

function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function scale(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}

function horizontalUnit(v: Vec3, fallback: Vec3 = [0, 0, 1]): Vec3 {
  const len = Math.hypot(v[0], v[2]);
  return len > 1e-6 ? [v[0] / len, 0, v[2] / len] : fallback;
}

/** Rotate `v` about the vertical axis by `a` radians. */
export function rotateY(v: Vec3, a: number): Vec3 {
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [v[0] * c + v[2] * s, v[1], -v[0] * s + v[2] * c];
}

/** The file's camera, or one that sees `extent` from 35° above. */
function fileCamera(cam: MapCamera | null, extent: number): CameraGoal {
  const target = cam?.lookAt ?? [0, 0, 0];
  const d = Math.max(extent * 2.2, 20);
  const position = cam?.position ?? add(target, [0, d * Math.sin(0.6), d * Math.cos(0.6)]);
  return { position, target, fov: cam?.fov ?? DEFAULT_FOV };
}

export function galaxyGoal(layout: GalaxyLayout, cam: MapCamera | null, selectedId: string | null, seconds: number): CameraGoal {
  const base = fileCamera(cam, Math.max(layout.extent, 50));
  const sel = selectedId ? layout.stars.find((s) => s.system.id === selectedId) : undefined;
  if (!sel) {
    // the slow turn around the target, by the shared clock (every screen turns alike)
    const offset = rotateY(sub(base.position, base.target), AUTO_ROTATE_RAD_PER_SECOND * seconds);
    return { ...base, position: add(base.target, offset) };
  }
  // 80 units from the star horizontally, on the side the file camera looks from, 30 above
  const dir = horizontalUnit(sub(base.position, base.target));
  const target = sel.system.position;
  return { position: add(target, [dir[0] * 80, 30, dir[2] * 80]), target, fov: base.fov };
}

export function systemGoal(layout: SystemLayout, selectedId: string | null, seconds: number): CameraGoal {
  const base = fileCamera(layout.map.camera, layout.extent);
  const pos = selectedId ? systemBodyPosition(layout, selectedId, seconds) : null;
  const body = selectedId ? layout.map.bodies.find((b) => b.id === selectedId) : undefined;
  if (!pos || !body) return base;
  if (body.belt) {
    // a belt has no one place: look at the whole ring from higher up
    const d = body.belt.outer * 2;
    return { position: [0, d * 0.8, d * 0.9], target: [0, 0, 0], fov: base.fov };
  }
  // beside the body and above: part of its lit face toward the camera, the star off to one
  // side (straight outward would show the night side; inward risks the star's glare)
  const d = Math.max(body.size * 6, 12);
  const out = horizontalUnit(pos, horizontalUnit(sub(base.position, base.target)));
  const dir = rotateY(out, SIDE_VIEW_RAD);
  return { position: add(pos, add(scale(dir, d), [0, d * 0.5, 0])), target: pos, fov: base.fov };
}

export function orbitGoal(layout: OrbitLayout, selectedId: string | null, seconds: number): CameraGoal {
  const p = layout.map.planet;
  const base = fileCamera(layout.map.camera, p.size * 2.2);
  const pos = selectedId ? orbitElementPosition(layout, selectedId, seconds) : null;
  if (!pos) return base;
  const isMarker = layout.markers.some((m) => m.id === selectedId);
  if (isMarker) {
    // straight above the marker, far enough to see the curve of the planet
    const len = Math.hypot(...pos) || 1;
    const out = scale(pos, 1 / len);
    return { position: scale(out, p.size + Math.max(25, p.size)), target: pos, fov: base.fov };
  }
  const el = layout.orbiting.find((o) => o.element.id === selectedId)!;
  const d = Math.max(el.element.size * 8, 14);
  // outward from the planet, swung up to 52° toward the sun: as much of the day side as can
  // be seen without the planet coming between (or the camera going into it)
  const out = horizontalUnit(pos, [1, 0, 0]);
  const sun = layout.sunDirection;
  const a = rotateY(out, ORBIT_SWING_RAD);
  const b = rotateY(out, -ORBIT_SWING_RAD);
  const dir = a[0] * sun[0] + a[2] * sun[2] >= b[0] * sun[0] + b[2] * sun[2] ? a : b;
  return { position: add(pos, add(scale(dir, d), [0, d * 0.35, 0])), target: pos, fov: base.fov };
}

/** The goal for a navigation, or null while the level's map is not loaded. */
export function cameraGoal(nav: BridgeMapNav, layouts: SceneLayouts, selected: string | null, seconds: number): CameraGoal | null {
  if (nav.level === 'galaxy') return layouts.galaxy ? galaxyGoal(layouts.galaxy, layouts.galaxyCamera, selected, seconds) : null;
  if (nav.level === 'system') return layouts.system ? systemGoal(layouts.system, selected, seconds) : null;
  return layouts.orbit ? orbitGoal(layouts.orbit, selected, seconds) : null;
}

/**
 * The fraction of the remaining way to cover in a frame of `dtSeconds`: exponential easing
 * that looks the same at 30 and at 144 frames a second. 1 (a jump) when `tau` is 0
 * (reduced motion) or the frame is huge (a tab that was hidden).
 */
export function dampFactor(dtSeconds: number, tauSeconds: number = CAMERA_TIME_CONSTANT_SECONDS): number {
  if (tauSeconds <= 0 || !(dtSeconds >= 0)) return 1;
  return 1 - Math.exp(-dtSeconds / tauSeconds);
}

export function lerp3(a: Vec3, b: Vec3, k: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

// ---- the players' drag and zoom while they explore ----

export interface UserOrbit {
  /** radians about the vertical axis */
  azimuth: number;
  /** radians up (+) or down (−) from the goal's elevation */
  elevation: number;
  /** distance factor (wheel/pinch) */
  zoom: number;
}

export const NO_USER_ORBIT: UserOrbit = { azimuth: 0, elevation: 0, zoom: 1 };
/** drag: radians per pixel (bridge.md §2.4) */
export const DRAG_RAD_PER_PIXEL = 0.003;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;
/** the polar angle stays this far from the poles, so the view never flips */
const POLE_MARGIN_RAD = 0.1;

export function dragOrbit(u: UserOrbit, dxPixels: number, dyPixels: number): UserOrbit {
  return { ...u, azimuth: u.azimuth - dxPixels * DRAG_RAD_PER_PIXEL, elevation: u.elevation + dyPixels * DRAG_RAD_PER_PIXEL };
}

export function zoomOrbit(u: UserOrbit, factor: number): UserOrbit {
  return { ...u, zoom: Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, u.zoom * factor)) };
}

/** The goal with the players' offset: the camera swung around the target, nearer or farther. */
export function applyUserOrbit(goal: CameraGoal, u: UserOrbit, zoomLimits: [number, number] | null = null): CameraGoal {
  if (u.azimuth === 0 && u.elevation === 0 && u.zoom === 1) return goal;
  const off = sub(goal.position, goal.target);
  let r = Math.hypot(...off) || 1;
  const polar0 = Math.acos(Math.max(-1, Math.min(1, off[1] / r)));
  const az0 = Math.atan2(off[0], off[2]);
  const polar = Math.max(POLE_MARGIN_RAD, Math.min(Math.PI - POLE_MARGIN_RAD, polar0 - u.elevation));
  const az = az0 + u.azimuth;
  r *= u.zoom;
  if (zoomLimits) r = Math.max(zoomLimits[0], Math.min(zoomLimits[1], r));
  const position: Vec3 = add(goal.target, [r * Math.sin(polar) * Math.sin(az), r * Math.cos(polar), r * Math.sin(polar) * Math.cos(az)]);
  return { ...goal, position };
}

