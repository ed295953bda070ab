import { useEffect, useRef } from 'react';
import type { Store } from '../state/store';
import { isAtOrPast, type LiveAction, type LiveState } from '../state/liveState';
import { PushConnection, type EventSourceConstructor } from './PushConnection';

/**
 * Binds a PushConnection to a page store holding a LiveState: snapshots, merge-patch
 * frames, CHARON and BRIDGE events, connection changes and unreadable events become store actions. This is the whole wiring a page
 * needs for live state (the player terminal and the GM console use it the same way).
 */
export interface LiveStreamOptions {
  /** absolute stream URL: use apiUrl('api/active-view/stream/') */
  url: string;
  failureThreshold: number;
  onAuthLost?: (reason: string) => void;
  EventSourceImpl?: EventSourceConstructor;
  reconnectDelayMs?: number;
}

/** Any page store whose state is (or extends) a LiveState and that takes LiveActions. */
export type LiveStore = Pick<Store<LiveState, LiveAction>, 'getState' | 'dispatch'>;

export function connectLiveStore(
  store: LiveStore,
  options: LiveStreamOptions,
): PushConnection {
  const connection = new PushConnection<unknown>({
    url: options.url,
    failureThreshold: options.failureThreshold,
    reconnectDelayMs: options.reconnectDelayMs,
    EventSourceImpl: options.EventSourceImpl,
    onSnapshot: (snapshot) => store.dispatch({ type: 'snapshot', snapshot }),
    onCharon: (event) => store.dispatch({ type: 'charon', event }),
    onBridge: (event) => store.dispatch({ type: 'bridge', event }),
    // applied when the store was at `base`; otherwise (it is not) the connection resyncs
    onPatch: (frame) => {
      store.dispatch({ type: 'patch', frame });
      return isAtOrPast(store.getState(), frame);
    },
    onError: (error) => {
      console.warn('[charon] live state:', error.message);
      store.dispatch({ type: 'problem', source: 'stream', message: error.message });
    },
    onAuthLost: (reason) => options.onAuthLost?.(reason),
  });
  connection.subscribe((state) => store.dispatch({ type: 'connection', state }));
  return connection;
}

/**
 * React hook: opens the live stream for the lifetime of the component. The callback is
 * read through a ref, so re-renders never re-create the connection.
 */
export function useLiveStream(store: LiveStore, options: LiveStreamOptions): void {
  const authRef = useRef(options.onAuthLost);
  authRef.current = options.onAuthLost;
  const { url, failureThreshold, EventSourceImpl, reconnectDelayMs } = options;
  useEffect(() => {
    const connection = connectLiveStore(store, {
      url,
      failureThreshold,
      EventSourceImpl,
      reconnectDelayMs,
      onAuthLost: (reason) => authRef.current?.(reason),
    });
    connection.start();
    return () => connection.stop();
  }, [store, url, failureThreshold, EventSourceImpl, reconnectDelayMs]);
}
