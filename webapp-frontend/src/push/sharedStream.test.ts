import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushConnection } from './PushConnection';
import {
  defaultEventSourceImpl,
  MAX_REPLAY_FRAMES,
  sharedEventSource,
  type ChannelLike,
  type LocksLike,
} from './sharedStream';
import { GM_FAILURE_THRESHOLD, RECONNECT_DELAY_MS, STREAM_OPEN_TIMEOUT_MS } from './timing';
import { FakeEventSource } from '../test/FakeEventSource';
import type { PatchFrame } from '../state/mergePatch';

/** Web Locks of one browser: exclusive, granted in request order, released when the callback's promise settles. */
class FakeLocks implements LocksLike {
  private held = new Set<string>();
  private queues = new Map<string, Array<{ grant: () => void; signal?: AbortSignal; reject: (e: Error) => void }>>();

  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.held.add(name);
        Promise.resolve(callback({ name })).finally(() => {
          this.held.delete(name);
          resolve(undefined);
          this.next(name);
        });
      };
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      const entry = { grant, signal: options.signal, reject };
      options.signal?.addEventListener('abort', () => {
        const i = queue.indexOf(entry);
        if (i >= 0) {
          queue.splice(i, 1);
          reject(new Error('AbortError'));
        }
      });
      queue.push(entry);
      if (!this.held.has(name)) queueMicrotask(() => this.next(name));
    });
  }

  private next(name: string): void {
    if (this.held.has(name)) return;
    const entry = this.queues.get(name)?.shift();
    entry?.grant();
  }
}

