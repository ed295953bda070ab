import type { Token } from '../state/types';

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
