import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginApp } from './LoginApp';
import { afterLoginPath, isSafeNext } from './nextTarget';

describe('next target', () => {
  it('accepts only safe relative paths', () => {
    expect(isSafeNext('messages/')).toBe(true);
    expect(isSafeNext('gmconsole/?tab=x')).toBe(true);
    for (const bad of ['', '/gmconsole/', '//evil.example/', 'https://evil.example/', 'javascript:alert(1)', '\\\\evil', ' /x', 'a\nb']) {
      expect(isSafeNext(bad)).toBe(false);
    }
  });
  it('falls back by role', () => {
    expect(afterLoginPath(null, 'GM')).toBe('gmconsole/');
    expect(afterLoginPath(null, 'PLAYER')).toBe('messages/');
    expect(afterLoginPath('//evil', 'PLAYER')).toBe('messages/');
    expect(afterLoginPath('messages/', 'GM')).toBe('messages/');
  });
});

describe('login page', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    document.cookie = 'csrftoken=t';
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  function fill() {
    fireEvent.change(screen.getByLabelText('USER ID'), { target: { value: 'gm' } });
    fireEvent.change(screen.getByLabelText('ACCESS CODE'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByText('LOG IN'));
  }

  it('posts the credentials and follows a safe next', async () => {
    fetchMock.mockResolvedValue(new Response('{"username":"gm","role":"GM"}', { status: 200 }));
    const navigate = vi.fn();
    render(<LoginApp navigate={navigate} search="?next=messages/" />);
    fill();
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0];
    expect(String(url)).toMatch(/api\/auth\/login\/$/);
    expect(JSON.parse(init.body)).toEqual({ username: 'gm', password: 'pw' });
    expect(navigate.mock.calls[0][0]).toMatch(/\/messages\/$/);
  });

  it('ignores an unsafe next and goes to the GM console for a GM', async () => {
    fetchMock.mockResolvedValue(new Response('{"username":"gm","role":"GM"}', { status: 200 }));
    const navigate = vi.fn();
    render(<LoginApp navigate={navigate} search="?next=//evil.example/" />);
    fill();
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(navigate.mock.calls[0][0]).toMatch(/\/gmconsole\/$/);
    expect(navigate.mock.calls[0][0]).not.toContain('evil');
  });

  it("shows the server's error text", async () => {
    fetchMock.mockResolvedValue(new Response('{"error":"Invalid credentials"}', { status: 401 }));
    const navigate = vi.fn();
    render(<LoginApp navigate={navigate} search="" />);
    fill();
    expect((await screen.findByTestId('login-error')).textContent).toContain('Invalid credentials');
    expect(navigate).not.toHaveBeenCalled();
  });
});
