import type { PersonalMessage } from '../state/types';

/** The one allowed poll of the app (ui.md §5, §7): personal messages every 3 s. */
export const MESSAGES_POLL_INTERVAL_MS = 3000;
/** How long the NEW MESSAGE(S) RECEIVED banner stays. */
export const NEW_MESSAGE_BANNER_MS = 3000;

/** Highest id seen, or null before any message. */
export function highestId(messages: readonly PersonalMessage[]): number | null {
  let max: number | null = null;
  for (const m of messages) if (typeof m.id === 'number' && (max === null || m.id > max)) max = m.id;
  return max;
}

export function messagesPath(since: number | null): string {
  return since === null ? 'api/messages/' : `api/messages/?since=${since}`;
}

/**
 * Put a poll's messages into the list: newest first (by id), no duplicates. Several new
 * messages from one poll keep newest-first order (the original reversed them).
 * Returns the new list and how many messages were really new.
 */
export function mergeMessages(
  current: readonly PersonalMessage[],
  incoming: readonly PersonalMessage[],
): { list: PersonalMessage[]; added: number } {
  const known = new Set(current.map((m) => m.id));
  const fresh = incoming.filter((m, i) => !known.has(m.id) && incoming.findIndex((x) => x.id === m.id) === i);
  if (fresh.length === 0) return { list: current as PersonalMessage[], added: 0 };
  const list = [...fresh, ...current].sort((a, b) => b.id - a.id);
  return { list, added: fresh.length };
}

const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'CRITICAL'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function normalizePriority(p: unknown): Priority {
  const up = String(p ?? '').toUpperCase();
  return (PRIORITIES as readonly string[]).includes(up) ? (up as Priority) : 'NORMAL';
}
