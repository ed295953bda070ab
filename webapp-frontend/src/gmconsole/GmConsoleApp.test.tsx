import { act, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { RECONNECT_DELAY_MS } from '../push/timing';
import type { ActiveView } from '../state/types';
import { FakeEventSource } from '../test/FakeEventSource';
import { encounterView, morriganMap } from '../test/fixtures';
import type { Poster } from './actions';
import { GmConsoleApp } from './GmConsoleApp';
import { createGmStore } from './store';
import { renderGmConsole } from '../test/gmConsole';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const LOCATIONS = {
  locations: [
    {
      slug: 'sol',
      name: 'Sol System',
      type: 'system',
      has_map: false,
      terminals: [],
      children: [
        {
          slug: 'uscss_morrigan',
          name: 'USCSS Morrigan',
          type: 'ship',
          has_map: true,
          terminals: [{ slug: 'bridge_terminal', name: '', owner: 'Captain Morrison' }],
          children: [],
        },
        { slug: 'station', name: 'Station', type: 'station', has_map: true, terminals: [], children: [] },
      ],
    },
  ],
};

const ALL_DECKS = {
  is_multi_deck: true,
  decks: [
    { id: 'deck_1', name: 'Main Deck', level: 1, rooms: morriganMap().current_deck.rooms },
    { id: 'deck_2', name: 'Lower Deck', level: 2, rooms: [{ id: 'cargo', name: 'Cargo', x: 1, y: 1, width: 3, height: 3 }] },
  ],
};

interface Deferred {
  path: string;
  body: Record<string, unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

let fetchMock: ReturnType<typeof vi.fn>;
let posts: Deferred[];
let post: Poster;

function routes(url: string): Response {
  if (url.endsWith('/api/auth/me/')) return json({ username: 'gm', role: 'GM' });
  if (url.endsWith('/api/gm/locations/')) return json(LOCATIONS);
  if (url.includes('/all-decks/')) return json(ALL_DECKS);
  if (url.includes('/api/gm/encounter-map/')) return json(morriganMap());
  if (url.endsWith('/api/gm/encounter/token-images/'))
    return json({ images: [{ id: 'xeno', name: 'Xeno', type: 'creature', url: 'api/campaign/images/x.png', source: 'images' }] });
  if (url.endsWith('/api/gm/players/')) return json({ error: 'Not found' }, 404);
  if (url.endsWith('/api/ship-status/'))
    return json({ ship: { name: 'Morrigan', systems: { engines: { status: 'ONLINE', condition: 90, info: 'ok' } } } });
  return json({ error: 'Not found' }, 404);
}

async function setup(view: ActiveView = encounterView({ version: 10 })) {
  return renderGmConsole(view, post);
}

/** the write sent last, answered by the test */
function lastPost(): Deferred {
  const p = posts.at(-1);
  if (!p) throw new Error('nothing was posted');
  return p;
}

async function answer(p: Deferred, value: unknown) {
  await act(async () => {
    p.resolve(value);
    await Promise.resolve();
  });
}

async function refuse(p: Deferred, status: number, message: string) {
  await act(async () => {
    p.reject(new ApiError(status, message));
    await Promise.resolve();
  });
}

/** give the svg a size so screen positions map to cells: 800×560 px for a 20×14 grid of 40 */
function sizeMap() {
  const svg = screen.getByTestId('encounter-map').querySelector('svg')!;
  svg.getBoundingClientRect = () =>
    ({ left: 0, top: 0, width: 800, height: 560, right: 800, bottom: 560, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect;
  return svg;
}

describe('GM console', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    posts = [];
    post = (<T,>(path: string, body: unknown) =>
      new Promise<T>((resolve, reject) => {
        posts.push({ path, body: body as Record<string, unknown>, resolve: resolve as (v: unknown) => void, reject });
      })) as Poster;
    fetchMock = vi.fn(async (input: RequestInfo | URL) => routes(String(input)));
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('confirm', vi.fn(() => true));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('401 on api/auth/me/ goes to the login page with next=gmconsole/', async () => {
    fetchMock.mockResolvedValue(json({ error: 'Authentication required' }, 401));
    const navigate = vi.fn();
    render(<GmConsoleApp store={createGmStore()} EventSourceImpl={FakeEventSource} navigate={navigate} />);
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(navigate.mock.calls[0][0]).toMatch(/\/login\/\?next=gmconsole\/$/);
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('follows the GM stream; toast after 2 failures; auth event goes to login', async () => {
    const { es, navigate } = await setup();
    expect(es.url).toMatch(/\/api\/gm\/active-view\/stream\/$/);
    expect(screen.getByTestId('view-btn-ENCOUNTER').getAttribute('aria-pressed')).toBe('true');
    vi.useFakeTimers();
    act(() => {
      FakeEventSource.latest().fail();
      vi.advanceTimersByTime(RECONNECT_DELAY_MS);
    });
    expect(screen.queryByTestId('connection-toast')).toBeNull();
    act(() => FakeEventSource.latest().fail());
    expect(screen.getByTestId('connection-toast')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(RECONNECT_DELAY_MS);
      FakeEventSource.latest().open();
    });
    expect(screen.queryByTestId('connection-toast')).toBeNull();
    act(() => FakeEventSource.latest().emit('auth', { reason: 'logged out' }));
    expect(navigate.mock.calls.at(-1)![0]).toMatch(/\/login\/\?next=gmconsole\/$/);
  });

  it('view buttons: optimistic highlight, kept until the stream confirms the answered version', async () => {
    const { es } = await setup();
    fireEvent.click(screen.getByTestId('view-btn-STANDBY'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/switch-view/', body: { view_type: 'STANDBY' } });
    expect(screen.getByTestId('view-btn-STANDBY').getAttribute('aria-pressed')).toBe('true');
    await answer(lastPost(), { success: true, version: 11 });
    expect(screen.getByTestId('view-btn-STANDBY').getAttribute('aria-pressed')).toBe('true');
    act(() => es.emit('activeview', { epoch: 'e1', version: 11, base: 10, patch: { view_type: 'STANDBY' } }));
    expect(screen.getByTestId('view-btn-STANDBY').getAttribute('aria-pressed')).toBe('true');
  });

  it('a refused write is rolled back and the server text is shown', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('view-btn-BRIDGE'));
    expect(screen.getByTestId('view-btn-BRIDGE').getAttribute('aria-pressed')).toBe('true');
    await refuse(lastPost(), 400, 'Invalid view_type');
    expect(screen.getByTestId('view-btn-ENCOUNTER').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('view-btn-BRIDGE').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByRole('alert').textContent).toContain('Invalid view_type');
  });

  it('location tree: a location click in ENCOUNTER switches to it; terminals have SHOW', async () => {
    await setup();
    fireEvent.click(await screen.findByTestId('location-station'));
    expect(lastPost()).toMatchObject({
      path: 'api/gm/switch-view/',
      body: { view_type: 'ENCOUNTER', location_slug: 'station' },
    });
    expect(screen.getByTestId('location-station').getAttribute('aria-current')).toBe('location');
    const show = screen.getByTestId('terminal-uscss_morrigan-bridge_terminal');
    expect(show.textContent).toBe('SHOW');
    fireEvent.click(show);
    expect(lastPost()).toMatchObject({
      path: 'api/gm/show-terminal/',
      body: { location_slug: 'uscss_morrigan', terminal_slug: 'bridge_terminal' },
    });
    expect(screen.getByTestId('terminal-uscss_morrigan-bridge_terminal').textContent).toBe('HIDE');
  });

  it('map: every room drawn, click a room to reveal or hide it', async () => {
    await setup(encounterView({ version: 10, encounter_room_visibility: { bridge: true, corridor: false } }));
    const corridor = await screen.findByTestId('room-corridor');
    expect(corridor.getAttribute('data-revealed')).toBe('false');
    sizeMap();
    fireEvent.click(corridor.querySelector('rect')!, { clientX: 300, clientY: 60 });
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/toggle-room/', body: { room_id: 'corridor', visible: true } });
    expect(screen.getByTestId('room-corridor').getAttribute('data-revealed')).toBe('true');
    fireEvent.click(screen.getByTestId('room-bridge').querySelector('rect')!, { clientX: 100, clientY: 60 });
    expect(lastPost().body).toEqual({ room_id: 'bridge', visible: false });
    await refuse(lastPost(), 404, 'Unknown room: bridge');
    expect(screen.getByTestId('room-bridge').getAttribute('data-revealed')).toBe('true');
  });

  it('keyboard: Enter on a focused room toggles it', async () => {
    await setup(encounterView({ version: 10, encounter_room_visibility: { bridge: true } }));
    const bridge = await screen.findByTestId('room-bridge');
    expect(bridge.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(bridge, { key: 'Enter' });
    expect(lastPost().body).toEqual({ room_id: 'bridge', visible: false });
  });

  it('reveal all / hide all for this deck, deck switch buttons', async () => {
    await setup();
    await screen.findByTestId('room-bridge');
    await screen.findByTestId('deck-deck_2');
    fireEvent.click(screen.getByTestId('hide-all'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/room-visibility/', body: { all: false, deck_id: 'deck_1' } });
    expect(screen.getByTestId('room-bridge').getAttribute('data-revealed')).toBe('false');
    expect(screen.getByTestId('room-corridor').getAttribute('data-revealed')).toBe('false');
    fireEvent.click(screen.getByTestId('deck-deck_2'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/switch-level/', body: { deck_id: 'deck_2' } });
    expect(screen.getByTestId('deck-deck_2').getAttribute('aria-pressed')).toBe('true');
  });

  it('door popup: click a door, choose a state; Escape closes it', async () => {
    await setup();
    const door = await screen.findByTestId('door-c1');
    fireEvent.click(door);
    expect(screen.getByTestId('door-status-CLOSED').getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('popup-door')).toBeNull();
    fireEvent.click(screen.getByTestId('door-c1'));
    fireEvent.click(screen.getByTestId('door-status-LOCKED'));
    expect(lastPost()).toMatchObject({
      path: 'api/gm/encounter/set-door-status/',
      body: { connection_id: 'c1', door_status: 'LOCKED' },
    });
    expect(screen.getByTestId('door-c1').getAttribute('data-door-status')).toBe('LOCKED');
    expect(screen.queryByTestId('popup-door')).toBeNull();
  });

  it('drag a token: snapped to the cell under the pointer, optimistic, rolled back when refused', async () => {
    await setup();
    await screen.findByTestId('token-a1');
    sizeMap();
    const a1 = screen.getByTestId('token-a1');
    expect(a1.getAttribute('data-x')).toBe('2');
    fireEvent.pointerDown(a1, { pointerId: 1, button: 0, clientX: 100, clientY: 100 });
    fireEvent.pointerMove(a1, { pointerId: 1, clientX: 150, clientY: 100 });
    fireEvent.pointerMove(a1, { pointerId: 1, clientX: 170, clientY: 110 });
    fireEvent.pointerUp(a1, { pointerId: 1, clientX: 170, clientY: 110 });
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/move-token/', body: { token_id: 'a1', x: 4, y: 2 } });
    expect(screen.getByTestId('token-a1').getAttribute('data-x')).toBe('4');
    await refuse(lastPost(), 409, 'Cell is already occupied by another token');
    expect(screen.getByTestId('token-a1').getAttribute('data-x')).toBe('2');
    expect(screen.getByRole('alert').textContent).toContain('Cell is already occupied by another token');
  });

  it('a token move re-renders only that token', async () => {
    const { es } = await setup();
    await screen.findByTestId('token-a1');
    const b2 = screen.getByTestId('token-b2').firstElementChild;
    act(() => es.emit('activeview', { epoch: 'e1', version: 11, base: 10, patch: { encounter_tokens: { a1: { x: 5 } } } }));
    expect(screen.getByTestId('token-a1').getAttribute('data-x')).toBe('5');
    expect(screen.getByTestId('token-b2').firstElementChild).toBe(b2);
  });

  it('token popup: toggle statuses as deltas, remove', async () => {
    await setup();
    const a1 = await screen.findByTestId('token-a1');
    fireEvent.pointerDown(a1, { pointerId: 2, button: 0, clientX: 100, clientY: 100 });
    fireEvent.pointerUp(a1, { pointerId: 2, clientX: 100, clientY: 100 });
    const popup = screen.getByTestId('popup-token');
    fireEvent.click(within(popup).getByTestId('popup-token-status-WOUNDED'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/update-token-status/', body: { token_id: 'a1', add: 'wounded' } });
    expect(within(popup).getByTestId('popup-token-status-WOUNDED').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(popup).getByTestId('popup-token-status-WOUNDED'));
    expect(lastPost().body).toEqual({ token_id: 'a1', remove: 'wounded' });
    fireEvent.click(within(popup).getByTestId('popup-token-remove'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/remove-token/', body: { token_id: 'a1' } });
    expect(screen.queryByTestId('token-a1')).toBeNull();
  });

  it('click-to-place: choose a palette template, click a cell', async () => {
    const { es } = await setup();
    await screen.findByTestId('room-bridge');
    sizeMap();
    fireEvent.click(await screen.findByTestId('palette-xeno'));
    expect(screen.getByTestId('placing-banner')).toBeTruthy();
    fireEvent.click(screen.getByTestId('room-bridge').querySelector('rect')!, { clientX: 125, clientY: 85 });
    expect(lastPost()).toMatchObject({
      path: 'api/gm/encounter/place-token/',
      body: { type: 'creature', name: 'Xeno', x: 3, y: 2, image_url: 'api/campaign/images/x.png', deck_id: 'deck_1' },
    });
    expect(lastPost().body.room_id).toBeUndefined();
    expect(screen.queryByTestId('placing-banner')).toBeNull();
    const pending = document.querySelector('[data-pending="true"]')!;
    expect(pending.getAttribute('data-x')).toBe('3');
    await answer(lastPost(), { success: true, version: 11, token_id: 'f00d' });
    act(() =>
      es.emit('activeview', {
        epoch: 'e1',
        version: 11,
        base: 10,
        patch: {
          encounter_tokens: {
            f00d: { id: 'f00d', type: 'creature', name: 'Xeno', x: 3, y: 2, status: [], image_url: '', room_id: 'bridge', deck_id: 'deck_1' },
          },
        },
      }),
    );
    expect(document.querySelector('[data-pending="true"]')).toBeNull();
    expect(screen.getByTestId('token-f00d').getAttribute('data-x')).toBe('3');
  });

  it('custom token: name and type, then click-to-place', async () => {
    await setup();
    await screen.findByTestId('room-bridge');
    sizeMap();
    fireEvent.change(screen.getByTestId('custom-token-name'), { target: { value: 'Crate' } });
    fireEvent.click(screen.getByTestId('custom-token-type-OBJECT'));
    fireEvent.click(screen.getByTestId('custom-token-add'));
    fireEvent.click(screen.getByTestId('room-corridor').querySelector('rect')!, { clientX: 300, clientY: 60 });
    expect(lastPost().body).toMatchObject({ type: 'object', name: 'Crate', x: 7, y: 1 });
  });

  it('clear all tokens asks first', async () => {
    await setup();
    const btn = await screen.findByTestId('clear-tokens');
    expect(btn.textContent).toContain('(2)');
    fireEvent.click(btn);
    expect(window.confirm).toHaveBeenCalled();
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/clear-tokens/', body: {} });
    expect(screen.queryByTestId('token-a1')).toBeNull();
  });

  it('NPC portraits: SHOW / DISMISS with explicit visible, several at once', async () => {
    await setup(
      encounterView({
        version: 10,
        encounter_npc_data: {
          vance: { id: 'vance', name: 'Dr. Vance', portrait: '' },
          cole: { id: 'cole', name: 'Cole', portrait: '' },
        },
        encounter_active_portraits: ['cole'],
      }),
    );
    fireEvent.click(screen.getByTestId('tab-portraits'));
    expect(screen.getByTestId('portrait-toggle-cole').textContent).toBe('DISMISS');
    fireEvent.click(screen.getByTestId('portrait-toggle-vance'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/toggle-portrait/', body: { npc_id: 'vance', visible: true } });
    expect(screen.getByTestId('portrait-toggle-vance').textContent).toBe('DISMISS');
    expect(screen.getByTestId('portrait-toggle-cole').textContent).toBe('DISMISS');
  });

  it('broadcast: content required, counter, sent, cleared, "Message transmitted"', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('tab-broadcast'));
    expect((screen.getByTestId('broadcast-sender') as HTMLInputElement).value).toBe('CHARON');
    fireEvent.click(screen.getByTestId('broadcast-send'));
    expect(screen.getByTestId('broadcast-result').textContent).toBe('Message content is required');
    expect(posts).toHaveLength(0);
    fireEvent.change(screen.getByTestId('broadcast-content'), { target: { value: 'Hull breach on deck 2' } });
    expect(screen.getByTestId('broadcast-counter').textContent).toBe('21 / 4000');
    fireEvent.change(screen.getByTestId('broadcast-priority'), { target: { value: 'CRITICAL' } });
    await waitFor(() => expect(screen.getByTestId('broadcast-recipients').tagName).toBe('INPUT'));
    fireEvent.change(screen.getByTestId('broadcast-recipients'), { target: { value: 'ripley, hicks' } });
    fireEvent.click(screen.getByTestId('broadcast-send'));
    expect(lastPost()).toMatchObject({
      path: 'api/gm/broadcast/',
      body: { content: 'Hull breach on deck 2', sender: 'CHARON', priority: 'CRITICAL', recipients: ['ripley', 'hicks'] },
    });
    await answer(lastPost(), { success: true, message_id: 7 });
    expect(screen.getByTestId('broadcast-result').textContent).toBe('Message transmitted');
    expect((screen.getByTestId('broadcast-content') as HTMLTextAreaElement).value).toBe('');
  });

  it('players: a missing server side is shown as its error text', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('tab-players'));
    expect((await screen.findByTestId('players-error')).textContent).toContain('Not found');
  });

  it('ship status: refetched only when the overrides change; a status change is a merge', async () => {
    const { es } = await setup();
    fireEvent.click(screen.getByTestId('tab-ship'));
    const select = (await screen.findByTestId('ship-status-engines')) as HTMLSelectElement;
    const shipCalls = () => fetchMock.mock.calls.filter((c) => String(c[0]).endsWith('/api/ship-status/')).length;
    expect(shipCalls()).toBe(1);
    act(() => es.emit('activeview', { epoch: 'e1', version: 11, base: 10, patch: { view_type: 'BRIDGE' } }));
    expect(shipCalls()).toBe(1);
    fireEvent.change(select, { target: { value: 'DAMAGED' } });
    expect(lastPost()).toMatchObject({ path: 'api/gm/ship-status/toggle/', body: { system: 'engines', status: 'DAMAGED' } });
    expect((screen.getByTestId('ship-status-engines') as HTMLSelectElement).value).toBe('DAMAGED');
    act(() =>
      es.emit('activeview', {
        epoch: 'e1',
        version: 12,
        base: 11,
        patch: { ship_system_overrides: { engines: { status: 'DAMAGED' } } },
      }),
    );
    await waitFor(() => expect(shipCalls()).toBe(2));
  });

  it('CHARON: mode, dialog open/close with explicit open', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('tab-charon'));
    fireEvent.click(screen.getByTestId('charon-mode-QUERY'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/charon/mode/', body: { mode: 'QUERY' } });
    fireEvent.click(screen.getByTestId('charon-dialog-open'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/charon/toggle-dialog/', body: { open: true } });
    expect(screen.getByTestId('charon-dialog-state').textContent).toBe('OPEN');
  });

  it('a 401 on a write goes to the login page', async () => {
    const { navigate } = await setup();
    fireEvent.click(screen.getByTestId('view-btn-STANDBY'));
    await refuse(lastPost(), 401, 'Authentication required');
    expect(navigate.mock.calls.at(-1)![0]).toMatch(/\/login\/\?next=gmconsole\/$/);
  });

  it('drag a palette template onto the map places it on the drop cell', async () => {
    await setup();
    await screen.findByTestId('room-bridge');
    const svg = sizeMap();
    const item = await screen.findByTestId('palette-xeno');
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (k: string, v: string) => data.set(k, v),
      getData: (k: string) => data.get(k) ?? '',
      effectAllowed: '',
      dropEffect: '',
    };
    const at = (ev: Event) => {
      Object.defineProperty(ev, 'clientX', { value: 260 });
      Object.defineProperty(ev, 'clientY', { value: 50 });
      Object.defineProperty(ev, 'dataTransfer', { value: dataTransfer });
      return ev;
    };
    fireEvent.dragStart(item, { dataTransfer });
    fireEvent(svg, at(createEvent.dragOver(svg)));
    fireEvent(svg, at(createEvent.drop(svg)));
    expect(lastPost()).toMatchObject({
      path: 'api/gm/encounter/place-token/',
      body: { type: 'creature', name: 'Xeno', x: 6, y: 1 },
    });
  });

  it('keyboard: arrow keys move a focused token one cell; Enter opens its popup', async () => {
    await setup();
    const a1 = await screen.findByTestId('token-a1');
    expect(a1.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(a1, { key: 'ArrowDown' });
    expect(lastPost().body).toEqual({ token_id: 'a1', x: 2, y: 3 });
    fireEvent.keyDown(screen.getByTestId('token-a1'), { key: 'Enter' });
    expect(screen.getByTestId('popup-token')).toBeTruthy();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('popup-token-status-WOUNDED');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('popup-token')).toBeNull();
  });

  it('outside VIEW ENCOUNTER a location click prepares it (keeps the view type)', async () => {
    await setup(encounterView({ version: 10, view_type: 'STANDBY' }));
    fireEvent.click(await screen.findByTestId('location-station'));
    expect(lastPost().body).toEqual({ view_type: 'STANDBY', location_slug: 'station' });
    fireEvent.click(screen.getByTestId('restart-encounter'));
    expect(lastPost().body).toEqual({ view_type: 'STANDBY', location_slug: 'station', reset: true });
  });

  it('hotkeys: ? lists them, digits switch views, R/D/Delete act on the focused piece, nothing while typing', async () => {
    await setup(encounterView({ version: 10, view_type: 'STANDBY' }));
    await screen.findByTestId('room-bridge');
    fireEvent.keyDown(document.body, { key: '?' });
    const overlay = screen.getByTestId('hotkeys-overlay');
    expect(overlay.textContent).toContain('Reveal or hide the selected room');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('hotkeys-overlay')).toBeNull();

    fireEvent.keyDown(document.body, { key: '3' });
    expect(lastPost()).toMatchObject({ path: 'api/gm/switch-view/', body: { view_type: 'ENCOUNTER' } });
    await answer(lastPost(), { success: true, version: 11 });

    const count = posts.length;
    fireEvent.keyDown(document.body, { key: 'r' }); // nothing selected: no write
    expect(posts.length).toBe(count);
    act(() => screen.getByTestId('room-bridge').focus());
    expect(screen.getByTestId('selection').textContent).toContain('BRIDGE');
    fireEvent.keyDown(document.body, { key: 'R' }); // the bridge is revealed: R hides it
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/toggle-room/', body: { room_id: 'bridge', visible: false } });
    await answer(lastPost(), { success: true, version: 12 });

    act(() => screen.getByTestId('door-c1').focus());
    fireEvent.keyDown(document.body, { key: 'd' });
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/set-door-status/', body: { connection_id: 'c1', door_status: 'LOCKED' } });
    await answer(lastPost(), { success: true, version: 13 });

    act(() => screen.getByTestId('token-a1').focus());
    fireEvent.keyDown(document.body, { key: 'Delete' });
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/remove-token/', body: { token_id: 'a1' } });
    await answer(lastPost(), { success: true, version: 14 });

    // typing in a field is typing: no hotkey
    fireEvent.click(screen.getByTestId('tab-broadcast'));
    const field = document.querySelector('textarea, input[type="text"]') as HTMLElement;
    expect(field).toBeTruthy();
    const before = posts.length;
    fireEvent.keyDown(field, { key: '1' });
    fireEvent.keyDown(field, { key: '?' });
    expect(posts.length).toBe(before);
    expect(screen.queryByTestId('hotkeys-overlay')).toBeNull();
  });

  it('FOLLOW ME sends the map frame; LEGEND sends the switch; a focused room shows its detail', async () => {
    const { es } = await setup();
    await screen.findByTestId('room-bridge');
    fireEvent.click(screen.getByTestId('projector-toggle'));
    expect(lastPost().path).toBe('api/gm/projector/');
    // the whole 20×14 map of 40 px cells at the start
    expect(lastPost().body).toEqual({
      enabled: true,
      location_slug: 'uscss_morrigan',
      deck_id: 'deck_1',
      x: 0,
      y: 0,
      width: 800,
      height: 560,
    });
    await answer(lastPost(), { success: true, version: 11 });
    act(() => es.emit('activeview', encounterView({ version: 11, projector: { location_slug: 'uscss_morrigan', deck_id: 'deck_1', x: 0, y: 0, width: 800, height: 560 } })));
    expect(screen.getByTestId('projector-toggle').getAttribute('aria-pressed')).toBe('true');
    fireEvent.wheel(sizeMap(), { deltaY: -100, clientX: 400, clientY: 280 });
    expect(lastPost().path).toBe('api/gm/projector/');
    expect(lastPost().body.width as number).toBeLessThan(800);
    await answer(lastPost(), { success: true, version: 12 });
    fireEvent.click(screen.getByTestId('projector-toggle'));
    expect(lastPost().body).toEqual({ enabled: false });

    fireEvent.click(screen.getByTestId('legend-toggle'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/legend/', body: { visible: true } });

    act(() => screen.getByTestId('room-bridge').focus());
    const detail = screen.getByTestId('map-detail');
    expect(detail.textContent).toContain('BRIDGE');
    expect(detail.getAttribute('role')).toBe('tooltip');
    expect(screen.getByTestId('room-bridge').querySelector('title')).toBeNull();
  });

  it('TURN ORDER: ADD the selected token, NEXT/PREV/CLEAR, the current one highlighted in the box and ringed on the map', async () => {
    const { es } = await setup();
    await screen.findByTestId('room-bridge');
    expect(screen.getByTestId('turn-order-empty')).toBeTruthy();
    expect((screen.getByTestId('turn-next') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('turn-add') as HTMLButtonElement).disabled).toBe(true);
    act(() => (screen.getByTestId('token-b2') as unknown as HTMLElement).focus());
    fireEvent.click(screen.getByTestId('turn-add'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/initiative/set/', body: { order: ['b2'] } });
    await answer(lastPost(), { success: true, version: 11, order: ['b2'], current: 0 });
    act(() => es.emit('activeview', encounterView({ version: 11, initiative: { order: ['b2', 'a1'], current: 1 } })));
    const names = [...screen.getByTestId('turn-order').querySelectorAll('li')].map((li) => li.textContent);
    expect(names[0]).toContain('XENO');
    expect(names[1]).toContain('MARCUS');
    expect(screen.getByTestId('turn-a1').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('turn-b2').getAttribute('aria-current')).toBeNull();
    expect(screen.getByTestId('token-a1').querySelector('[data-turn="current"]')).toBeTruthy();
    expect(screen.getByTestId('token-b2').querySelector('[data-turn="current"]')).toBeNull();
    expect((screen.getByTestId('turn-add') as HTMLButtonElement).disabled).toBe(true); // b2 is in already
    fireEvent.click(screen.getByTestId('turn-next'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/initiative/next/', body: {} });
    fireEvent.click(screen.getByTestId('turn-prev'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/initiative/previous/', body: {} });
    fireEvent.click(screen.getByLabelText('Remove Xeno from the turn order'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/initiative/set/', body: { order: ['a1'] } });
    fireEvent.click(screen.getByTestId('turn-clear'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/initiative/clear/', body: {} });

    // stage mode keeps reveals and tokens; the turn order says that it still goes out at once
    expect(screen.queryByTestId('turn-order-live')).toBeNull();
    fireEvent.click(screen.getByTestId('stage-toggle'));
    expect(screen.getByTestId('turn-order-live').textContent).toBe('LIVE, NOT STAGED');
    fireEvent.click(screen.getByTestId('turn-next'));
    expect(lastPost()).toMatchObject({ path: 'api/gm/encounter/initiative/next/', body: {} });
  });
});
