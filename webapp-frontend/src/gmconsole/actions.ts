import { ApiError, postJson } from '../api/http';
import type { GmOp } from './ops';
import { requestOf } from './ops';
import type { GmStore } from './store';

/**
 * Sends the GM's writes. Every state write goes through `run`: the op is shown at once
 * (optimistic), confirmed by the version in the answer, rolled back with the server's
 * error text if refused. A 401 sends the GM to the login page.
 */
export type Poster = <T>(path: string, body: unknown) => Promise<T>;

export interface GmActions {
  run(op: GmOp): Promise<boolean>;
  notify(kind: 'ok' | 'error', text: string): void;
  /** a write that is not part of the active view (broadcast, players, reload) */
  send<T>(path: string, body: unknown): Promise<T>;
  newTempId(): string;
}

let counter = 0;

export function createGmActions(store: GmStore, onAuthLost: () => void, post: Poster = postJson): GmActions {
  const clientId = () => `c${Date.now().toString(36)}-${++counter}`;
  return {
    newTempId: () => `pending-${++counter}`,
    notify(kind, text) {
      store.dispatch({ type: 'notice', kind, text });
    },
    async send<T>(path: string, body: unknown): Promise<T> {
      try {
        return await post<T>(path, body);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) onAuthLost();
        throw e;
      }
    },
    async run(op: GmOp): Promise<boolean> {
      const id = clientId();
      store.dispatch({ type: 'op/begin', id, op });
      const { path, body } = requestOf(op);
      try {
        const answer = await post<{ version?: unknown }>(path, body);
        store.dispatch({ type: 'op/ack', id, version: typeof answer?.version === 'number' ? answer.version : null });
        return true;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        store.dispatch({ type: 'op/fail', id, message });
        if (e instanceof ApiError && e.status === 401) onAuthLost();
        return false;
      }
    },
  };
}
