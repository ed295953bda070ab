import type { MapRoom } from '../state/types';

/**
 * Pure geometry of the 2D deck map (ui.md §3.2–3.5), in SVG pixels.
 * A cell is `unit` pixels; rooms and tokens are given in cells.
 */

export const DEFAULT_UNIT = 40;
/** how far a path line leaves a room's edge before turning */
export const PATH_STUB_PX = 15;
/** size of the 45° corner cut of path lines */
export const PATH_CORNER_PX = 8;
/** token radius as a fraction of the cell */
export const TOKEN_RADIUS_RATIO = 0.4;

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function roomRect(room: MapRoom, unit: number): Rect {
  return { x: room.x * unit, y: room.y * unit, width: room.width * unit, height: room.height * unit };
}

export function rectCenter(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/**
 * The side of room `a` that faces room `b`: compare the centres; the larger distance
 * (horizontal wins ties only when strictly larger) picks left/right, else top/bottom.
 */
export function facingSide(a: Rect, b: Rect): Side {
  const ca = rectCenter(a);
  const cb = rectCenter(b);
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? 'right' : 'left';
  return dy > 0 ? 'bottom' : 'top';
}

/** Middle of one edge of a rectangle. */
export function edgeMiddle(r: Rect, side: Side): Point {
  switch (side) {
    case 'left':
      return { x: r.x, y: r.y + r.height / 2 };
    case 'right':
      return { x: r.x + r.width, y: r.y + r.height / 2 };
    case 'top':
      return { x: r.x + r.width / 2, y: r.y };
    case 'bottom':
      return { x: r.x + r.width / 2, y: r.y + r.height };
  }
}

function outward(side: Side, d: number): Point {
  switch (side) {
    case 'left':
      return { x: -d, y: 0 };
    case 'right':
      return { x: d, y: 0 };
    case 'top':
      return { x: 0, y: -d };
    case 'bottom':
      return { x: 0, y: d };
  }
}

export function isVerticalEdge(side: Side): boolean {
  return side === 'left' || side === 'right';
}

/** Where a connection's door sits on room `a` (the edge facing room `b`). */
export function doorPlacement(a: Rect, b: Rect): { point: Point; side: Side } {
  const side = facingSide(a, b);
  return { point: edgeMiddle(a, side), side };
}

/**
 * An orthogonal path between two rooms: it leaves each facing edge by PATH_STUB_PX,
 * runs with one jog in the middle, and cuts its corners at 45°.
 */
export function connectionPath(a: Rect, b: Rect): Point[] {
  const sa = facingSide(a, b);
  const sb = facingSide(b, a);
  const a0 = edgeMiddle(a, sa);
  const b0 = edgeMiddle(b, sb);
  const oa = outward(sa, PATH_STUB_PX);
  const ob = outward(sb, PATH_STUB_PX);
  const a1 = { x: a0.x + oa.x, y: a0.y + oa.y };
  const b1 = { x: b0.x + ob.x, y: b0.y + ob.y };
  let corners: Point[];
  if (isVerticalEdge(sa)) {
    const mx = (a1.x + b1.x) / 2;
    corners = [
      { x: mx, y: a1.y },
      { x: mx, y: b1.y },
    ];
  } else {
    const my = (a1.y + b1.y) / 2;
    corners = [
      { x: a1.x, y: my },
      { x: b1.x, y: my },
    ];
  }
  const raw = [a0, a1, ...corners, b1, b0];
  return cutCorners(dropCollinear(dedupe(raw)));
}

/** Remove points that lie on the straight line between their neighbours. */
function dropCollinear(points: Point[]): Point[] {
  if (points.length < 3) return points;
  const out: Point[] = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const p = out[out.length - 1];
    const c = points[i];
    const n = points[i + 1];
    const cross = (c.x - p.x) * (n.y - c.y) - (c.y - p.y) * (n.x - c.x);
    if (Math.abs(cross) >= 0.01) out.push(c);
  }
  out.push(points[points.length - 1]);
  return out;
}

function dedupe(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.abs(last.x - p.x) > 0.01 || Math.abs(last.y - p.y) > 0.01) out.push(p);
  }
  return out;
}

/** Replace every inner right-angle corner by a 45° cut. */
function cutCorners(points: Point[]): Point[] {
  if (points.length < 3) return points;
  const out: Point[] = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1];
    const c = points[i];
    const n = points[i + 1];
    const lenIn = Math.hypot(c.x - p.x, c.y - p.y);
    const lenOut = Math.hypot(n.x - c.x, n.y - c.y);
    const cut = Math.min(PATH_CORNER_PX, lenIn / 2, lenOut / 2);
    const collinear = Math.abs((c.x - p.x) * (n.y - c.y) - (c.y - p.y) * (n.x - c.x)) < 0.01;
    if (cut <= 0.01 || collinear) {
      out.push(c);
      continue;
    }
    out.push({ x: c.x - ((c.x - p.x) / lenIn) * cut, y: c.y - ((c.y - p.y) / lenIn) * cut });
    out.push({ x: c.x + ((n.x - c.x) / lenOut) * cut, y: c.y + ((n.y - c.y) / lenOut) * cut });
  }
  out.push(points[points.length - 1]);
  return out;
}

