import { clampZoom, type Point, type ViewBox } from './geometry';

/**
 * The deck map's pan and zoom as pure maths, shared by mouse, touch and the GM's projector.
 * A view is a zoom and the map point at the centre of the SVG (map units); the SVG draws
 * `viewRect(view)` with preserveAspectRatio "xMidYMid meet", so one screen pixel is
 * `unitsPerPixel` map units whatever the box's shape.
 */
export interface MapView {
  zoom: number;
  cx: number;
  cy: number;
}

/** A box on the screen, in client pixels (a DOMRect is one). */
export interface ScreenBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The whole map, centred: FIT MAP. */
export function homeView(mapW: number, mapH: number): MapView {
  return { zoom: 1, cx: mapW / 2, cy: mapH / 2 };
}

/** The rectangle of the map a view draws (the SVG's viewBox), in map units. */
export function viewRect(view: MapView, mapW: number, mapH: number): ViewBox {
  const width = mapW / view.zoom;
  const height = mapH / view.zoom;
  return { x: view.cx - width / 2, y: view.cy - height / 2, width, height };
}

/**
 * The view that shows all of `rect` (another screen's viewport, the GM's projector), centred;
 * not clamped to the zoom limits, which the GM's own view already keeps.
 */
export function viewOfRect(rect: ViewBox, mapW: number, mapH: number): MapView {
  const zoom = Math.min(mapW / rect.width, mapH / rect.height);
  return { zoom, cx: rect.x + rect.width / 2, cy: rect.y + rect.height / 2 };
}

/**
 * The view that shows all of `rect` (map units) in an SVG drawn in a box of `box` pixels, as large
 * as the zoom limits allow, centred: on a phone, the rooms the players can see, rather than a
 * whole deck at a dozen pixels a cell. Unlike `viewOfRect` it fits the box's own shape (a tall
 * phone shows more of the map above and below the viewBox) and is clamped to the zoom limits.
 */
export function fitRectView(rect: ViewBox, box: { width: number; height: number }, mapW: number, mapH: number): MapView {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  if (box.width <= 0 || box.height <= 0 || rect.width <= 0 || rect.height <= 0) return { zoom: 1, cx, cy };
  // unitsPerPixel(zoom) = max(mapW / box.width, mapH / box.height) / zoom; the rect needs at most
  // max(rect.width / box.width, rect.height / box.height) units a pixel
  const needed = Math.max(rect.width / box.width, rect.height / box.height);
  const zoom = clampZoom(Math.max(mapW / box.width, mapH / box.height) / needed);
  return { zoom, cx, cy };
}

/** Map units per screen pixel at a zoom, for an SVG drawn in `box` (meet: the larger ratio). */
export function unitsPerPixel(zoom: number, box: ScreenBox, mapW: number, mapH: number): number {
  if (box.width <= 0 || box.height <= 0) return 1 / zoom;
  return Math.max(mapW / zoom / box.width, mapH / zoom / box.height);
}

/** The map point under a client point. */
function mapPointAt(view: MapView, p: Point, box: ScreenBox, mapW: number, mapH: number): Point {
  const upp = unitsPerPixel(view.zoom, box, mapW, mapH);
  return { x: view.cx + (p.x - (box.left + box.width / 2)) * upp, y: view.cy + (p.y - (box.top + box.height / 2)) * upp };
}

/** The view at `zoom` that puts map point `m` under client point `p`. */
function viewWithPointAt(zoom: number, m: Point, p: Point, box: ScreenBox, mapW: number, mapH: number): MapView {
  const upp = unitsPerPixel(zoom, box, mapW, mapH);
  return { zoom, cx: m.x - (p.x - (box.left + box.width / 2)) * upp, cy: m.y - (p.y - (box.top + box.height / 2)) * upp };
}

/** Wheel zoom by `factor`, keeping the map point under the pointer where it is. */
export function zoomAt(view: MapView, factor: number, at: Point, box: ScreenBox, mapW: number, mapH: number): MapView {
  const zoom = clampZoom(view.zoom * factor);
  if (zoom === view.zoom) return view;
  return viewWithPointAt(zoom, mapPointAt(view, at, box, mapW, mapH), at, box, mapW, mapH);
}

