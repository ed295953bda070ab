import { ApiError, getJson, postJson } from '../api/http';
import type { GmOp } from './ops';
import { requestOf } from './ops';
import { batchOf, isStageable } from './staging';
import type { GmStore } from './store';

/**
 * Sends the GM's writes. Every state write goes through `run`: the op is shown at once
 * (optimistic), confirmed by the version in the answer, rolled back with the server's
 * error text if refused. In stage mode, reveals, doors, tokens and portraits are staged
 * instead (staging.ts) and leave together with `sendStaged`. A 401 sends the GM to the
 * login page.
 */
export type Poster = <T>(path: string, body: unknown) => Promise<T>;

export interface GmActions {
  run(op: GmOp): Promise<boolean>;
  notify(kind: 'ok' | 'error', text: string): void;
  /** a write that is not part of the active view (broadcast, players, reload) */
  send<T>(path: string, body: unknown): Promise<T>;
  newTempId(): string;
  /** stage mode on or off (off only with nothing staged) */
  setStaging(on: boolean): void;
  /** SEND: every staged change as one batch, one version */
  sendStaged(): Promise<boolean>;
  discardStaged(): void;
  /** undo the GM's last write (a batch is one step) */
  undo(): Promise<boolean>;
  /** asks the server how many undos it would accept now (the UNDO button's state) */
  refreshUndo(): Promise<void>;
}

export type Getter = <T>(path: string) => Promise<T>;

let counter = 0;

export function createGmActions(
  store: GmStore,
  onAuthLost: () => void,
  post: Poster = postJson,
  get: Getter = (path) => getJson(path),
): GmActions {
  const clientId = () => `c${Date.now().toString(36)}-${++counter}`;
  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) onAuthLost();
    return e instanceof Error ? e.message : String(e);
  };
  const steps = (answer: { undo_steps?: unknown } | null | undefined) => {
    if (typeof answer?.undo_steps === 'number') store.dispatch({ type: 'undo/steps', steps: answer.undo_steps });
  };
  const refreshUndo = async (): Promise<void> => {
    try {
      const answer = await get<{ steps?: unknown }>('api/gm/undo/');
      if (typeof answer?.steps === 'number') store.dispatch({ type: 'undo/steps', steps: answer.steps });
    } catch (e) {
      failed(e); // a failed read leaves the button as it was; a 401 goes to the login page
    }
  };
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
      if (store.getState().staging.on && isStageable(op)) {
        store.dispatch({ type: 'stage/add', id, op });
        return true;
      }
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
    setStaging(on) {
      store.dispatch({ type: 'stage/set', on });
    },
    discardStaged() {
      store.dispatch({ type: 'stage/discard' });
    },
    async sendStaged(): Promise<boolean> {
      const { staged, sending } = store.getState().staging;
      if (staged.length === 0 || sending) return false;
      store.dispatch({ type: 'stage/send-begin' });
      try {
        const answer = await post<{ version?: unknown; undo_steps?: unknown }>('api/gm/batch/', batchOf(staged));
        const version = typeof answer?.version === 'number' ? answer.version : null;
        store.dispatch({ type: 'stage/sent', ids: staged.map((s) => s.id), version });
        steps(answer);
        return true;
      } catch (e) {
        store.dispatch({ type: 'stage/send-fail', message: failed(e) });
        return false;
      }
    },
    async undo(): Promise<boolean> {
      try {
        steps(await post<{ undo_steps?: unknown }>('api/gm/undo/', {}));
        return true;
      } catch (e) {
        store.dispatch({ type: 'notice', kind: 'error', text: `Undo refused: ${failed(e)}` });
        await refreshUndo();
        return false;
      }
    },
    refreshUndo,
  };
}
