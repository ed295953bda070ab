import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ActiveView, BridgeMapNav } from '../state/types';
import { createTerminalStore } from '../terminal/store';
import { TerminalApp } from '../terminal/TerminalApp';
import { earthOrbitJson, solSystemJson, starMapJson } from '../test/bridgeFixtures';
import { FakeEventSource } from '../test/FakeEventSource';
import { activeView } from '../test/fixtures';
import { createMapLoader } from './mapLoader';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const MAPS: Record<string, () => unknown> = {
  'api/star-map/': starMapJson,
  'api/system-map/sol/': solSystemJson,
  'api/orbit-map/sol/earth/': earthOrbitJson,
};

function mapLoader() {
  const fetcher = vi.fn(async (path: string) => {
    const m = MAPS[path];
    if (!m) throw new ApiError(404, 'Map not found');
    return m();
  });
  return { loader: createMapLoader(fetcher), fetcher };
}

let fetchMock: ReturnType<typeof vi.fn>;
let personnel: unknown;
let logs: unknown;
let navigateStatus: number;

function bridge(extra: Partial<ActiveView> = {}, map: Partial<BridgeMapNav> = {}): ActiveView {
  return activeView({
    view_type: 'BRIDGE',
    charon_active_channel: 'bridge',
    ...extra,
    bridge_map: { level: 'galaxy', system: null, body: null, station: null, ...map },
  });
}

function setup(renderer?: 'webgl' | '2d') {
  const store = createTerminalStore();
  const { loader, fetcher } = mapLoader();
  render(<TerminalApp store={store} EventSourceImpl={FakeEventSource} bridgeLoader={loader} bridgeRenderer={renderer} />);
  const es = () => FakeEventSource.latest();
  const push = (view: ActiveView) => act(() => es().emit('activeview', view));
  const emit = (event: string, data: unknown) => act(() => es().emit(event, data));
  return { store, push, emit, fetcher };
}

function posts() {
  return fetchMock.mock.calls
    .filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
    .map(([url, init]) => ({ url: String(url), body: JSON.parse(String((init as RequestInit).body)) }));
}