/** A drag of (dx, dy) screen pixels from `start`: the map follows the finger. */
export function panBy(start: MapView, dx: number, dy: number, box: ScreenBox, mapW: number, mapH: number): MapView {
  const upp = unitsPerPixel(start.zoom, box, mapW, mapH);
  return { zoom: start.zoom, cx: start.cx - dx * upp, cy: start.cy - dy * upp };
}

/**
 * Two fingers, from where they touched down (`a0`, `b0`, with the view `start`) to where they are
 * now (`a1`, `b1`): the zoom follows the spread, and the map point that was between the fingers
 * stays between them, so a pinch zooms and a two-finger drag pans, at once.
 */
export function pinchView(
  start: MapView,
  a0: Point,
  b0: Point,
  a1: Point,
  b1: Point,
  box: ScreenBox,
  mapW: number,
  mapH: number,
): MapView {
  const d0 = Math.hypot(b0.x - a0.x, b0.y - a0.y);
  const d1 = Math.hypot(b1.x - a1.x, b1.y - a1.y);
  const zoom = d0 > 0 && d1 > 0 ? clampZoom(start.zoom * (d1 / d0)) : start.zoom;
  const mid0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
  const mid1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
  return viewWithPointAt(zoom, mapPointAt(start, mid0, box, mapW, mapH), mid1, box, mapW, mapH);
}

/** Whether two views draw the same (to a hundredth of a unit). */
export function sameView(a: MapView, b: MapView): boolean {
  const eq = (x: number, y: number) => Math.abs(x - y) < 0.005;
  return eq(a.zoom, b.zoom) && eq(a.cx, b.cx) && eq(a.cy, b.cy);
}

/** A stored view if it is one (storage is input like any other), zoom clamped; else null. */
export function parseView(raw: unknown): MapView | null {
  if (!raw || typeof raw !== 'object') return null;
  const { zoom, cx, cy } = raw as Record<string, unknown>;
  if (typeof zoom !== 'number' || typeof cx !== 'number' || typeof cy !== 'number') return null;
  if (![zoom, cx, cy].every(Number.isFinite) || zoom <= 0) return null;
  return { zoom: clampZoom(zoom), cx, cy };
}

const STORAGE_PREFIX = 'charon.mapview.';

/**
 * The terminal's own view per map, in this tab's sessionStorage: a reconnect, a new snapshot or
 * a reload of the page draws the map where the table left it; another location or deck starts
 * at FIT MAP. Storage that throws (private mode, quota) just forgets.
 */
export const viewMemory = {
  load(key: string): MapView | null {
    try {
      const s = globalThis.sessionStorage?.getItem(STORAGE_PREFIX + key);
      return s ? parseView(JSON.parse(s)) : null;
    } catch {
      return null;
    }
  },
  save(key: string, view: MapView | null): void {
    try {
      if (view) globalThis.sessionStorage?.setItem(STORAGE_PREFIX + key, JSON.stringify(view));
      else globalThis.sessionStorage?.removeItem(STORAGE_PREFIX + key);
    } catch {
      /* forgotten: the map starts at FIT MAP next time */
    }
  },
};

/**
 * Leading and trailing throttle: the first call goes at once, later ones at most one per
 * `intervalMs`, and the last one is always sent (so the projector ends where the GM stopped).
 */
export function createThrottle<T>(
  intervalMs: number,
  send: (value: T) => void,
  now: () => number = () => Date.now(),
  schedule: (f: () => void, ms: number) => unknown = (f, ms) => setTimeout(f, ms),
  cancel: (handle: unknown) => void = (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
): { push(value: T): void; cancel(): void } {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: unknown = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = now();
    send(value);
  };
  return {
    push(value: T) {
      pending = { value };
      if (timer !== null) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) flush();
      else timer = schedule(flush, wait);
    },
    cancel() {
      if (timer !== null) cancel(timer);
      timer = null;
      pending = null;
    },
  };
}
