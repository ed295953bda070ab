import { describe, expect, it } from 'vitest';
import {
  activePortraitsOf,
  currentTurnTokenId,
  turnEntries,
  withTurnAdded,
  withTurnRemoved,
  effectiveDoorStatus,
  isMapLocation,
  isOverlayOpen,
  isRoomRevealed,
  revealedRoomIds,
  tokensOfDisplayedDeck,
  totalDecks,
} from './selectors';
import { activeView, encounterView, token } from '../test/fixtures';

describe('selectors', () => {
  it('a room is revealed only by an explicit true; a missing entry means hidden', () => {
    const vis = { bridge: true, medbay: false };
    expect(isRoomRevealed(vis, 'bridge')).toBe(true);
    expect(isRoomRevealed(vis, 'medbay')).toBe(false);
    expect(isRoomRevealed(vis, 'cargo')).toBe(false);
    expect(isRoomRevealed(undefined, 'bridge')).toBe(false);
  });

  it('revealedRoomIds lists true entries sorted and is memoised', () => {
    const vis = { z: true, a: true, m: false };
    expect(revealedRoomIds(vis)).toEqual(['a', 'z']);
    expect(revealedRoomIds(vis)).toBe(revealedRoomIds(vis));
  });

  it('tokens of the displayed deck only; deck-less tokens everywhere; stable order', () => {
    const v = encounterView({
      encounter_deck_id: 'deck_1',
      encounter_tokens: {
        z: token('z', { deck_id: 'deck_1' }),
        b: token('b', { deck_id: 'deck_2' }),
        a: token('a', { deck_id: undefined }),
      },
    });
    expect(tokensOfDisplayedDeck(v).map((t) => t.id)).toEqual(['a', 'z']);
    expect(tokensOfDisplayedDeck(v)).toBe(tokensOfDisplayedDeck(v));
    expect(tokensOfDisplayedDeck({ ...v, encounter_deck_id: 'deck_2' }).map((t) => t.id)).toEqual(['a', 'b']);
    expect(tokensOfDisplayedDeck(null)).toEqual([]);
  });

  it('effective door status: override, else map default, else CLOSED', () => {
    expect(effectiveDoorStatus({ id: 'c1', door_status: 'LOCKED' }, { c1: 'OPEN' })).toBe('OPEN');
    expect(effectiveDoorStatus({ id: 'c1', door_status: 'LOCKED' }, {})).toBe('LOCKED');
    expect(effectiveDoorStatus({ id: 'c1' }, {})).toBe('CLOSED');
    expect(effectiveDoorStatus({ id: 'c1', door_status: 'sealed' }, undefined)).toBe('SEALED');
    expect(effectiveDoorStatus({ id: 'c1', door_status: 'weird' }, { c1: 'nonsense' })).toBe('CLOSED');
  });

  it('active portraits in list order with NPC data; unknown ids skipped', () => {
    const v = activeView({
      encounter_active_portraits: ['b', 'ghost', 'a'],
      encounter_npc_data: {
        a: { id: 'a', name: 'Alpha', portrait: '' },
        b: { id: 'b', name: 'Beta', portrait: 'img/b.png' },
      },
    });
    expect(activePortraitsOf(v).map((n) => n.name)).toEqual(['Beta', 'Alpha']);
    expect(activePortraitsOf(v)).toBe(activePortraitsOf(v));
    expect(activePortraitsOf(activeView())).toEqual([]);
  });

  it('overlay open only when both overlay fields are set', () => {
    expect(isOverlayOpen(activeView({ overlay_location_slug: 'x', overlay_terminal_slug: 'y' }))).toBe(true);
    expect(isOverlayOpen(activeView({ overlay_location_slug: 'x' }))).toBe(false);
    expect(isOverlayOpen(activeView({ overlay_terminal_slug: 'y' }))).toBe(false);
    expect(isOverlayOpen(null)).toBe(false);
  });

  it('deck count and map locations', () => {
    expect(totalDecks(encounterView())).toBe(2);
    expect(totalDecks(activeView())).toBe(1);
    expect(isMapLocation(encounterView())).toBe(true);
    expect(isMapLocation(encounterView({ encounter_has_map: undefined, location_type: 'Station' }))).toBe(true);
    expect(isMapLocation(encounterView({ encounter_has_map: undefined, location_type: 'planet' }))).toBe(false);
    expect(isMapLocation(encounterView({ encounter_has_map: false }))).toBe(false);
  });

  it('turn order: entries in order with names, the current one marked, ids without a token left out', () => {
    const tokens = { a: token('a', { name: 'Ash' }), b: token('b', { name: 'Bishop' }) };
    const v = activeView({ encounter_tokens: tokens, initiative: { order: ['b', 'gone', 'a'], current: 2 } });
    expect(turnEntries(v)).toEqual([
      { id: 'b', name: 'Bishop', current: false },
      { id: 'a', name: 'Ash', current: true },
    ]);
    expect(turnEntries(v)).toBe(turnEntries(v)); // memoised on the same inputs
    expect(currentTurnTokenId(v)).toBe('a');
  });

  it('turn order: none, or an unseen token acting (-1), has no current token', () => {
    expect(turnEntries(null)).toEqual([]);
    expect(turnEntries(activeView())).toEqual([]);
    expect(currentTurnTokenId(activeView())).toBeNull();
    expect(currentTurnTokenId(activeView({ initiative: { order: ['a'], current: -1 } }))).toBeNull();
    expect(currentTurnTokenId(activeView({ initiative: { order: ['a'], current: 3 } }))).toBeNull();
    expect(currentTurnTokenId(activeView({ initiative: { order: [], current: -1 } }))).toBeNull();
  });

  it('turn order: adding appends once, removing drops one', () => {
    const v = activeView({ initiative: { order: ['a', 'b'], current: 0 } });
    expect(withTurnAdded(v, 'c')).toEqual(['a', 'b', 'c']);
    expect(withTurnAdded(v, 'a')).toEqual(['a', 'b']);
    expect(withTurnAdded(null, 'a')).toEqual(['a']);
    expect(withTurnRemoved(v, 'a')).toEqual(['b']);
    expect(withTurnRemoved(null, 'a')).toEqual([]);
  });
});
