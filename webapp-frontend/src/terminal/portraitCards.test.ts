import { describe, expect, it } from 'vitest';
import { reconcilePortraitCards, removeLeftCard } from './portraitCards';

const a = { id: 'a', name: 'A', portrait: '' };
const b = { id: 'b', name: 'B', portrait: '' };
const c = { id: 'c', name: 'C', portrait: '' };

describe('portrait cards', () => {
  it('adds new cards in list order', () => {
    const cards = reconcilePortraitCards([], [a, b]);
    expect(cards.map((x) => [x.npc.id, x.leaving])).toEqual([['a', false], ['b', false]]);
  });

  it('keeps a dismissed card in place, marked leaving, until removed', () => {
    const one = reconcilePortraitCards([], [a, b, c]);
    const two = reconcilePortraitCards(one, [a, c]);
    expect(two.map((x) => [x.npc.id, x.leaving])).toEqual([['a', false], ['b', true], ['c', false]]);
    expect(two[0]).toBe(one[0]);
    expect(removeLeftCard(two, 'b').map((x) => x.npc.id)).toEqual(['a', 'c']);
    expect(removeLeftCard(two, 'a')).toHaveLength(3); // only leaving cards are removed
  });

  it('a card shown again while leaving comes back', () => {
    const two = reconcilePortraitCards(reconcilePortraitCards([], [a]), []);
    expect(two[0].leaving).toBe(true);
    expect(reconcilePortraitCards(two, [a])[0].leaving).toBe(false);
  });

  it('returns the same list when nothing changed', () => {
    const one = reconcilePortraitCards([], [a, b]);
    expect(reconcilePortraitCards(one, [a, b])).toBe(one);
  });
});
