import { describe, expect, it, vi } from 'vitest';
import { encounterView } from '../test/fixtures';
import { createStore } from '../state/store';
import { createGmActions } from './actions';
import { gmReducer, initialGmState, pendingTokenIds, selectGmView, type GmAction, type GmState } from './optimistic';
import type { GmOp } from './ops';
import { actionName, batchOf, isStageable, stageOp } from './staging';

function run(state: GmState, ...actions: GmAction[]): GmState {
  return actions.reduce(gmReducer, state);
}

const snap = (version: number) => ({ type: 'snapshot' as const, snapshot: encounterView({ version }) });
const reveal = (room_id: string, visible = true): GmOp => ({ kind: 'room', room_id, visible });
const place: GmOp = {
  kind: 'place-token',
  temp_id: 'pending-1',
  type: 'npc',
  name: 'Ash',
  x: 4,
  y: 4,
  image_url: '',
  deck_id: 'deck_1',
};
const staging = () => run(initialGmState(), snap(10), { type: 'stage/set', on: true });

describe('staging reducer', () => {
  it('draws staged changes on the GM view only, leaving the server state untouched', () => {
    const s = run(staging(), { type: 'stage/add', id: 's1', op: reveal('medbay') }, { type: 'stage/add', id: 's2', op: place });
    expect(s.view!.encounter_room_visibility.medbay).toBeUndefined();
    expect(selectGmView(s)!.encounter_room_visibility.medbay).toBe(true);
    expect(selectGmView(s)!.encounter_tokens['pending-1']).toMatchObject({ name: 'Ash', x: 4 });
    expect(pendingTokenIds(s).has('pending-1')).toBe(true);
    expect(s.staging.staged).toHaveLength(2);
    expect(s.pending).toHaveLength(0);
  });

  it('does nothing with stage mode off, and will not leave it while changes are staged', () => {
    expect(run(initialGmState(), snap(10), { type: 'stage/add', id: 's1', op: reveal('medbay') }).staging.staged).toHaveLength(0);
    const s = run(staging(), { type: 'stage/add', id: 's1', op: reveal('medbay') }, { type: 'stage/set', on: false });
    expect(s.staging.on).toBe(true);
    const discarded = run(s, { type: 'stage/discard' }, { type: 'stage/set', on: false });
    expect(discarded.staging).toMatchObject({ on: false, staged: [] });
    expect(selectGmView(discarded)!.encounter_room_visibility.medbay).toBeUndefined();
  });

  it('counts the last value of a room, door or portrait once, at its latest place', () => {
    const staged = [reveal('medbay'), reveal('lab'), reveal('medbay', false)].reduce(
      (list, op, i) => stageOp(list, `s${i}`, op)!,
      [] as ReturnType<typeof stageOp> & object,
    );
    expect(staged.map((s) => s.op)).toEqual([reveal('lab'), reveal('medbay', false)]);
  });

  it('keeps token moves in order (an earlier move may free the cell a later one needs)', () => {
    const m1: GmOp = { kind: 'move-token', token_id: 'a1', x: 5, y: 5 };
    const m2: GmOp = { kind: 'move-token', token_id: 'b2', x: 2, y: 2 };
    const m3: GmOp = { kind: 'move-token', token_id: 'a1', x: 6, y: 6 };
    expect(stageOp(stageOp(stageOp([], 'a', m1)!, 'b', m2)!, 'c', m3)!.map((s) => s.op)).toEqual([m1, m2, m3]);
  });

  it('moves or drops a staged placement instead of addressing a token the server does not have', () => {
    let staged = stageOp([], 's1', place)!;
    staged = stageOp(staged, 's2', { kind: 'move-token', token_id: 'pending-1', x: 7, y: 3, room_id: 'lab' })!;
    expect(staged).toHaveLength(1);
    expect(staged[0].op).toMatchObject({ kind: 'place-token', x: 7, y: 3, room_id: 'lab' });
    expect(stageOp(staged, 's3', { kind: 'token-status', token_id: 'pending-1', add: 'dead' })).toBeNull();
    expect(stageOp(staged, 's4', { kind: 'remove-token', token_id: 'pending-1' })).toEqual([]);
  });

  it('after SEND, keeps drawing the sent changes until the stream reaches the batch version', () => {
    let s = run(staging(), { type: 'stage/add', id: 's1', op: reveal('medbay') }, { type: 'stage/send-begin' });
    expect(s.staging.sending).toBe(true);
    s = run(s, { type: 'stage/add', id: 's2', op: reveal('lab') }); // staged while the send was on its way
    s = run(s, { type: 'stage/sent', ids: ['s1'], version: 11 });
    expect(s.staging).toMatchObject({ sending: false, on: true });
    expect(s.staging.staged.map((x) => x.id)).toEqual(['s2']);
    expect(s.pending).toMatchObject([{ id: 's1', version: 11 }]);
    expect(selectGmView(s)!.encounter_room_visibility.medbay).toBe(true);
    s = gmReducer(s, {
      type: 'patch',
      frame: { epoch: 'e1', version: 11, base: 10, patch: { encounter_room_visibility: { medbay: true } } },
    });
    expect(s.pending).toHaveLength(0);
    expect(selectGmView(s)!.encounter_room_visibility.medbay).toBe(true);
  });

  it('keeps the staged changes and shows the reason when the server refuses the batch', () => {
    const s = run(
      staging(),
      { type: 'stage/add', id: 's1', op: reveal('medbay') },
      { type: 'stage/send-begin' },
      { type: 'stage/send-fail', message: 'actions[0] (toggle-room): Unknown room: medbay' },
    );
    expect(s.staging).toMatchObject({ sending: false });
    expect(s.staging.staged).toHaveLength(1);
    expect(s.notices.at(-1)!.text).toContain('actions[0] (toggle-room)');
  });
});