/** BroadcastChannel of one browser: delivers a copy to every other open channel of that name, asynchronously. */
class FakeChannel implements ChannelLike {
  static open: FakeChannel[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  private closed = false;

  constructor(readonly name: string) {
    FakeChannel.open.push(this);
  }

  postMessage(message: unknown): void {
    if (this.closed) throw new Error('InvalidStateError');
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    for (const other of FakeChannel.open) {
      if (other !== this && other.name === this.name) {
        setTimeout(() => {
          if (!other.closed) other.onmessage?.({ data: copy } as MessageEvent);
        }, 0);
      }
    }
  }

  close(): void {
    this.closed = true;
    FakeChannel.open = FakeChannel.open.filter((c) => c !== this);
  }
}

interface Snap {
  epoch: string;
  version: number;
}

const GM_URL = 'http://test/api/gm/active-view/stream/';
const PLAYER_URL = 'http://test/api/active-view/stream/';
let locks: FakeLocks;
const tabs: PushConnection<Snap>[] = [];

/** One browser tab with its page handlers; all tabs of a test share `locks` and the channels. */
function tab(url = PLAYER_URL) {
  const snapshots: Snap[] = [];
  const patches: PatchFrame[] = [];
  const bridge: Record<string, unknown>[] = [];
  const authLost: string[] = [];
  const connection = new PushConnection<Snap>({
    url,
    failureThreshold: GM_FAILURE_THRESHOLD,
    EventSourceImpl: sharedEventSource({
      EventSourceImpl: FakeEventSource,
      locks,
      BroadcastChannelImpl: FakeChannel,
    }),
    onSnapshot: (s) => snapshots.push(s),
    onPatch: (f) => {
      patches.push(f);
    },
    onBridge: (e) => bridge.push(e),
    onAuthLost: (r) => authLost.push(r),
    lifecycle: null,
  });
  connection.start();
  tabs.push(connection);
  return { connection, snapshots, patches, bridge, authLost };
}

/** Let lock grants and channel deliveries happen. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(1);
}

function open(): FakeEventSource[] {
  return FakeEventSource.instances.filter((s) => !s.closed);
}

const patch = (version: number): PatchFrame =>
  ({ epoch: 'e1', version, base: version - 1, patch: { n: version } }) as unknown as PatchFrame;

describe('one stream per browser (sharedEventSource)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    FakeChannel.open = [];
    locks = new FakeLocks();
  });
  afterEach(() => {
    while (tabs.length) tabs.pop()!.stop();
    vi.useRealTimers();
  });

  it('ten tabs on one stream URL open a single EventSource, and every tab gets its frames', async () => {
    const all = Array.from({ length: 10 }, () => tab());
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 1 });
    es.emit('activeview', patch(2));
    es.emit('bridge', { type: 'snapshot', known_npcs: [] });
    await settle();
    for (const t of all) {
      expect(t.connection.getState().status).toBe('connected');
      expect(t.snapshots).toEqual([{ epoch: 'e1', version: 1 }]);
      expect(t.patches.map((p) => p.version)).toEqual([2]);
      expect(t.connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 2 });
      expect(t.bridge).toEqual([{ type: 'snapshot', known_npcs: [] }]);
    }
  });

  it('the GM stream and the player stream are separate: one EventSource each', async () => {
    tab(GM_URL);
    tab(PLAYER_URL);
    tab(PLAYER_URL);
    await settle();
    expect(FakeEventSource.instances.map((s) => s.url).sort()).toEqual([PLAYER_URL, GM_URL].sort());
  });

  it('a tab that joins late starts from the last snapshot and the patches after it, without a new stream', async () => {
    tab();
    await settle();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 1 });
    es.emit('activeview', patch(2));
    es.emit('activeview', { epoch: 'e1', version: 5 });
    es.emit('activeview', patch(6));
    es.emit('bridge', { type: 'snapshot', known_npcs: ['a'] });
    es.emit('bridge', { type: 'disclosure', known_npcs: ['a', 'b'] });
    await settle();
    const late = tab();
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(late.connection.getState().status).toBe('connected');
    expect(late.snapshots).toEqual([{ epoch: 'e1', version: 5 }]);
    expect(late.patches.map((p) => p.version)).toEqual([6]);
    expect(late.bridge.map((b) => b.type)).toEqual(['snapshot', 'disclosure']);
    // and then follows the live stream
    es.emit('activeview', patch(7));
    await settle();
    expect(late.connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 7 });
  });

  it('when the leader tab closes, another tab opens the stream and the others follow it', async () => {
    const leader = tab();
    const b = tab();
    const c = tab();
    await settle();
    const first = FakeEventSource.latest();
    first.open();
    first.emit('activeview', { epoch: 'e1', version: 1 });
    await settle();
    leader.connection.stop();
    tabs.splice(tabs.indexOf(leader.connection), 1);
    await settle();
    expect(first.closed).toBe(true);
    expect(open()).toHaveLength(1);
    const second = open()[0];
    second.open();
    second.emit('activeview', { epoch: 'e2', version: 1 }); // e.g. after a server restart
    await settle();
    for (const t of [b, c]) {
      expect(t.connection.getState().status).toBe('connected');
      expect(t.connection.getHeldVersion()).toEqual({ epoch: 'e2', version: 1 });
    }
  });

  it('an error of the shared stream counts as a failure in every tab, and one stream is reopened after the delay', async () => {
    const all = [tab(), tab(), tab()];
    await settle();
    FakeEventSource.latest().open();
    await settle();
    FakeEventSource.latest().fail();
    await settle();
    for (const t of all) expect(t.connection.getState()).toMatchObject({ status: 'connecting', failures: 1 });
    expect(open()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAY_MS);
    expect(open()).toHaveLength(1);
    open()[0].open();
    await settle();
    for (const t of all) expect(t.connection.getState()).toMatchObject({ status: 'connected', failures: 0 });
  });

  it('an auth event reaches every tab and closes the stream for good', async () => {
    const all = [tab(), tab()];
    await settle();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('auth', { reason: 'logout' });
    await settle();
    for (const t of all) {
      expect(t.authLost).toEqual(['logout']);
      expect(t.connection.getState().status).toBe('auth-lost');
    }
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAY_MS * 3);
    expect(open()).toHaveLength(0);
  });

  it('a tab whose stream does not open in time counts a failure and shows "connection lost" instead of hanging', async () => {
    const t = tab();
    await settle();
    expect(t.connection.getState().status).toBe('connecting');
    for (let i = 0; i < GM_FAILURE_THRESHOLD; i++) {
      await vi.advanceTimersByTimeAsync(STREAM_OPEN_TIMEOUT_MS + RECONNECT_DELAY_MS);
    }
    expect(t.connection.getState()).toMatchObject({ status: 'lost', connectionLost: true });
    expect(FakeEventSource.instances.length).toBeGreaterThanOrEqual(GM_FAILURE_THRESHOLD);
  });

  it('a follower resyncs from the leader\'s frames when it sees a gap, with no new stream', async () => {
    tab();
    const follower = tab();
    await settle();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 1 });
    await settle();
    follower.connection.resync();
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(follower.connection.getState().status).toBe('connected');
    expect(follower.connection.getHeldVersion()).toEqual({ epoch: 'e1', version: 1 });
  });

  it('past MAX_REPLAY_FRAMES without a snapshot, a late tab makes the leader reconnect for fresh snapshots', async () => {
    tab();
    await settle();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('activeview', { epoch: 'e1', version: 1 });
    for (let v = 2; v <= MAX_REPLAY_FRAMES + 2; v++) es.emit('activeview', patch(v));
    await settle();
    const late = tab();
    await settle();
    expect(es.closed).toBe(true);
    expect(open()).toHaveLength(1);
    open()[0].open();
    open()[0].emit('activeview', { epoch: 'e1', version: MAX_REPLAY_FRAMES + 2 });
    await settle();
    expect(late.connection.getHeldVersion()).toEqual({ epoch: 'e1', version: MAX_REPLAY_FRAMES + 2 });
  });

  it('falls back to one plain EventSource per tab where Web Locks or BroadcastChannel is missing', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('BroadcastChannel', FakeChannel);
    try {
      // jsdom has no navigator.locks
      expect(defaultEventSourceImpl()).toBe(FakeEventSource);
      vi.stubGlobal('navigator', { locks });
      expect(defaultEventSourceImpl()).not.toBe(FakeEventSource);
      vi.stubGlobal('BroadcastChannel', undefined);
      expect(defaultEventSourceImpl()).toBe(FakeEventSource);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
