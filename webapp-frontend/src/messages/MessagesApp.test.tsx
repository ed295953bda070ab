import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonalMessage } from '../state/types';
import { MessagesApp } from './MessagesApp';
import { mergeMessages, messagesPath, MESSAGES_POLL_INTERVAL_MS, NEW_MESSAGE_BANNER_MS } from './messageList';

function msg(id: number, extra: Partial<PersonalMessage> = {}): PersonalMessage {
  return { id, sender: 'CHARON', content: `message ${id}`, priority: 'NORMAL', created_at: '2183-07-01T08:00:00', read: false, ...extra };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status });
}

async function flush() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

describe('mergeMessages', () => {
  it('puts several new messages on top, newest first, without duplicates', () => {
    const { list, added } = mergeMessages([msg(3), msg(1)], [msg(6), msg(5), msg(4), msg(3)]);
    expect(list.map((m) => m.id)).toEqual([6, 5, 4, 3, 1]);
    expect(added).toBe(3);
  });
  it('keeps the same list when nothing is new', () => {
    const cur = [msg(2)];
    expect(mergeMessages(cur, [msg(2)]).list).toBe(cur);
  });
  it('asks for messages since the highest id', () => {
    expect(messagesPath(null)).toBe('api/messages/');
    expect(messagesPath(12)).toBe('api/messages/?since=12');
  });
});

describe('messages page', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let meMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    fetchMock = vi.fn();
    meMock = vi.fn(async () => json({ username: 'pia', role: 'PLAYER' }));
    // The session check goes to its own mock, so the poll's calls keep their indexes.
    type Fetch = (url: unknown, init?: unknown) => unknown;
    vi.stubGlobal('fetch', (url: unknown, init?: unknown) =>
      String(url).includes('api/auth/me/') ? (meMock as unknown as Fetch)(url, init) : (fetchMock as unknown as Fetch)(url, init));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('polls every 3 s with since=<highest id>, prepends new ones newest first and shows the banner for 3 s', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ messages: [msg(2), msg(1)], count: 2 }))
      .mockResolvedValueOnce(json({ messages: [], count: 0 }))
      .mockResolvedValueOnce(json({ messages: [msg(4), msg(3)], count: 2 }))
      .mockResolvedValue(json({ messages: [], count: 0 }));
    const { container } = render(<MessagesApp navigate={() => {}} />);
    await flush();
    const ids = () => [...container.querySelectorAll('[data-message-id]')].map((e) => e.getAttribute('data-message-id'));
    expect(ids()).toEqual(['2', '1']);
    expect(String(fetchMock.mock.calls[0][0])).toMatch(/api\/messages\/$/);
    expect(screen.queryByTestId('new-message-banner')).toBeNull(); // first load: no banner
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MESSAGES_POLL_INTERVAL_MS);
    });
    expect(String(fetchMock.mock.calls[1][0])).toMatch(/api\/messages\/\?since=2$/);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MESSAGES_POLL_INTERVAL_MS);
    });
    expect(ids()).toEqual(['4', '3', '2', '1']);
    expect(screen.getByTestId('new-message-banner').textContent).toBe('NEW MESSAGES RECEIVED');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(NEW_MESSAGE_BANNER_MS);
    });
    expect(screen.queryByTestId('new-message-banner')).toBeNull();
  });

  it('renders content as text with line breaks and a priority badge', async () => {
    fetchMock.mockResolvedValue(
      json({ messages: [msg(1, { content: '<b>hi</b>\nline two', priority: 'critical' })], count: 1 }),
    );
    const { container } = render(<MessagesApp navigate={() => {}} />);
    await flush();
    const content = container.querySelector('.message-content')!;
    expect(content.textContent).toBe('<b>hi</b>\nline two');
    expect(content.querySelector('b')).toBeNull();
    expect(container.querySelector('.prio-badge')!.textContent).toBe('CRITICAL');
  });

  it('a single new message says NEW MESSAGE RECEIVED', async () => {
    fetchMock.mockResolvedValueOnce(json({ messages: [], count: 0 })).mockResolvedValueOnce(json({ messages: [msg(7)] }));
    fetchMock.mockResolvedValue(json({ messages: [] }));
    render(<MessagesApp navigate={() => {}} />);
    await flush();
    expect(screen.getByText('> NO NEW MESSAGES')).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MESSAGES_POLL_INTERVAL_MS);
    });
    expect(screen.getByTestId('new-message-banner').textContent).toBe('NEW MESSAGE RECEIVED');
  });

  it('asks for a login first when there is no session, and never polls', async () => {
    meMock.mockImplementation(async () => json({ error: 'Authentication required' }, 401));
    const navigate = vi.fn();
    render(<MessagesApp navigate={navigate} />);
    await vi.waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(navigate.mock.calls[0][0]).toMatch(/\/login\/\?next=messages\/$/);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('401 sends the browser to the login page with next=messages/', async () => {
    fetchMock.mockResolvedValue(json({ error: 'Authentication required' }, 401));
    const navigate = vi.fn();
    render(<MessagesApp navigate={navigate} />);
    await flush();
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate.mock.calls[0][0]).toMatch(/\/login\/\?next=messages\/$/);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MESSAGES_POLL_INTERVAL_MS * 3);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1); // polling stopped
  });

  it('LOGOUT posts api/auth/logout/ and goes to the login page', async () => {
    document.cookie = 'csrftoken=t';
    fetchMock.mockResolvedValue(json({ messages: [] }));
    const navigate = vi.fn();
    render(<MessagesApp navigate={navigate} />);
    await flush();
    fireEvent.click(screen.getByText('LOGOUT'));
    await flush();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(String(post![0])).toMatch(/api\/auth\/logout\/$/);
    expect(navigate.mock.calls.at(-1)![0]).toMatch(/\/login\/$/);
  });
});