describe('batch body', () => {
  it('names each action by its endpoint under api/gm/ and carries its usual body', () => {
    expect(actionName('api/gm/encounter/toggle-room/')).toBe('toggle-room');
    expect(actionName('api/gm/ship-status/toggle/')).toBe('ship-status/toggle');
    const staged = [
      { id: 'a', op: reveal('medbay') },
      { id: 'b', op: { kind: 'door', connection_id: 'c1', door_status: 'OPEN' } as GmOp },
      { id: 'c', op: place },
      { id: 'd', op: { kind: 'portrait', npc_id: 'vance', visible: true } as GmOp },
    ];
    expect(batchOf(staged)).toEqual({
      actions: [
        { action: 'toggle-room', body: { room_id: 'medbay', visible: true } },
        { action: 'set-door-status', body: { connection_id: 'c1', door_status: 'OPEN' } },
        { action: 'place-token', body: { type: 'npc', name: 'Ash', x: 4, y: 4, image_url: '', deck_id: 'deck_1' } },
        { action: 'toggle-portrait', body: { npc_id: 'vance', visible: true } },
      ],
    });
  });

  it('stages reveals, doors, tokens and portraits; the view and ship go out at once', () => {
    expect(isStageable(reveal('x'))).toBe(true);
    expect(isStageable({ kind: 'switch-view', view_type: 'ENCOUNTER' })).toBe(false);
    expect(isStageable({ kind: 'ship', system: 'engines', status: 'DAMAGED' })).toBe(false);
  });
});

describe('staging actions', () => {
  it('stages instead of posting, then SEND posts one batch and UNDO posts undo', async () => {
    const store = createStore(gmReducer, initialGmState());
    store.dispatch(snap(10));
    const post = vi.fn(async (path: string) =>
      (path === 'api/gm/batch/' ? { success: true, version: 11, undo_steps: 1 } : { success: true, version: 12, undo_steps: 0 }) as never,
    );
    const get = vi.fn(async () => ({ steps: 0 }) as never);
    const actions = createGmActions(store, () => undefined, post, get);
    actions.setStaging(true);
    await actions.run(reveal('medbay'));
    await actions.run({ kind: 'ship', system: 'engines', status: 'DAMAGED' });
    expect(post.mock.calls.map((c) => c[0])).toEqual(['api/gm/ship-status/toggle/']);
    expect(store.getState().staging.staged).toHaveLength(1);
    await actions.sendStaged();
    expect(post).toHaveBeenLastCalledWith('api/gm/batch/', {
      actions: [{ action: 'toggle-room', body: { room_id: 'medbay', visible: true } }],
    });
    expect(store.getState().staging).toMatchObject({ staged: [], undoSteps: 1 });
    await actions.undo();
    expect(post).toHaveBeenLastCalledWith('api/gm/undo/', {});
    expect(store.getState().staging.undoSteps).toBe(0);
  });
});
