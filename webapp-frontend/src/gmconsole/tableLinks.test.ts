import { describe, expect, it } from 'vitest';
import { token } from '../test/fixtures';
import { applyOp, describeOp, requestOf } from './ops';
import { encounterView } from '../test/fixtures';
import { crewOf, linkBody, linksOf, ownersEqual, standsFor, tokenOwners, unlinkPath } from './tableLinks';

const ROOK = { id: 'rook', name: 'Rook Adeyemi', portrait: 'api/campaign/images/campaign/images/crew/rook.png' };

describe('table links', () => {
  it('reads GET api/gm/table/links/ and skips what it does not understand', () => {
    expect(
      linksOf({
        links: [{ username: 'ripley', token_id: 'a1' }, { username: 'hicks', crew_id: 'rook' }, { username: 'x' }, { token_id: 'b2' }, 'junk'],
        count: 5,
      }),
    ).toEqual([
      { username: 'ripley', kind: 'token', id: 'a1' },
      { username: 'hicks', kind: 'crew', id: 'rook' },
    ]);
    expect(linksOf(null)).toEqual([]);
    expect(linksOf({ error: 'x' })).toEqual([]);
  });

  it('reads the crew of GET api/gm/bridge/personnel/', () => {
    expect(crewOf({ crew: [{ id: 'rook', name: 'Rook Adeyemi', portrait: 'p.png', role: 'Pilot' }, { name: 'no id' }], npcs: [] })).toEqual([
      { id: 'rook', name: 'Rook Adeyemi', portrait: 'p.png' },
    ]);
    expect(crewOf(undefined)).toEqual([]);
  });

  it('a select value becomes exactly one target, and nothing chosen sends nothing', () => {
    expect(linkBody('ripley', 'token:a1')).toEqual({ username: 'ripley', token_id: 'a1' });
    expect(linkBody('ripley', 'crew:rook')).toEqual({ username: 'ripley', crew_id: 'rook' });
    expect(linkBody('ripley', '')).toBeNull();
    expect(linkBody('ripley', 'token:')).toBeNull();
    expect(linkBody('ripley', 'npc:x')).toBeNull();
  });

  it('unlinks by kind and encoded id', () => {
    expect(unlinkPath({ username: 'r', kind: 'token', id: 'a1' })).toBe('api/gm/table/links/token/a1/');
    expect(unlinkPath({ username: 'r', kind: 'crew', id: 'a b' })).toBe('api/gm/table/links/crew/a%20b/');
  });

  it("a crew member's tokens are the player tokens with their portrait or their name, as the server decides", () => {
    expect(standsFor(token('t', { image_url: ROOK.portrait, name: 'Someone' }), ROOK)).toBe(true);
    expect(standsFor(token('t', { name: '  rook adeyemi ' }), ROOK)).toBe(true);
    expect(standsFor(token('t', { type: 'npc', name: 'Rook Adeyemi' }), ROOK)).toBe(false);
    expect(standsFor(token('t', { name: 'Rook' }), ROOK)).toBe(false);
    expect(standsFor(token('t', { name: 'Other' }), { ...ROOK, portrait: '' })).toBe(false);
  });

  it('a link by token id wins over a crew link; tokens nobody moves have no owner', () => {
    const tokens = [
      token('a1', { name: 'Rook Adeyemi' }),
      token('a2', { image_url: ROOK.portrait, name: 'R' }),
      token('b2', { type: 'creature', name: 'Xeno' }),
    ];
    const owners = tokenOwners(
      tokens,
      [
        { username: 'hicks', kind: 'crew', id: 'rook' },
        { username: 'ripley', kind: 'token', id: 'a1' },
      ],
      [ROOK],
    );
    expect([...owners]).toEqual([
      ['a1', 'ripley'],
      ['a2', 'hicks'],
    ]);
    // a crew link to a member the console does not know (yet) marks nothing
    expect(tokenOwners(tokens, [{ username: 'hicks', kind: 'crew', id: 'rook' }], []).size).toBe(0);
    expect(ownersEqual(owners, new Map(owners))).toBe(true);
    expect(ownersEqual(owners, new Map([['a1', 'ripley']]))).toBe(false);
    expect(ownersEqual(owners, new Map([['a1', 'ripley'], ['a2', 'vasquez']]))).toBe(false);
  });

  it('the movement switch is a pushed state write, shown at once', () => {
    expect(requestOf({ kind: 'player-movement', enabled: true })).toEqual({
      path: 'api/gm/table/player-movement/',
      body: { enabled: true },
    });
    const view = encounterView();
    expect(applyOp(view, { kind: 'player-movement', enabled: true }).player_movement).toBe(true);
    expect(applyOp(view, { kind: 'player-movement', enabled: false })).toBe(view);
    const on = { ...view, player_movement: true };
    expect(applyOp(on, { kind: 'player-movement', enabled: false }).player_movement).toBe(false);
    expect(describeOp({ kind: 'player-movement', enabled: false })).toBe('take the tokens back');
  });
});
