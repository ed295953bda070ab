import { describe, expect, it } from 'vitest';
import { encounterView, token } from '../test/fixtures';
import { gmReducer, initialGmState, overlay, pendingTokenIds, prune, selectGmView, type GmAction, type GmState } from './optimistic';
import { applyOp, requestOf, type GmOp } from './ops';

function run(state: GmState, ...actions: GmAction[]): GmState {
  return actions.reduce(gmReducer, state);
}

const snap = (version: number, extra = {}) => ({ type: 'snapshot' as const, snapshot: encounterView({ version, ...extra }) });
const move: GmOp = { kind: 'move-token', token_id: 'a1', x: 9, y: 3 };

describe('optimistic overlay', () => {
  it('applies a pending op on top of the server state at once', () => {
    const s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op: move });
    expect(s.view!.encounter_tokens.a1.x).toBe(2); // the server's copy is untouched
    const v = selectGmView(s)!;
    expect(v.encounter_tokens.a1).toMatchObject({ x: 9, y: 3 });
    expect(v.encounter_tokens.b2).toBe(s.view!.encounter_tokens.b2);
    expect(v.encounter_room_visibility).toBe(s.view!.encounter_room_visibility);
  });

  it('keeps the op until the stream reaches the version of the answer, then drops it', () => {
    let s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op: move }, { type: 'op/ack', id: 'c1', version: 12 });
    expect(s.pending).toHaveLength(1);
    expect(s.pending[0]).toMatchObject({ version: 12, epoch: 'e1' });
    // version 11 (someone else's change) does not contain our move yet: still drawn
    s = gmReducer(s, { type: 'patch', frame: { epoch: 'e1', version: 11, base: 10, patch: { view_type: 'ENCOUNTER' } } });
    expect(s.pending).toHaveLength(1);
    expect(selectGmView(s)!.encounter_tokens.a1.x).toBe(9);
    s = gmReducer(s, {
      type: 'patch',
      frame: { epoch: 'e1', version: 12, base: 11, patch: { encounter_tokens: { a1: { x: 9, y: 3 } } } },
    });
    expect(s.pending).toHaveLength(0);
    expect(selectGmView(s)).toBe(s.view);
    expect(s.view!.encounter_tokens.a1.x).toBe(9);
  });

  it('drops the op at once when the stream was already past the answered version', () => {
    const s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op: move }, snap(13), {
      type: 'op/ack',
      id: 'c1',
      version: 12,
    });
    expect(s.pending).toHaveLength(0);
  });

  it('rolls back a refused op and shows the server text', () => {
    const before = run(initialGmState(), snap(10));
    const s = run(before, { type: 'op/begin', id: 'c1', op: move }, {
      type: 'op/fail',
      id: 'c1',
      message: 'Cell is already occupied by another token',
    });
    expect(s.pending).toHaveLength(0);
    expect(selectGmView(s)!.encounter_tokens.a1.x).toBe(2);
    expect(s.notices.at(-1)).toMatchObject({ kind: 'error' });
    expect(s.notices.at(-1)!.text).toContain('Cell is already occupied by another token');
  });

  it('interleaved server events: the overlay follows the server under the pending op', () => {
    let s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op: move });
    // someone else moves b2 and reveals a room while ours is in flight
    s = gmReducer(s, {
      type: 'patch',
      frame: {
        epoch: 'e1',
        version: 11,
        base: 10,
        patch: { encounter_tokens: { b2: { x: 7 } }, encounter_room_visibility: { medbay: true } },
      },
    });
    let v = selectGmView(s)!;
    expect(v.encounter_tokens.a1.x).toBe(9);
    expect(v.encounter_tokens.b2.x).toBe(7);
    expect(v.encounter_room_visibility.medbay).toBe(true);
    // the token we move is removed by the server meanwhile: the op changes nothing, no crash
    s = gmReducer(s, { type: 'patch', frame: { epoch: 'e1', version: 12, base: 11, patch: { encounter_tokens: { a1: null } } } });
    v = selectGmView(s)!;
    expect(v.encounter_tokens.a1).toBeUndefined();
    // and then our write fails: nothing left of it
    s = gmReducer(s, { type: 'op/fail', id: 'c1', message: 'Token not found' });
    expect(selectGmView(s)).toBe(s.view);
  });

  it('several pending ops apply in order; each one is confirmed on its own', () => {
    let s = run(
      initialGmState(),
      snap(10),
      { type: 'op/begin', id: 'c1', op: { kind: 'room', room_id: 'medbay', visible: true } },
      { type: 'op/begin', id: 'c2', op: { kind: 'room', room_id: 'medbay', visible: false } },
      { type: 'op/begin', id: 'c3', op: { kind: 'portrait', npc_id: 'lucia', visible: true } },
    );
    let v = selectGmView(s)!;
    expect(v.encounter_room_visibility.medbay).toBe(false);
    expect(v.encounter_active_portraits).toEqual(['lucia']);
    s = run(s, { type: 'op/ack', id: 'c1', version: 11 }, { type: 'op/ack', id: 'c2', version: 12 }, snap(11));
    expect(s.pending.map((p) => p.id)).toEqual(['c2', 'c3']);
    s = run(s, { type: 'op/fail', id: 'c3', message: 'Unknown NPC: lucia' });
    v = selectGmView(s)!;
    expect(v.encounter_active_portraits).toEqual([]);
    expect(v.encounter_room_visibility.medbay).toBe(false);
  });

  it('a new epoch drops acknowledged ops; ops still in flight stay', () => {
    const s = run(
      initialGmState(),
      snap(10),
      { type: 'op/begin', id: 'c1', op: move },
      { type: 'op/ack', id: 'c1', version: 50 },
      { type: 'op/begin', id: 'c2', op: { kind: 'charon-mode', mode: 'QUERY' } },
      { type: 'snapshot', snapshot: encounterView({ epoch: 'e2', version: 1 }) },
    );
    expect(s.pending.map((p) => p.id)).toEqual(['c2']);
  });

  it('an answer without a version drops the op (the stream is the truth)', () => {
    const s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op: move }, { type: 'op/ack', id: 'c1' });
    expect(s.pending).toHaveLength(0);
  });

  it('an answer before any state held waits for the first state at or past its version', () => {
    let s = run(initialGmState(), { type: 'op/begin', id: 'c1', op: move }, { type: 'op/ack', id: 'c1', version: 5 });
    expect(s.pending[0].epoch).toBeNull();
    s = gmReducer(s, snap(4));
    expect(s.pending).toHaveLength(1);
    s = gmReducer(s, snap(5));
    expect(s.pending).toHaveLength(0);
    expect(prune(s)).toBe(s);
  });

  it('placed tokens carry a temporary id until the server names them', () => {
    const op: GmOp = {
      kind: 'place-token',
      temp_id: 'pending-1',
      type: 'npc',
      name: 'Vance',
      x: 3,
      y: 2,
      image_url: '',
      deck_id: 'deck_1',
    };
    const s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op });
    expect(selectGmView(s)!.encounter_tokens['pending-1']).toMatchObject({ name: 'Vance', x: 3, deck_id: 'deck_1' });
    expect(pendingTokenIds(s).has('pending-1')).toBe(true);
  });

  it('the selector keeps identity between calls and of untouched tokens across new ops', () => {
    let s = run(initialGmState(), snap(10), { type: 'op/begin', id: 'c1', op: move });
    const v1 = selectGmView(s)!;
    expect(selectGmView(s)).toBe(v1);
    s = gmReducer(s, { type: 'op/begin', id: 'c2', op: { kind: 'door', connection_id: 'c1', door_status: 'OPEN' } });
    const v2 = selectGmView(s)!;
    expect(v2.encounter_tokens).toBe(v1.encounter_tokens);
    expect(v2.encounter_door_status).toEqual({ c1: 'OPEN' });
  });

  it('notices: bounded, dismissable', () => {
    let s = initialGmState();
    for (let i = 0; i < 6; i++) s = gmReducer(s, { type: 'notice', kind: 'ok', text: `n${i}` });
    expect(s.notices.map((n) => n.text)).toEqual(['n2', 'n3', 'n4', 'n5']);
    s = gmReducer(s, { type: 'notice/dismiss', id: s.notices[0].id });
    expect(s.notices).toHaveLength(3);
  });
});

