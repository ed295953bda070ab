import { describe, expect, it } from 'vitest';
import type { Token } from '../state/types';
import { morriganMap } from '../test/fixtures';
import { isTableMe, meKey, moveBody, revealedArea, statusLine } from './table';

const token = (id: string, x = 1, y = 2): Token => ({
  id,
  type: 'player',
  name: id,
  x,
  y,
  status: [],
  image_url: '',
  room_id: 'bridge',
});

describe('the player page', () => {
  it('says the GM holds the tokens while movement is off, whatever the player owns', () => {
    expect(statusLine(false, [token('a')])).toBe('The GM holds the tokens');
    expect(statusLine(true, [])).toBe('No token of yours on this deck');
    expect(statusLine(true, [token('a')])).toBe('Drag your token to move it');
  });

  it('re-reads its links when the visible tokens or the switch change, not when a token only moves', () => {
    expect(meKey([token('b'), token('a')], true)).toBe(meKey([token('a', 5, 5), token('b')], true));
    expect(meKey([token('a')], true)).not.toBe(meKey([token('a')], false));
    expect(meKey([token('a')], true)).not.toBe(meKey([token('a'), token('c')], true));
  });

  it('moves by token id and cell', () => {
    expect(moveBody(token('a'), { x: 7, y: 8 })).toEqual({ token_id: 'a', x: 7, y: 8 });
  });

  it('accepts only a well-formed me answer', () => {
    expect(isTableMe({ username: 'r', tokens: [], crew: [], player_movement: false })).toBe(true);
    expect(isTableMe({ username: 'r' })).toBe(false);
    expect(isTableMe(null)).toBe(false);
  });

  it('a phone fits the revealed rooms with a cell of margin; the whole deck while none is revealed', () => {
    const deck = morriganMap().current_deck;
    expect(revealedArea(deck, {}, 40)).toBeNull();
    expect(revealedArea(deck, { bridge: false }, 40)).toBeNull();
    // bridge: cells 1..5 × 1..4 → 0..6 × 0..5 with the margin
    expect(revealedArea(deck, { bridge: true }, 40)).toEqual({ x: 0, y: 0, width: 240, height: 200 });
    // bridge and corridor (6..12 × 1..3): 0..13 × 0..5
    expect(revealedArea(deck, { bridge: true, corridor: true }, 40)).toEqual({ x: 0, y: 0, width: 520, height: 200 });
    // an id the deck has not got (another deck's room) changes nothing
    expect(revealedArea(deck, { corridor: true, elsewhere: true }, 10)).toEqual({ x: 50, y: 0, width: 80, height: 40 });
  });
});
