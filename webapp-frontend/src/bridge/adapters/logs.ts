import { firstText, names, numOrNull, obj, objects, text, type Raw } from './common';

/**
 * GET api/bridge/logs/ → the session logs players may read. Assumed shape (the server's
 * BridgeJson): `{sessions: [{session, session_number, date, title, location, npcs, body,
 * filename}]}`, `session` being the log's id (its file name). Tolerated: a bare array,
 * `logs` for `sessions`, `number` for `session_number`, `file`/`filename` for the id,
 * `npcs` as a comma-separated string. Sorted newest first (by number; logs without one last).
 */
export interface SessionLog {
  /** the id the GM's visibility toggle names (the file name) */
  id: string;
  number: number | null;
  date: string;
  title: string;
  location: string;
  npcs: string[];
  /** Markdown, rendered as text-only markup (SafeMarkdown) */
  body: string;
}

export function sessionLog(r: Raw, index: number): SessionLog {
  const number = numOrNull(r.session_number ?? r.number);
  const id = firstText(r, 'session', 'filename', 'file', 'id') || (number !== null ? `session-${number}` : `log-${index + 1}`);
  return {
    id,
    number,
    // the date's first word ("2211-03-09 evening" → "2211-03-09"), as the server does
    date: text(r.date).split(/\s+/)[0] ?? '',
    title: text(r.title),
    location: text(r.location),
    npcs: names(r.npcs),
    body: typeof r.body === 'string' ? r.body : '',
  };
}

export function byNewest<T extends { number: number | null }>(a: T, b: T): number {
  return (b.number ?? -Infinity) - (a.number ?? -Infinity);
}

export function logEntries(raw: unknown): Raw[] {
  if (Array.isArray(raw)) return objects(raw);
  const r = obj(raw);
  return objects(r.sessions ?? r.logs);
}

export function parseLogs(raw: unknown): SessionLog[] {
  return logEntries(raw).map(sessionLog).sort(byNewest);
}

/** The list heading of a log: "SESSION 3: TITLE", or the title alone. */
export function logHeading(l: SessionLog): string {
  const t = l.title.toUpperCase();
  if (l.number === null) return t || l.id.toUpperCase();
  return t ? `SESSION ${l.number}: ${t}` : `SESSION ${l.number}`;
}
