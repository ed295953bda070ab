import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { msg, playerSnapshot, query } from '../charon/fixtures';
import { SUBMIT_ERROR_VISIBLE_MS, TELETYPE_MS_PER_CHAR } from '../charon/timing';
import type { CharonMessage } from '../charon/types';
import type { ActiveView } from '../state/types';
import { FakeEventSource } from '../test/FakeEventSource';
import { activeView } from '../test/fixtures';
import { createTerminalStore } from './store';
import { TerminalApp } from './TerminalApp';

/** A fetch answer built from plain promises (no stream timers, so fake timers stay in charge). */
function answer(status: number, body: unknown) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    json: async () => body,
    text: async () => JSON.stringify(body),
  } as unknown as Response;
}

let fetchMock: ReturnType<typeof vi.fn>;

function setup() {
  const store = createTerminalStore();
  render(<TerminalApp store={store} EventSourceImpl={FakeEventSource} />);
  const es = () => FakeEventSource.latest();
  const view = (v: Partial<ActiveView>) => act(() => es().emit('activeview', activeView(v)));
  const charon = (e: unknown) => act(() => es().emit('charon', e));
  const message = (seq: number, m: CharonMessage, channel = 'story') => charon({ type: 'message', seq, channel, message: m });
  return { store, es, view, charon, message };
}

const lines = () => screen.queryAllByTestId('charon-line');
const texts = () => lines().map((l) => l.textContent);

