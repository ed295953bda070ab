import type { PointerEvent } from 'react';
import type { Token } from '../state/types';
import type { Point } from './geometry';

/** Below this a press that ends is a tap, not a drag (CSS px). */
export const DRAG_THRESHOLD_PX = 4;

/** Where a dragged token is drawn while the pointer is down. */
export type Ghost = { id: string; cell: Point } | null;

/** What a drag asks of its map, read at each event (the map may have zoomed since the press). */
export interface TokenDragSource {
  toCell(clientX: number, clientY: number): Point | null;
  canStart(token: Token): boolean;
  onDrop(token: Token, cell: Point): void;
  /** a press that did not move: the GM opens the token's popup; the phone ignores it */
  onTap?(token: Token, at: { clientX: number; clientY: number }): void;
}

export interface TokenDragHandlers {
  down: (e: PointerEvent<SVGGElement>, t: Token) => void;
  move: (e: PointerEvent<SVGGElement>) => void;
  up: (e: PointerEvent<SVGGElement>, t: Token) => void;
  cancel: () => void;
}

/**
 * One-pointer drag of a token snapped to cells, the same on the GM's map and the player's phone:
 * pointer capture (mouse, pen and touch alike), a threshold between a tap and a drag, a ghost at
 * the cell under the pointer, and a drop only onto another cell. Made once per layer (memoised
 * tokens keep the handlers); `source` and `ghost` are read at each event, so they see the
 * latest props.
 */
export function tokenDragHandlers(
  source: () => TokenDragSource,
  ghost: () => Ghost,
  setGhost: (f: (g: Ghost) => Ghost) => void,
): TokenDragHandlers {
  let drag: { id: string; pointerId: number; x: number; y: number; moved: boolean } | null = null;
  const clear = () => setGhost(() => null);
  return {
    down(e, t) {
      if (e.button !== 0 || !source().canStart(t)) return;
      e.stopPropagation(); // a token's drag never pans the map
      e.currentTarget.setPointerCapture?.(e.pointerId);
      drag = { id: t.id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
    },
    move(e) {
      const d = drag;
      if (!d || d.pointerId !== e.pointerId) return;
      if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_THRESHOLD_PX) return;
      d.moved = true;
      const cell = source().toCell(e.clientX, e.clientY);
      if (cell) setGhost((g) => (g && g.id === d.id && g.cell.x === cell.x && g.cell.y === cell.y ? g : { id: d.id, cell }));
    },
    up(e, t) {
      const d = drag;
      if (!d || d.pointerId !== e.pointerId) return;
      drag = null;
      e.stopPropagation();
      const s = source();
      if (!d.moved) {
        clear();
        s.onTap?.(t, { clientX: e.clientX, clientY: e.clientY });
        return;
      }
      const cell = s.toCell(e.clientX, e.clientY) ?? ghost()?.cell ?? null;
      clear();
      if (cell && (cell.x !== t.x || cell.y !== t.y)) s.onDrop(t, cell);
    },
    cancel() {
      if (!drag) return;
      drag = null;
      clear();
    },
  };
}
