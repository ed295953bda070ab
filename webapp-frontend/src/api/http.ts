/**
 * The one place that knows how to reach the server.
 *
 * The same build is served at "/" and under a servlet context path such as
 * "/charon/", so nothing here is absolute: every API path is resolved against
 * the application root, which is the page's directory minus the page folder.
 * Each HTML page declares that relative step in
 * `<meta name="charon-app-root" content="../">` ("./" on the root page).
 */

/** Error answered by the server: `{"error": "...", "field": "..."}` with a 4xx/5xx status. */
export class ApiError extends Error {
  readonly status: number;
  readonly field?: string;

  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
  }
}

/** The relative step from the current page to the app root, read from the page's meta tag. */
export function pageRootStep(doc: Document = document): string {
  const meta = doc.querySelector('meta[name="charon-app-root"]');
  const step = meta?.getAttribute('content')?.trim();
  return step ? step : './';
}

/** Absolute URL of the application root (ends with "/"). */
export function appRoot(doc: Document = document): URL {
  return new URL(pageRootStep(doc), doc.baseURI);
}

/**
 * Resolve a path relative to the application root, e.g. `apiUrl('api/auth/me/')`.
 * Paths coming from the server (image URLs) are relative to the context root too;
 * an already absolute URL is returned unchanged.
 */
export function apiUrl(path: string, doc: Document = document): string {
  return new URL(path, appRoot(doc)).toString();
}

/** Same as apiUrl, for images and other resources named by the server. Empty in → empty out. */
export function resourceUrl(path: string | null | undefined, doc: Document = document): string {
  if (!path) return '';
  return apiUrl(path, doc);
}

/**
 * A campaign image at the width it is drawn (server: `?w=` of /api/campaign/images/, 64 or 128 px
 * wide, i.e. up to 32 or 64 CSS px at 2x): a 30 px thumbnail should not cost a 512 px portrait.
 * Other URLs are returned as they are.
 */
export function thumbnailUrl(path: string | null | undefined, widthPx: 64 | 128, doc: Document = document): string {
  const url = resourceUrl(path, doc);
  if (!url || !/(^|\/)api\/campaign\/images\//.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}w=${widthPx}`;
}

/** Relative URL of another page of the app, e.g. `pageUrl('login/?next=messages/')`. */
export function pageUrl(path: string, doc: Document = document): string {
  return apiUrl(path, doc);
}

export function readCookie(name: string, doc: Document = document): string {
  const prefix = `${name}=`;
  for (const part of doc.cookie ? doc.cookie.split(';') : []) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return '';
}

async function toApiError(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let field: string | undefined;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const b = body as { error?: unknown; field?: unknown };
      if (typeof b.error === 'string' && b.error) message = b.error;
      if (typeof b.field === 'string' && b.field) field = b.field;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(res.status, message, field);
}

async function parse<T>(res: Response): Promise<T> {
  if (!res.ok) throw await toApiError(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** GET a JSON resource relative to the app root. Throws ApiError on a non-2xx answer. */
export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await fetch(apiUrl(path), {
    method: 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal: options.signal,
  });
  return parse<T>(res);
}

/** POST JSON with the CSRF proof (header X-CSRFToken = cookie csrftoken). */
export async function postJson<T>(path: string, body: unknown = {}, options: RequestOptions = {}): Promise<T> {
  return sendJson<T>('POST', path, body, options);
}

/** DELETE with the CSRF proof. Throws ApiError on a non-2xx answer. */
export async function deleteJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return sendJson<T>('DELETE', path, undefined, options);
}

async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body: unknown, options: RequestOptions): Promise<T> {
  if (!readCookie('csrftoken')) {
    // The server sets the cookie on any API answer that lacks it; a page that has not
    // talked to the API yet (e.g. a fresh login page) fetches it first.
    await fetch(apiUrl('api/auth/me/'), { credentials: 'same-origin', signal: options.signal }).catch(() => undefined);
  }
  const headers: Record<string, string> = { Accept: 'application/json', 'X-CSRFToken': readCookie('csrftoken') };
  if (method === 'POST') headers['Content-Type'] = 'application/json';
  const res = await fetch(apiUrl(path), {
    method,
    credentials: 'same-origin',
    headers,
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    signal: options.signal,
  });
  return parse<T>(res);
}