/** Let pending promises (the mocked fetch and its body) settle. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

function reducedMotion(reduce: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((q: string) => ({
      matches: reduce && q.includes('prefers-reduced-motion: reduce'),
      media: q,
      addEventListener() {},
      removeEventListener() {},
    })),
  );
}

describe('CHARON on the shared terminal', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    fetchMock = vi.fn(async () => answer(202, { success: true }));
    vi.stubGlobal('fetch', fetchMock);
    document.cookie = 'csrftoken=tok123';
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('CHARON_TERMINAL: a snapshot is drawn at once, queries prefixed "> ", no teletype', () => {
    vi.useFakeTimers();
    const { view, charon } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL', charon_active_channel: 'story' });
    charon(playerSnapshot(5, 'story', [query('q', 1, 'WHERE ARE WE?', 'answered'), msg('a', 2, { content: 'SECTOR 7G.' })]));
    expect(screen.getByTestId('charon-terminal')).toBeTruthy();
    expect(screen.queryByTestId('charon-dialog')).toBeNull();
    expect(texts()).toEqual(['> WHERE ARE WE?', 'SECTOR 7G.']);
    expect(lines().map((l) => [l.getAttribute('data-role'), l.getAttribute('data-status')])).toEqual([
      ['user', 'answered'],
      ['charon', ''],
    ]);
    expect(lines().some((l) => l.getAttribute('data-typing'))).toBe(false);
  });

  it('a CHARON line arriving live is typed ~25 ms per character, one line at a time, in order', () => {
    vi.useFakeTimers();
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', []));
    message(6, msg('a', 6, { content: 'HULL OK.' }));
    message(7, msg('b', 7, { content: 'DOORS SEALED.' }));
    // the first types, the second waits its turn without a blank row
    expect(texts()).toEqual(['']);
    act(() => vi.advanceTimersByTime(TELETYPE_MS_PER_CHAR * 4));
    expect(texts()).toEqual(['HULL']);
    expect(lines()[0].getAttribute('data-typing')).toBe('true');
    act(() => vi.advanceTimersByTime(TELETYPE_MS_PER_CHAR * 4));
    expect(texts()).toEqual(['HULL OK.', '']);
    act(() => vi.advanceTimersByTime(TELETYPE_MS_PER_CHAR * 5));
    expect(texts()).toEqual(['HULL OK.', 'DOORS']);
    act(() => vi.advanceTimersByTime(TELETYPE_MS_PER_CHAR * 20));
    expect(texts()).toEqual(['HULL OK.', 'DOORS SEALED.']);
    expect(lines().some((l) => l.getAttribute('data-typing'))).toBe(false);
  });

  it('a player query arriving live is shown at once (only CHARON lines type)', () => {
    vi.useFakeTimers();
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', []));
    message(6, query('q', 6, 'STATUS?'));
    expect(texts()).toEqual(['> STATUS?']);
  });

  it('with prefers-reduced-motion: reduce a live line appears whole at once', () => {
    vi.useFakeTimers();
    reducedMotion(true);
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', []));
    message(6, msg('a', 6, { content: 'HULL OK.' }));
    message(7, msg('b', 7, { content: 'DOORS SEALED.' }));
    expect(texts()).toEqual(['HULL OK.', 'DOORS SEALED.']);
  });

  it('a reconnect snapshot mid-typing shows the line whole and never types it again', () => {
    vi.useFakeTimers();
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', []));
    message(6, msg('a', 6, { content: 'A LONG TRANSMISSION' }));
    act(() => vi.advanceTimersByTime(TELETYPE_MS_PER_CHAR * 2));
    expect(texts()).toEqual(['A ']);
    charon(playerSnapshot(6, 'story', [msg('a', 6, { content: 'A LONG TRANSMISSION' })]));
    expect(texts()).toEqual(['A LONG TRANSMISSION']);
  });

  it('"processing" shows while a query of the channel is waiting, from pushed state; a reject ends it', () => {
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    // as after a reload: the snapshot alone says the query waits
    charon(playerSnapshot(5, 'story', [query('q', 4, 'ANYONE?')]));
    expect(screen.getByTestId('charon-processing').textContent).toContain('CHARON is processing');
    // an unrelated CHARON line does not end it
    message(6, msg('gm', 6, { content: 'ATTENTION.' }));
    expect(screen.queryByTestId('charon-processing')).not.toBeNull();
    // every draft rejected: the query becomes unanswered
    message(7, query('q', 4, 'ANYONE?', 'unanswered'));
    expect(screen.queryByTestId('charon-processing')).toBeNull();
    expect(lines()[0].getAttribute('data-status')).toBe('unanswered');
  });

  it('the input line exists only in QUERY mode: "> ", autofocus, at most 500 characters', () => {
    const { view, charon } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL', charon_mode: 'DISPLAY' });
    charon(playerSnapshot(5, 'story', []));
    expect(screen.queryByTestId('charon-input')).toBeNull();
    view({ version: 3, view_type: 'CHARON_TERMINAL', charon_mode: 'QUERY' });
    const input = screen.getByTestId('charon-input') as HTMLInputElement;
    expect(input.maxLength).toBe(500);
    expect(document.activeElement).toBe(input);
    expect(input.closest('form')!.textContent).toContain('>');
    view({ version: 4, view_type: 'CHARON_TERMINAL', charon_mode: 'DISPLAY' });
    expect(screen.queryByTestId('charon-input')).toBeNull();
  });

  it('Enter posts the trimmed query to api/charon/<channel>/submit with the CSRF header; 202 clears it', async () => {
    const { view, charon } = setup();
    view({
      version: 2,
      view_type: 'ENCOUNTER',
      charon_mode: 'QUERY',
      charon_dialog_open: true,
      charon_active_channel: 'encounter-uscss_morrigan',
    });
    charon(playerSnapshot(5, 'encounter-uscss_morrigan', []));
    const input = screen.getByTestId('charon-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '   ' } });
    fireEvent.submit(input.closest('form')!);
    expect(fetchMock).not.toHaveBeenCalled(); // blank: nothing sent
    fireEvent.change(input, { target: { value: '  what is in the cargo bay?  ' } });
    fireEvent.submit(input.closest('form')!);
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toMatch(/\/api\/charon\/encounter-uscss_morrigan\/submit$/);
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ query: 'what is in the cargo bay?' });
    expect((init.headers as Record<string, string>)['X-CSRFToken']).toBe('tok123');
    expect(input.value).toBe('');
  });

  it('a refused query shows the server text briefly and keeps the input', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(async () => answer(429, { error: 'Too many queries: wait a minute' }));
    const { view, charon } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL', charon_mode: 'QUERY' });
    charon(playerSnapshot(5, 'story', []));
    const input = screen.getByTestId('charon-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'again?' } });
    fireEvent.submit(input.closest('form')!);
    await settle();
    expect(screen.getByTestId('charon-error').textContent).toContain('Too many queries: wait a minute');
    expect(input.value).toBe('again?');
    act(() => vi.advanceTimersByTime(SUBMIT_ERROR_VISIBLE_MS));
    expect(screen.queryByTestId('charon-error')).toBeNull();
  });

  it('the dialog appears over another view only while the GM shows it; players get no close control', () => {
    const { view, charon } = setup();
    view({ version: 2, view_type: 'BRIDGE', charon_active_channel: 'bridge' });
    charon(playerSnapshot(5, 'bridge', [msg('a', 1, { content: 'ALL SYSTEMS NOMINAL.' })]));
    expect(screen.queryByTestId('charon-dialog')).toBeNull();
    view({ version: 3, view_type: 'BRIDGE', charon_active_channel: 'bridge', charon_dialog_open: true });
    const dialog = screen.getByTestId('charon-dialog');
    expect(screen.getByTestId('view-BRIDGE')).toBeTruthy(); // the view stays under it
    expect(dialog.textContent).toContain('ALL SYSTEMS NOMINAL.');
    expect(dialog.querySelectorAll('button')).toHaveLength(0);
    fireEvent.click(dialog.parentElement!); // the backdrop
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('charon-dialog')).not.toBeNull();
    view({ version: 4, view_type: 'BRIDGE', charon_active_channel: 'bridge', charon_dialog_open: false });
    expect(screen.queryByTestId('charon-dialog')).toBeNull();
  });

  it('a line that arrived while the dialog was closed is not typed when it opens', () => {
    vi.useFakeTimers();
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'BRIDGE', charon_active_channel: 'bridge' });
    charon(playerSnapshot(5, 'bridge', []));
    message(6, msg('a', 6, { content: 'EARLIER.' }), 'bridge');
    view({ version: 3, view_type: 'BRIDGE', charon_active_channel: 'bridge', charon_dialog_open: true });
    expect(texts()).toEqual(['EARLIER.']);
  });

  it('hostile text is shown as text, never as HTML', () => {
    const { view, charon } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', [query('q', 1, '<img src=x onerror=alert(1)>', 'answered')]));
    expect(texts()).toEqual(['> <img src=x onerror=alert(1)>']);
    expect(screen.getByTestId('charon-terminal').querySelector('img')).toBeNull();
  });

  it('follows the end of the conversation when a line arrives', () => {
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', []));
    const log = screen.getByRole('log');
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => 4321 });
    let top = 0;
    Object.defineProperty(log, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
    message(6, query('q', 6, 'STATUS?'));
    expect(top).toBe(4321);
  });

  it('never posts anything by itself (DISPLAY mode, events only)', async () => {
    const { view, charon, message } = setup();
    view({ version: 2, view_type: 'CHARON_TERMINAL' });
    charon(playerSnapshot(5, 'story', [query('q', 1, 'A?')]));
    message(6, msg('a', 6));
    view({ version: 3, view_type: 'BRIDGE', charon_dialog_open: true });
    await settle();
    const posts = fetchMock.mock.calls.filter(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
    expect(posts).toEqual([]);
  });
});
