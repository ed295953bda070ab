import type { ActiveView, DoorStatus, Initiative, MapConnection, NpcData, Token } from './types';

/**
 * Derived views of the active-view state. Pure; the ones that build arrays are memoised
 * on the identity of their inputs (structural sharing keeps those stable), so
 * components reading them re-render only on real changes.
 */

const DOOR_STATUSES: readonly DoorStatus[] = ['OPEN', 'CLOSED', 'LOCKED', 'SEALED', 'DAMAGED'];

function memo1<A, R>(fn: (a: A) => R): (a: A) => R {
  let called = false;
  let lastA: A;
  let lastR: R;
  return (a: A) => {
    if (called && Object.is(a, lastA)) return lastR;
    called = true;
    lastA = a;
    lastR = fn(a);
    return lastR;
  };
}

function memo2<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let called = false;
  let lastA: A;
  let lastB: B;
  let lastR: R;
  return (a: A, b: B) => {
    if (called && Object.is(a, lastA) && Object.is(b, lastB)) return lastR;
    called = true;
    lastA = a;
    lastB = b;
    lastR = fn(a, b);
    return lastR;
  };
}

/** Rooms: only an explicit `true` reveals. A missing entry means hidden (protocol). */
export function isRoomRevealed(visibility: Record<string, boolean> | undefined, roomId: string): boolean {
  return !!visibility && visibility[roomId] === true;
}

/** Sorted ids of every revealed room (the whole location: visibility is one flat map). */
export const revealedRoomIds = memo1((visibility: Record<string, boolean> | undefined): string[] =>
  Object.keys(visibility ?? {})
    .filter((id) => visibility![id] === true)
    .sort(),
);

/**
 * Tokens of the displayed deck, in a stable order (by id). A token without a deck, or a
 * location without deck ids (single-deck map), is shown on the displayed deck.
 */
export const tokensOfDeck = memo2((tokens: Record<string, Token> | undefined, deckId: string): Token[] =>
  Object.values(tokens ?? {})
    .filter((t) => !deckId || !t.deck_id || t.deck_id === deckId)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

export function tokensOfDisplayedDeck(view: ActiveView | null): Token[] {
  if (!view) return EMPTY_TOKENS;
  return tokensOfDeck(view.encounter_tokens, view.encounter_deck_id);
}
const EMPTY_TOKENS: Token[] = [];

/** A known door status word, or null. */
export function asDoorStatus(value: unknown): DoorStatus | null {
  if (typeof value !== 'string') return null;
  const upper = value.toUpperCase() as DoorStatus;
  return DOOR_STATUSES.includes(upper) ? upper : null;
}

/** Effective door status: the runtime override, else the map's default, else CLOSED. */
export function effectiveDoorStatus(
  connection: Pick<MapConnection, 'id' | 'door_status'>,
  overrides: Record<string, string> | undefined,
): DoorStatus {
  return asDoorStatus(overrides?.[connection.id]) ?? asDoorStatus(connection.door_status) ?? 'CLOSED';
}

/** Active portraits with their NPC data, in display order; ids without data are skipped. */
export const activePortraits = memo2(
  (ids: string[] | undefined, npcs: Record<string, NpcData> | undefined): NpcData[] =>
    (ids ?? []).flatMap((id) => (npcs?.[id] ? [npcs[id]] : [])),
);

export function activePortraitsOf(view: ActiveView | null): NpcData[] {
  if (!view) return EMPTY_NPCS;
  return activePortraits(view.encounter_active_portraits, view.encounter_npc_data);
}
const EMPTY_NPCS: NpcData[] = [];

/** The comm-terminal overlay is open only when both overlay fields are set. */
export function isOverlayOpen(view: ActiveView | null): boolean {
  return !!view && !!view.overlay_location_slug && !!view.overlay_terminal_slug;
}

/** Number of decks (1 when the location has no deck list). */
export function totalDecks(view: ActiveView | null): number {
  const n = view?.encounter_total_decks;
  return typeof n === 'number' && n > 0 ? n : 1;
}

/** Location types drawn as a 2D deck map (ui.md §3.1). */
const MAP_LOCATION_TYPES = new Set(['station', 'ship', 'base', 'deck', 'room', 'level', 'section']);

export function isMapLocation(view: ActiveView | null): boolean {
  if (!view || !view.location_slug) return false;
  if (view.encounter_has_map === true) return true;
  if (view.encounter_has_map === false) return false;
  return MAP_LOCATION_TYPES.has(String(view.location_type ?? '').toLowerCase());
}

/**
 * Tokens a player may see on the displayed deck: the server's player projection already
 * leaves out tokens of hidden rooms and `hidden` tokens; this keeps the same rule on the
 * client (room revealed or no room; not hidden) in case a GM-shaped state arrives.
 */
export const playerVisibleTokens = memo2((tokens: Token[], visibility: Record<string, boolean> | undefined): Token[] => {
  const out = tokens.filter(
    (t) => (!t.room_id || isRoomRevealed(visibility, t.room_id)) && !t.status.includes('hidden'),
  );
  return out.length === tokens.length ? tokens : out;
});

/** One entry of the turn strip. */
export interface TurnEntry {
  id: string;
  name: string;
  current: boolean;
}

/**
 * The turn order as the screen can draw it: entries in order with their token's name, ids the state
 * has no token for left out (a stale client never shows a blank entry). Empty when there is no order.
 */
export const turnOrder = memo2(
  (initiative: Initiative | undefined, tokens: Record<string, Token> | undefined): TurnEntry[] => {
    if (!initiative || !Array.isArray(initiative.order) || initiative.order.length === 0) return EMPTY_TURNS;
    const out: TurnEntry[] = [];
    initiative.order.forEach((id, i) => {
      const token = tokens?.[id];
      if (token) out.push({ id, name: token.name, current: i === initiative.current });
    });
    return out;
  },
);
const EMPTY_TURNS: TurnEntry[] = [];

export function turnEntries(view: ActiveView | null): TurnEntry[] {
  return view ? turnOrder(view.initiative, view.encounter_tokens) : EMPTY_TURNS;
}

/** The id of the token whose turn it is, or null (no order, or an unseen one acts). */
export function currentTurnTokenId(view: ActiveView | null): string | null {
  const i = view?.initiative;
  if (!i || !Array.isArray(i.order) || i.current < 0 || i.current >= i.order.length) return null;
  return i.order[i.current] ?? null;
}

/** The order's ids with one more at the end (or the same list when it is already in). */
export function withTurnAdded(view: ActiveView | null, tokenId: string): string[] {
  const order = view?.initiative?.order ?? [];
  return order.includes(tokenId) ? order : [...order, tokenId];
}

/** The order's ids without one. */
export function withTurnRemoved(view: ActiveView | null, tokenId: string): string[] {
  return (view?.initiative?.order ?? []).filter((id) => id !== tokenId);
}
