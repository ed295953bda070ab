import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ActiveView } from '../state/types';
import { earthOrbitJson, solSystemJson, starMapJson } from '../test/bridgeFixtures';
import { FakeEventSource } from '../test/FakeEventSource';
import { activeView } from '../test/fixtures';
import type { Poster } from './actions';
import { applyOp, requestOf } from './ops';
import { renderGmConsole } from '../test/gmConsole';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let npcs: Array<{ id: string; name: string; known: boolean }>;
let fetchMock: ReturnType<typeof vi.fn>;
let posts: Array<{ path: string; body: Record<string, unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
let post: Poster;

function routes(url: string): Response {
  if (url.endsWith('/api/auth/me/')) return json({ username: 'gm', role: 'GM' });
  if (url.endsWith('/api/gm/locations/')) return json({ locations: [] });
  if (url.endsWith('/api/star-map/')) return json(starMapJson());
  if (url.endsWith('/api/system-map/sol/')) return json(solSystemJson());
  if (url.endsWith('/api/orbit-map/sol/earth/')) return json(earthOrbitJson());
  if (url.endsWith('/api/gm/bridge/personnel/')) return json({ crew: [], npcs });
  if (url.endsWith('/api/gm/bridge/logs/'))
    return json({ sessions: [{ session: 'session-001.md', session_number: 1, title: 'Clearance Denied', visible: true }, { session: 'session-002.md', session_number: 2, title: 'Cold Open', visible: false }] });
  return json({ error: 'Not found' }, 404);
}

async function setup(view: ActiveView = activeView({ version: 10, view_type: 'BRIDGE' })) {
  const { store, es } = await renderGmConsole(view, post);
  fireEvent.click(screen.getByTestId('tab-bridge'));
  await screen.findByTestId('bridge-panel');
  return { store, es };
}

const lastPost = () => posts.at(-1)!;
const bodies = () => posts.map((p) => [p.path, p.body]);

describe('GM console, BRIDGE panel', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    posts = [];
    npcs = [
      { id: 'sexton', name: 'SEXTON', known: true },
      { id: 'mira_salk', name: 'Warden Mira Salk', known: false },
    ];
    post = (<T,>(path: string, body: unknown) =>
      new Promise<T>((resolve, reject) => {
        posts.push({ path, body: body as Record<string, unknown>, resolve: resolve as (v: unknown) => void, reject });
      })) as Poster;
    fetchMock = vi.fn(async (input: RequestInfo | URL) => routes(String(input)));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('the tab picker drives every terminal: shown at once, rolled back when refused', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('gm-bridge-tab-LOGS'));
    expect(bodies()).toEqual([['api/gm/bridge/navigate', { tab: 'LOGS' }]]);
    expect(screen.getByTestId('gm-bridge-tab-LOGS').getAttribute('aria-pressed')).toBe('true');
    await act(async () => {
      lastPost().reject(new ApiError(400, 'Invalid tab'));
      await Promise.resolve();
    });
    expect(screen.getByTestId('gm-bridge-tab-MAP').getAttribute('aria-pressed')).toBe('true');
  });

  it('the map tree: systems → bodies → moons, stations and sites; select or open each level', async () => {
    await setup();
    await screen.findByTestId('bridge-node-sol');
    expect(screen.queryByTestId('bridge-node-enter-kepler-442')).toBeNull(); // no system map: no dive
    fireEvent.click(within(screen.getByTestId('bridge-node-tau-ceti')).getByTitle(/Select/));
    expect(lastPost().body).toEqual({ level: 'galaxy', system: 'tau-ceti', body: '', station: '' });
    fireEvent.click(screen.getByTestId('bridge-node-enter-sol'));
    expect(lastPost().body).toEqual({ level: 'system', system: 'sol', body: '', station: '' });
    // the system now on screen opens in the tree by itself (the write is shown at once)
    await screen.findByTestId('bridge-node-sol/earth');
    expect(screen.queryByTestId('bridge-node-enter-sol/mars')).toBeNull();
    fireEvent.click(screen.getByTestId('bridge-node-enter-sol/earth'));
    expect(lastPost().body).toEqual({ level: 'orbit', system: 'sol', body: 'earth', station: '' });
    await screen.findByTestId('bridge-node-sol/earth/luna');
    expect(screen.getByTestId('bridge-node-sol/earth/research-base-alpha').textContent).toContain('SURFACE');
    fireEvent.click(within(screen.getByTestId('bridge-node-sol/earth/luna')).getByTitle(/Select/));
    expect(lastPost().body).toEqual({ level: 'orbit', system: 'sol', body: 'earth', station: 'luna' });
    expect(posts.every((p) => p.path === 'api/gm/bridge/navigate')).toBe(true);
  });

  it('the tree opens along what the terminals show and marks it', async () => {
    await setup(activeView({ version: 10, view_type: 'BRIDGE', bridge_map: { level: 'orbit', system: 'sol', body: 'earth', station: 'luna' } }));
    const luna = await screen.findByTestId('bridge-node-sol/earth/luna');
    expect(luna.getAttribute('data-current')).toBe('true');
    expect(screen.getByTestId('bridge-nav').textContent).toContain('ORBIT · sol · earth · luna');
  });

  it('a collapsed system opens on demand', async () => {
    await setup();
    fireEvent.click(await screen.findByTestId('bridge-node-expand-sol'));
    expect(await screen.findByTestId('bridge-node-sol/saturn')).toBeTruthy();
    fireEvent.click(screen.getByTestId('bridge-node-expand-sol'));
    expect(screen.queryByTestId('bridge-node-sol/saturn')).toBeNull();
    expect(posts).toEqual([]);
  });

  it('the explore switch hands the screen to the players and back', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('bridge-explore'));
    expect(bodies()).toEqual([['api/gm/bridge/explore', { enabled: true }]]);
    expect((screen.getByTestId('bridge-explore') as HTMLInputElement).checked).toBe(true);
  });

  it('known-NPC toggles: every NPC with its mark; a toggle posts and the list follows the bridge events', async () => {
    const { es } = await setup();
    const mira = (await screen.findByTestId('npc-known-mira_salk')) as HTMLInputElement;
    expect((screen.getByTestId('npc-known-sexton') as HTMLInputElement).checked).toBe(true);
    expect(mira.checked).toBe(false);
    fireEvent.click(mira);
    expect(bodies()).toEqual([['api/gm/bridge/npc-known', { npc_id: 'mira_salk', known: true }]]);
    npcs = npcs.map((n) => (n.id === 'mira_salk' ? { ...n, known: true } : n));
    await act(async () => {
      lastPost().resolve({ success: true });
      await Promise.resolve();
    });
    await waitFor(() => expect((screen.getByTestId('npc-known-mira_salk') as HTMLInputElement).checked).toBe(true));
    // another GM tab hides SEXTON: the event brings the list up to date
    npcs = npcs.map((n) => (n.id === 'sexton' ? { ...n, known: false } : n));
    act(() => es.emit('bridge', { type: 'disclosure', known_npcs: ['mira_salk'], visible_logs: [] }));
    await waitFor(() => expect((screen.getByTestId('npc-known-sexton') as HTMLInputElement).checked).toBe(false));
  });

  it('visible-log toggles post the session and its new visibility', async () => {
    await setup();
    const cold = (await screen.findByTestId('log-visible-session-002.md')) as HTMLInputElement;
    expect(cold.checked).toBe(false);
    fireEvent.click(cold);
    expect(bodies()).toEqual([['api/gm/bridge/log-visible', { session: 'session-002.md', visible: true }]]);
  });

  it('a live preview of the terminal, and a way to put the BRIDGE on screen', async () => {
    await setup(activeView({ version: 10, view_type: 'STANDBY' }));
    expect(screen.getByTestId('bridge-preview').querySelector('iframe')?.getAttribute('src')).toMatch(/terminal\/$/);
    fireEvent.click(screen.getByTestId('bridge-show'));
    expect(bodies()).toEqual([['api/gm/switch-view/', { view_type: 'BRIDGE' }]]);
  });
});

