import { describe, expect, it } from 'vitest';
import { applyPatch, applySnapshot, initialLiveState, isAtOrPast, liveReducer, MAX_PROBLEMS } from './liveState';
import { activeView, encounterView, token } from '../test/fixtures';

describe('liveReducer / applySnapshot', () => {
  it('takes the first snapshot and remembers its (epoch, version)', () => {
    const s = applySnapshot(initialLiveState(), activeView({ version: 3 }));
    expect(s.view?.version).toBe(3);
    expect(s.held).toEqual({ epoch: 'e1', version: 3 });
  });

  it('drops a snapshot of the same epoch whose version is not greater (same state object)', () => {
    const s1 = applySnapshot(initialLiveState(), activeView({ version: 5, view_type: 'BRIDGE' }));
    expect(applySnapshot(s1, activeView({ version: 5, view_type: 'STANDBY' }))).toBe(s1);
    expect(applySnapshot(s1, activeView({ version: 4, view_type: 'STANDBY' }))).toBe(s1);
    expect(applySnapshot(s1, activeView({ version: 6, view_type: 'STANDBY' })).view?.view_type).toBe('STANDBY');
  });

  it('accepts another epoch with a lower version: the server restarted', () => {
    const s1 = applySnapshot(initialLiveState(), activeView({ version: 50, view_type: 'ENCOUNTER' }));
    const s2 = applySnapshot(s1, activeView({ epoch: 'e2', version: 1, view_type: 'STANDBY' }));
    expect(s2.view?.view_type).toBe('STANDBY');
    expect(s2.held).toEqual({ epoch: 'e2', version: 1 });
  });

  it('keeps the identity of unchanged tokens so only a moved token re-renders', () => {
    const s1 = applySnapshot(initialLiveState(), encounterView({ version: 1 }));
    const moved = encounterView({ version: 2 });
    moved.encounter_tokens = { ...moved.encounter_tokens, a1: token('a1', { name: 'Marcus', x: 3, y: 2 }) };
    const s2 = applySnapshot(s1, moved);
    expect(s2.view!.encounter_tokens.b2).toBe(s1.view!.encounter_tokens.b2);
    expect(s2.view!.encounter_tokens.a1).not.toBe(s1.view!.encounter_tokens.a1);
    expect(s2.view!.encounter_tokens.a1.x).toBe(3);
    expect(s2.view!.encounter_room_visibility).toBe(s1.view!.encounter_room_visibility);
  });

  it('fills missing or malformed fields with safe defaults', () => {
    const s = applySnapshot(initialLiveState(), {
      epoch: 'e', version: 1, view_type: 'ENCOUNTER',
      encounter_tokens: { t: { name: 'X', status: 'wounded' }, bad: 7 },
      encounter_room_visibility: [],
      encounter_active_portraits: ['a', 3],
    });
    const v = s.view!;
    expect(v.encounter_tokens.t).toMatchObject({ id: 't', name: 'X', status: [], type: 'object' });
    expect(v.encounter_tokens.bad).toBeUndefined();
    expect(v.encounter_room_visibility).toEqual({});
    expect(v.encounter_active_portraits).toEqual(['a']);
    expect(v.overlay_location_slug).toBe('');
  });

  it('a non-object snapshot keeps the last good view and records a problem', () => {
    const s1 = applySnapshot(initialLiveState(), activeView({ version: 1 }));
    const s2 = liveReducer(s1, { type: 'snapshot', snapshot: 'garbage' });
    expect(s2.view).toBe(s1.view);
    expect(s2.problems).toHaveLength(1);
    expect(s2.problems[0].source).toBe('stream');
  });

  it('keeps only the most recent problems', () => {
    let s = initialLiveState();
    for (let i = 0; i < MAX_PROBLEMS + 3; i++) s = liveReducer(s, { type: 'problem', source: 'map', message: `m${i}` });
    expect(s.problems).toHaveLength(MAX_PROBLEMS);
    expect(s.problems.at(-1)!.message).toBe(`m${MAX_PROBLEMS + 2}`);
    expect(liveReducer(s, { type: 'clear-problems' }).problems).toEqual([]);
  });

  it('stores the connection state', () => {
    const st = { status: 'lost' as const, failures: 5, connectionLost: true, authLost: false, open: false };
    expect(liveReducer(initialLiveState(), { type: 'connection', state: st }).connection).toBe(st);
  });
});

