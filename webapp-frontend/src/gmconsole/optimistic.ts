import { initialLiveState, liveReducer, type LiveAction, type LiveState } from '../state/liveState';
import { replaceEqualDeep } from '../state/share';
import type { ActiveView } from '../state/types';
import { applyOp, describeOp, type GmOp } from './ops';
import { initialStaging, stageOp, type StagedOp, type StagingState } from './staging';

/**
 * Optimistic UI with reconciliation (pure). The server's state stays in `view` exactly as
 * the stream delivered it; the GM's own writes wait in `pending` and are drawn on top of it
 * by `selectGmView`:
 *
 *  - `op/begin`: the write is sent; its effect shows at once;
 *  - `op/ack`: the server accepted it as version N. It stays drawn until the stream's state
 *    reaches N (then the server's state already contains it and it is dropped), so the
 *    console never flickers back to the old value in between;
 *  - `op/fail`: the server refused it (or it never arrived): dropped at once, so the
 *    console never shows a state the server does not have, and the server's text becomes
 *    a notice;
 *  - a new epoch (server restart) drops every acknowledged op: the new snapshot is the truth.
 */
export interface PendingOp {
  id: string;
  op: GmOp;
  /** the version that contains the change, once the server answered */
  version: number | null;
  /** the epoch held when the answer came (null if none yet) */
  epoch: string | null;
}

export interface Notice {
  id: number;
  kind: 'error' | 'ok';
  text: string;
}

export interface GmState extends LiveState {
  pending: PendingOp[];
  notices: Notice[];
  nextNoticeId: number;
  /** stage mode: changes only the GM sees until SEND (staging.ts) */
  staging: StagingState;
}

export type GmAction =
  | LiveAction
  | { type: 'op/begin'; id: string; op: GmOp }
  | { type: 'op/ack'; id: string; version?: number | null }
  | { type: 'op/fail'; id: string; message: string }
  | { type: 'notice'; kind: Notice['kind']; text: string }
  | { type: 'notice/dismiss'; id: number }
  | { type: 'stage/set'; on: boolean }
  | { type: 'stage/add'; id: string; op: GmOp }
  | { type: 'stage/discard' }
  | { type: 'stage/send-begin' }
  /** the server accepted the batch of these staged ops as version N: they wait in `pending` like any write */
  | { type: 'stage/sent'; ids: string[]; version: number | null }
  | { type: 'stage/send-fail'; message: string }
  | { type: 'undo/steps'; steps: number };

/** Notices kept on screen at once (oldest go first). */
export const MAX_NOTICES = 4;

export function initialGmState(view: ActiveView | null = null): GmState {
  return { ...initialLiveState(view), pending: [], notices: [], nextNoticeId: 1, staging: initialStaging };
}

