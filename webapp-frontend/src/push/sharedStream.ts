import type { EventSourceConstructor, EventSourceLike } from './PushConnection';
import { STREAM_OPEN_TIMEOUT_MS } from './timing';

/**
 * One event stream per browser, not per tab (issue 21). Over HTTP/1.1 a browser keeps at most
 * 6 connections per host, and every open EventSource holds one for good: the GM console plus
 * 6 terminal tabs left no connection for the 7th tab or for the GM's next write.
 *
 * A SharedEventSource looks like an EventSource to PushConnection, so ordering, resync and the
 * connection toast stay exactly as they are (the same code path in every tab). Behind it, the
 * tabs of one browser that open the same stream URL elect a leader with the Web Locks API (the
 * lock is released when its tab closes or navigates away); the leader alone holds the real
 * EventSource and relays every raw frame (event name, data, id), `open` and `error` over a
 * BroadcastChannel. A tab that joins later says `hello`; the leader answers it alone with `open`
 * and the frames since the last snapshot of each event, so the newcomer starts from a snapshot
 * like on a fresh connection. A follower drops live frames until that answer (or a new
 * connection's `open`) arrived, so it never sees a patch without its snapshot. When the leader
 * closes (tab gone, resync, error) the next tab in the lock queue opens a new EventSource, whose
 * first frames are fresh snapshots.
 *
 * A source that is not open after STREAM_OPEN_TIMEOUT_MS reports `error`, so a tab that cannot
 * get a stream counts failures and shows "connection lost" instead of waiting forever.
 */

/** The part of `navigator.locks` used here (so tests can inject a fake). */
export interface LocksLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

export type ChannelConstructor = new (name: string) => ChannelLike;

export interface SharedStreamDeps {
  EventSourceImpl: EventSourceConstructor;
  locks: LocksLike;
  BroadcastChannelImpl: ChannelConstructor;
  openTimeoutMs?: number;
}

/** The named events PushConnection listens to; the leader relays exactly these. */
const RELAYED_EVENTS = ['activeview', 'charon', 'bridge', 'auth'];

/**
 * Frames kept for late joiners. The leader trims the list at every snapshot, so it only grows in
 * a long run of changes without one; past this many it reconnects instead (fresh snapshots).
 */
export const MAX_REPLAY_FRAMES = 1000;

interface Frame {
  event: string;
  data: string;
  id: string;
}

type Wire =
  | { kind: 'frame'; frame: Frame; to?: string }
  | { kind: 'open'; to?: string }
  | { kind: 'error' }
  | { kind: 'hello'; from: string };

let nextTabLocalId = 0;

/** True for a frame that replaces everything before it of its event (a full snapshot). */
function isSnapshotFrame(frame: Frame): boolean {
  if (frame.event !== 'activeview' && frame.event !== 'charon' && frame.event !== 'bridge') return false;
  try {
    const payload = JSON.parse(frame.data) as Record<string, unknown> | null;
    if (!payload || typeof payload !== 'object') return false;
    return frame.event === 'activeview' ? !('patch' in payload) : payload.type === 'snapshot';
  } catch {
    return false;
  }
}

function messageEvent(type: string, frame?: Frame): Event {
  if (typeof MessageEvent === 'function') {
    return new MessageEvent(type, frame ? { data: frame.data, lastEventId: frame.id } : {});
  }
  return { type, data: frame?.data, lastEventId: frame?.id } as unknown as Event;
}

