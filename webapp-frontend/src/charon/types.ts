/**
 * CHARON, the ship's computer: the shapes of docs/charon.md as the SPA holds them.
 * Field names are the wire's (snake_case), so a payload is read without renaming.
 */

export type CharonRole = 'user' | 'charon';

/** `waiting` until a reply is approved/sent (`answered`) or every draft for it is rejected (`unanswered`). */
export type QueryStatus = 'waiting' | 'answered' | 'unanswered';

/** One line of a conversation (both projections). */
export interface CharonMessage {
  message_id: string;
  seq: number;
  role: CharonRole;
  content: string;
  /** UTC ISO-8601 */
  timestamp: string;
  /** set on `user` messages only */
  status: QueryStatus | null;
  reply_to: string | null;
}

/**
 * A message as held by the client. `live` marks a CHARON line that arrived by a `message`
 * event while this page was connected: only those are typed out on the terminal (never a
 * line of a snapshot, a reconnect or a reload — charon-computer.md §12).
 */
export interface HeldMessage extends CharonMessage {
  live: boolean;
}

export type DraftState = 'generating' | 'ready' | 'failed';

export interface PromptTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** The exact request a draft was generated from (shown to the GM under "Prompt sent"). */
export interface DraftPrompt {
  system: string;
  messages: PromptTurn[];
  max_tokens: number;
  temperature: number;
}

/** A reply waiting for the GM's review (GM projection only). */
export interface Draft {
  pending_id: string;
  channel: string;
  query_id: string | null;
  query: string | null;
  gm_prompt: string | null;
  context_override: string | null;
  response: string;
  state: DraftState;
  error: string | null;
  source: 'model' | 'fallback' | null;
  model: string | null;
  prompt: DraftPrompt | null;
  timestamp: string;
  updated: string;
}

/** The GM's model line; the API key never leaves the server. */
export interface ModelInfo {
  configured: boolean;
  provider: string | null;
  model: string | null;
}

/** One channel as held by the client (the player projection fills only `messages`). */
export interface ChannelState {
  channel: string;
  /** ordered by `seq` */
  messages: HeldMessage[];
  /** older messages exist on the server than the ones held */
  has_more: boolean;
  /** in order of arrival (oldest first) */
  drafts: Draft[];
  /** from the server (snapshot, channel, read); new player queries add one each */
  unread_count: number;
}

export interface CharonState {
  /** the `seq` of the last event applied; null before the first */
  seq: number | null;
  /** a snapshot has arrived on this connection's page */
  ready: boolean;
  /** channel name → channel */
  channels: Record<string, ChannelState>;
  /** channel names in list order (the server's order, then new ones as they appear) */
  order: string[];
  /** the player snapshot's channel (the one on screen); '' on the GM side */
  shown: string;
  /** GM only */
  model: ModelInfo | null;
}

/** A valid channel name (the server's rule). */
export const CHANNEL_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Longest player query the server takes. */
export const MAX_QUERY_CHARS = 500;

/** Longest GM line (send, approve edited) the server takes. */
export const MAX_SEND_CHARS = 4000;
