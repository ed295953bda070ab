import { ApiError } from '../api/http';
import type { Gm } from './gm';

/**
 * The GM's CHARON writes (docs/charon.md, "Routes"). None of them changes the active view,
 * so they are plain requests: the server pushes the outcome as `charon` events and the
 * store follows the stream, never the answer.
 */
export function channelPath(channel: string, action: string): string {
  return `api/gm/charon/${encodeURIComponent(channel)}/${action}`;
}

export const CHANNELS_PATH = 'api/gm/charon/channels';

/**
 * Send one write; on success an ok notice (when given), on failure an error notice with the
 * server's words. Resolves to whether it worked (a 401 already went to the login page).
 */
export async function charonWrite(gm: Gm, path: string, body: unknown, ok: string, failed: string): Promise<boolean> {
  try {
    await gm.actions.send(path, body);
    if (ok) gm.actions.notify('ok', ok);
    return true;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      gm.actions.notify('error', `${failed}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return false;
  }
}

/** Local time of a UTC ISO timestamp; '' when it cannot be read. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return d.toLocaleString();
}
