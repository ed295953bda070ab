import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ActiveView } from '../state/types';
import { FakeEventSource } from '../test/FakeEventSource';
import { encounterView, morriganMap, token } from '../test/fixtures';
import type { Poster } from './actions';
import { renderGmConsole } from '../test/gmConsole';

/** The GM console's side of "players move their own tokens": links in PLAYERS, the switch in ENCOUNTER. */
function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const ROOK_PORTRAIT = 'api/campaign/images/campaign/images/crew/rook.png';
let links: Array<Record<string, string>>;
let fetchMock: ReturnType<typeof vi.fn>;
let posts: Array<{ path: string; body: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
let post: Poster;

function routes(url: string, init?: RequestInit): Response {
  if (url.endsWith('/api/auth/me/')) return json({ username: 'gm', role: 'GM' });
  if (url.endsWith('/api/gm/locations/')) return json({ locations: [] });
  if (url.includes('/all-decks/')) return json({ decks: [{ id: 'deck_1', name: 'Main Deck', level: 1, rooms: morriganMap().current_deck.rooms }] });
  if (url.includes('/api/gm/encounter-map/')) return json(morriganMap());
  if (url.endsWith('/api/gm/encounter/token-images/')) return json({ images: [] });
  if (url.endsWith('/api/gm/players/')) return json({ players: [{ username: 'gm', role: 'GM' }, { username: 'ripley', role: 'PLAYER' }, { username: 'hicks', role: 'PLAYER' }] });
  if (url.endsWith('/api/gm/bridge/personnel/'))
    return json({ crew: [{ id: 'rook', name: 'Rook Adeyemi', portrait: ROOK_PORTRAIT }], npcs: [] });
  if (url.endsWith('/api/gm/table/links/')) return json({ links, count: links.length });
  const unlink = /\/api\/gm\/table\/links\/(token|crew)\/([^/]+)\/$/.exec(url);
  if (unlink && init?.method === 'DELETE') {
    const field = `${unlink[1]}_id`;
    const before = links.length;
    links = links.filter((l) => l[field] !== unlink[2]);
    return before === links.length ? json({ error: 'No player is linked', field }, 404) : json({ success: true, [field]: unlink[2] });
  }
  return json({ error: 'Not found' }, 404);
}

async function setup(view: ActiveView) {
  const { store, es } = await renderGmConsole(view, post);
  return { store, es };
}

const table = () =>
  encounterView({
    version: 10,
    encounter_tokens: {
      a1: token('a1', { name: 'Marcus', x: 2, y: 2 }),
      a2: token('a2', { name: 'R', image_url: ROOK_PORTRAIT, x: 3, y: 2 }),
      b2: token('b2', { type: 'creature', name: 'Xeno', x: 6, y: 2, room_id: 'corridor' }),
    },
  });

describe('players and their tokens (GM console)', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    links = [];
    posts = [];
    post = (<T,>(path: string, body: unknown) =>
      new Promise<T>((resolve, reject) => {
        posts.push({ path, body, resolve: resolve as (v: unknown) => void, reject });
      })) as Poster;
    fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => routes(String(input), init));
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('confirm', vi.fn(() => true));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('links a player to a crew member or a token on the map, shows the link and unlinks it', async () => {
    await setup(table());
    fireEvent.click(screen.getByTestId('tab-players'));
    const row = await screen.findByTestId('player-links-ripley');
    const select = within(row).getByTestId('player-link-select-ripley') as HTMLSelectElement;
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Rook Adeyemi' })).toBeTruthy());
    // every token on the map is offered, by name, type and cell
    expect(within(select).getByRole('option', { name: 'Marcus (player) at 2, 2' })).toBeTruthy();
    expect(within(select).getByRole('option', { name: 'Xeno (creature) at 6, 2' })).toBeTruthy();
    const linkButton = within(row).getByTestId('player-link-ripley') as HTMLButtonElement;
    expect(linkButton.disabled).toBe(true);

    fireEvent.change(select, { target: { value: 'crew:rook' } });
    fireEvent.click(linkButton);
    expect(posts.at(-1)?.path).toBe('api/gm/table/links/');
    expect(posts.at(-1)?.body).toEqual({ username: 'ripley', crew_id: 'rook' });
    links = [{ username: 'ripley', crew_id: 'rook' }];
    await act(async () => posts.at(-1)!.resolve({ success: true, username: 'ripley', crew_id: 'rook' }));
    const shown = await within(row).findByTestId('player-link-ripley-crew-rook');
    expect(shown.textContent).toContain('Rook Adeyemi (crew)');
    expect(await screen.findByText('ripley moves Rook Adeyemi')).toBeTruthy();
    expect(within(screen.getByTestId('player-links-hicks')).getByText('nothing')).toBeTruthy();
    expect(screen.queryByTestId('player-links-gm')).toBeNull(); // the GM is no player

    fireEvent.click(within(row).getByTestId('player-unlink-ripley-crew-rook'));
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([u, i]) => String(u).endsWith('/api/gm/table/links/crew/rook/') && i?.method === 'DELETE')).toBe(true),
    );
    await waitFor(() => expect(within(row).queryByTestId('player-link-ripley-crew-rook')).toBeNull());
    expect(within(row).getByText('nothing')).toBeTruthy();
  });

  it("the server's refusal becomes an error notice and nothing is shown as linked", async () => {
    await setup(table());
    fireEvent.click(screen.getByTestId('tab-players'));
    const row = await screen.findByTestId('player-links-hicks');
    const select = within(row).getByTestId('player-link-select-hicks');
    fireEvent.change(select, { target: { value: 'token:b2' } });
    fireEvent.click(within(row).getByTestId('player-link-hicks'));
    expect(posts.at(-1)?.body).toEqual({ username: 'hicks', token_id: 'b2' });
    await act(async () => posts.at(-1)!.reject(new ApiError(404, 'Token not found', 'token_id')));
    expect(await screen.findByText('Failed to link hicks: Token not found')).toBeTruthy();
    expect(within(row).getByText('nothing')).toBeTruthy();
  });

  it('the movement switch is pressed at once, posts the pushed state and rolls back when refused', async () => {
    const { es } = await setup(table());
    const button = (await screen.findByTestId('player-movement')) as HTMLButtonElement;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    expect(posts.at(-1)?.path).toBe('api/gm/table/player-movement/');
    expect(posts.at(-1)?.body).toEqual({ enabled: true });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await act(async () => posts.at(-1)!.resolve({ success: true, version: 11, player_movement: true }));
    act(() => es.emit('activeview', { ...table(), version: 11, player_movement: true }));
    expect(button.getAttribute('aria-pressed')).toBe('true');

    // the GM takes control back; a refusal leaves the switch as the server has it
    fireEvent.click(button);
    expect(posts.at(-1)?.body).toEqual({ enabled: false });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await act(async () => posts.at(-1)!.reject(new ApiError(500, 'boom')));
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText(/Failed to take the tokens back: boom/)).toBeTruthy();
  });

  it("marks on the GM's map which player moves a token: by its id, or as a linked crew member's", async () => {
    links = [
      { username: 'ripley', token_id: 'a1' },
      { username: 'hicks', crew_id: 'rook' },
    ];
    await setup(table());
    const marcus = await screen.findByTestId('token-a1');
    await waitFor(() => expect(marcus.getAttribute('data-owner')).toBe('ripley'));
    expect(screen.getByTestId('token-owner-a1').textContent).toBe('ripley');
    expect(marcus.querySelector('.gm-token-owner')).toBeNull(); // not part of the token's button name
    expect(marcus.getAttribute('aria-label')).toContain('moved by ripley');
    await waitFor(() => expect(screen.getByTestId('token-a2').getAttribute('data-owner')).toBe('hicks'));
    expect(screen.getByTestId('token-b2').getAttribute('data-owner')).toBeNull();
    expect(screen.getByTestId('token-owner-a2').textContent).toBe('hicks');
    expect(screen.queryByTestId('token-owner-b2')).toBeNull();
  });
});
