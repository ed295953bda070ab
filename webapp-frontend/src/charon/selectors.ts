import type { ChannelState, CharonState, Draft, HeldMessage } from './types';

/**
 * Derived views of the CHARON state. Pure; the ones that build objects are memoised on the
 * identity of their inputs (the reducer keeps unchanged channels identical), so components
 * reading them re-render only on real changes.
 */

const NO_MESSAGES: HeldMessage[] = [];
const NO_DRAFTS: Draft[] = [];

export function channelOf(state: CharonState, name: string): ChannelState | undefined {
  return name ? state.channels[name] : undefined;
}

export function messagesOf(state: CharonState, name: string): HeldMessage[] {
  return channelOf(state, name)?.messages ?? NO_MESSAGES;
}

export function draftsOf(state: CharonState, name: string): Draft[] {
  return channelOf(state, name)?.drafts ?? NO_DRAFTS;
}

/** Player queries of the channel still waiting for a reply (from pushed state, so it survives a reload). */
export function waitingCount(ch: ChannelState | undefined): number {
  if (!ch) return 0;
  let n = 0;
  for (const m of ch.messages) if (m.role === 'user' && m.status === 'waiting') n++;
  return n;
}

/** True while a query of the channel is waiting: the terminal shows "processing". */
export function hasWaitingQuery(ch: ChannelState | undefined): boolean {
  return !!ch && ch.messages.some((m) => m.role === 'user' && m.status === 'waiting');
}

/** Drafts in the channel's review queue (computed from the queue itself, never a stale counter). */
export function pendingCount(ch: ChannelState | undefined): number {
  return ch ? ch.drafts.length : 0;
}

/** A draft of the channel is being generated: the server answers generate/regenerate with 409. */
export function isGenerating(ch: ChannelState | undefined): boolean {
  return !!ch && ch.drafts.some((d) => d.state === 'generating');
}

export interface ChannelSummary {
  channel: string;
  unread: number;
  pending: number;
  waiting: number;
}

let lastChannels: CharonState['channels'] | null = null;
let lastOrder: CharonState['order'] | null = null;
let lastSummaries: ChannelSummary[] = [];

/** One row per channel, in list order. */
export function channelSummaries(state: CharonState): ChannelSummary[] {
  if (state.channels === lastChannels && state.order === lastOrder) return lastSummaries;
  lastChannels = state.channels;
  lastOrder = state.order;
  lastSummaries = state.order.flatMap((name) => {
    const ch = state.channels[name];
    return ch ? [{ channel: name, unread: ch.unread_count, pending: pendingCount(ch), waiting: waitingCount(ch) }] : [];
  });
  return lastSummaries;
}

export function summariesEqual(a: ChannelSummary[], b: ChannelSummary[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return x.channel === y.channel && x.unread === y.unread && x.pending === y.pending && x.waiting === y.waiting;
  });
}

export interface Badge {
  pending: number;
  waiting: number;
}

const NO_BADGE: Badge = { pending: 0, waiting: 0 };

/**
 * The VIEW CONTROLS badges (charon-computer.md §10, without its defect: computed from the
 * pushed queues of every channel, pending-only channels included): BRIDGE = `bridge`,
 * ENCOUNTER = every `encounter-*` channel, CHARON_TERMINAL = `story`.
 */
export function viewBadge(state: CharonState, viewType: string): Badge {
  const names =
    viewType === 'BRIDGE'
      ? ['bridge']
      : viewType === 'CHARON_TERMINAL'
        ? ['story']
        : viewType === 'ENCOUNTER'
          ? state.order.filter((n) => n.startsWith('encounter-'))
          : [];
  if (names.length === 0) return NO_BADGE;
  let pending = 0;
  let waiting = 0;
  for (const n of names) {
    const ch = state.channels[n];
    pending += pendingCount(ch);
    waiting += waitingCount(ch);
  }
  return pending === 0 && waiting === 0 ? NO_BADGE : { pending, waiting };
}

export function badgeEqual(a: Badge, b: Badge): boolean {
  return a.pending === b.pending && a.waiting === b.waiting;
}

/** The human label of a channel ("ENCOUNTER: USCSS MORRIGAN"). */
export function channelLabel(name: string): string {
  if (name === 'story') return 'STORY';
  if (name === 'bridge') return 'BRIDGE';
  if (name.startsWith('encounter-')) {
    return `ENCOUNTER: ${name.slice('encounter-'.length).replace(/[_-]/g, ' ').toUpperCase()}`;
  }
  return name.toUpperCase();
}