describe('ops', () => {
  const v = encounterView({ version: 1, ship_system_overrides: { engines: { status: 'DAMAGED', condition: 40 } } });

  it('requests use the server field names', () => {
    expect(requestOf({ kind: 'room', room_id: 'bridge', visible: false })).toEqual({
      path: 'api/gm/encounter/toggle-room/',
      body: { room_id: 'bridge', visible: false },
    });
    expect(requestOf({ kind: 'rooms', visible: true, deck_id: 'deck_2', rooms: ['x'] }).body).toEqual({ all: true, deck_id: 'deck_2' });
    expect(requestOf({ kind: 'token-status', token_id: 'a1', add: 'dead' }).body).toEqual({ token_id: 'a1', add: 'dead' });
    expect(requestOf({ kind: 'portrait', npc_id: 'n', visible: true }).body).toEqual({ npc_id: 'n', visible: true });
    expect(requestOf({ kind: 'switch-view', view_type: 'ENCOUNTER' }).body).toEqual({ view_type: 'ENCOUNTER' });
    expect(requestOf({ kind: 'switch-view', view_type: 'ENCOUNTER', location_slug: 'm', reset: true }).body).toEqual({
      view_type: 'ENCOUNTER',
      location_slug: 'm',
      reset: true,
    });
    expect(requestOf({ kind: 'charon-dialog', open: false })).toEqual({ path: 'api/gm/charon/toggle-dialog/', body: { open: false } });
    expect(requestOf({ kind: 'move-token', token_id: 'a1', x: 1, y: 2 }).body).toEqual({ token_id: 'a1', x: 1, y: 2 });
    expect(requestOf({ kind: 'ship', system: 'engines', condition: 30 }).body).toEqual({ system: 'engines', condition: 30 });
  });

  it('ship overrides merge like the server', () => {
    const next = applyOp(v, { kind: 'ship', system: 'engines', info: 'leaking' });
    expect(next.ship_system_overrides.engines).toEqual({ status: 'DAMAGED', condition: 40, info: 'leaking' });
  });

  it('status add/remove are deltas; no-op changes return the same view', () => {
    const a = applyOp(v, { kind: 'token-status', token_id: 'b2', add: 'wounded' });
    expect(a).toBe(v);
    const b = applyOp(v, { kind: 'token-status', token_id: 'b2', remove: 'wounded' });
    expect(b.encounter_tokens.b2.status).toEqual([]);
    expect(b.encounter_tokens.a1).toBe(v.encounter_tokens.a1);
    expect(applyOp(v, { kind: 'move-token', token_id: 'zz', x: 1, y: 1 })).toBe(v);
  });

  it('clear tokens of one deck keeps the others', () => {
    const view = encounterView({
      encounter_tokens: { a: token('a'), b: token('b', { deck_id: 'deck_2' }) },
    });
    expect(Object.keys(applyOp(view, { kind: 'clear-tokens', deck_id: 'deck_1' }).encounter_tokens)).toEqual(['b']);
    expect(applyOp(view, { kind: 'clear-tokens' }).encounter_tokens).toEqual({});
  });

  it('switching to another location starts a new encounter in the overlay', () => {
    const next = applyOp(v, {
      kind: 'switch-view',
      view_type: 'ENCOUNTER',
      location_slug: 'station',
      location: { name: 'Station', type: 'station', has_map: true },
    });
    expect(next).toMatchObject({ location_slug: 'station', location_name: 'Station', encounter_deck_id: '', encounter_tokens: {} });
    const same = applyOp(v, { kind: 'switch-view', view_type: 'STANDBY' });
    expect(same.encounter_tokens).toBe(v.encounter_tokens);
    expect(same.view_type).toBe('STANDBY');
  });

  it('overlay of nothing is nothing', () => {
    expect(overlay(null, [])).toBeNull();
  });
});
