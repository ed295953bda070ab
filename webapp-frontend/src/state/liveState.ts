import { charonReducer, initialCharonState } from '../charon/reducer';
import type { CharonState } from '../charon/types';
import { isNewerSnapshot, versionOf } from '../push/versioning';
import type { PushState } from '../push/PushConnection';
import { applyMergePatch, type PatchFrame } from './mergePatch';
import { replaceEqualDeep } from './share';
import { bridgeDisclosureReducer, initialBridgeDisclosure, type BridgeDisclosure } from './bridgeDisclosure';
import {
  BRIDGE_LEVELS,
  BRIDGE_TABS,
  type ActiveView,
  type BridgeLevel,
  type BridgeMapNav,
  type BridgeTab,
  type NpcData,
  type StateVersion,
  type Token,
} from './types';

/**
 * The state of a page that follows the active view: the last good snapshot, the
 * connection's state, and a short list of recent problems for the quiet indicator.
 * Pure reducer; the page's store applies it.
 */
export interface PageProblem {
  id: number;
  /** where it came from: 'stream', 'map', 'image', 'terminal', 'ship', ... */
  source: string;
  message: string;
}

export interface LiveState {
  /** last accepted snapshot; null until the first one arrives */
  view: ActiveView | null;
  held: StateVersion | null;
  connection: PushState;
  problems: PageProblem[];
  nextProblemId: number;
  /** CHARON, from the stream's `charon` events (docs/charon.md): its own order (`seq`), not the view's */
  charon: CharonState;
  /** BRIDGE: what the GM disclosed (known NPCs, readable logs), from the stream's `bridge` events */
  bridge: BridgeDisclosure;
}

export type LiveAction =
  | { type: 'snapshot'; snapshot: unknown }
  | { type: 'patch'; frame: PatchFrame }
  | { type: 'connection'; state: PushState }
  | { type: 'charon'; event: unknown }
  | { type: 'bridge'; event: unknown }
  | { type: 'problem'; source: string; message: string }
  | { type: 'clear-problems' };

/** How many recent problems are kept for the indicator's tooltip. */
export const MAX_PROBLEMS = 5;

export const initialConnection: PushState = {
  status: 'stopped',
  failures: 0,
  connectionLost: false,
  authLost: false,
  open: false,
};

export function initialLiveState(view: ActiveView | null = null): LiveState {
  return {
    view,
    held: view ? versionOf(view) : null,
    connection: initialConnection,
    problems: [],
    nextProblemId: 1,
    charon: initialCharonState(),
    bridge: initialBridgeDisclosure(),
  };
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'snapshot':
      return applySnapshot(state, action.snapshot);
    case 'patch':
      return applyPatch(state, action.frame);
    case 'connection':
      return state.connection === action.state ? state : { ...state, connection: action.state };
    case 'charon': {
      const charon = charonReducer(state.charon, action.event);
      return charon === state.charon ? state : { ...state, charon };
    }
    case 'bridge': {
      const bridge = bridgeDisclosureReducer(state.bridge, action.event);
      return bridge === state.bridge ? state : { ...state, bridge };
    }
    case 'problem':
      return addProblem(state, action.source, action.message);
    case 'clear-problems':
      return state.problems.length ? { ...state, problems: [] } : state;
    default:
      return state;
  }
}

/**
 * Apply a full snapshot: dropped when stale (same epoch, version not greater), otherwise
 * it replaces the view. Unchanged parts keep their identity (structural sharing).
 * A snapshot that is not an object is recorded as a problem; the last good view stays.
 */
export function applySnapshot(state: LiveState, raw: unknown): LiveState {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return addProblem(state, 'stream', 'State event is not an object');
  }
  if (!isNewerSnapshot(state.held, raw)) return state;
  const normalized = normalizeActiveView(raw as Partial<ActiveView>);
  const view = replaceEqualDeep(state.view, normalized);
  return { ...state, view, held: versionOf(raw) ?? state.held };
}

/**
 * Apply a merge-patch frame of the stream. Only a frame whose `base` is the held version
 * (same epoch) changes anything; an older frame is dropped; a gap or another epoch leaves
 * the state as it is (the push module then reopens the stream for a fresh snapshot:
 * `isAtOrPast` tells it whether the store caught up). Untouched parts keep their identity.
 */
export function applyPatch(state: LiveState, frame: PatchFrame): LiveState {
  const held = state.held;
  if (!held || !state.view || held.epoch !== frame.epoch) return state;
  if (frame.version <= held.version || frame.base !== held.version) return state;
  const patched = applyMergePatch<Record<string, unknown>>(state.view as unknown as Record<string, unknown>, frame.patch);
  const raw = { ...patched, epoch: frame.epoch, version: frame.version } as Partial<ActiveView>;
  const normalized = normalizeActiveView(raw, state.view);
  const view = replaceEqualDeep(state.view, normalized);
  return { ...state, view, held: { epoch: frame.epoch, version: frame.version } };
}

/** True when the state holds `v` or a later version of the same epoch. */
export function isAtOrPast(state: LiveState, v: StateVersion): boolean {
  return !!state.held && state.held.epoch === v.epoch && state.held.version >= v.version;
}