describe('BRIDGE view', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    personnel = { crew: [{ id: 'rook', name: 'Rook Adeyemi', role: 'Pilot', status: 'ACTIVE' }], npcs: [] };
    logs = { sessions: [] };
    navigateStatus = 200;
    fetchMock = vi.fn(async (url: string) => {
      const u = String(url);
      if (u.includes('api/bridge/personnel/')) return jsonResponse(personnel);
      if (u.includes('api/bridge/logs/')) return jsonResponse(logs);
      if (u.includes('api/bridge/navigate')) {
        return navigateStatus === 200 ? jsonResponse({ version: 9 }) : jsonResponse({ error: 'The GM has not handed the bridge to the players' }, navigateStatus);
      }
      return jsonResponse({});
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('follows the pushed tab: MAP by default, then each tab the GM picks', async () => {
    const { push } = setup('2d');
    push(bridge({ version: 2 }));
    expect(screen.getByTestId('view-BRIDGE').getAttribute('data-tab')).toBe('MAP');
    expect(await screen.findByTestId('bridge-map')).toBeTruthy();
    push(bridge({ version: 3, bridge_tab: 'PERSONNEL' }));
    expect(await screen.findByTestId('bridge-personnel')).toBeTruthy();
    expect(screen.queryByTestId('bridge-map')).toBeNull();
    expect(window.__charonBridge).toMatchObject({ mode: 'bridge', tab: 'PERSONNEL', ready: true, renderer: 'none' });
    push(bridge({ version: 4, bridge_tab: 'LOGS' }));
    expect(await screen.findByTestId('bridge-logs')).toBeTruthy();
    push(bridge({ version: 5, bridge_tab: 'CHARON' }));
    expect(await screen.findByTestId('bridge-charon')).toBeTruthy();
    push(bridge({ version: 6, bridge_tab: 'STATUS' }));
    expect(await screen.findByTestId('bridge-status')).toBeTruthy();
    expect(screen.getByTestId('bridge-tab-STATUS').getAttribute('aria-current')).toBe('page');
  });

  it('without explore the players cannot switch tabs or select: nothing is posted, nothing to press in the list', async () => {
    const { push } = setup('2d');
    push(bridge({ version: 2 }));
    await screen.findByTestId('bridge-row-sol');
    fireEvent.click(screen.getByTestId('bridge-tab-LOGS'));
    expect(screen.getByTestId('bridge-tab-LOGS').getAttribute('aria-disabled')).toBe('true');
    expect(within(screen.getByTestId('bridge-list')).queryAllByRole('button')).toEqual([]);
    expect(screen.getByTestId('bridge-control').textContent).toContain('GM CONTROL');
    await new Promise((r) => setTimeout(r, 20));
    expect(posts()).toEqual([]);
    expect(screen.getByTestId('view-BRIDGE').getAttribute('data-tab')).toBe('MAP');
  });

  it('with explore on, presses become navigation requests; the screen moves only with the push', async () => {
    const { push } = setup('2d');
    push(bridge({ version: 2, bridge_explore: true }));
    await screen.findByTestId('bridge-row-sol');
    expect(screen.getByTestId('bridge-control').textContent).toContain('CREW CONTROL');
    fireEvent.click(within(screen.getByTestId('bridge-row-sol')).getByRole('button', { pressed: false }));
    fireEvent.click(screen.getByTestId('bridge-enter-sol'));
    fireEvent.click(screen.getByTestId('bridge-tab-PERSONNEL'));
    await waitFor(() => expect(posts()).toHaveLength(3));
    expect(posts().map((p) => p.url.replace(/^.*\/api\//, 'api/'))).toEqual(['api/bridge/navigate', 'api/bridge/navigate', 'api/bridge/navigate']);
    expect(posts().map((p) => p.body)).toEqual([
      { level: 'galaxy', system: 'sol', body: '', station: '' },
      { level: 'system', system: 'sol', body: '', station: '' },
      { tab: 'PERSONNEL' },
    ]);
    // no optimistic jump: still the galaxy until the server pushes
    expect(screen.getByTestId('bridge-scene').getAttribute('data-level')).toBe('galaxy');
    push(bridge({ version: 3, bridge_explore: true }, { level: 'system', system: 'sol' }));
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-level')).toBe('system'));
  });

  it('a refused navigation (the GM took the bridge back) shows as a quiet problem, not a crash', async () => {
    navigateStatus = 409;
    const { push, store } = setup('2d');
    push(bridge({ version: 2, bridge_explore: true }));
    await screen.findByTestId('bridge-row-sol');
    fireEvent.click(screen.getByTestId('bridge-tab-LOGS'));
    await waitFor(() => expect(store.getState().problems.map((p) => p.message)).toContain('The GM has the bridge controls'));
  });

  it('MAP: the scene exposes level, selection and ready; the info panel names the selection; dives only where a map exists', async () => {
    const { push } = setup('2d');
    push(bridge({ version: 2 }, { system: 'sol' }));
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-ready')).toBe('true'));
    const scene = screen.getByTestId('bridge-scene');
    expect(scene.getAttribute('data-renderer')).toBe('2d');
    expect(scene.getAttribute('data-system')).toBe('sol');
    expect(window.__charonBridge).toMatchObject({ mode: 'bridge', tab: 'MAP', level: 'galaxy', system: 'sol', ready: true, renderer: '2d' });
    expect(screen.getByTestId('bridge-info').textContent).toContain('SOL');
    expect(screen.getByTestId('bridge-info').textContent).toContain('POPULATION: ~8 billion');
    expect(screen.queryByTestId('bridge-enter-kepler-442')).toBeNull();
    expect(screen.getByTestId('bridge-row-sol').getAttribute('data-selected')).toBe('true');

    push(bridge({ version: 3 }, { level: 'orbit', system: 'sol', body: 'earth', station: 'luna' }));
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ level: 'orbit', body: 'earth', station: 'luna', ready: true }));
    expect(screen.getByTestId('bridge-list').textContent).toContain('ORBIT OF EARTH');
    expect(screen.getByTestId('bridge-info').textContent).toContain('FACILITIES: PRESENT');
    expect(document.querySelector('[data-id="luna"][data-selected="true"]')).toBeTruthy();
  });

  it('a selection that names nothing in the map is no selection', async () => {
    const { push } = setup('2d');
    push(bridge({ version: 2 }, { system: 'atlantis' }));
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-ready')).toBe('true'));
    expect(window.__charonBridge?.system).toBeNull();
    expect(screen.queryByTestId('bridge-info')).toBeNull();
  });

  it('a system without a map says NO DATA instead of loading forever', async () => {
    const { push } = setup('2d');
    push(bridge({ version: 2 }, { level: 'system', system: 'kepler-442' }));
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-status')).toBe('missing'));
    expect(screen.getByTestId('bridge-scene').textContent).toContain('NO DATA');
  });

  it('each map is fetched once, however often the selection changes', async () => {
    const { push, fetcher } = setup('2d');
    push(bridge({ version: 2 }, { level: 'system', system: 'sol' }));
    await waitFor(() => expect(window.__charonBridge?.ready).toBe(true));
    push(bridge({ version: 3 }, { level: 'system', system: 'sol', body: 'earth' }));
    push(bridge({ version: 4 }, { level: 'system', system: 'sol', body: 'mars' }));
    push(bridge({ version: 5 }, { level: 'galaxy', system: 'sol' }));
    push(bridge({ version: 6 }, { level: 'system', system: 'sol' }));
    await waitFor(() => expect(window.__charonBridge?.ready).toBe(true));
    const fetched = fetcher.mock.calls.map((c) => c[0]);
    expect(fetched).toEqual(expect.arrayContaining(['api/star-map/', 'api/system-map/sol/']));
    expect(new Set(fetched).size).toBe(fetched.length);
  });

  it('every map is fetched ahead, once: a dive to another level is drawn without waiting for the network', async () => {
    const { push, fetcher } = setup('2d');
    push(bridge({ version: 2 }, { level: 'galaxy', system: null }));
    // the star map, then every system map it offers, then every orbit map those offer
    await waitFor(() => expect(fetcher.mock.calls.map((c) => c[0])).toContain('api/orbit-map/sol/earth/'));
    const fetched = fetcher.mock.calls.map((c) => c[0]);
    expect(fetched).toEqual(expect.arrayContaining(['api/system-map/proxima-centauri/', 'api/system-map/tau-ceti/']));
    expect(fetched).not.toContain('api/system-map/kepler-442/'); // the star map says it has none
    expect(new Set(fetched).size).toBe(fetched.length);
    await act(async () => {}); // the last prefetch settles
    push(bridge({ version: 3 }, { level: 'orbit', system: 'sol', body: 'earth', station: 'luna' }));
    // in the same render as the push: no "loading" pass, no request
    expect(window.__charonBridge).toMatchObject({ level: 'orbit', body: 'earth', station: 'luna', status: 'ready', ready: true });
    expect(fetcher.mock.calls.length).toBe(fetched.length);
  });

  it('without WebGL the 2D diagram is drawn, not a blank screen', async () => {
    const { push } = setup(); // jsdom has no WebGL: detected, not forced
    push(bridge({ version: 2 }));
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-renderer')).toBe('2d'));
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-status')).toBe('ready'));
    expect(screen.getByTestId('bridge-2d').querySelectorAll('[data-id]').length).toBe(7);
  });

  it('PERSONNEL shows the crew and exactly the NPCs the server returns; a disclosure refetches', async () => {
    personnel = {
      crew: [{ id: 'rook', name: 'Rook Adeyemi', role: 'Pilot', status: 'ACTIVE', stats: { strength: 6 } }],
      npcs: [{ id: 'sexton', name: 'SEXTON', role: 'Station Android', location: 'Tethys Relay', status: 'ACTIVE', description: '<b>Apologises</b> for everything.' }],
    };
    const { push, emit } = setup('2d');
    push(bridge({ version: 2, bridge_tab: 'PERSONNEL' }));
    expect(await screen.findByTestId('person-npc-sexton')).toBeTruthy();
    expect(screen.getByTestId('person-crew-rook')).toBeTruthy();
    expect(screen.queryByTestId('person-npc-mira_salk')).toBeNull();
    expect(screen.getByTestId('bridge-personnel').textContent).toContain('TETHYS RELAY');
    fireEvent.click(within(screen.getByTestId('person-npc-sexton')).getByRole('button'));
    expect(screen.getByTestId('person-detail').textContent).toContain('<b>Apologises</b> for everything.');
    expect(screen.getByTestId('person-detail').querySelector('b')).toBeNull();

    personnel = { ...(personnel as object), npcs: [...(personnel as { npcs: unknown[] }).npcs, { id: 'mira_salk', name: 'Warden Mira Salk' }] };
    emit('bridge', { type: 'disclosure', known_npcs: ['sexton', 'mira_salk'], visible_logs: [] });
    expect(await screen.findByTestId('person-npc-mira_salk')).toBeTruthy();
    expect(screen.getByTestId('bridge-personnel').textContent).toContain('UNKNOWN'); // no location
  });

  it('LOGS: newest first and selected; Markdown rendered; raw HTML, a <script> included, stays text', async () => {
    logs = {
      sessions: [
        { session: 'session-001.md', session_number: 1, date: '2211-03-09', title: 'Clearance Denied', body: '## Arrival\n\nThe **Marrow Lark** docked.' },
        {
          session: 'session-002.md',
          session_number: 2,
          date: '2211-03-16 late',
          title: 'Cold Open',
          npcs: ['SEXTON'],
          body: '## Boarding\n\n<script>window.__pwned = 1</script>\n\nA [link](javascript:alert(1)) and <img src=x onerror="window.__pwned=2"> inline.\n\n- one\n- two',
        },
      ],
    };
    const { push } = setup('2d');
    push(bridge({ version: 2, bridge_tab: 'LOGS' }));
    const md = await screen.findByTestId('log-markdown');
    const detail = screen.getByTestId('log-detail');
    expect(detail.textContent).toContain('Cold Open');
    expect(screen.getByTestId('log-session-002.md').textContent).toContain('SESSION 2: COLD OPEN');
    expect(detail.textContent).toContain('2211-03-16');
    expect(detail.textContent).toContain('NOTABLE NPCS');
    expect(md.querySelector('h2')?.textContent).toBe('Boarding');
    expect(md.querySelectorAll('li')).toHaveLength(2);
    expect(md.textContent).toContain('<script>window.__pwned = 1</script>');
    expect(md.textContent).toContain('<img src=x onerror="window.__pwned=2">');
    expect(md.querySelector('script, img, a, iframe')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    fireEvent.click(within(screen.getByTestId('log-session-001.md')).getByRole('button'));
    expect(await screen.findByText('Arrival')).toBeTruthy();
  });

  it('CHARON tab: the conversation of the bridge channel', async () => {
    const { push, emit } = setup('2d');
    push(bridge({ version: 2, bridge_tab: 'CHARON' }));
    emit('charon', {
      type: 'snapshot',
      seq: 3,
      channel: 'bridge',
      messages: [{ message_id: 'm1', seq: 2, role: 'charon', content: 'COURSE PLOTTED.', timestamp: '', status: null, reply_to: null }],
    });
    expect((await screen.findByTestId('bridge-charon')).textContent).toContain('COURSE PLOTTED.');
  });
});

describe('ENCOUNTER on a system, planet or moon', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({})));
  });
  afterEach(() => vi.unstubAllGlobals());

  const encounter = (type: string, slug: string, path: string[], name: string) =>
    activeView({ version: 2, view_type: 'ENCOUNTER', location_slug: slug, location_type: type, location_name: name, location_path: path, encounter_has_map: false });

  it('a moon is shown selected in its planet\'s orbit view, under its name', async () => {
    const { push } = setup('2d');
    push(encounter('moon', 'luna', ['sol', 'earth', 'luna'], 'Luna'));
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ mode: 'encounter', level: 'orbit', system: 'sol', body: 'earth', station: 'luna', ready: true }));
    expect(screen.getByTestId('terminal-header').textContent).toContain('LUNA');
    expect(screen.getByTestId('encounter-scene').getAttribute('data-location-name')).toBe('Luna');
    expect(screen.queryByTestId('bridge-list')).toBeNull();
    expect(screen.queryByTestId('bridge-info')).toBeNull();
  });

  it('a system shows its system map; a planet without an orbit map its system with the planet selected', async () => {
    const { push } = setup('2d');
    push(encounter('system', 'sol', ['sol'], 'Sol'));
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ level: 'system', system: 'sol', ready: true }));
    push({ ...encounter('planet', 'mars', ['sol', 'mars'], 'Mars'), version: 3 });
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ level: 'system', body: 'mars', ready: true }));
  });

  it('a system without any map: the galaxy with it selected', async () => {
    const { push } = setup('2d');
    push(encounter('system', 'kepler-442', ['kepler-442'], 'Kepler-442'));
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ level: 'galaxy', system: 'kepler-442', ready: true }));
  });

  it('other location types keep the titled screen', async () => {
    const { push } = setup('2d');
    push(encounter('station', 'gateway', ['sol', 'earth', 'gateway'], 'Gateway'));
    expect(await screen.findByText('NO TACTICAL MAP FOR THIS LOCATION')).toBeTruthy();
    expect(screen.queryByTestId('encounter-scene')).toBeNull();
  });
});

describe('CHARON tab dot', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({})));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lights for a live CHARON line on the bridge channel while another tab is shown, not for a snapshot; off once seen', async () => {
    const { push, emit } = setup('2d');
    push(bridge({ version: 2 }));
    const line = (seq: number) => ({ message_id: `m${seq}`, seq, role: 'charon', content: `LINE ${seq}`, timestamp: '', status: null, reply_to: null });
    emit('charon', { type: 'snapshot', seq: 3, channel: 'bridge', messages: [line(2)] });
    expect(screen.queryByTestId('bridge-charon-dot')).toBeNull();
    emit('charon', { type: 'message', seq: 4, channel: 'bridge', message: line(4) });
    expect(screen.getByTestId('bridge-charon-dot')).toBeTruthy();
    push(bridge({ version: 3, bridge_tab: 'CHARON' }));
    push(bridge({ version: 4, bridge_tab: 'MAP' }));
    expect(screen.queryByTestId('bridge-charon-dot')).toBeNull();
  });
});
