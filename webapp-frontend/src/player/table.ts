import type { ViewBox } from '../encounter/geometry';
import type { DeckMap, Token } from '../state/types';

/** GET api/table/me/: only the caller's own (docs/protocol.md, "At the table"). */
export interface TableMe {
  username: string;
  tokens: string[];
  crew: string[];
  player_movement: boolean;
}

export function isTableMe(value: unknown): value is TableMe {
  const v = value as TableMe;
  return !!v && typeof v.username === 'string' && Array.isArray(v.tokens) && Array.isArray(v.crew);
}

/** What the line above the map says; the phone shows whether the player may drag. */
export function statusLine(movement: boolean, mine: readonly Token[]): string {
  if (!movement) return 'The GM holds the tokens';
  if (mine.length === 0) return 'No token of yours on this deck';
  return mine.length === 1 ? 'Drag your token to move it' : 'Drag one of your tokens to move it';
}

/**
 * When to ask the server again which tokens are ours: the links live on the server (the GM
 * changes them without an event), so the page re-reads them when the tokens players see or the
 * movement switch change, never on a timer.
 */
export function meKey(tokens: readonly Token[], movement: boolean): string {
  return `${movement ? 1 : 0}|${tokens.map((t) => t.id).sort().join(',')}`;
}

/** The body of POST api/table/move/. */
export function moveBody(token: Token, cell: { x: number; y: number }): { token_id: string; x: number; y: number } {
  return { token_id: token.id, x: cell.x, y: cell.y };
}

/** Cells of margin around the rooms a phone fits: the walls and doors at their edges stay in view. */
export const FIT_MARGIN_CELLS = 1;

/**
 * The part of the deck a phone fits (map units): the revealed rooms, with a cell of margin; null
 * while none is revealed (then the whole deck). Only revealed rooms count: the players' map has
 * no others, so this says nothing about hidden ones.
 */
export function revealedArea(deck: DeckMap, revealed: Readonly<Record<string, boolean>>, unit: number): ViewBox | null {
  const rooms = deck.rooms.filter((r) => revealed[r.id] === true);
  if (rooms.length === 0) return null;
  const x0 = Math.min(...rooms.map((r) => r.x)) - FIT_MARGIN_CELLS;
  const y0 = Math.min(...rooms.map((r) => r.y)) - FIT_MARGIN_CELLS;
  const x1 = Math.max(...rooms.map((r) => r.x + r.width)) + FIT_MARGIN_CELLS;
  const y1 = Math.max(...rooms.map((r) => r.y + r.height)) + FIT_MARGIN_CELLS;
  return { x: x0 * unit, y: y0 * unit, width: (x1 - x0) * unit, height: (y1 - y0) * unit };
}
