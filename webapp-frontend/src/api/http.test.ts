import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUrl, getJson, postJson, readCookie, thumbnailUrl } from './http';

function setRootStep(step: string | null): void {
  document.head.querySelector('meta[name="charon-app-root"]')?.remove();
  if (step !== null) {
    const meta = document.createElement('meta');
    meta.name = 'charon-app-root';
    meta.content = step;
    document.head.appendChild(meta);
  }
}

describe('api/http', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setRootStep(null);
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('asks for campaign images at the width they are drawn, and leaves other URLs alone', () => {
    const doc = document.implementation.createHTMLDocument('x');
    const base = doc.createElement('base');
    base.href = 'http://host/charon/gmconsole/';
    doc.head.appendChild(base);
    const meta = doc.createElement('meta');
    meta.name = 'charon-app-root';
    meta.content = '../';
    doc.head.appendChild(meta);
    expect(thumbnailUrl('api/campaign/images/campaign/NPCs/images/a%20b.png', 64, doc)).toMatch(
      /^http:\/\/host\/charon\/api\/campaign\/images\/campaign\/NPCs\/images\/a%20b\.png\?w=64$/,
    );
    expect(thumbnailUrl('api/campaign/images/x.png?v=2', 128, doc)).toMatch(/\?v=2&w=128$/);
    expect(thumbnailUrl('api/gm/other/x.png', 64, doc)).not.toContain('w=');
    expect(thumbnailUrl('', 64, doc)).toBe('');
    expect(thumbnailUrl(null, 64, doc)).toBe('');
  });

  it('resolves API paths against the app root, below any context path', () => {
    const doc = document.implementation.createHTMLDocument('x');
    const base = doc.createElement('base');
    base.href = 'http://host/charon/terminal/';
    doc.head.appendChild(base);
    const meta = doc.createElement('meta');
    meta.name = 'charon-app-root';
    meta.content = '../';
    doc.head.appendChild(meta);
    expect(apiUrl('api/active-view/stream/', doc)).toBe('http://host/charon/api/active-view/stream/');
    meta.content = './';
    base.href = 'http://host/charon/';
    expect(apiUrl('api/auth/me/', doc)).toBe('http://host/charon/api/auth/me/');
    base.href = 'http://host/terminal/';
    meta.content = '../';
    expect(apiUrl('api/x/', doc)).toBe('http://host/api/x/');
  });

  it('reads cookies', () => {
    document.cookie = 'csrftoken=abc%20d';
    expect(readCookie('csrftoken')).toBe('abc d');
    expect(readCookie('nope')).toBe('');
  });

  it('postJson sends JSON with the CSRF header', async () => {
    document.cookie = 'csrftoken=tok123';
    const fetchMock = vi.fn().mockResolvedValue(new Response('{"success":true,"version":3}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const out = await postJson<{ version: number }>('api/terminal/hide/', { a: 1 });
    expect(out.version).toBe(3);
    const [, init] = fetchMock.mock.calls[0];
    expect(init.method).toBe('POST');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(init.headers['X-CSRFToken']).toBe('tok123');
    expect(init.body).toBe('{"a":1}');
  });

  it('turns JSON errors into ApiError with status and field', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(new Response('{"error":"Bad name","field":"name"}', { status: 400 })),
    );
    const err = await getJson('api/x/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, message: 'Bad name', field: 'name' });
  });

  it('a non-JSON error still becomes an ApiError', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(getJson('api/x/')).rejects.toMatchObject({ status: 502 });
  });
});
