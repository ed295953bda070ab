import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../state/store';
import { initialLiveState, liveReducer } from '../state/liveState';
import { FakeEventSource } from '../test/FakeEventSource';
import { encounterView } from '../test/fixtures';
import { connectLiveStore } from './liveStream';
import type { PushConnection } from './PushConnection';

describe('connectLiveStore with merge-patch frames', () => {
  let connection: PushConnection | null = null;
  beforeEach(() => FakeEventSource.reset());
  afterEach(() => connection?.stop());

  it('snapshot, then patches, then a gap resyncs and the fresh snapshot wins', () => {
    const store = createStore(liveReducer, initialLiveState());
    connection = connectLiveStore(store, { url: 'x', failureThreshold: 2, EventSourceImpl: FakeEventSource });
    connection.start();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', encounterView({ version: 1 }));
    const b2 = store.getState().view!.encounter_tokens.b2;
    es.emit('activeview', { epoch: 'e1', version: 2, base: 1, patch: { encounter_tokens: { a1: { x: 9 } } } });
    expect(store.getState().view!.encounter_tokens.a1.x).toBe(9);
    expect(store.getState().view!.encounter_tokens.a1.name).toBe('Marcus');
    expect(store.getState().view!.encounter_tokens.b2).toBe(b2);
    es.emit('activeview', { epoch: 'e1', version: 3, base: 2, patch: { view_type: 'BRIDGE' } });
    expect(store.getState().view!.view_type).toBe('BRIDGE');
    expect(store.getState().held).toEqual({ epoch: 'e1', version: 3 });

    es.emit('activeview', { epoch: 'e1', version: 5, base: 4, patch: { view_type: 'STANDBY' } });
    expect(store.getState().view!.view_type).toBe('BRIDGE'); // not applied
    expect(es.closed).toBe(true);
    const again = FakeEventSource.latest();
    expect(again).not.toBe(es);
    again.open();
    again.emit('activeview', encounterView({ version: 5, view_type: 'STANDBY' }));
    expect(store.getState().view!.view_type).toBe('STANDBY');
    expect(store.getState().view!.encounter_tokens.b2).toBe(b2);
    again.emit('activeview', { epoch: 'e1', version: 6, base: 5, patch: { encounter_tokens: { b2: null } } });
    expect(store.getState().view!.encounter_tokens.b2).toBeUndefined();
  });

  it('a store that is ahead of the stream (a newer REST snapshot) skips patches without resync', () => {
    const store = createStore(liveReducer, initialLiveState());
    connection = connectLiveStore(store, { url: 'x', failureThreshold: 2, EventSourceImpl: FakeEventSource });
    connection.start();
    const es = FakeEventSource.latest();
    es.emit('activeview', encounterView({ version: 1 }));
    store.dispatch({ type: 'snapshot', snapshot: encounterView({ version: 3, view_type: 'BRIDGE' }) });
    es.emit('activeview', { epoch: 'e1', version: 2, base: 1, patch: { view_type: 'STANDBY' } });
    es.emit('activeview', { epoch: 'e1', version: 3, base: 2, patch: { view_type: 'BRIDGE' } });
    es.emit('activeview', { epoch: 'e1', version: 4, base: 3, patch: { view_type: 'MESSAGES' } });
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(store.getState().view!.view_type).toBe('MESSAGES');
  });
});

describe('connectLiveStore with charon frames', () => {
  let connection: PushConnection | null = null;
  beforeEach(() => FakeEventSource.reset());
  afterEach(() => connection?.stop());

  it('charon frames reach the store; a reconnect snapshot replaces them; the view is untouched', () => {
    const store = createStore(liveReducer, initialLiveState());
    connection = connectLiveStore(store, { url: 'x', failureThreshold: 2, EventSourceImpl: FakeEventSource });
    connection.start();
    const es = FakeEventSource.latest();
    es.emit('activeview', encounterView({ version: 1 }));
    const view = store.getState().view;
    es.emit('charon', { type: 'snapshot', seq: 3, channel: 'story', messages: [] });
    es.emit('charon', {
      type: 'message',
      seq: 4,
      channel: 'story',
      message: { message_id: 'm1', seq: 4, role: 'charon', content: 'HELLO', timestamp: '', status: null, reply_to: null },
    });
    expect(store.getState().charon.channels.story.messages.map((m) => m.content)).toEqual(['HELLO']);
    expect(store.getState().view).toBe(view);
    expect(store.getState().held).toEqual({ epoch: 'e1', version: 1 });
    es.fail();
    connection.resync();
    const again = FakeEventSource.latest();
    again.emit('charon', { type: 'snapshot', seq: 4, channel: 'bridge', messages: [] });
    expect(store.getState().charon.order).toEqual(['bridge']);
  });
});

describe('connectLiveStore with bridge frames', () => {
  let connection: PushConnection | null = null;
  beforeEach(() => FakeEventSource.reset());
  afterEach(() => connection?.stop());

  it('bridge frames reach the store as disclosure lists with a new revision each', () => {
    const store = createStore(liveReducer, initialLiveState());
    connection = connectLiveStore(store, { url: 'x', failureThreshold: 2, EventSourceImpl: FakeEventSource });
    connection.start();
    const es = FakeEventSource.latest();
    es.emit('bridge', { type: 'snapshot', known_npcs: ['sexton'], visible_logs: ['session-001.md'] });
    expect(store.getState().bridge).toMatchObject({ ready: true, knownNpcs: ['sexton'], revision: 1 });
    es.emit('bridge', { type: 'disclosure', known_npcs: ['sexton', 'mira_salk'], visible_logs: ['session-001.md'] });
    expect(store.getState().bridge.knownNpcs).toEqual(['sexton', 'mira_salk']);
    expect(store.getState().bridge.revision).toBe(2);
  });
});
