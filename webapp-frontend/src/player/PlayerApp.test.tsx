import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMapCache, type MapFetcher } from '../encounter/mapCache';
import type { ActiveView } from '../state/types';
import { FakeEventSource } from '../test/FakeEventSource';
import { encounterView, morriganMap } from '../test/fixtures';
import { createTerminalStore } from '../terminal/store';
import { PlayerApp } from './PlayerApp';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let moves: unknown[];
let meStatus: number;
let moveAnswer: () => Response;

function routes(url: string, init?: RequestInit): Response {
  if (url.endsWith('api/table/me/')) {
    return meStatus === 200
      ? jsonResponse({ username: 'ripley', tokens: ['a1'], crew: [], player_movement: true })
      : jsonResponse({ error: 'Login required' }, meStatus);
  }
  if (url.endsWith('api/table/move/')) {
    moves.push(JSON.parse(String(init?.body)));
    return moveAnswer();
  }
  return jsonResponse({});
}

function setup() {
  const store = createTerminalStore();
  const navigate = vi.fn();
  const mapFetcher = vi.fn<MapFetcher>(async () => morriganMap());
  render(
    <PlayerApp store={store} EventSourceImpl={FakeEventSource} mapFetcher={mapFetcher} mapCache={createMapCache()}
      navigate={navigate} />,
  );
  const push = (view: ActiveView) => act(() => FakeEventSource.latest().emit('activeview', view));
  return { push, navigate };
}

function sizeMap() {
  const svg = screen.getByTestId('encounter-map').querySelector('svg')!;
  svg.getBoundingClientRect = () =>
    ({ left: 0, top: 0, width: 800, height: 560, right: 800, bottom: 560, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect;
}

function drag(el: Element, from: [number, number], to: [number, number]) {
  fireEvent.pointerDown(el, { pointerId: 1, button: 0, clientX: from[0], clientY: from[1] });
  fireEvent.pointerMove(el, { pointerId: 1, clientX: to[0], clientY: to[1] });
  fireEvent.pointerUp(el, { pointerId: 1, clientX: to[0], clientY: to[1] });
}

describe('the player page', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    moves = [];
    meStatus = 200;
    moveAnswer = () => jsonResponse({ success: true, version: 3 });
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => routes(String(input), init)));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('follows the player stream, never the GM stream', () => {
    setup();
    expect(FakeEventSource.latest().url).toMatch(/\/api\/active-view\/stream\/$/);
    expect(FakeEventSource.latest().url).not.toMatch(/\/gm\//);
  });

  it('sends a browser without a session to the login page', async () => {
    meStatus = 401;
    const { navigate } = setup();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(expect.stringMatching(/login\/\?next=player\/$/)));
  });

  it('drags only its own token, snapped to a cell, and only while the GM allows it', async () => {
    const { push } = setup();
    push(encounterView({ version: 2, player_movement: false }));
    const mine = await screen.findByTestId('my-token-a1');
    expect(screen.getByTestId('player-status').textContent).toBe('The GM holds the tokens');
    expect(mine.getAttribute('data-draggable')).toBe('false');
    expect(screen.queryByTestId('my-token-b2')).toBeNull(); // the xeno is not ours
    push(encounterView({ version: 3, player_movement: true }));
    await waitFor(() => expect(screen.getByTestId('my-token-a1').getAttribute('data-draggable')).toBe('true'));
    expect(screen.getByTestId('player-status').textContent).toBe('Drag your token to move it');
    moveAnswer = () => jsonResponse({ success: true, version: 4 });
    sizeMap();
    drag(screen.getByTestId('my-token-a1'), [100, 100], [170, 110]);
    await waitFor(() => expect(moves).toEqual([{ token_id: 'a1', x: 4, y: 2 }]));
  });

  it('shows why a move was refused and puts the token back', async () => {
    moveAnswer = () => jsonResponse({ error: 'Tokens can only move into a revealed room', field: 'x' }, 400);
    const { push } = setup();
    push(encounterView({ version: 2, player_movement: true }));
    await waitFor(() => expect(screen.getByTestId('my-token-a1').getAttribute('data-draggable')).toBe('true'));
    sizeMap();
    drag(screen.getByTestId('my-token-a1'), [100, 100], [170, 110]);
    expect(await screen.findByTestId('player-refusal')).toHaveProperty('textContent',
      'Tokens can only move into a revealed room');
    const circle = screen.getByTestId('my-token-a1').querySelector('.player-token-hit')!;
    expect(circle.getAttribute('cx')).toBe(String(2 * 40 + 20));
  });

  it("MY TOKEN centres the map on the player's own token at the closest zoom; FIT MAP shows the whole deck", async () => {
    const { push } = setup();
    expect(screen.queryByTestId('player-find')).toBeNull();
    push(encounterView({ version: 2, player_movement: true }));
    await screen.findByTestId('my-token-a1');
    const svg = screen.getByTestId('encounter-map').querySelector('svg')!;
    const whole = svg.getAttribute('viewBox');
    fireEvent.click(screen.getByTestId('player-find'));
    // token a1 stands on cell (2, 2) of a 40-unit grid: centre (100, 100), zoom 3
    const [x, y, w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(x + w / 2).toBeCloseTo(100, 1);
    expect(y + h / 2).toBeCloseTo(100, 1);
    expect(w).toBeCloseTo(Number(whole!.split(' ')[2]) / 3, 1);
    fireEvent.click(screen.getByTestId('map-fit'));
    expect(svg.getAttribute('viewBox')).toBe(whole);
  });
});