export function gmReducer(state: GmState, action: GmAction): GmState {
  switch (action.type) {
    case 'op/begin':
      return { ...state, pending: [...state.pending, { id: action.id, op: action.op, version: null, epoch: null }] };
    case 'op/ack': {
      const p = state.pending.find((x) => x.id === action.id);
      if (!p) return state;
      if (typeof action.version !== 'number') {
        // no version to wait for: the stream's next state is the truth
        return { ...state, pending: state.pending.filter((x) => x !== p) };
      }
      const acked: PendingOp = { ...p, version: action.version, epoch: state.held?.epoch ?? null };
      return prune({ ...state, pending: state.pending.map((x) => (x === p ? acked : x)) });
    }
    case 'op/fail': {
      const p = state.pending.find((x) => x.id === action.id);
      const pending = p ? state.pending.filter((x) => x !== p) : state.pending;
      const label = p ? describeOp(p.op) : 'write';
      return addNotice({ ...state, pending }, 'error', `Failed to ${label}: ${action.message}`);
    }
    case 'notice':
      return addNotice(state, action.kind, action.text);
    case 'stage/set':
      // Leaving stage mode with changes staged would lose them silently: SEND or DISCARD first.
      if (action.on === state.staging.on || (!action.on && state.staging.staged.length > 0)) return state;
      return { ...state, staging: { ...state.staging, on: action.on } };
    case 'stage/add': {
      if (!state.staging.on) return state;
      const staged = stageOp(state.staging.staged, action.id, action.op);
      if (!staged) return addNotice(state, 'error', `Cannot stage: ${describeOp(action.op)} of a token not sent yet`);
      return { ...state, staging: { ...state.staging, staged } };
    }
    case 'stage/discard':
      if (state.staging.staged.length === 0 || state.staging.sending) return state;
      return { ...state, staging: { ...state.staging, staged: [] } };
    case 'stage/send-begin':
      return { ...state, staging: { ...state.staging, sending: true } };
    case 'stage/sent': {
      const sent = new Set(action.ids);
      const epoch = state.held?.epoch ?? null;
      // Drawn on as pending writes until the stream reaches the batch's version (no flicker back).
      const moved: PendingOp[] =
        typeof action.version === 'number'
          ? state.staging.staged
              .filter((s) => sent.has(s.id))
              .map((s) => ({ id: s.id, op: s.op, version: action.version as number, epoch }))
          : [];
      const staged = state.staging.staged.filter((s) => !sent.has(s.id));
      return prune({ ...state, pending: [...state.pending, ...moved], staging: { ...state.staging, staged, sending: false } });
    }
    case 'stage/send-fail':
      // Nothing was applied (the batch is atomic): the staged changes stay, to fix or discard.
      return addNotice({ ...state, staging: { ...state.staging, sending: false } }, 'error', `Send refused: ${action.message}`);
    case 'undo/steps':
      if (state.staging.undoSteps === action.steps) return state;
      return { ...state, staging: { ...state.staging, undoSteps: action.steps } };
    case 'notice/dismiss': {
      const notices = state.notices.filter((n) => n.id !== action.id);
      return notices.length === state.notices.length ? state : { ...state, notices };
    }
    default: {
      const next = liveReducer(state, action) as GmState;
      return next === state ? state : prune(next);
    }
  }
}

/** Drop acknowledged ops the server's state has caught up with (or whose epoch is gone). */
export function prune(state: GmState): GmState {
  const held = state.held;
  if (!held || state.pending.length === 0) return state;
  const pending = state.pending.filter((p) => {
    if (p.version === null) return true; // still in flight
    const sameEpoch = p.epoch === null || p.epoch === held.epoch;
    return sameEpoch && held.version < p.version;
  });
  return pending.length === state.pending.length ? state : { ...state, pending };
}

function addNotice(state: GmState, kind: Notice['kind'], text: string): GmState {
  const notice: Notice = { id: state.nextNoticeId, kind, text };
  return {
    ...state,
    notices: [...state.notices, notice].slice(-MAX_NOTICES),
    nextNoticeId: state.nextNoticeId + 1,
  };
}

/** The server's view with the pending ops applied in order (pure). */
export function overlay(view: ActiveView | null, pending: readonly PendingOp[]): ActiveView | null {
  if (!view) return null;
  let v = view;
  for (const p of pending) v = applyOp(v, p.op);
  return v;
}

let lastView: ActiveView | null = null;
let lastPending: readonly PendingOp[] | null = null;
let lastStaged: readonly StagedOp[] | null = null;
let lastResult: ActiveView | null = null;

/**
 * What the console draws. Memoised on (view, pending); the result shares every unchanged
 * part with the previous result, so memoised components (one per token…) re-render only
 * what really changed, also while ops come and go.
 */
export function selectGmView(state: GmState): ActiveView | null {
  const staged = state.staging.staged;
  if (state.view === lastView && state.pending === lastPending && staged === lastStaged) return lastResult;
  let next = state.pending.length ? overlay(state.view, state.pending) : state.view;
  // Staged changes are drawn last: they come after every write already sent.
  if (next && staged.length) for (const s of staged) next = applyOp(next, s.op);
  const shared = next && lastResult && next !== state.view ? replaceEqualDeep(lastResult, next) : next;
  lastView = state.view;
  lastPending = state.pending;
  lastStaged = staged;
  lastResult = shared;
  return shared;
}

/** Ids of tokens that exist only because of a pending placement (drawn as "pending"). */
export function pendingTokenIds(state: GmState): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const p of state.pending) if (p.op.kind === 'place-token') ids.add(p.op.temp_id);
  for (const s of state.staging.staged) if (s.op.kind === 'place-token') ids.add(s.op.temp_id);
  return ids;
}
