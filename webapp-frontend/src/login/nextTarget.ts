import { appRoot } from '../api/http';
import type { Role } from '../state/types';

/**
 * The syntax `next` must have: a relative path (no scheme, no leading "/" or "//", no
 * backslashes, which browsers read as "/", no control characters or leading blanks).
 */
export function isSafeNext(next: string | null | undefined): next is string {
  if (!next) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(next)) return false; // scheme (http:, javascript:, ...)
  if (next.startsWith('/')) return false; // absolute path or protocol-relative URL
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return false;
  if (/^\s/.test(next)) return false;
  return true;
}

/**
 * `next` as a path relative to the application root, or null when it is not a page of this
 * application. It is resolved against the root (the servlet context, e.g. "/charon/") the way
 * the browser will resolve it, so a ".." (or "%2e%2e") that climbs out of the context is
 * caught as well as another host or scheme: "../x" from "/charon/" would be "/x", another
 * application's path or a 404.
 */
export function confineNext(next: string | null | undefined, root: URL): string | null {
  if (!isSafeNext(next)) return null;
  let target: URL;
  try {
    target = new URL(next, root);
  } catch {
    return null;
  }
  if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) return null;
  return target.pathname.slice(root.pathname.length) + target.search + target.hash;
}

/** App-root-relative path to open after a successful login. */
export function afterLoginPath(next: string | null, role: Role, root: URL = appRoot()): string {
  return confineNext(next, root) ?? (role === 'GM' ? 'gmconsole/' : 'messages/');
}