describe('liveReducer / applyPatch (merge-patch frames)', () => {
  const start = () => applySnapshot(initialLiveState(), encounterView({ version: 10 }));
  const frame = (version: number, base: number, patch: Record<string, unknown>, epoch = 'e1') => ({
    epoch,
    version,
    base,
    patch,
  });

  it('a token move makes a new object only for that token', () => {
    const s1 = start();
    const s2 = liveReducer(s1, {
      type: 'patch',
      frame: frame(11, 10, { encounter_tokens: { a1: { ...s1.view!.encounter_tokens.a1, x: 7 } } }),
    });
    expect(s2.held).toEqual({ epoch: 'e1', version: 11 });
    expect(s2.view!.version).toBe(11);
    expect(s2.view!.encounter_tokens.a1.x).toBe(7);
    expect(s2.view!.encounter_tokens.a1).not.toBe(s1.view!.encounter_tokens.a1);
    expect(s2.view!.encounter_tokens.b2).toBe(s1.view!.encounter_tokens.b2);
    expect(s2.view!.encounter_room_visibility).toBe(s1.view!.encounter_room_visibility);
    expect(s2.view!.encounter_npc_data).toBe(s1.view!.encounter_npc_data);
  });

  it('null removes a token; nested merges change single keys; arrays replace', () => {
    const s1 = start();
    const s2 = applyPatch(
      s1,
      frame(11, 10, {
        encounter_tokens: { b2: null },
        encounter_room_visibility: { medbay: true },
        encounter_active_portraits: ['lucia'],
        location_name: null,
      }),
    );
    const v = s2.view!;
    expect(Object.keys(v.encounter_tokens)).toEqual(['a1']);
    expect(v.encounter_tokens.a1).toBe(s1.view!.encounter_tokens.a1);
    expect(v.encounter_room_visibility).toEqual({ bridge: true, corridor: true, medbay: true });
    expect(v.encounter_active_portraits).toEqual(['lucia']);
    expect(v.location_name).toBeUndefined();
  });

  it('an empty patch only advances the version', () => {
    const s1 = start();
    const s2 = applyPatch(s1, frame(11, 10, {}));
    expect(s2.held!.version).toBe(11);
    expect(s2.view!.encounter_tokens).toBe(s1.view!.encounter_tokens);
  });

  it('a patched token is normalised like a snapshot token', () => {
    const s2 = applyPatch(start(), frame(11, 10, { encounter_tokens: { z: { name: 'New', x: 'bad' } } }));
    expect(s2.view!.encounter_tokens.z).toMatchObject({ id: 'z', name: 'New', x: 0, status: [], type: 'object' });
  });

  it('drops old patches and leaves the state alone on a gap or another epoch', () => {
    const s1 = start();
    expect(applyPatch(s1, frame(10, 9, { view_type: 'BRIDGE' }))).toBe(s1);
    expect(applyPatch(s1, frame(12, 11, { view_type: 'BRIDGE' }))).toBe(s1);
    expect(applyPatch(s1, frame(11, 10, { view_type: 'BRIDGE' }, 'e2'))).toBe(s1);
    expect(applyPatch(initialLiveState(), frame(11, 10, {}))).toEqual(initialLiveState());
    expect(isAtOrPast(s1, { epoch: 'e1', version: 10 })).toBe(true);
    expect(isAtOrPast(s1, { epoch: 'e1', version: 12 })).toBe(false);
    expect(isAtOrPast(s1, { epoch: 'e2', version: 1 })).toBe(false);
  });
});

describe('BRIDGE fields of the active view', () => {
  it('default to MAP, galaxy level, nothing selected, explore off while the server does not send them', () => {
    const s = applySnapshot(initialLiveState(), { epoch: 'e', version: 1, view_type: 'BRIDGE' });
    expect(s.view!.bridge_tab).toBe('MAP');
    expect(s.view!.bridge_map).toEqual({ level: 'galaxy', system: null, body: null, station: null });
    expect(s.view!.bridge_explore).toBe(false);
  });

  it('take the pushed tab, level and selection; "" and unknown values fall back safely', () => {
    const s = applySnapshot(initialLiveState(), {
      epoch: 'e',
      version: 1,
      view_type: 'BRIDGE',
      bridge_tab: 'LOGS',
      bridge_map: { level: 'orbit', system: 'sol', body: 'earth', station: '' },
      bridge_explore: true,
    });
    expect(s.view!.bridge_tab).toBe('LOGS');
    expect(s.view!.bridge_map).toEqual({ level: 'orbit', system: 'sol', body: 'earth', station: null });
    expect(s.view!.bridge_explore).toBe(true);
    const odd = applySnapshot(initialLiveState(), {
      epoch: 'e',
      version: 1,
      bridge_tab: 'map',
      bridge_map: { level: 'universe', system: 3 },
      bridge_explore: 'yes',
    });
    expect(odd.view!.bridge_tab).toBe('MAP');
    expect(odd.view!.bridge_map).toEqual({ level: 'galaxy', system: null, body: null, station: null });
    expect(odd.view!.bridge_explore).toBe(false);
  });

  it('a patch of the selection keeps the rest of the view and yields a new bridge_map', () => {
    const s1 = applySnapshot(initialLiveState(), activeView({ version: 1, view_type: 'BRIDGE' }));
    const s2 = applyPatch(s1, {
      epoch: 'e1',
      version: 2,
      base: 1,
      patch: { bridge_map: { level: 'system', system: 'sol' } },
    });
    expect(s2.view!.bridge_map).toEqual({ level: 'system', system: 'sol', body: null, station: null });
    expect(s2.view!.encounter_tokens).toBe(s1.view!.encounter_tokens);
  });

  it('bridge events feed the disclosure lists without touching the view', () => {
    const s1 = applySnapshot(initialLiveState(), activeView({ version: 1 }));
    const s2 = liveReducer(s1, { type: 'bridge', event: { type: 'snapshot', known_npcs: ['sexton'], visible_logs: [] } });
    expect(s2.bridge.knownNpcs).toEqual(['sexton']);
    expect(s2.bridge.revision).toBe(1);
    expect(s2.view).toBe(s1.view);
  });
});
