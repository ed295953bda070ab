import { requestOf, type GmOp } from './ops';

/**
 * Stage mode (pure): while it is on, the GM's reveals, doors, tokens and portraits are kept
 * here, drawn on the GM's console only (selectGmView puts them on top of the pending writes),
 * and sent together by SEND as one batch (POST api/gm/batch/: one version, one event, all or
 * nothing). The players see nothing of them until then.
 */
export interface StagedOp {
  id: string;
  op: GmOp;
}

export interface StagingState {
  on: boolean;
  staged: StagedOp[];
  /** a SEND is on its way: SEND and DISCARD wait for its answer */
  sending: boolean;
  /** how many undos in a row the server would accept now (GET api/gm/undo/) */
  undoSteps: number;
}

export const initialStaging: StagingState = { on: false, staged: [], sending: false, undoSteps: 0 };

/** The writes that can wait in stage mode; the others (view, deck, CHARON, ship, BRIDGE) go out at once. */
const STAGEABLE: ReadonlySet<GmOp['kind']> = new Set<GmOp['kind']>([
  'room',
  'rooms',
  'door',
  'place-token',
  'move-token',
  'token-status',
  'remove-token',
  'clear-tokens',
  'portrait',
]);

export function isStageable(op: GmOp): boolean {
  return STAGEABLE.has(op.kind);
}

/**
 * A key for ops whose later one makes an earlier one pointless (the last value of a room, a
 * door, a portrait wins, and setting them never fails on what lies between), so the counter
 * counts changes, not clicks. Token moves are not merged: an earlier move can free a cell a
 * later one needs, so their order matters.
 */
function lastWinsKey(op: GmOp): string | null {
  switch (op.kind) {
    case 'room':
      return `room:${op.room_id}`;
    case 'door':
      return `door:${op.connection_id}`;
    case 'portrait':
      return `portrait:${op.npc_id}`;
    default:
      return null;
  }
}

/**
 * Adds an op to the staged list. A staged placement has no server id yet, so a move or removal
 * of it changes the placement itself; anything else on it (a status) cannot be staged:
 * `null` tells the caller to say so.
 */
export function stageOp(staged: readonly StagedOp[], id: string, op: GmOp): StagedOp[] | null {
  if (op.kind === 'move-token' || op.kind === 'remove-token' || op.kind === 'token-status') {
    const i = staged.findIndex((s) => s.op.kind === 'place-token' && s.op.temp_id === op.token_id);
    if (i >= 0) {
      const placed = staged[i];
      if (placed.op.kind !== 'place-token') return null;
      if (op.kind === 'remove-token') return staged.filter((_, j) => j !== i);
      if (op.kind === 'token-status') return null;
      const moved: StagedOp = { ...placed, op: { ...placed.op, x: op.x, y: op.y, room_id: op.room_id } };
      return staged.map((s, j) => (j === i ? moved : s));
    }
  }
  const key = lastWinsKey(op);
  const kept = key === null ? staged : staged.filter((s) => lastWinsKey(s.op) !== key);
  return [...kept, { id, op }];
}

/** The batch action name of an op: its endpoint's path under api/gm/ (encounter ones without encounter/). */
export function actionName(path: string): string {
  return path.replace(/^api\/gm\//, '').replace(/^encounter\//, '').replace(/\/+$/, '');
}

export interface BatchBody {
  actions: Array<{ action: string; body: Record<string, unknown> }>;
}

/** The body of POST api/gm/batch/ for these staged ops, in the order they were staged. */
export function batchOf(staged: readonly StagedOp[]): BatchBody {
  return {
    actions: staged.map(({ op }) => {
      const { path, body } = requestOf(op);
      return { action: actionName(path), body };
    }),
  };
}
