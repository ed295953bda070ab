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