/** An EventSource constructor whose instances share one real stream per URL across tabs. */
export function sharedEventSource(deps: SharedStreamDeps): EventSourceConstructor {
  const openTimeoutMs = deps.openTimeoutMs ?? STREAM_OPEN_TIMEOUT_MS;
  const instanceId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  return class SharedEventSource implements EventSourceLike {
    private readonly id = `${instanceId}-${nextTabLocalId++}`;
    private readonly url: string;
    private readonly init: EventSourceInit | undefined;
    private readonly channel: ChannelLike;
    private readonly abort = new AbortController();
    private readonly listeners = new Map<string, Set<(event: Event) => void>>();
    private closed = false;
    /** set while this instance holds the lock: resolving it releases the lock */
    private release: (() => void) | null = null;
    private real: EventSourceLike | null = null;
    private realOpen = false;
    private replay: Frame[] = [];
    /** a follower applies frames only once it has a starting point (answer or new connection) */
    private synced = false;
    private openTimer: ReturnType<typeof setTimeout> | null = null;

    constructor(url: string, init?: EventSourceInit) {
      this.url = url;
      this.init = init;
      const key = `charon-stream:${url}`;
      this.channel = new deps.BroadcastChannelImpl(key);
      this.channel.onmessage = (event) => this.onWire(event.data as Wire);
      this.openTimer = setTimeout(() => {
        this.openTimer = null;
        if (!this.closed) this.dispatch('error', messageEvent('error'));
      }, openTimeoutMs);
      deps.locks
        .request(key, { signal: this.abort.signal }, () => this.lead())
        .catch(() => {
          // aborted by close() while still waiting for the lock: nothing to do
        });
      // If a leader is already open, it answers with `open` and the frames to start from.
      this.post({ kind: 'hello', from: this.id });
    }

    addEventListener(type: string, listener: (event: Event) => void): void {
      if (!this.listeners.has(type)) this.listeners.set(type, new Set());
      this.listeners.get(type)!.add(listener);
    }

    close(): void {
      if (this.closed) return;
      this.closed = true;
      this.clearOpenTimer();
      this.abort.abort();
      this.closeReal();
      const release = this.release;
      this.release = null;
      release?.(); // the next tab in the lock queue becomes the leader
      try {
        this.channel.close();
      } catch {
        // closing must never break the page
      }
    }

    // ---- leader ----

    private lead(): Promise<void> {
      if (this.closed) return Promise.resolve();
      const held = new Promise<void>((resolve) => {
        this.release = resolve;
      });
      this.openReal();
      return held;
    }

    private openReal(): void {
      this.realOpen = false;
      this.replay = [];
      let source: EventSourceLike;
      try {
        source = new deps.EventSourceImpl(this.url, this.init);
      } catch {
        this.relayError();
        return;
      }
      this.real = source;
      source.addEventListener('open', () => {
        if (this.real !== source) return;
        this.realOpen = true;
        this.post({ kind: 'open' });
        this.markOpen();
      });
      source.addEventListener('error', () => {
        if (this.real === source) this.relayError();
      });
      for (const name of RELAYED_EVENTS) {
        source.addEventListener(name, (event) => {
          if (this.real !== source) return;
          const e = event as MessageEvent;
          const frame: Frame = { event: name, data: String(e.data), id: e.lastEventId ?? '' };
          this.remember(frame);
          this.post({ kind: 'frame', frame });
          this.dispatch(name, event);
        });
      }
    }

    private relayError(): void {
      // Every tab counts the failure and retries on its own timer, as with its own stream.
      this.post({ kind: 'error' });
      this.dispatch('error', messageEvent('error'));
    }

    private closeReal(): void {
      const source = this.real;
      this.real = null;
      this.realOpen = false;
      try {
        source?.close();
      } catch {
        // a broken source must not break the page
      }
    }

    private remember(frame: Frame): void {
      if (isSnapshotFrame(frame)) this.replay = this.replay.filter((f) => f.event !== frame.event);
      this.replay.push(frame);
    }

    private answer(to: string): void {
      if (!this.real || !this.realOpen) return; // its `open` and first frames reach everyone
      if (this.replay.length > MAX_REPLAY_FRAMES) {
        // Too long to replay: a new connection gives every tab fresh snapshots.
        this.closeReal();
        this.openReal();
        return;
      }
      this.post({ kind: 'open', to });
      for (const frame of this.replay) this.post({ kind: 'frame', frame, to });
    }

    // ---- follower ----

    private onWire(message: Wire): void {
      if (this.closed || !message || typeof message !== 'object') return;
      if (message.kind === 'hello') {
        if (this.release) this.answer(message.from);
        return;
      }
      // No check for "am I the leader" here: a tab that just took over still applies what the
      // previous leader sent before letting go (its last frames, its `auth`, the `error` that
      // made it close), exactly like the tabs that keep following. Only leaders post these.
      if ('to' in message && message.to !== undefined && message.to !== this.id) return;
      switch (message.kind) {
        case 'open':
          this.synced = true;
          this.markOpen();
          return;
        case 'error':
          this.dispatch('error', messageEvent('error'));
          return;
        case 'frame':
          if (this.synced) this.dispatch(message.frame.event, messageEvent(message.frame.event, message.frame));
          return;
      }
    }

    // ---- shared ----

    private markOpen(): void {
      this.clearOpenTimer();
      this.dispatch('open', messageEvent('open'));
    }

    private clearOpenTimer(): void {
      if (this.openTimer !== null) {
        clearTimeout(this.openTimer);
        this.openTimer = null;
      }
    }

    private post(message: Wire): void {
      if (this.closed) return;
      try {
        this.channel.postMessage(message);
      } catch {
        // a closed channel: the tab is going away
      }
    }

    private dispatch(type: string, event: Event): void {
      if (this.closed) return;
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
    }
  };
}

/**
 * The EventSource a PushConnection uses by default: shared between tabs where the browser has
 * Web Locks and BroadcastChannel, the plain EventSource elsewhere (one stream per tab, as before).
 */
export function defaultEventSourceImpl(): EventSourceConstructor | undefined {
  const plain = globalThis.EventSource as EventSourceConstructor | undefined;
  const locks = typeof navigator !== 'undefined' ? (navigator as { locks?: LocksLike }).locks : undefined;
  const Channel = (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel;
  if (!plain || !locks || typeof locks.request !== 'function' || !Channel) return plain;
  return sharedEventSource({ EventSourceImpl: plain, locks, BroadcastChannelImpl: Channel });
}
