import type { Role } from '../state/types';

/**
 * Where to go after logging in. `next` is honoured only when it is a safe relative path
 * inside the app (no scheme, no leading "/" or "//", no backslashes or control
 * characters), so a crafted link cannot send the user to another site.
 */
export function isSafeNext(next: string | null | undefined): next is string {
  if (!next) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(next)) return false; // scheme (http:, javascript:, ...)
  if (next.startsWith('/')) return false; // absolute path or protocol-relative URL
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return false;
  if (/^\s/.test(next)) return false;
  return true;
}

/** App-root-relative path to open after a successful login. */
export function afterLoginPath(next: string | null, role: Role): string {
  if (isSafeNext(next)) return next;
  return role === 'GM' ? 'gmconsole/' : 'messages/';
}
