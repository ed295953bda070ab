import { RECONNECT_DELAY_MS } from './timing';
import { defaultEventSourceImpl } from './sharedStream';
import { classifyFrame, versionOf } from './versioning';
import type { PatchFrame } from '../state/mergePatch';
import type { StateVersion } from '../state/types';

/**
 * The one owner of the live connection to the server (STYLE.md: like Excalidraw's
 * collab transport). It opens an EventSource on the state stream, hands every new
 * snapshot to the page, and alone decides about reconnecting (ui.md §6 plus fixes):
 *
 *  - only the named events `activeview` (the state), `charon` (the ship's computer,
 *    docs/charon.md), `bridge` (what the GM disclosed on the BRIDGE: known NPCs, readable
 *    logs) and `auth` (session over) are listened to; unnamed messages never carry state.
 *    A `charon` or `bridge` frame is parsed and handed on as it is: it has no `id:` and
 *    its own meaning (a `snapshot` on every connect, then changes), which the page's
 *    reducer applies, so it never touches the held (epoch, version) of the active view;
 *  - a payload that cannot be parsed is reported to `onError` and dropped;
 *  - `(epoch, version)` is kept. The first frame of a stream is a full snapshot, every
 *    later one a JSON Merge Patch `{epoch, version, base, patch}` (docs/protocol.md):
 *    a snapshot is taken when its epoch differs or its version is greater; a patch whose
 *    `base` is the held version goes to `onPatch`; a frame whose version is not greater
 *    is dropped; any other patch (a gap, another epoch) reopens the stream (resync), whose
 *    first frame is a fresh snapshot;
 *  - on `open` the failure counter resets and the "connection lost" flag clears;
 *  - on `error` the EventSource is closed (no browser auto-retry, whose timing we do not
 *    control), failures are counted, "connection lost" is raised once the counter
 *    reaches the page's threshold, and a new attempt is scheduled after
 *    RECONNECT_DELAY_MS;
 *  - when the page becomes visible again, or is restored from the back/forward cache,
 *    the connection is reopened at once: the server's first event is the resync;
 *  - an `auth` event closes the stream for good and calls `onAuthLost`.
 *
 * Nothing here polls: the only timer is the single pending reconnect attempt.
 */

/** The part of the browser's EventSource this module uses (so tests can inject a fake). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string, init?: EventSourceInit) => EventSourceLike;

export type PushStatus = 'connecting' | 'connected' | 'lost' | 'auth-lost' | 'stopped';

/** Immutable snapshot of the connection, replaced on every change. */
export interface PushState {
  status: PushStatus;
  /** consecutive failed attempts since the last successful open */
  failures: number;
  /** true once failures reached the threshold; cleared by the next successful open */
  connectionLost: boolean;
  /** true after an `auth` event: the stream will not be reopened */
  authLost: boolean;
  /** true while an EventSource is open */
  open: boolean;
}

export interface PushOptions<T> {
  /** stream URL (absolute, or relative to the document) */
  url: string;
  /** consecutive failures before `connectionLost` (GM 2, player 5: see timing.ts) */
  failureThreshold: number;
  reconnectDelayMs?: number;
  /** a new, accepted snapshot */
  onSnapshot: (snapshot: T) => void;
  /**
   * a patch frame whose `base` is the held version. Return `false` when the page could
   * not apply it (its copy is not at `base`): the stream is then reopened (resync).
   * Without this handler every patch frame causes a resync.
   */
  onPatch?: (frame: PatchFrame) => boolean | void;
  /**
   * a `charon` frame (a JSON object with `type` and `seq`); the server sends a fresh
   * `snapshot` one on every (re)connect, so nothing here needs to replay or order them
   */
  onCharon?: (event: Record<string, unknown>) => void;
  /**
   * a `bridge` frame (`{type: "snapshot" | "disclosure", known_npcs, visible_logs}`); the
   * server sends a `snapshot` one on every (re)connect
   */
  onBridge?: (event: Record<string, unknown>) => void;
  /** the session ended (named `auth` event): go to the login page */
  onAuthLost?: (reason: string) => void;
  /** a payload could not be used; it was dropped */
  onError?: (error: Error) => void;
  /**
   * injected for tests; default: one EventSource shared by the tabs of this browser
   * (sharedStream.ts), or `globalThis.EventSource` where Web Locks or BroadcastChannel is missing
   */
  EventSourceImpl?: EventSourceConstructor;
  /** where to listen for visibilitychange / pageshow / online; null disables it */
  lifecycle?: { document: Document; window: Window } | null;
  withCredentials?: boolean;
}