export function pointsAttr(points: Point[]): string {
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Centre of a grid cell in pixels. */
export function cellCenter(cellX: number, cellY: number, unit: number): Point {
  return { x: cellX * unit + unit / 2, y: cellY * unit + unit / 2 };
}

/** Zoom limits of the map viewport (ui.md §3.2). */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 3;

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

/** The viewBox for a map of size (w, h) at a zoom, centred on (cx, cy). */
export function viewBoxFor(w: number, h: number, zoom: number, cx: number, cy: number): string {
  const vw = w / zoom;
  const vh = h / zoom;
  return `${round(cx - vw / 2)} ${round(cy - vh / 2)} ${round(vw)} ${round(vh)}`;
}

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function parseViewBox(vb: string): ViewBox | null {
  const n = vb.trim().split(/[\s,]+/).map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v)) || n[2] <= 0 || n[3] <= 0) return null;
  return { x: n[0], y: n[1], width: n[2], height: n[3] };
}

/**
 * A point on the screen (client pixels) in map pixels, for an SVG of bounding box `box`
 * drawing `viewBox` with preserveAspectRatio "xMidYMid meet" (the map is centred and
 * scaled to fit). Null when the box has no size.
 */
export function clientToMap(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
  viewBox: ViewBox,
): Point | null {
  if (box.width <= 0 || box.height <= 0 || !Number.isFinite(clientX) || !Number.isFinite(clientY)) return null;
  const scale = Math.min(box.width / viewBox.width, box.height / viewBox.height);
  const offsetX = (box.width - viewBox.width * scale) / 2;
  const offsetY = (box.height - viewBox.height * scale) / 2;
  return {
    x: viewBox.x + (clientX - box.left - offsetX) / scale,
    y: viewBox.y + (clientY - box.top - offsetY) / scale,
  };
}

/** The grid cell containing a map point (grid snapping). */
export function cellAt(point: Point, unit: number): Point {
  return { x: Math.floor(point.x / unit), y: Math.floor(point.y / unit) };
}

/** The room whose rectangle contains a cell, if any. */
export function roomAtCell<R extends Pick<MapRoom, 'x' | 'y' | 'width' | 'height'>>(rooms: readonly R[], cell: Point): R | null {
  for (const r of rooms) {
    if (cell.x >= r.x && cell.x < r.x + r.width && cell.y >= r.y && cell.y < r.y + r.height) return r;
  }
  return null;
}

/**
 * Advance of one character of a room label, in em: the monospace stack's 0.6 em glyph plus the
 * label's 0.05 em letter-spacing (encounter-map.css). Used to size the label plates without
 * measuring text, so the labels need no layout pass of their own.
 */
export const LABEL_CHAR_EM = 0.65;
/** Line height of a wrapped room label, in em. */
export const LABEL_LINE_EM = 1.15;

/**
 * A room name broken at spaces into lines of at most `maxChars` characters (greedy). A word
 * longer than a line keeps its own line: it overflows the room rather than losing letters.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [''];
  const limit = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if (line.length + 1 + w.length <= limit) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  lines.push(line);
  return lines;
}

/** What a room's label shows: the lines drawn, and whether the name had to be cut to fit. */
export interface FittedLabel {
  lines: string[];
  cut: boolean;
}

/** Fewer character places than this and no label is drawn (the name stays the room's tooltip). */
export const MIN_LABEL_CHARS = 3;

/**
 * A room name fitted into at most `maxLines` lines of at most `maxChars` characters: broken at
 * spaces and after hyphens; what does not fit is cut and ends in "…" (the full name stays the
 * room's tooltip and, on the GM's map, its accessible name). A word longer than a line is cut
 * there, not broken over lines: "DECONTAMI…" reads better than "DECONTAMIN / ATIONSCHL…".
 * No places for even a letter and an ellipsis: no lines.
 */
export function fitLabel(text: string, maxChars: number, maxLines: number): FittedLabel {
  const chars = Math.floor(maxChars);
  const rows = Math.floor(maxLines);
  const name = text.trim().replace(/\s+/g, ' ');
  if (chars < MIN_LABEL_CHARS || rows < 1) return { lines: [], cut: name.length > 0 };
  // words, each keeping a trailing hyphen: "XENOBIOLOGY-" "LABORATORY-" "ANNEX"
  const words = name.split(' ').flatMap((w) => w.split(/(?<=-)(?=.)/));
  const lines: string[] = [];
  let line = '';
  let cut = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const glue = line && !line.endsWith('-') ? ' ' : '';
    if (line && line.length + glue.length + w.length <= chars) {
      line += glue + w;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    if (lines.length === rows || w.length > chars) {
      // no line left, or a word wider than a line: cut here
      if (lines.length === rows) lines[rows - 1] = ellipsis(lines[rows - 1], chars);
      else lines.push(ellipsis(w.slice(0, chars), chars));
      cut = true;
      break;
    }
    line = w;
  }
  if (line && !cut) lines.push(line);
  return { lines, cut };
}

/** The line with "…" at its end, within `chars` places. */
function ellipsis(line: string, chars: number): string {
  const kept = line.length + 1 <= chars ? line : line.slice(0, chars - 1);
  return `${kept.replace(/[\s-]+$/, '')}…`;
}
