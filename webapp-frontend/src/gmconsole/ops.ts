import { navBody, resolveNav, type NavRequest } from '../bridge/nav';
import type { ActiveView, Token } from '../state/types';

/**
 * The GM's state writes as data. Each op knows its request (`requestOf`) and its expected
 * effect on the active view (`applyOp`), which the console shows at once, before the
 * server's stream confirms it (see optimistic.ts). Both are pure.
 */
export type GmOp =
  | {
      kind: 'switch-view';
      view_type: string;
      location_slug?: string;
      reset?: boolean;
      /** what the tree knows of the new location, so the optimistic view is complete */
      location?: { name: string; type: string; has_map: boolean };
    }
  | { kind: 'show-terminal'; location_slug: string; terminal_slug: string }
  | { kind: 'charon-mode'; mode: string }
  | { kind: 'charon-location'; location_path: string }
  | { kind: 'charon-dialog'; open: boolean }
  /** put a CHARON channel on the terminal (docs/charon.md) */
  | { kind: 'charon-active-channel'; channel: string }
  | { kind: 'switch-deck'; deck_id: string; level?: number; deck_name?: string }
  | { kind: 'room'; room_id: string; visible: boolean }
  /** reveal/hide all (of one deck): `rooms` lists the rooms it affects, for the overlay */
  | { kind: 'rooms'; visible: boolean; deck_id?: string; rooms: string[] }
  | { kind: 'door'; connection_id: string; door_status: string }
  | {
      kind: 'place-token';
      temp_id: string;
      type: string;
      name: string;
      x: number;
      y: number;
      image_url: string;
      deck_id: string;
      room_id?: string;
    }
  | { kind: 'move-token'; token_id: string; x: number; y: number; room_id?: string }
  | { kind: 'token-status'; token_id: string; add?: string; remove?: string }
  | { kind: 'remove-token'; token_id: string }
  | { kind: 'clear-tokens'; deck_id?: string }
  | { kind: 'portrait'; npc_id: string; visible: boolean }
  | { kind: 'ship'; system: string; status?: string; condition?: number; info?: string }
  /** BRIDGE: the tab and the map's level/selection every terminal shows */
  | ({ kind: 'bridge-navigate' } & NavRequest)
  /** BRIDGE: hand the shared screen's touch and mouse to the players, or take it back */
  | { kind: 'bridge-explore'; enabled: boolean }
  /** players may move their own tokens from their phones (docs/protocol.md, "At the table") */
  | { kind: 'player-movement'; enabled: boolean };

export interface OpRequest {
  path: string;
  body: Record<string, unknown>;
}

/** The write endpoint and body of an op (fields as in EncounterResource / ViewResource). */
export function requestOf(op: GmOp): OpRequest {
  switch (op.kind) {
    case 'switch-view': {
      const body: Record<string, unknown> = { view_type: op.view_type };
      if (op.location_slug !== undefined) body.location_slug = op.location_slug;
      if (op.reset) body.reset = true;
      return { path: 'api/gm/switch-view/', body };
    }
    case 'show-terminal':
      return {
        path: 'api/gm/show-terminal/',
        body: { location_slug: op.location_slug, terminal_slug: op.terminal_slug },
      };
    case 'charon-mode':
      return { path: 'api/gm/charon/mode/', body: { mode: op.mode } };
    case 'charon-location':
      return { path: 'api/gm/charon/location/', body: { location_path: op.location_path } };
    case 'charon-dialog':
      return { path: 'api/gm/charon/toggle-dialog/', body: { open: op.open } };
    case 'charon-active-channel':
      return { path: 'api/gm/charon/active-channel', body: { channel: op.channel } };
    case 'switch-deck':
      return { path: 'api/gm/encounter/switch-level/', body: { deck_id: op.deck_id } };
    case 'room':
      return { path: 'api/gm/encounter/toggle-room/', body: { room_id: op.room_id, visible: op.visible } };
    case 'rooms': {
      const body: Record<string, unknown> = { all: op.visible };
      if (op.deck_id) body.deck_id = op.deck_id;
      return { path: 'api/gm/encounter/room-visibility/', body };
    }
    case 'door':
      return {
        path: 'api/gm/encounter/set-door-status/',
        body: { connection_id: op.connection_id, door_status: op.door_status },
      };
    case 'place-token': {
      const body: Record<string, unknown> = { type: op.type, name: op.name, x: op.x, y: op.y, image_url: op.image_url };
      if (op.deck_id) body.deck_id = op.deck_id;
      return { path: 'api/gm/encounter/place-token/', body };
    }
    case 'move-token':
      return { path: 'api/gm/encounter/move-token/', body: { token_id: op.token_id, x: op.x, y: op.y } };
    case 'token-status': {
      const body: Record<string, unknown> = { token_id: op.token_id };
      if (op.add) body.add = op.add;
      if (op.remove) body.remove = op.remove;
      return { path: 'api/gm/encounter/update-token-status/', body };
    }
    case 'remove-token':
      return { path: 'api/gm/encounter/remove-token/', body: { token_id: op.token_id } };
    case 'clear-tokens':
      return { path: 'api/gm/encounter/clear-tokens/', body: op.deck_id ? { deck_id: op.deck_id } : {} };
    case 'portrait':
      return { path: 'api/gm/encounter/toggle-portrait/', body: { npc_id: op.npc_id, visible: op.visible } };
    case 'bridge-navigate': {
      const { kind: _kind, ...request } = op;
      return { path: 'api/gm/bridge/navigate', body: navBody(request) };
    }
    case 'bridge-explore':
      return { path: 'api/gm/bridge/explore', body: { enabled: op.enabled } };
    case 'player-movement':
      return { path: 'api/gm/table/player-movement/', body: { enabled: op.enabled } };
    case 'ship': {
      const body: Record<string, unknown> = { system: op.system };
      if (op.status !== undefined) body.status = op.status;
      if (op.condition !== undefined) body.condition = op.condition;
      if (op.info !== undefined) body.info = op.info;
      return { path: 'api/gm/ship-status/toggle/', body };
    }
  }
}

