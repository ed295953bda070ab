import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushConnection, type PushState } from './PushConnection';
import { GM_FAILURE_THRESHOLD, PLAYER_FAILURE_THRESHOLD, RECONNECT_DELAY_MS } from './timing';
import { FakeEventSource } from '../test/FakeEventSource';
import type { PatchFrame } from '../state/mergePatch';

interface Snap {
  epoch: string;
  version: number;
  view_type?: string;
}

function setup(threshold: number, extra: Partial<ConstructorParameters<typeof PushConnection<Snap>>[0]> = {}) {
  const snapshots: Snap[] = [];
  const patches: PatchFrame[] = [];
  const errors: Error[] = [];
  const authLost: string[] = [];
  const states: PushState[] = [];
  const connection = new PushConnection<Snap>({
    url: 'http://test/api/active-view/stream/',
    failureThreshold: threshold,
    EventSourceImpl: FakeEventSource,
    onSnapshot: (s) => snapshots.push(s),
    onError: (e) => errors.push(e),
    onAuthLost: (r) => authLost.push(r),
    onPatch: (f) => {
      patches.push(f);
    },
    lifecycle: { document, window },
    ...extra,
  });
  connection.subscribe((s) => states.push(s));
  connection.start();
  started.push(connection);
  return { connection, snapshots, patches, errors, authLost, states };
}

const started: PushConnection<Snap>[] = [];

/** Make the current source fail and let the retry timer create the next one. */
function failAndRetry(): void {
  FakeEventSource.latest().fail();
  vi.advanceTimersByTime(RECONNECT_DELAY_MS);
}

