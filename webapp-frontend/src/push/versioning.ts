import type { StateVersion } from '../state/types';

/**
 * Ordering rule of snapshots (docs/protocol.md, "The SSE stream"):
 * within one server epoch versions strictly increase, so an event whose epoch equals
 * the held one and whose version is not greater is stale and dropped. A different
 * epoch means the server restarted: it replaces everything.
 *
 * A payload without a usable (epoch, version) cannot be ordered and is accepted.
 */
export function isNewerSnapshot(held: StateVersion | null, incoming: unknown): boolean {
  if (!held) return true;
  const v = versionOf(incoming);
  if (!v) return true;
  if (v.epoch !== held.epoch) return true;
  return v.version > held.version;
}

/** The (epoch, version) of a payload, or null when it carries none. */
export function versionOf(payload: unknown): StateVersion | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as { epoch?: unknown; version?: unknown };
  if (typeof p.epoch !== 'string' || typeof p.version !== 'number' || !Number.isFinite(p.version)) {
    return null;
  }
  return { epoch: p.epoch, version: p.version };
}

/**
 * What to do with one frame of the stream (docs/protocol.md, "Client rules"):
 *  - `snapshot`: a full state (no `patch` member) that is newer, or of another epoch: take it;
 *  - `patch`: a patch whose `base` is the held version of the same epoch: apply it;
 *  - `stale`: a snapshot or patch whose version is not greater than the held one: drop it;
 *  - `resync`: a patch that cannot be applied (nothing held, a gap, another epoch, no
 *    usable numbers): close and reopen the stream, whose first frame is a snapshot.
 */
export type FrameDecision = 'snapshot' | 'patch' | 'stale' | 'resync';

export function classifyFrame(held: StateVersion | null, payload: unknown): FrameDecision {
  const isPatch =
    !!payload && typeof payload === 'object' && Object.prototype.hasOwnProperty.call(payload, 'patch');
  if (!isPatch) return isNewerSnapshot(held, payload) ? 'snapshot' : 'stale';
  const v = versionOf(payload);
  const base = (payload as { base?: unknown }).base;
  const patch = (payload as { patch?: unknown }).patch;
  if (!v || typeof base !== 'number' || !patch || typeof patch !== 'object' || Array.isArray(patch)) {
    return 'resync';
  }
  if (!held || held.epoch !== v.epoch) return 'resync';
  if (v.version <= held.version) return 'stale';
  return base === held.version ? 'patch' : 'resync';
}