function addProblem(state: LiveState, source: string, message: string): LiveState {
  const problem: PageProblem = { id: state.nextProblemId, source, message };
  const problems = [...state.problems, problem].slice(-MAX_PROBLEMS);
  return { ...state, problems, nextProblemId: state.nextProblemId + 1 };
}

// ---- normalisation: a partial or odd payload never crashes a component ----

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function obj<T>(v: unknown): Record<string, T> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, T>) : {};
}

function normalizeToken(id: string, raw: unknown): Token | null {
  if (!raw || typeof raw !== 'object') return null;
  const t = raw as Partial<Token>;
  const token: Token = {
    id: str(t.id, id) || id,
    type: str(t.type, 'object') || 'object',
    name: str(t.name),
    x: num(t.x, 0),
    y: num(t.y, 0),
    status: Array.isArray(t.status) ? t.status.filter((s): s is string => typeof s === 'string') : [],
    image_url: str(t.image_url),
    room_id: str(t.room_id),
  };
  if (typeof t.deck_id === 'string') token.deck_id = t.deck_id;
  return token;
}

function normalizeNpc(id: string, raw: unknown): NpcData | null {
  if (!raw || typeof raw !== 'object') return null;
  const n = raw as Partial<NpcData>;
  return { id: str(n.id, id) || id, name: str(n.name, id), portrait: str(n.portrait) };
}

/** The tab on screen; an unknown or missing one is MAP (the server may not send it yet). */
export function normalizeBridgeTab(v: unknown): BridgeTab {
  return typeof v === 'string' && (BRIDGE_TABS as readonly string[]).includes(v) ? (v as BridgeTab) : 'MAP';
}

function slugOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Level and selection with safe defaults: galaxy, nothing selected; "" means none. */
export function normalizeBridgeMap(v: unknown): BridgeMapNav {
  const o = obj<unknown>(v);
  const level: BridgeLevel =
    typeof o.level === 'string' && (BRIDGE_LEVELS as readonly string[]).includes(o.level)
      ? (o.level as BridgeLevel)
      : 'galaxy';
  return { level, system: slugOrNull(o.system), body: slugOrNull(o.body), station: slugOrNull(o.station) };
}

/**
 * A complete, well-typed view from a raw payload. With `prev` (the view a patch was applied
 * to), entries that are still the very objects of `prev` were normalised before and are
 * kept as they are, so a patch costs work only for what it touched.
 */
export function normalizeActiveView(raw: Partial<ActiveView>, prev?: ActiveView | null): ActiveView {
  const rawTokens = obj<unknown>(raw.encounter_tokens);
  let tokens: Record<string, Token>;
  if (prev && rawTokens === prev.encounter_tokens) {
    tokens = prev.encounter_tokens;
  } else {
    tokens = {};
    const before: Record<string, unknown> = prev ? prev.encounter_tokens : {};
    for (const [id, t] of Object.entries(rawTokens)) {
      const token = t === before[id] ? (t as Token) : normalizeToken(id, t);
      if (token) tokens[id] = token;
    }
  }
  const rawNpcs = obj<unknown>(raw.encounter_npc_data);
  let npcs: Record<string, NpcData>;
  if (prev && rawNpcs === prev.encounter_npc_data) {
    npcs = prev.encounter_npc_data;
  } else {
    npcs = {};
    const before: Record<string, unknown> = prev ? prev.encounter_npc_data : {};
    for (const [id, n] of Object.entries(rawNpcs)) {
      const npc = n === before[id] ? (n as NpcData) : normalizeNpc(id, n);
      if (npc) npcs[id] = npc;
    }
  }
  const view: ActiveView = {
    ...(raw as object),
    epoch: str(raw.epoch),
    version: num(raw.version, 0),
    view_type: str(raw.view_type, 'STANDBY') || 'STANDBY',
    location_slug: str(raw.location_slug),
    view_slug: str(raw.view_slug),
    overlay_location_slug: str(raw.overlay_location_slug),
    overlay_terminal_slug: str(raw.overlay_terminal_slug),
    charon_mode: str(raw.charon_mode, 'DISPLAY'),
    charon_location_path: str(raw.charon_location_path),
    charon_dialog_open: raw.charon_dialog_open === true,
    charon_active_channel: str(raw.charon_active_channel),
    encounter_level: num(raw.encounter_level, 1),
    encounter_deck_id: str(raw.encounter_deck_id),
    encounter_room_visibility: obj<boolean>(raw.encounter_room_visibility),
    encounter_door_status: obj<string>(raw.encounter_door_status),
    encounter_tokens: tokens,
    encounter_active_portraits: Array.isArray(raw.encounter_active_portraits)
      ? raw.encounter_active_portraits.filter((s): s is string => typeof s === 'string')
      : [],
    encounter_npc_data: npcs,
    ship_system_overrides: obj(raw.ship_system_overrides),
    bridge_tab: normalizeBridgeTab(raw.bridge_tab),
    bridge_map: normalizeBridgeMap(raw.bridge_map),
    bridge_explore: raw.bridge_explore === true,
  };
  return view;
}