describe('PushConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
  });
  afterEach(() => {
    while (started.length) started.pop()!.stop();
    vi.useRealTimers();
  });

  it('uses the named timing constants of the design document', () => {
    expect(GM_FAILURE_THRESHOLD).toBe(2);
    expect(PLAYER_FAILURE_THRESHOLD).toBe(5);
    expect(RECONNECT_DELAY_MS).toBe(3000);
  });

  it('opens one EventSource on the given URL and reports connected on open', () => {
    const { connection } = setup(5);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(FakeEventSource.latest().url).toBe('http://test/api/active-view/stream/');
    expect(connection.getState().status).toBe('connecting');
    FakeEventSource.latest().open();
    expect(connection.getState()).toMatchObject({ status: 'connected', failures: 0, connectionLost: false });
  });

  it('hands named activeview events to the page, parsed', () => {
    const { snapshots } = setup(5);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 1, view_type: 'STANDBY' });
    es.emit('message', { epoch: 'e1', version: 2, view_type: 'BRIDGE' }); // unnamed: ignored
    expect(snapshots).toEqual([{ epoch: 'e1', version: 1, view_type: 'STANDBY' }]);
  });

  it('closes the failed source and retries only after 3 s', () => {
    const { connection } = setup(5);
    const first = FakeEventSource.latest();
    first.open();
    first.fail();
    expect(first.closed).toBe(true);
    expect(connection.getState()).toMatchObject({ status: 'connecting', failures: 1, connectionLost: false });
    vi.advanceTimersByTime(RECONNECT_DELAY_MS - 1);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('player threshold: connection lost only after 5 consecutive failures', () => {
    const { connection } = setup(PLAYER_FAILURE_THRESHOLD);
    FakeEventSource.latest().open();
    for (let i = 1; i <= 4; i++) {
      failAndRetry();
      expect(connection.getState().failures).toBe(i);
      expect(connection.getState().connectionLost).toBe(false);
    }
    FakeEventSource.latest().fail();
    expect(connection.getState()).toMatchObject({ failures: 5, connectionLost: true, status: 'lost' });
  });

  it('GM threshold: connection lost after 2 consecutive failures', () => {
    const { connection } = setup(GM_FAILURE_THRESHOLD);
    FakeEventSource.latest().open();
    failAndRetry();
    expect(connection.getState().connectionLost).toBe(false);
    FakeEventSource.latest().fail();
    expect(connection.getState()).toMatchObject({ failures: 2, connectionLost: true, status: 'lost' });
  });

  it('keeps retrying every 3 s while lost and clears the flag on reopen', () => {
    const { connection, states } = setup(GM_FAILURE_THRESHOLD);
    failAndRetry();
    failAndRetry();
    failAndRetry();
    expect(connection.getState().connectionLost).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(4);
    FakeEventSource.latest().open();
    expect(connection.getState()).toMatchObject({ status: 'connected', failures: 0, connectionLost: false });
    expect(states.some((s) => s.connectionLost)).toBe(true);
  });

  it('counts only consecutive failures: an open in between resets the counter', () => {
    const { connection } = setup(GM_FAILURE_THRESHOLD);
    failAndRetry();
    FakeEventSource.latest().open();
    failAndRetry();
    expect(connection.getState()).toMatchObject({ failures: 1, connectionLost: false });
  });

  it('drops snapshots whose version is not greater within the same epoch', () => {
    const { snapshots } = setup(5);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 5 });
    es.emit('activeview', { epoch: 'e1', version: 5 });
    es.emit('activeview', { epoch: 'e1', version: 3 });
    es.emit('activeview', { epoch: 'e1', version: 6 });
    expect(snapshots.map((s) => s.version)).toEqual([5, 6]);
  });

  it('accepts a new epoch even with a lower version (server restarted)', () => {
    const { snapshots, connection } = setup(5);
    const es = FakeEventSource.latest();
    es.emit('activeview', { epoch: 'e1', version: 40 });
    es.emit('activeview', { epoch: 'e2', version: 1 });
    es.emit('activeview', { epoch: 'e2', version: 1 });
    expect(snapshots.map((s) => `${s.epoch}:${s.version}`)).toEqual(['e1:40', 'e2:1']);
    expect(connection.getHeldVersion()).toEqual({ epoch: 'e2', version: 1 });
  });

  it('keeps the held version across reconnects (the resync event of an unchanged state is dropped)', () => {
    const { snapshots } = setup(5);
    FakeEventSource.latest().emit('activeview', { epoch: 'e1', version: 7 });
    failAndRetry();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 7 });
    es.emit('activeview', { epoch: 'e1', version: 9 });
    expect(snapshots.map((s) => s.version)).toEqual([7, 9]);
  });

  it('survives an unparseable event: reported, dropped, later events still delivered', () => {
    const { snapshots, errors, connection } = setup(5);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', '{not json');
    es.emit('activeview', '42');
    es.emit('activeview', { epoch: 'e1', version: 1 });
    expect(errors).toHaveLength(2);
    expect(snapshots).toHaveLength(1);
    expect(connection.getState().status).toBe('connected');
    expect(es.closed).toBe(false);
  });

  it('a throwing page handler is reported and does not break the stream', () => {
    const errors: Error[] = [];
    const connection = new PushConnection<Snap>({
      url: 'x',
      failureThreshold: 5,
      EventSourceImpl: FakeEventSource,
      lifecycle: null,
      onSnapshot: () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    connection.start();
    FakeEventSource.latest().emit('activeview', { epoch: 'e', version: 1 });
    expect(errors.map((e) => e.message)).toEqual(['boom']);
    connection.stop();
  });

  it('auth event: closes, reports the reason and never reconnects', () => {
    const { connection, authLost } = setup(5);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('auth', { reason: 'session expired' });
    expect(es.closed).toBe(true);
    expect(authLost).toEqual(['session expired']);
    expect(connection.getState()).toMatchObject({ status: 'auth-lost', authLost: true });
    es.fail(); // a late error of the closed source changes nothing
    vi.advanceTimersByTime(RECONNECT_DELAY_MS * 10);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('resyncs immediately when the page becomes visible', () => {
    setup(5);
    const first = FakeEventSource.latest();
    first.open();
    const spy = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(FakeEventSource.instances).toHaveLength(1);
    spy.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(first.closed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(2);
    spy.mockRestore();
  });

  it('resyncs on pageshow from the back/forward cache only', () => {
    setup(5);
    const ev = (persisted: boolean) => {
      const e = new Event('pageshow') as Event & { persisted: boolean };
      Object.defineProperty(e, 'persisted', { value: persisted });
      return e;
    };
    window.dispatchEvent(ev(false));
    expect(FakeEventSource.instances).toHaveLength(1);
    window.dispatchEvent(ev(true));
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[0].closed).toBe(true);
  });

  it('a resync cancels a pending retry (no double connection)', () => {
    setup(5);
    FakeEventSource.latest().fail();
    const spy = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(FakeEventSource.instances).toHaveLength(2);
    vi.advanceTimersByTime(RECONNECT_DELAY_MS * 2);
    expect(FakeEventSource.instances).toHaveLength(2);
    spy.mockRestore();
  });

  it('ignores events of a source it already replaced', () => {
    const { snapshots, connection } = setup(5);
    const old = FakeEventSource.latest();
    failAndRetry();
    old.emit('activeview', { epoch: 'e1', version: 1 });
    old.open();
    expect(snapshots).toHaveLength(0);
    expect(connection.getState().open).toBe(false);
  });

  it('stop closes the source, cancels the retry and detaches page listeners', () => {
    const { connection } = setup(5);
    FakeEventSource.latest().fail();
    connection.stop();
    vi.advanceTimersByTime(RECONNECT_DELAY_MS * 3);
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(connection.getState().status).toBe('stopped');
  });

  it('treats a constructor that throws as a failed attempt', () => {
    let calls = 0;
    class Throwing {
      constructor() {
        calls++;
        throw new Error('blocked');
      }
      addEventListener() {}
      close() {}
    }
    const errors: Error[] = [];
    const connection = new PushConnection({
      url: 'x',
      failureThreshold: 2,
      EventSourceImpl: Throwing,
      lifecycle: null,
      onSnapshot: () => {},
      onError: (e) => errors.push(e),
    });
    connection.start();
    vi.advanceTimersByTime(RECONNECT_DELAY_MS);
    expect(calls).toBe(2);
    expect(connection.getState().connectionLost).toBe(true);
    connection.stop();
  });

  describe('bridge frames', () => {
    it('hands named bridge events to the page, parsed; the active view is not touched; bad ones are reported', () => {
      const bridge: Record<string, unknown>[] = [];
      const { snapshots, connection, errors } = setup(5, { onBridge: (e) => bridge.push(e) });
      const es = FakeEventSource.latest();
      es.open();
      es.emit('activeview', { epoch: 'e1', version: 3 });
      es.emit('bridge', { type: 'snapshot', known_npcs: ['sexton'], visible_logs: [], epoch: 'e1', version: 9 });
      es.emit('bridge', '{oops');
      es.emit('bridge', { type: 'disclosure', known_npcs: [], visible_logs: ['s1.md'] });
      expect(bridge.map((e) => e.type)).toEqual(['snapshot', 'disclosure']);
      expect(snapshots).toHaveLength(1);
      expect(connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 3 });
      expect(errors.map((e) => e.message)[0]).toMatch(/Unreadable BRIDGE event/);
      expect(es.closed).toBe(false);
    });
  });

  describe('charon frames', () => {
    function withCharon() {
      const charon: Record<string, unknown>[] = [];
      const ctx = setup(5, { onCharon: (e) => charon.push(e) });
      return { ...ctx, charon };
    }

    it('hands named charon events to the page, parsed, in order', () => {
      const { charon } = withCharon();
      const es = FakeEventSource.latest();
      es.open();
      es.emit('charon', { type: 'snapshot', seq: 4, channel: 'story', messages: [] });
      es.emit('charon', { type: 'message', seq: 5, channel: 'story', message: { message_id: 'm1' } });
      expect(charon.map((e) => e.seq)).toEqual([4, 5]);
      expect(charon[0]).toMatchObject({ type: 'snapshot', channel: 'story' });
    });

    it('leaves the active view alone: neither held version nor snapshots change, no resync', () => {
      const { charon, snapshots, connection } = withCharon();
      const es = FakeEventSource.latest();
      es.emit('activeview', { epoch: 'e1', version: 3 });
      // a charon frame carrying version-like numbers must not be read as a state frame
      es.emit('charon', { type: 'message', seq: 99, epoch: 'e1', version: 50, base: 1, patch: {} });
      es.emit('activeview', { epoch: 'e1', version: 4 });
      expect(snapshots.map((s) => s.version)).toEqual([3, 4]);
      expect(connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 4 });
      expect(charon).toHaveLength(1);
      expect(FakeEventSource.instances).toHaveLength(1);
    });

    it('an unreadable or non-object charon frame is reported and dropped; the stream stays open', () => {
      const { charon, errors } = withCharon();
      const es = FakeEventSource.latest();
      es.open();
      es.emit('charon', '{oops');
      es.emit('charon', '[1,2]');
      es.emit('charon', { type: 'read', seq: 2, channel: 'story', unread_count: 0 });
      expect(errors).toHaveLength(2);
      expect(charon).toHaveLength(1);
      expect(es.closed).toBe(false);
    });

    it('a throwing charon handler is reported and later frames still arrive', () => {
      const errors: Error[] = [];
      let calls = 0;
      const connection = new PushConnection<Snap>({
        url: 'x',
        failureThreshold: 5,
        EventSourceImpl: FakeEventSource,
        lifecycle: null,
        onSnapshot: () => {},
        onCharon: () => {
          calls++;
          if (calls === 1) throw new Error('charon boom');
        },
        onError: (e) => errors.push(e),
      });
      connection.start();
      FakeEventSource.latest().emit('charon', { type: 'cleared', seq: 1, channel: 'story' });
      FakeEventSource.latest().emit('charon', { type: 'cleared', seq: 2, channel: 'story' });
      expect(errors.map((e) => e.message)).toEqual(['charon boom']);
      expect(calls).toBe(2);
      connection.stop();
    });

    it('frames of a replaced source are ignored; the new source delivers its snapshot', () => {
      const { charon } = withCharon();
      const old = FakeEventSource.latest();
      failAndRetry();
      old.emit('charon', { type: 'message', seq: 7, channel: 'story' });
      FakeEventSource.latest().emit('charon', { type: 'snapshot', seq: 7, channel: 'story', messages: [] });
      expect(charon.map((e) => e.type)).toEqual(['snapshot']);
    });

    it('without an onCharon handler a charon frame is harmless', () => {
      const { errors, snapshots } = setup(5);
      FakeEventSource.latest().emit('charon', { type: 'snapshot', seq: 1, channel: 'story', messages: [] });
      FakeEventSource.latest().emit('activeview', { epoch: 'e1', version: 1 });
      expect(errors).toHaveLength(0);
      expect(snapshots).toHaveLength(1);
    });
  });

  describe('merge-patch frames', () => {
    const frame = (version: number, base: number, epoch = 'e1') => ({
      epoch,
      version,
      base,
      patch: { view_type: `V${version}` },
    });

    it('hands a patch on the held version to onPatch and advances the held version', () => {
      const { snapshots, patches, connection } = setup(5);
      const es = FakeEventSource.latest();
      es.open();
      es.emit('activeview', { epoch: 'e1', version: 4, view_type: 'STANDBY' });
      es.emit('activeview', frame(5, 4));
      es.emit('activeview', frame(6, 5));
      expect(snapshots).toHaveLength(1);
      expect(patches.map((p) => p.version)).toEqual([5, 6]);
      expect(patches[0].patch).toEqual({ view_type: 'V5' });
      expect(connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 6 });
      expect(FakeEventSource.instances).toHaveLength(1);
    });

    it('drops a patch whose version is not greater than the held one', () => {
      const { patches, connection } = setup(5);
      const es = FakeEventSource.latest();
      es.emit('activeview', { epoch: 'e1', version: 7 });
      es.emit('activeview', frame(7, 6));
      es.emit('activeview', frame(5, 4));
      expect(patches).toHaveLength(0);
      expect(es.closed).toBe(false);
      expect(FakeEventSource.instances).toHaveLength(1);
      expect(connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 7 });
    });

    it('a gap reopens the stream at once; its first frame (a snapshot) is taken', () => {
      const { snapshots, patches, connection } = setup(5);
      const first = FakeEventSource.latest();
      first.open();
      first.emit('activeview', { epoch: 'e1', version: 4 });
      first.emit('activeview', frame(7, 6)); // 5 and 6 are missing
      expect(patches).toHaveLength(0);
      expect(first.closed).toBe(true);
      expect(FakeEventSource.instances).toHaveLength(2);
      const second = FakeEventSource.latest();
      second.open();
      second.emit('activeview', { epoch: 'e1', version: 7, view_type: 'BRIDGE' });
      second.emit('activeview', frame(8, 7));
      expect(snapshots.map((s) => s.version)).toEqual([4, 7]);
      expect(patches.map((p) => p.version)).toEqual([8]);
      expect(connection.getState().failures).toBe(0);
    });

    it('a patch of another epoch, or before any snapshot, means resync', () => {
      const { patches } = setup(5);
      FakeEventSource.latest().emit('activeview', frame(2, 1));
      expect(FakeEventSource.instances).toHaveLength(2);
      FakeEventSource.latest().emit('activeview', { epoch: 'e1', version: 3 });
      FakeEventSource.latest().emit('activeview', frame(4, 3, 'e2'));
      expect(FakeEventSource.instances).toHaveLength(3);
      expect(FakeEventSource.instances[1].closed).toBe(true);
      expect(patches).toHaveLength(0);
    });

    it('resyncs when the page could not apply the patch (onPatch returns false), held unchanged', () => {
      const { connection } = setup(5, { onPatch: () => false });
      FakeEventSource.latest().emit('activeview', { epoch: 'e1', version: 3 });
      FakeEventSource.latest().emit('activeview', frame(4, 3));
      expect(FakeEventSource.instances).toHaveLength(2);
      expect(connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 3 });
    });

    it('a snapshot of the same version after a resync is dropped, the following patch applies', () => {
      const { snapshots, patches } = setup(5);
      FakeEventSource.latest().emit('activeview', { epoch: 'e1', version: 3 });
      FakeEventSource.latest().emit('activeview', frame(9, 8));
      FakeEventSource.latest().emit('activeview', { epoch: 'e1', version: 3 });
      FakeEventSource.latest().emit('activeview', frame(4, 3));
      expect(snapshots).toHaveLength(1);
      expect(patches.map((p) => p.version)).toEqual([4]);
    });
  });
});
