import type { BridgeLevel, BridgeMapNav, BridgeTab } from '../state/types';

/**
 * BRIDGE navigation requests (POST api/gm/bridge/navigate, and api/bridge/navigate from the
 * terminal while the GM lets the players explore): absent fields keep their value, "" clears
 * a selection. `resolveNav` is the server's rule (BridgeCommands.resolve) without the map
 * checks, so the GM console can show a write at once.
 */
export interface NavRequest {
  tab?: BridgeTab;
  level?: BridgeLevel;
  system?: string | null;
  body?: string | null;
  station?: string | null;
}

/** The request body: only the fields given; null (clear) is sent as "". */
export function navBody(r: NavRequest): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.tab !== undefined) out.tab = r.tab;
  if (r.level !== undefined) out.level = r.level;
  for (const k of ['system', 'body', 'station'] as const) {
    const v = r[k];
    if (v !== undefined) out[k] = v ?? '';
  }
  return out;
}

/**
 * The navigation after a request: changing the system clears body and station, changing the
 * body clears the station (unless the request names them); the galaxy level has no body or
 * station, the system level no station.
 */
export function resolveNav(cur: BridgeMapNav, r: NavRequest): BridgeMapNav {
  const level = r.level ?? cur.level;
  const system = r.system !== undefined ? r.system || null : cur.system;
  const systemChanged = system !== cur.system;
  let body = r.body !== undefined ? r.body || null : systemChanged ? null : cur.body;
  const bodyChanged = systemChanged || body !== cur.body;
  let station = r.station !== undefined ? r.station || null : bodyChanged ? null : cur.station;
  if (level === 'galaxy') {
    body = null;
    station = null;
  } else if (level === 'system') {
    station = null;
  }
  return { level, system, body, station };
}

// ---- the moves the screens offer ----

/** Select (or clear) a system on the galaxy level. */
export const selectSystem = (system: string | null): NavRequest => ({ level: 'galaxy', system, body: null, station: null });
/** Show a system's map (its system level), nothing selected. */
export const enterSystem = (system: string): NavRequest => ({ level: 'system', system, body: null, station: null });
/** Select (or clear) a body on the system level. */
export const selectBody = (system: string, body: string | null): NavRequest => ({ level: 'system', system, body, station: null });
/** Show a body's orbit map, nothing selected. */
export const enterOrbit = (system: string, body: string): NavRequest => ({ level: 'orbit', system, body, station: null });
/** Select (or clear) a moon, station or surface marker on the orbit level. */
export const selectStation = (system: string, body: string, station: string | null): NavRequest => ({
  level: 'orbit',
  system,
  body,
  station,
});

/** One level up, keeping what was shown selected (back from an orbit selects its body). */
export function back(nav: BridgeMapNav): NavRequest | null {
  if (nav.level === 'orbit' && nav.system) return selectBody(nav.system, nav.body);
  if (nav.level === 'system') return selectSystem(nav.system);
  return null;
}

export function sameNav(a: BridgeMapNav, b: BridgeMapNav): boolean {
  return a.level === b.level && a.system === b.system && a.body === b.body && a.station === b.station;
}