/**
 * The expected effect of an op on a view. Returns the same view when nothing changes
 * (e.g. a move of a token the server already removed); only the touched parts are new.
 */
export function applyOp(view: ActiveView, op: GmOp): ActiveView {
  switch (op.kind) {
    case 'switch-view': {
      const slug = op.location_slug ?? view.location_slug;
      let next: ActiveView = {
        ...view,
        view_type: op.view_type,
        location_slug: slug,
        overlay_location_slug: '',
        overlay_terminal_slug: '',
      };
      if (op.reset || slug !== view.location_slug) {
        // a new encounter: everything hidden, no tokens, doors or portraits, default deck
        next = {
          ...next,
          encounter_room_visibility: {},
          encounter_door_status: {},
          encounter_tokens: {},
          encounter_active_portraits: [],
        };
        if (slug !== view.location_slug) {
          next.encounter_deck_id = '';
          next.encounter_level = 1;
          delete next.encounter_deck_name;
          delete next.encounter_total_decks;
          if (op.location) {
            next.location_name = op.location.name;
            next.location_type = op.location.type;
            next.encounter_has_map = op.location.has_map;
          } else {
            delete next.location_name;
            delete next.location_type;
            delete next.encounter_has_map;
          }
        }
      }
      return next;
    }
    case 'show-terminal':
      return view.overlay_location_slug === op.location_slug && view.overlay_terminal_slug === op.terminal_slug
        ? view
        : { ...view, overlay_location_slug: op.location_slug, overlay_terminal_slug: op.terminal_slug };
    case 'charon-mode':
      return view.charon_mode === op.mode ? view : { ...view, charon_mode: op.mode };
    case 'charon-location':
      return view.charon_location_path === op.location_path ? view : { ...view, charon_location_path: op.location_path };
    case 'charon-dialog':
      return view.charon_dialog_open === op.open ? view : { ...view, charon_dialog_open: op.open };
    case 'charon-active-channel':
      return view.charon_active_channel === op.channel ? view : { ...view, charon_active_channel: op.channel };
    case 'switch-deck': {
      if (view.encounter_deck_id === op.deck_id) return view;
      const next: ActiveView = { ...view, encounter_deck_id: op.deck_id };
      if (op.level !== undefined) next.encounter_level = op.level;
      if (op.deck_name !== undefined) next.encounter_deck_name = op.deck_name;
      return next;
    }
    case 'room':
      return view.encounter_room_visibility[op.room_id] === op.visible
        ? view
        : { ...view, encounter_room_visibility: { ...view.encounter_room_visibility, [op.room_id]: op.visible } };
    case 'rooms': {
      const changed = op.rooms.filter((r) => view.encounter_room_visibility[r] !== op.visible);
      if (changed.length === 0) return view;
      const vis = { ...view.encounter_room_visibility };
      for (const r of changed) vis[r] = op.visible;
      return { ...view, encounter_room_visibility: vis };
    }
    case 'door':
      return view.encounter_door_status[op.connection_id] === op.door_status
        ? view
        : { ...view, encounter_door_status: { ...view.encounter_door_status, [op.connection_id]: op.door_status } };
    case 'place-token': {
      const token: Token = {
        id: op.temp_id,
        type: op.type,
        name: op.name,
        x: op.x,
        y: op.y,
        status: [],
        image_url: op.image_url,
        room_id: op.room_id ?? '',
        deck_id: op.deck_id || view.encounter_deck_id,
      };
      return { ...view, encounter_tokens: { ...view.encounter_tokens, [op.temp_id]: token } };
    }
    case 'move-token': {
      const t = view.encounter_tokens[op.token_id];
      if (!t || (t.x === op.x && t.y === op.y)) return view;
      const moved: Token = { ...t, x: op.x, y: op.y };
      if (op.room_id !== undefined) moved.room_id = op.room_id;
      return { ...view, encounter_tokens: { ...view.encounter_tokens, [op.token_id]: moved } };
    }
    case 'token-status': {
      const t = view.encounter_tokens[op.token_id];
      if (!t) return view;
      let status = t.status;
      if (op.add && !status.includes(op.add)) status = [...status, op.add];
      if (op.remove && status.includes(op.remove)) status = status.filter((s) => s !== op.remove);
      if (status === t.status) return view;
      return { ...view, encounter_tokens: { ...view.encounter_tokens, [op.token_id]: { ...t, status } } };
    }
    case 'remove-token': {
      if (!view.encounter_tokens[op.token_id]) return view;
      const tokens = { ...view.encounter_tokens };
      delete tokens[op.token_id];
      return { ...view, encounter_tokens: tokens };
    }
    case 'clear-tokens': {
      const keep = Object.entries(view.encounter_tokens).filter(([, t]) => op.deck_id && t.deck_id !== op.deck_id);
      if (keep.length === Object.keys(view.encounter_tokens).length) return view;
      return { ...view, encounter_tokens: Object.fromEntries(keep) };
    }
    case 'portrait': {
      const shown = view.encounter_active_portraits.includes(op.npc_id);
      if (shown === op.visible) return view;
      return {
        ...view,
        encounter_active_portraits: op.visible
          ? [...view.encounter_active_portraits, op.npc_id]
          : view.encounter_active_portraits.filter((id) => id !== op.npc_id),
      };
    }
    case 'bridge-navigate': {
      const { kind: _kind, tab, ...map } = op;
      const nav = resolveNav(view.bridge_map, map);
      const sameMap =
        nav.level === view.bridge_map.level &&
        nav.system === view.bridge_map.system &&
        nav.body === view.bridge_map.body &&
        nav.station === view.bridge_map.station;
      const nextTab = tab ?? view.bridge_tab;
      if (sameMap && nextTab === view.bridge_tab) return view;
      return { ...view, bridge_tab: nextTab, bridge_map: sameMap ? view.bridge_map : nav };
    }
    case 'bridge-explore':
      return view.bridge_explore === op.enabled ? view : { ...view, bridge_explore: op.enabled };
    case 'player-movement':
      return (view.player_movement === true) === op.enabled ? view : { ...view, player_movement: op.enabled };
    case 'ship': {
      const prev = view.ship_system_overrides[op.system];
      const merged = { ...(prev ?? { status: '' }) };
      if (op.status !== undefined) merged.status = op.status;
      if (op.condition !== undefined) merged.condition = op.condition;
      if (op.info !== undefined) merged.info = op.info;
      return { ...view, ship_system_overrides: { ...view.ship_system_overrides, [op.system]: merged } };
    }
  }
}