describe('BRIDGE ops', () => {
  const view = activeView({ view_type: 'BRIDGE', bridge_map: { level: 'orbit', system: 'sol', body: 'earth', station: 'luna' } });

  it('requests carry only what changes; a cleared selection is ""', () => {
    expect(requestOf({ kind: 'bridge-navigate', tab: 'PERSONNEL' })).toEqual({ path: 'api/gm/bridge/navigate', body: { tab: 'PERSONNEL' } });
    expect(requestOf({ kind: 'bridge-navigate', level: 'system', system: 'sol', body: null })).toEqual({
      path: 'api/gm/bridge/navigate',
      body: { level: 'system', system: 'sol', body: '' },
    });
    expect(requestOf({ kind: 'bridge-explore', enabled: false })).toEqual({ path: 'api/gm/bridge/explore', body: { enabled: false } });
  });

  it('the expected effect follows the server\'s rule and shares what did not change', () => {
    const a = applyOp(view, { kind: 'bridge-navigate', tab: 'LOGS' });
    expect(a.bridge_tab).toBe('LOGS');
    expect(a.bridge_map).toBe(view.bridge_map);
    expect(applyOp(view, { kind: 'bridge-navigate', level: 'system' }).bridge_map).toEqual({ level: 'system', system: 'sol', body: 'earth', station: null });
    expect(applyOp(view, { kind: 'bridge-navigate', system: 'tau-ceti' }).bridge_map).toEqual({ level: 'orbit', system: 'tau-ceti', body: null, station: null });
    expect(applyOp(view, { kind: 'bridge-navigate', tab: 'MAP' })).toBe(view);
    expect(applyOp(view, { kind: 'bridge-explore', enabled: true }).bridge_explore).toBe(true);
    expect(applyOp(view, { kind: 'bridge-explore', enabled: false })).toBe(view);
  });
});