const SNAPSHOT_EVENT = 'activeview';
const AUTH_EVENT = 'auth';
const CHARON_EVENT = 'charon';
const BRIDGE_EVENT = 'bridge';

type Listener = (state: PushState) => void;

export class PushConnection<T = unknown> {
  private readonly options: PushOptions<T>;
  private readonly delayMs: number;
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private held: StateVersion | null = null;
  private listeners = new Set<Listener>();
  private started = false;
  private state: PushState = {
    status: 'stopped',
    failures: 0,
    connectionLost: false,
    authLost: false,
    open: false,
  };

  constructor(options: PushOptions<T>) {
    this.options = options;
    this.delayMs = options.reconnectDelayMs ?? RECONNECT_DELAY_MS;
  }

  // ---- public API ----

  /** Open the stream and start watching page visibility. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.attachLifecycle();
    this.connect();
  }

  /** Close the stream, cancel any pending attempt, stop watching the page. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.detachLifecycle();
    this.cancelRetry();
    this.closeSource();
    this.update({ open: false });
  }

  /** Close and reopen now; the server's first event on the new connection is the resync. */
  resync(): void {
    if (!this.started || this.state.authLost) return;
    this.cancelRetry();
    this.closeSource();
    this.connect();
  }

  getState(): PushState {
    return this.state;
  }

  /** The (epoch, version) of the last accepted snapshot. */
  getHeldVersion(): StateVersion | null {
    return this.held;
  }

