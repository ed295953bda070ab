import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_DELAY_MS } from '../push/timing';
import { FakeEventSource } from '../test/FakeEventSource';
import { encounterView } from '../test/fixtures';
import { GmConsoleApp } from './GmConsoleApp';
import { createGmStore } from './store';

describe('GM console placeholder', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    FakeEventSource.reset();
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('401 on api/auth/me/ goes to the login page with next=gmconsole/', async () => {
    fetchMock.mockResolvedValue(new Response('{"error":"Authentication required"}', { status: 401 }));
    const navigate = vi.fn();
    render(<GmConsoleApp store={createGmStore()} EventSourceImpl={FakeEventSource} navigate={navigate} />);
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(navigate.mock.calls[0][0]).toMatch(/\/login\/\?next=gmconsole\/$/);
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('follows the GM stream; toast after 2 failures; auth event goes to login', async () => {
    fetchMock.mockResolvedValue(new Response('{"username":"gm","role":"GM"}', { status: 200 }));
    const navigate = vi.fn();
    render(<GmConsoleApp store={createGmStore()} EventSourceImpl={FakeEventSource} navigate={navigate} />);
    await screen.findByTestId('gm-live-state');
    const es = FakeEventSource.latest();
    expect(es.url).toMatch(/\/api\/gm\/active-view\/stream\/$/);
    act(() => {
      es.open();
      es.emit('activeview', encounterView({ version: 4 }));
    });
    expect(screen.getByTestId('gm-live-state').textContent).toContain('USCSS Morrigan');
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
});
