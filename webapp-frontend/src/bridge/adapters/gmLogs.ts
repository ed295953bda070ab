import { byNewest, logEntries, sessionLog, type SessionLog } from './logs';

/**
 * GET api/gm/bridge/logs/ → every session log with `visible` (players may read it). Assumed
 * shape: the player one with `visible: boolean` on each entry (and possibly
 * `visible_by_default`, the server's rule where the GM has not chosen). Without a boolean
 * `visible`, the default is used if given, else hidden.
 */
export interface GmSessionLog extends SessionLog {
  visible: boolean;
}

export function parseGmLogs(raw: unknown): GmSessionLog[] {
  return logEntries(raw)
    .map((r, i) => ({
      ...sessionLog(r, i),
      visible: typeof r.visible === 'boolean' ? r.visible : r.visible_by_default === true,
    }))
    .sort(byNewest);
}
