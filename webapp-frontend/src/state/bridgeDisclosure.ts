/**
 * What the GM has disclosed to the crew on the BRIDGE: the ids of the NPCs marked known and
 * the session logs players may read, from the stream's `bridge` events
 * (`{type:"snapshot", known_npcs, visible_logs}` on every (re)connect, then
 * `{type:"disclosure", ...}` on each change). The lists say *what* changed; the records
 * themselves are fetched (api/bridge/personnel/, api/bridge/logs/) whenever `revision`
 * moves, so an open PERSONNEL or LOGS tab refreshes without polling. Pure.
 */
export interface BridgeDisclosure {
  /** a snapshot arrived on this connection */
  ready: boolean;
  knownNpcs: string[];
  visibleLogs: string[];
  /** bumped by every accepted event: components refetch when it changes */
  revision: number;
}

export function initialBridgeDisclosure(): BridgeDisclosure {
  return { ready: false, knownNpcs: [], visibleLogs: [], revision: 0 };
}

function ids(v: unknown, fallback: string[]): string[] {
  if (!Array.isArray(v)) return fallback;
  return v.filter((x): x is string => typeof x === 'string');
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Apply one `bridge` event. A `snapshot` or `disclosure` always bumps `revision` (a
 * disclosure may change a record's text without changing the lists: a reload). Lists keep
 * their identity when unchanged. Anything else (not an object, unknown type) is ignored.
 */
export function bridgeDisclosureReducer(state: BridgeDisclosure, event: unknown): BridgeDisclosure {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return state;
  const e = event as Record<string, unknown>;
  if (e.type !== 'snapshot' && e.type !== 'disclosure') return state;
  const knownNpcs = ids(e.known_npcs, state.knownNpcs);
  const visibleLogs = ids(e.visible_logs, state.visibleLogs);
  return {
    ready: state.ready || e.type === 'snapshot',
    knownNpcs: sameList(knownNpcs, state.knownNpcs) ? state.knownNpcs : knownNpcs,
    visibleLogs: sameList(visibleLogs, state.visibleLogs) ? state.visibleLogs : visibleLogs,
    revision: state.revision + 1,
  };
}