  /** Listen to connection state changes; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- connection life cycle ----

  private connect(): void {
    // By default the tabs of one browser share one stream per URL (sharedStream.ts).
    const Impl = this.options.EventSourceImpl ?? defaultEventSourceImpl();
    this.update({ open: false });
    if (!Impl) {
      this.report(new Error('EventSource is not available in this browser'));
      this.fail();
      return;
    }
    let source: EventSourceLike;
    try {
      source = new Impl(this.options.url, { withCredentials: this.options.withCredentials ?? false });
    } catch (e) {
      this.report(e instanceof Error ? e : new Error(String(e)));
      this.fail();
      return;
    }
    this.source = source;
    // Events of a source we already closed (late callbacks) are ignored.
    source.addEventListener('open', () => {
      if (this.source === source) this.onOpen();
    });
    source.addEventListener('error', () => {
      if (this.source === source) this.onSourceError();
    });
    source.addEventListener(SNAPSHOT_EVENT, (event) => {
      if (this.source === source) this.onSnapshotEvent(event as MessageEvent);
    });
    source.addEventListener(CHARON_EVENT, (event) => {
      if (this.source === source) this.onSideEvent(event as MessageEvent, 'CHARON', this.options.onCharon);
    });
    source.addEventListener(BRIDGE_EVENT, (event) => {
      if (this.source === source) this.onSideEvent(event as MessageEvent, 'BRIDGE', this.options.onBridge);
    });
    source.addEventListener(AUTH_EVENT, (event) => {
      if (this.source === source) this.onAuthEvent(event as MessageEvent);
    });
  }

  private onOpen(): void {
    this.update({ open: true, failures: 0, connectionLost: false });
  }

  private onSourceError(): void {
    // Close first so the browser does not retry on its own schedule.
    this.closeSource();
    this.fail();
  }

  private fail(): void {
    const failures = this.state.failures + 1;
    this.update({
      open: false,
      failures,
      connectionLost: this.state.connectionLost || failures >= this.options.failureThreshold,
    });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.cancelRetry();
    if (!this.started || this.state.authLost) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.started && !this.state.authLost) this.connect();
    }, this.delayMs);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private closeSource(): void {
    const source = this.source;
    this.source = null;
    if (source) {
      try {
        source.close();
      } catch {
        // closing a broken source must not break the page
      }
    }
  }

  // ---- events ----

  private onSnapshotEvent(event: MessageEvent): void {
    let payload: unknown;
    try {
      payload = JSON.parse(String(event.data));
    } catch (e) {
      this.report(new Error(`Unreadable state event: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      this.report(new Error('State event is not a JSON object'));
      return;
    }
    switch (classifyFrame(this.held, payload)) {
      case 'stale':
        return; // same epoch, version not greater: already held
      case 'resync':
        this.resync();
        return;
      case 'snapshot': {
        const v = versionOf(payload);
        if (v) this.held = v;
        try {
          this.options.onSnapshot(payload as T);
        } catch (e) {
          // A page handler that throws must not take the connection down with it.
          this.report(e instanceof Error ? e : new Error(String(e)));
        }
        return;
      }
      case 'patch': {
        const frame = payload as PatchFrame;
        let applied = false;
        try {
          applied = !!this.options.onPatch && this.options.onPatch(frame) !== false;
        } catch (e) {
          this.report(e instanceof Error ? e : new Error(String(e)));
        }
        if (!applied) {
          this.resync(); // the page's copy is not at `base`: start again from a snapshot
          return;
        }
        this.held = { epoch: frame.epoch, version: frame.version };
        return;
      }
    }
  }

  /** A `charon` or `bridge` frame: parsed, checked to be an object, handed to the page. */
  private onSideEvent(
    event: MessageEvent,
    label: string,
    handler: ((event: Record<string, unknown>) => void) | undefined,
  ): void {
    let payload: unknown;
    try {
      payload = JSON.parse(String(event.data));
    } catch (e) {
      this.report(new Error(`Unreadable ${label} event: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      this.report(new Error(`${label} event is not a JSON object`));
      return;
    }
    try {
      handler?.(payload as Record<string, unknown>);
    } catch (e) {
      // as for snapshots: a page handler that throws must not take the connection down
      this.report(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private onAuthEvent(event: MessageEvent): void {
    let reason = '';
    try {
      const data = JSON.parse(String(event.data)) as { reason?: unknown };
      if (data && typeof data.reason === 'string') reason = data.reason;
    } catch {
      // the reason is informative only
    }
    this.cancelRetry();
    this.closeSource();
    this.update({ open: false, authLost: true });
    this.options.onAuthLost?.(reason);
  }

  private report(error: Error): void {
    try {
      this.options.onError?.(error);
    } catch {
      // reporting must never throw into the transport
    }
  }

  // ---- page life cycle ----

  private readonly onVisibilityChange = (): void => {
    const doc = this.options.lifecycle?.document;
    if (doc && doc.visibilityState === 'visible') this.resync();
  };

  private readonly onPageShow = (event: Event): void => {
    if ((event as PageTransitionEvent).persisted) this.resync();
  };

  private readonly onOnline = (): void => {
    if (!this.state.open) this.resync();
  };

  private lifecycleTarget(): { document: Document; window: Window } | null {
    if (this.options.lifecycle === null) return null;
    if (this.options.lifecycle) return this.options.lifecycle;
    if (typeof document === 'undefined' || typeof window === 'undefined') return null;
    return { document, window };
  }

  private attachLifecycle(): void {
    const target = this.lifecycleTarget();
    if (!target) return;
    this.options.lifecycle = target;
    target.document.addEventListener('visibilitychange', this.onVisibilityChange);
    target.window.addEventListener('pageshow', this.onPageShow);
    target.window.addEventListener('online', this.onOnline);
  }

  private detachLifecycle(): void {
    const target = this.options.lifecycle;
    if (!target) return;
    target.document.removeEventListener('visibilitychange', this.onVisibilityChange);
    target.window.removeEventListener('pageshow', this.onPageShow);
    target.window.removeEventListener('online', this.onOnline);
  }

  // ---- state ----

  private update(patch: Partial<PushState>): void {
    const next = { ...this.state, ...patch };
    next.status = statusOf(next, this.started);
    const prev = this.state;
    if (
      prev.status === next.status &&
      prev.failures === next.failures &&
      prev.connectionLost === next.connectionLost &&
      prev.authLost === next.authLost &&
      prev.open === next.open
    ) {
      return;
    }
    this.state = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}

function statusOf(s: PushState, started: boolean): PushStatus {
  if (s.authLost) return 'auth-lost';
  if (!started) return 'stopped';
  if (s.open) return 'connected';
  if (s.connectionLost) return 'lost';
  return 'connecting';
}
