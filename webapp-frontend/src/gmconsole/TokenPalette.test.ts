import { describe, expect, it } from 'vitest';
import { templatesOf } from './TokenPalette';
import { locationPaths } from './CharonPanel';
import { playersOf } from './players';

describe('palette templates', () => {
  it('unique keys even when ids repeat; unknown types become creatures', () => {
    const t = templatesOf([
      { id: 'vance', name: 'Vance', type: 'npc', url: 'a', source: 'npc' },
      { id: 'vance', name: 'Vance', type: 'player', url: 'a', source: 'crew' },
      { id: 'x', name: 'X', type: 'alien', url: '', source: 'images' },
    ]);
    expect(t.map((x) => x.key)).toEqual(['vance', 'vance-2', 'x']);
    expect(t[2].type).toBe('creature');
  });
});

describe('helpers', () => {
  it('location paths are slash-joined slugs', () => {
    expect(
      locationPaths([{ slug: 'sol', name: 'Sol', children: [{ slug: 'earth', name: 'Earth', children: [] }] }]).map((p) => p.path),
    ).toEqual(['sol', 'sol/earth']);
  });
  it('players list in either shape', () => {
    expect(playersOf({ players: [{ username: 'a', role: 'PLAYER' }, 'b', 3] })).toEqual([
      { username: 'a', role: 'PLAYER' },
      { username: 'b' },
    ]);
    expect(playersOf([{ username: 'c' }])).toEqual([{ username: 'c', role: undefined }]);
    expect(playersOf({ error: 'x' })).toEqual([]);
  });
});
