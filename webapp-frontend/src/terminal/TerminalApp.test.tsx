import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMapCache, type MapFetcher } from '../encounter/mapCache';
import { RECONNECT_DELAY_MS } from '../push/timing';
import type { ActiveView, EncounterMapData } from '../state/types';
import { FakeEventSource } from '../test/FakeEventSource';
import { activeView, encounterView, morriganMap, token } from '../test/fixtures';
import { createTerminalStore } from './store';
import { TerminalApp } from './TerminalApp';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let fetchMock: ReturnType<typeof vi.fn>;

function setup(fetcher?: MapFetcher) {
  const store = createTerminalStore();
  const mapFetcher = fetcher ?? vi.fn<MapFetcher>(async () => morriganMap());
  const utils = render(
    <TerminalApp store={store} EventSourceImpl={FakeEventSource} mapFetcher={mapFetcher} mapCache={createMapCache()} />,
  );
  const es = () => FakeEventSource.latest();
  const push = (view: ActiveView | string) => act(() => es().emit('activeview', view));
  return { store, mapFetcher, push, es, ...utils };
}

describe('player terminal', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    fetchMock = vi.fn(async () => jsonResponse({}));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('opens the player stream and shows STANDBY until told otherwise', () => {
    const { container } = setup();
    expect(FakeEventSource.latest().url).toMatch(/\/api\/active-view\/stream\/$/);
    expect(FakeEventSource.latest().url).not.toMatch(/\/gm\//);
    expect(screen.getByTestId('view-STANDBY')).toBeTruthy();
    expect(container.textContent).toContain('MOTHERSHIP');
  });

  it('switches views on each snapshot and puts data-testid on each view root', () => {
    const { push } = setup();
    push(activeView({ version: 2, view_type: 'CHARON_TERMINAL' }));
    expect(screen.getByTestId('view-CHARON_TERMINAL')).toBeTruthy();
    push(activeView({ version: 3, view_type: 'SHIP_DASHBOARD' }));
    expect(screen.getByTestId('view-SHIP_DASHBOARD').textContent).toContain('SHIP DASHBOARD');
    expect(screen.getByTestId('view-SHIP_DASHBOARD').textContent).not.toContain('NOT AVAILABLE');
    push(activeView({ version: 4, view_type: 'STANDBY' }));
    expect(screen.getByTestId('view-STANDBY')).toBeTruthy();
  });

  it('ENCOUNTER: draws revealed rooms only, doors, icons of revealed rooms, tokens with coordinates', async () => {
    const { push, container, mapFetcher } = setup();
    push(encounterView({ version: 2, encounter_room_visibility: { bridge: true } }));
    await screen.findByTestId('encounter-map');
    expect(mapFetcher).toHaveBeenCalledWith('api/encounter-map/uscss_morrigan/?deck_id=deck_1', expect.anything());
    const rooms = [...container.querySelectorAll('[data-room-id]')].map((r) => r.getAttribute('data-room-id'));
    expect(rooms).toEqual(['bridge']);
    expect(container.querySelector('[data-terminal-id="t1"]')).toBeTruthy(); // in bridge
    expect(container.querySelector('[data-poi-id="p1"]')).toBeNull(); // in hidden corridor
    // the bridge–corridor door is shown on the bridge wall although the corridor is hidden
    expect(container.querySelector('[data-door-id="c1"]')?.getAttribute('data-door-status')).toBe('CLOSED');
    expect(container.querySelector('[data-connection-id="c1"]')).toBeNull(); // no path line to a hidden room
    const marcus = container.querySelector('[data-token-id="a1"]')!;
    expect(marcus.getAttribute('data-x')).toBe('2');
    expect(marcus.getAttribute('data-y')).toBe('2');
    // b2 stands in the hidden corridor: not shown to players
    expect(container.querySelector('[data-token-id="b2"]')).toBeNull();
  });

  it('shows door overrides, token statuses as markers and their words in the tap detail', async () => {
    const { push, container } = setup();
    push(
      encounterView({
        version: 2,
        encounter_door_status: { c1: 'LOCKED' },
        encounter_tokens: {
          a1: token('a1', { status: ['wounded', 'stunned'] }),
          b2: token('b2', { status: ['dead', 'panicked'], room_id: 'corridor', x: 7 }),
        },
      }),
    );
    await screen.findByTestId('encounter-map');
    expect(container.querySelector('[data-door-id="c1"]')?.getAttribute('data-door-status')).toBe('LOCKED');
    // on the token: compact markers (the legend explains them), no words to overlap the neighbours
    const a1 = container.querySelector('[data-token-id="a1"]')!;
    expect(a1.querySelector('[data-status-marker="wounded"]')).toBeTruthy();
    expect(a1.querySelector('[data-status-marker="stunned"]')).toBeTruthy();
    expect(a1.textContent).not.toContain('WOUNDED');
    const b2 = container.querySelector('[data-token-id="b2"]')!;
    expect(b2.querySelector('[data-status-marker="dead"]')).toBeTruthy();
    expect(b2.querySelector('[data-status-marker="panicked"]')).toBeTruthy();
    // a tap shows the words, the name and the room in the app's own detail (no native title)
    expect(a1.querySelector('title')).toBeNull();
    fireEvent.click(a1.querySelector('.token-body')!);
    const detail = screen.getByTestId('map-detail');
    expect(detail.textContent).toContain('WOUNDED');
    expect(detail.textContent).toContain('STUNNED');
    expect(detail.textContent).toContain('IN BRIDGE');
    fireEvent.click(a1.querySelector('.token-body')!);
    expect(screen.queryByTestId('map-detail')).toBeNull();
  });

  it('shows the legend beside the map while the GM has it on', async () => {
    const { push } = setup();
    push(encounterView({ version: 2 }));
    await screen.findByTestId('encounter-map');
    expect(screen.queryByTestId('map-legend')).toBeNull();
    push(encounterView({ version: 3, legend_visible: true }));
    const legend = screen.getByTestId('map-legend');
    for (const word of ['LOCKED', 'SEALED', 'WOUNDED', 'DEAD', 'PANICKED', 'STUNNED', 'TERMINAL', 'HAZARD']) {
      expect(legend.textContent).toContain(word);
    }
    // the legend's samples are not map pieces
    expect(legend.querySelector('[data-door-id], [data-token-id], [data-poi-id]')).toBeNull();
  });

  it('rings the current token and shows the turn strip in order, the current name emphasised', async () => {
    const { push, container } = setup();
    const tokens = {
      a1: token('a1', { name: 'Marcus' }),
      b2: token('b2', { name: 'Vex', x: 3 }),
    };
    push(encounterView({ version: 2, encounter_room_visibility: { bridge: true }, encounter_tokens: tokens }));
    await screen.findByTestId('encounter-map');
    expect(screen.queryByTestId('turn-strip')).toBeNull();
    expect(container.querySelector('[data-turn="current"]')).toBeNull();
    push(encounterView({ version: 3, encounter_tokens: tokens, initiative: { order: ['b2', 'a1'], current: 1 } }));
    const strip = screen.getByTestId('turn-strip');
    const names = [...strip.querySelectorAll('li')].map((li) => li.textContent);
    expect(names).toEqual(['VEX', 'MARCUS']);
    expect(strip.querySelector('li.current')!.textContent).toBe('MARCUS');
    expect(container.querySelector('[data-turn="current"]')!.getAttribute('data-token-id')).toBe('a1');
    expect(container.querySelector('[data-token-id="a1"] .token-turn-ring')).toBeTruthy();
    // an unseen token acts (current -1): the order stays, nothing is emphasised or ringed
    push(encounterView({ version: 4, encounter_tokens: tokens, initiative: { order: ['b2', 'a1'], current: -1 } }));
    expect(screen.getByTestId('turn-strip').querySelector('li.current')).toBeNull();
    expect(container.querySelector('[data-turn="current"]')).toBeNull();
    push(encounterView({ version: 5, encounter_tokens: tokens, initiative: { order: [], current: -1 } }));
    expect(screen.queryByTestId('turn-strip')).toBeNull();
  });

  it('follows the GM projector on the same map, with its own gestures off, and returns to its own view after', async () => {
    const { push, container } = setup();
    push(encounterView({ version: 2 }));
    await screen.findByTestId('encounter-map');
    const svg = container.querySelector('svg.encounter-map-svg')!;
    const own = svg.getAttribute('viewBox');
    const frame = { location_slug: 'uscss_morrigan', deck_id: 'deck_1', x: 40, y: 80, width: 200, height: 150 };
    push(encounterView({ version: 3, projector: { ...frame, deck_id: 'other_deck' } }));
    expect(svg.getAttribute('viewBox')).toBe(own);
    push(encounterView({ version: 4, projector: frame }));
    expect(screen.getByTestId('encounter-map').getAttribute('data-following')).toBe('true');
    const vb = svg.getAttribute('viewBox')!.split(' ').map(Number);
    // the GM's frame is shown whole and centred
    expect(vb[0] + vb[2] / 2).toBeCloseTo(140);
    expect(vb[1] + vb[3] / 2).toBeCloseTo(155);
    expect(vb[2]).toBeGreaterThanOrEqual(199.99);
    fireEvent.wheel(svg, { deltaY: -100, clientX: 10, clientY: 10 });
    expect(svg.getAttribute('viewBox')).toBe(vb.join(' '));
    push(encounterView({ version: 5, projector: null }));
    expect(svg.getAttribute('viewBox')).toBe(own);
  });

  it('keeps its own zoom per map across a remount (a reconnect or reload) and FIT MAP restores the whole map', async () => {
    sessionStorage.clear();
    const first = setup();
    first.push(encounterView({ version: 2 }));
    await screen.findByTestId('encounter-map');
    const svg = () => document.querySelector('svg.encounter-map-svg')!;
    const home = svg().getAttribute('viewBox');
    fireEvent.wheel(svg(), { deltaY: -100, clientX: 10, clientY: 10 });
    const zoomed = svg().getAttribute('viewBox');
    expect(zoomed).not.toBe(home);
    first.push(encounterView({ version: 3, encounter_room_visibility: { bridge: true, corridor: true } }));
    expect(svg().getAttribute('viewBox')).toBe(zoomed); // a new snapshot of the same map keeps it
    first.unmount();
    const second = setup();
    second.push(encounterView({ version: 9 }));
    await screen.findByTestId('encounter-map');
    expect(svg().getAttribute('viewBox')).toBe(zoomed);
    fireEvent.click(screen.getByTestId('map-fit'));
    expect(svg().getAttribute('viewBox')).toBe(home);
    expect(screen.queryByTestId('map-fit')).toBeNull();
  });

  it('a token move updates only that token and does not refetch the map', async () => {
    const { push, container, mapFetcher } = setup();
    push(encounterView({ version: 2 }));
    await screen.findByTestId('encounter-map');
    const b2Before = container.querySelector('[data-token-id="b2"]');
    const roomBefore = container.querySelector('[data-room-id="bridge"]');
    const moved = encounterView({ version: 3 });
    moved.encounter_tokens.a1 = { ...moved.encounter_tokens.a1, x: 3 };
    push(moved);
    expect(container.querySelector('[data-token-id="a1"]')!.getAttribute('data-x')).toBe('3');
    expect(container.querySelector('[data-token-id="b2"]')).toBe(b2Before);
    expect(container.querySelector('[data-room-id="bridge"]')).toBe(roomBefore);
    expect(mapFetcher).toHaveBeenCalledTimes(1);
  });

  it('merge-patch frames: a patched token move re-renders only that token; a gap resyncs', async () => {
    const { push, container, mapFetcher, es } = setup();
    push(encounterView({ version: 2 }));
    await screen.findByTestId('encounter-map');
    const b2Before = container.querySelector('[data-token-id="b2"]');
    act(() =>
      es().emit('activeview', { epoch: 'e1', version: 3, base: 2, patch: { encounter_tokens: { a1: { x: 4 } } } }),
    );
    expect(container.querySelector('[data-token-id="a1"]')!.getAttribute('data-x')).toBe('4');
    expect(container.querySelector('[data-token-id="b2"]')).toBe(b2Before);
    act(() => es().emit('activeview', { epoch: 'e1', version: 3, base: 2, patch: { view_type: 'STANDBY' } }));
    expect(screen.getByTestId('encounter-map')).toBeTruthy();
    const before = FakeEventSource.instances.length;
    act(() => es().emit('activeview', { epoch: 'e1', version: 9, base: 8, patch: { view_type: 'STANDBY' } }));
    expect(FakeEventSource.instances.length).toBe(before + 1);
    act(() => es().emit('activeview', encounterView({ version: 9, view_type: 'STANDBY' })));
    expect(screen.queryByTestId('encounter-map')).toBeNull();
    expect(mapFetcher).toHaveBeenCalledTimes(1);
  });

  it('refetches the map when a room of this deck is revealed, not for rooms of another deck', async () => {
    const fetcher = vi.fn<MapFetcher>(async () => morriganMap());
    const { push } = setup(fetcher);
    push(encounterView({ version: 2, encounter_room_visibility: { bridge: true } }));
    await screen.findByTestId('encounter-map');
    expect(fetcher).toHaveBeenCalledTimes(1);
    push(encounterView({ version: 3, encounter_room_visibility: { bridge: true, corridor: true } }));
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(2));
    // a deck-2 room (learned from a deck-2 map) does not refetch deck 1
    const deck2: EncounterMapData = {
      ...morriganMap(),
      current_deck_id: 'deck_2',
      current_deck: { deck_id: 'deck_2', grid: { width: 10, height: 10 }, rooms: [{ id: 'cargo', name: 'Cargo', x: 0, y: 0, width: 3, height: 3 }] },
    };
    fetcher.mockImplementation(async (path) => (path.includes('deck_2') ? deck2 : morriganMap()));
    push(encounterView({ version: 4, encounter_deck_id: 'deck_2', encounter_room_visibility: { bridge: true, corridor: true } }));
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(3));
    push(encounterView({ version: 5, encounter_deck_id: 'deck_1', encounter_room_visibility: { bridge: true, corridor: true } }));
    await screen.findByTestId('encounter-map');
    expect(fetcher).toHaveBeenCalledTimes(3); // deck 1 came from the cache
    push(encounterView({ version: 6, encounter_deck_id: 'deck_1', encounter_room_visibility: { bridge: true, corridor: true, cargo: true } }));
    await new Promise((r) => setTimeout(r, 20));
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it('a failing map keeps the last good map and raises the quiet indicator', async () => {
    const fetcher = vi.fn<MapFetcher>(async () => morriganMap());
    const { push, container } = setup(fetcher);
    push(encounterView({ version: 2, encounter_room_visibility: { bridge: true } }));
    await screen.findByTestId('encounter-map');
    fetcher.mockRejectedValue(new Error('502'));
    push(encounterView({ version: 3, encounter_room_visibility: { bridge: true, corridor: true } }));
    await screen.findByTestId('problem-indicator');
    expect(container.querySelector('[data-room-id="bridge"]')).toBeTruthy();
  });

  it('a location whose map cannot be loaded at all shows NO MAP DATA, not a blank screen', async () => {
    const { push } = setup(vi.fn<MapFetcher>(async () => Promise.reject(new Error('404'))));
    push(encounterView({ version: 2 }));
    await screen.findByTestId('problem-indicator');
    expect(screen.getByTestId('view-ENCOUNTER').textContent).toContain('NO MAP DATA AVAILABLE');
  });

  it('an unreadable event keeps the last good state and shows the indicator', async () => {
    const { push } = setup();
    push(activeView({ version: 2, view_type: 'CHARON_TERMINAL' }));
    push('{"broken');
    expect(screen.getByTestId('view-CHARON_TERMINAL')).toBeTruthy();
    expect(screen.getByTestId('problem-indicator').getAttribute('title')).toContain('stream');
  });

  it('ignores stale events', () => {
    const { push } = setup();
    push(activeView({ version: 5, view_type: 'CHARON_TERMINAL' }));
    push(activeView({ version: 4, view_type: 'STANDBY' }));
    expect(screen.getByTestId('view-CHARON_TERMINAL')).toBeTruthy();
  });

  it('level indicator: DECK n / total with the name, hidden for one deck', async () => {
    const { push } = setup();
    push(encounterView({ version: 2, encounter_level: 1, encounter_total_decks: 2 }));
    const ind = await screen.findByTestId('level-indicator');
    expect(ind.textContent).toContain('1 / 2');
    expect(ind.textContent).toContain('MAIN DECK');
    push(encounterView({ version: 3, encounter_total_decks: 1 }));
    expect(screen.queryByTestId('level-indicator')).toBeNull();
  });

  it('connection toast after 5 failed attempts, gone on reconnect', () => {
    vi.useFakeTimers();
    setup();
    const fail = () =>
      act(() => {
        FakeEventSource.latest().fail();
        vi.advanceTimersByTime(RECONNECT_DELAY_MS);
      });
    act(() => FakeEventSource.latest().open());
    for (let i = 0; i < 4; i++) fail();
    expect(screen.queryByTestId('connection-toast')).toBeNull();
    fail();
    const toast = screen.getByTestId('connection-toast');
    expect(toast.textContent).toBe('Connection lost — retrying...');
    act(() => FakeEventSource.latest().open());
    expect(screen.queryByTestId('connection-toast')).toBeNull();
  });

  it('portraits: one card per active NPC; a dismissed card stays until its exit animation ends', () => {
    const { push, container } = setup();
    const npcs = {
      lucia: { id: 'lucia', name: 'Dr. Lucia Vance', portrait: '' },
      ewan: { id: 'ewan', name: 'Ewan McGregor', portrait: 'api/campaign/images/e.png' },
    };
    push(encounterView({ version: 2, encounter_active_portraits: ['lucia', 'ewan'], encounter_npc_data: npcs }));
    const ids = () => [...container.querySelectorAll('[data-npc-id]')].map((c) => c.getAttribute('data-npc-id'));
    expect(ids()).toEqual(['lucia', 'ewan']);
    expect(screen.getByTestId('portrait-overlay').textContent).toContain('DR. LUCIA VANCE');
    push(encounterView({ version: 3, encounter_active_portraits: ['ewan'], encounter_npc_data: npcs }));
    const leaving = container.querySelector('[data-npc-id="lucia"]')!;
    expect(leaving.getAttribute('data-leaving')).toBe('true');
    fireEvent.animationEnd(leaving, { animationName: 'portrait-dismiss' });
    expect(ids()).toEqual(['ewan']);
    push(encounterView({ version: 4, encounter_active_portraits: [], encounter_npc_data: npcs }));
    expect(screen.getByTestId('portrait-overlay')).toBeTruthy(); // fading out
    fireEvent.animationEnd(container.querySelector('[data-npc-id="ewan"]')!, { animationName: 'portrait-dismiss' });
    expect(screen.queryByTestId('portrait-overlay')).toBeNull();
  });

  it('comm-terminal overlay: loads the terminal, tabs, close posts hide', async () => {
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (String(url).includes('api/terminal/hide/')) return jsonResponse({ success: true, version: 9 });
      if (String(url).includes('api/terminal/uscss_morrigan/bridge_terminal/')) {
        return jsonResponse({
          slug: 'bridge_terminal',
          owner: 'Captain Morrison',
          inbox: [
            { message_id: 'm1', subject: 'Clearance', from: 'Station', to: 'Captain', content: 'Line one\nLine two', timestamp: '2183-07-01T08:05:00', priority: 'NORMAL', read: true },
            { message_id: 'm2', subject: 'Alert', from: 'Ops', to: 'Captain', content: 'Unread body', timestamp: '2183-07-02T09:00:00', priority: 'HIGH', read: false },
          ],
          sent: [{ message_id: 's1', subject: 'Reply', from: 'Captain', to: 'Ops', content: 'ok', timestamp: '2183-07-03T10:00:00', priority: 'NORMAL', read: true }],
        });
      }
      void init;
      return jsonResponse({ error: 'nope' }, 404);
    });
    const { push } = setup();
    push(activeView({ version: 2, view_type: 'STANDBY', overlay_location_slug: 'uscss_morrigan', overlay_terminal_slug: 'bridge_terminal' }));
    const overlay = await screen.findByTestId('comm-terminal-overlay');
    await waitFor(() => expect(overlay.textContent).toContain("CAPTAIN MORRISON'S TERMINAL"));
    expect(overlay.textContent).toContain('INBOX (2)');
    expect(overlay.textContent).toContain('SENT (1)');
    // first unread message selected
    expect(overlay.querySelector('.comm-content')!.textContent).toBe('Unread body');
    fireEvent.click(screen.getByText('Clearance'));
    expect(overlay.querySelector('.comm-content')!.textContent).toBe('Line one\nLine two');
    expect(overlay.textContent).toContain('07/01/2183, 08:05');
    fireEvent.click(screen.getByText('SENT (1)'));
    expect(overlay.textContent).toContain('TO: Ops');
    fireEvent.click(screen.getByTestId('comm-close'));
    expect(screen.queryByTestId('comm-terminal-overlay')).toBeNull();
    await waitFor(() => {
      const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
      expect(String(post?.[0])).toMatch(/api\/terminal\/hide\/$/);
    });
  });

  it('never writes in reaction to events', async () => {
    const { push } = setup();
    push(activeView({ version: 2, view_type: 'CHARON_TERMINAL', charon_dialog_open: true }));
    push(activeView({ version: 3, view_type: 'BRIDGE' }));
    push(encounterView({ version: 4 }));
    push(activeView({ version: 5, view_type: 'STANDBY' }));
    await new Promise((r) => setTimeout(r, 20));
    const posts = fetchMock.mock.calls.filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
    expect(posts).toEqual([]);
  });

  it('BRIDGE, STATUS tab: ship status fetched on entry and again only when the overrides change; changed systems flicker', async () => {
    let engines = 'ONLINE';
    fetchMock.mockImplementation(async () =>
      jsonResponse({
        ship: {
          name: 'USCSS Morrigan',
          hull: { current: 10, max: 60 },
          systems: { engines: { status: engines, condition: 90 }, comms: { status: 'ONLINE', condition: 100 } },
        },
      }),
    );
    const { push, container } = setup();
    push(activeView({ version: 2, view_type: 'BRIDGE', bridge_tab: 'STATUS' }));
    await waitFor(() => expect(container.querySelector('[data-system="engines"]')).toBeTruthy());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(container.querySelector('.bridge-stat.low')?.textContent).toContain('10 / 60');
    push(activeView({ version: 3, view_type: 'BRIDGE', bridge_tab: 'STATUS', charon_mode: 'QUERY' })); // overrides unchanged
    await new Promise((r) => setTimeout(r, 20));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    engines = 'DAMAGED';
    push(activeView({ version: 4, view_type: 'BRIDGE', bridge_tab: 'STATUS', ship_system_overrides: { engines: { status: 'DAMAGED' } } }));
    await waitFor(() =>
      expect(container.querySelector('[data-system="engines"]')?.getAttribute('data-system-status')).toBe('DAMAGED'),
    );
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[data-system="engines"]')!.className).toContain('system-changed');
    expect(container.querySelector('[data-system="comms"]')!.className).not.toContain('system-changed');
  });
});
