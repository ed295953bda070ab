import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginApp } from './LoginApp';
import { afterLoginPath, confineNext, isSafeNext } from './nextTarget';

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

describe('next confined to the context', () => {
  const root = new URL('https://table.example/charon/');

  it('keeps a page of the app, as a path relative to its root', () => {
    expect(confineNext('messages/', root)).toBe('messages/');
    expect(confineNext('gmconsole/?tab=x#y', root)).toBe('gmconsole/?tab=x#y');
    expect(confineNext('messages/../gmconsole/', root)).toBe('gmconsole/');
    expect(afterLoginPath('messages/', 'GM', root)).toBe('messages/');
  });

  it('refuses whatever leaves the context, another host or another scheme', () => {
    for (const hostile of [
      '../x',
      '..',
      '../',
      '../charon2/messages/',
      'messages/../../x',
      './../x',
      '%2e%2e/x',
      '.%2e/x',
      'messages/%2E%2E/%2e%2e/x',
      '/charon/../x',
      '/x',
      '//evil.example/charon/',
      '\\\\evil.example/',
      '/\\evil.example/',
      'https://evil.example/charon/',
      'https://table.example/charon/messages/',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      ' //evil.example/',
      '\tjavascript:alert(1)',
      'messages/\n',
      '',
      null,
    ]) {
      expect(confineNext(hostile, root), String(hostile)).toBeNull();
      expect(afterLoginPath(hostile, 'PLAYER', root), String(hostile)).toBe('messages/');
      expect(afterLoginPath(hostile, 'GM', root), String(hostile)).toBe('gmconsole/');
    }
  });

  it('at the root context ".." cannot climb above it', () => {
    const top = new URL('https://table.example/');
    expect(confineNext('../messages/', top)).toBe('messages/');
    expect(confineNext('//evil.example/', top)).toBeNull();
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
