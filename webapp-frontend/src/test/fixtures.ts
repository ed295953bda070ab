import type { ActiveView, EncounterMapData, Token } from '../state/types';

export function token(id: string, extra: Partial<Token> = {}): Token {
  return {
    id,
    type: 'player',
    name: `Token ${id}`,
    x: 1,
    y: 1,
    status: [],
    image_url: '',
    room_id: 'bridge',
    deck_id: 'deck_1',
    ...extra,
  };
}

export function activeView(extra: Partial<ActiveView> = {}): ActiveView {
  return {
    epoch: 'e1',
    version: 1,
    view_type: 'STANDBY',
    location_slug: '',
    view_slug: '',
    overlay_location_slug: '',
    overlay_terminal_slug: '',
    charon_mode: 'DISPLAY',
    charon_location_path: '',
    charon_dialog_open: false,
    charon_active_channel: 'story',
    encounter_level: 1,
    encounter_deck_id: '',
    encounter_room_visibility: {},
    encounter_door_status: {},
    encounter_tokens: {},
    encounter_active_portraits: [],
    encounter_npc_data: {},
    ship_system_overrides: {},
    bridge_tab: 'MAP',
    bridge_map: { level: 'galaxy', system: null, body: null, station: null },
    bridge_explore: false,
    ...extra,
  };
}

export function encounterView(extra: Partial<ActiveView> = {}): ActiveView {
  return activeView({
    view_type: 'ENCOUNTER',
    location_slug: 'uscss_morrigan',
    location_type: 'ship',
    location_name: 'USCSS Morrigan',
    encounter_has_map: true,
    encounter_total_decks: 2,
    encounter_deck_name: 'Main Deck',
    encounter_deck_id: 'deck_1',
    encounter_room_visibility: { bridge: true, corridor: true },
    encounter_tokens: {
      a1: token('a1', { name: 'Marcus', x: 2, y: 2 }),
      b2: token('b2', { type: 'creature', name: 'Xeno', x: 6, y: 2, room_id: 'corridor', status: ['wounded'] }),
    },
    ...extra,
  });
}

export function morriganMap(): EncounterMapData {
  return {
    location_slug: 'uscss_morrigan',
    is_multi_deck: true,
    decks: [
      { id: 'deck_1', name: 'Main Deck', level: 1, default: true },
      { id: 'deck_2', name: 'Lower Deck', level: 2 },
    ],
    current_deck_id: 'deck_1',
    current_deck: {
      deck_id: 'deck_1',
      name: 'Main Deck',
      grid: { width: 20, height: 14, unit_size: 40 },
      rooms: [
        { id: 'bridge', name: 'Bridge', x: 1, y: 1, width: 4, height: 3, status: 'OPERATIONAL' },
        { id: 'corridor', name: 'Corridor', x: 6, y: 1, width: 6, height: 2, status: 'WARNING' },
      ],
      connections: [
        { id: 'c1', from: 'bridge', to: 'corridor', door_type: 'standard', door_status: 'CLOSED' },
        { id: 'c2', from: 'corridor', to: 'medbay', door_type: 'airlock' },
      ],
      terminals: [{ id: 't1', room: 'bridge', position: { x: 2, y: 1 }, name: 'Nav console' }],
      poi: [{ id: 'p1', type: 'hazard', room: 'corridor', position: { x: 8, y: 1 }, name: 'Leak' }],
      image_url: '',
    },
  };
}
