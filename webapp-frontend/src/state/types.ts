/** The active-view state as sent by the server (docs/protocol.md), identical in REST and SSE. */

export type ViewType =
  | 'STANDBY'
  | 'BRIDGE'
  | 'ENCOUNTER'
  | 'CHARON_TERMINAL'
  | 'COMM_TERMINAL'
  | 'MESSAGES'
  | 'SHIP_DASHBOARD'
  | (string & {});

export type TokenType = 'player' | 'npc' | 'creature' | 'object' | (string & {});
export type TokenStatus = 'wounded' | 'dead' | 'panicked' | 'stunned' | 'hidden' | (string & {});
export type DoorStatus = 'OPEN' | 'CLOSED' | 'LOCKED' | 'SEALED' | 'DAMAGED';

export interface Token {
  id: string;
  type: TokenType;
  name: string;
  x: number;
  y: number;
  status: TokenStatus[];
  image_url: string;
  room_id: string;
  deck_id?: string;
}

export interface NpcData {
  id: string;
  name: string;
  portrait: string;
}

export interface ShipSystemOverride {
  status: string;
  condition?: number;
  info?: unknown;
}

/** BRIDGE tabs (bridge.md §1), in tab-bar order. */
export const BRIDGE_TABS = ['MAP', 'PERSONNEL', 'LOGS', 'STATUS', 'CHARON'] as const;
export type BridgeTab = (typeof BRIDGE_TABS)[number];

/** The three map levels (bridge.md §2). */
export const BRIDGE_LEVELS = ['galaxy', 'system', 'orbit'] as const;
export type BridgeLevel = (typeof BRIDGE_LEVELS)[number];

/**
 * The BRIDGE map's level and selection, pushed like the rest of the view so every terminal
 * follows the GM. Ids are those of the map endpoints; null = nothing selected (the server
 * writes "" for that, normalised to null here).
 *  - galaxy: `system` = the selected system of the star map;
 *  - system: `system` = the system shown, `body` = the selected body;
 *  - orbit: `system`/`body` = the body shown, `station` = the selected moon, station or surface marker.
 */
export interface BridgeMapNav {
  level: BridgeLevel;
  system: string | null;
  body: string | null;
  station: string | null;
}

/** The GM's frame of a deck map, in map units, for the map of that location and deck only. */
export interface Projector {
  location_slug: string;
  deck_id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The optional turn order of a combat round. Players get only the tokens they see, and
 * `current` -1 while an unseen token acts (docs/protocol.md, "Turn order").
 */
export interface Initiative {
  order: string[];
  current: number;
}

export interface ActiveView {
  epoch: string;
  version: number;
  view_type: ViewType;
  location_slug: string;
  view_slug: string;
  overlay_location_slug: string;
  overlay_terminal_slug: string;
  charon_mode: string;
  charon_location_path: string;
  charon_dialog_open: boolean;
  charon_active_channel: string;
  encounter_level: number;
  encounter_deck_id: string;
  encounter_room_visibility: Record<string, boolean>;
  encounter_door_status: Record<string, string>;
  encounter_tokens: Record<string, Token>;
  encounter_active_portraits: string[];
  encounter_npc_data: Record<string, NpcData>;
  ship_system_overrides: Record<string, ShipSystemOverride>;
  /** BRIDGE: the tab on screen (MAP before the server sends one) */
  bridge_tab: BridgeTab;
  bridge_map: BridgeMapNav;
  /** BRIDGE: the GM handed the shared screen's touch and mouse to the players */
  bridge_explore: boolean;
  /** players may move their own tokens from their phones (POST api/table/move/) */
  player_movement?: boolean;
  /** the GM's viewport every terminal follows (projector mode); absent or null: off */
  projector?: Projector | null;
  /** the terminal shows the map legend */
  legend_visible?: boolean;
  /** the turn order: token ids, and the index of the current one (-1: none shown); empty order = off */
  initiative?: Initiative;
  location_type?: string;
  location_name?: string;
  location_path?: string[];
  encounter_has_map?: boolean;
  encounter_total_decks?: number;
  encounter_deck_name?: string;
}

/** The position of a snapshot in the server's history. */
export interface StateVersion {
  epoch: string;
  version: number;
}

// ---- encounter map (GET api/encounter-map/<slug>/?deck_id=<id>) ----

export interface MapRoom {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  status?: string;
  description?: string;
}

/** Where a door sits on a room's wall, in grid cells (player map: the other end may be hidden). */
export interface DoorPosition {
  x: number;
  y: number;
  side: 'left' | 'right' | 'top' | 'bottom';
}

export interface MapConnection {
  id: string;
  /** room id; "" on the player map when that end is a hidden room */
  from: string;
  to: string;
  door_type?: string;
  door_status?: string;
  from_door?: DoorPosition;
  to_door?: DoorPosition;
}

export interface MapPoint {
  x: number;
  y: number;
}

export interface MapTerminal {
  id: string;
  room: string;
  position: MapPoint;
  name?: string;
}

export interface MapPoi {
  id: string;
  type?: string;
  room: string;
  position: MapPoint;
  name?: string;
  icon?: string;
  status?: string;
  description?: string;
}

export interface DeckMap {
  deck_id: string;
  name?: string;
  grid: { width: number; height: number; unit_size?: number };
  rooms: MapRoom[];
  connections?: MapConnection[];
  terminals?: MapTerminal[];
  poi?: MapPoi[];
  image_url?: string;
}

export interface DeckInfo {
  id: string;
  name: string;
  level: number;
  default?: boolean;
}

export interface EncounterMapData {
  location_slug: string;
  is_multi_deck: boolean;
  decks: DeckInfo[];
  current_deck_id: string;
  current_deck: DeckMap;
}

// ---- comm terminal (GET api/terminal/<loc>/<term>/) ----

export interface TerminalMessage {
  message_id: string;
  subject: string;
  from: string;
  to: string;
  content: string;
  timestamp: string;
  priority: string;
  read: boolean;
  folder?: string;
}

export interface CommTerminalData {
  slug: string;
  owner: string;
  terminal_id?: string;
  access_level?: string;
  description?: string;
  location_name?: string;
  inbox: TerminalMessage[];
  sent: TerminalMessage[];
}

// ---- ship status (GET api/ship-status/) ----

export interface ShipSystem {
  status: string;
  condition?: number;
  info?: unknown;
}

export interface ShipStatus {
  ship: {
    name?: string;
    class?: string;
    crew_count?: number;
    crew_capacity?: number;
    hull?: { current: number; max: number };
    armor?: { current: number; max: number };
    systems?: Record<string, ShipSystem>;
  };
}

// ---- auth / messages ----

export type Role = 'GM' | 'PLAYER';

export interface Me {
  username: string;
  role: Role;
}

export interface PersonalMessage {
  id: number;
  sender: string;
  content: string;
  priority: string;
  created_at: string;
  read: boolean;
}