/** A short human label for notices ("Failed to move token: …"). */
export function describeOp(op: GmOp): string {
  switch (op.kind) {
    case 'switch-view':
      return op.reset ? 'restart encounter' : `switch to ${op.view_type}`;
    case 'show-terminal':
      return op.terminal_slug ? `show terminal ${op.terminal_slug}` : 'hide terminal';
    case 'charon-mode':
      return `set CHARON mode ${op.mode}`;
    case 'charon-location':
      return 'set CHARON location';
    case 'charon-dialog':
      return op.open ? 'open CHARON dialog' : 'close CHARON dialog';
    case 'charon-active-channel':
      return `put CHARON channel ${op.channel} on the terminal`;
    case 'switch-deck':
      return `switch to deck ${op.deck_id}`;
    case 'room':
      return `${op.visible ? 'reveal' : 'hide'} ${op.room_id}`;
    case 'rooms':
      return op.visible ? 'reveal all rooms' : 'hide all rooms';
    case 'door':
      return `set door ${op.connection_id} ${op.door_status}`;
    case 'place-token':
      return `place ${op.name}`;
    case 'move-token':
      return 'move token';
    case 'token-status':
      return 'change token status';
    case 'remove-token':
      return 'remove token';
    case 'clear-tokens':
      return 'clear tokens';
    case 'portrait':
      return op.visible ? `show ${op.npc_id}` : `dismiss ${op.npc_id}`;
    case 'ship':
      return `update ${op.system}`;
    case 'bridge-navigate':
      return op.tab && op.level === undefined ? `show the ${op.tab} tab` : 'move the bridge map';
    case 'bridge-explore':
      return op.enabled ? 'let the players explore' : 'take the bridge back';
    case 'player-movement':
      return op.enabled ? 'let the players move their tokens' : 'take the tokens back';
  }
}
