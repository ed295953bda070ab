import { replaceEqualDeep } from '../state/share';
import type {
  ChannelState,
  CharonMessage,
  CharonState,
  Draft,
  DraftPrompt,
  DraftState,
  HeldMessage,
  ModelInfo,
  PromptTurn,
  QueryStatus,
} from './types';

/**
 * The CHARON part of a page's state, driven by the `charon` events of its stream
 * (docs/charon.md, "Events"). Pure; the same reducer serves the player projection (one
 * channel, messages only) and the GM projection (every channel, drafts, model).
 *
 *  - a `snapshot` replaces everything, whatever its `seq`: it is the server's whole truth,
 *    sent first on every (re)connect and when the player's channel changes. (There is no
 *    epoch: after a server restart `seq` may start lower, and the snapshot must still win.)
 *  - any other event is applied only when its `seq` is above the one held, else dropped;
 *    one without a number cannot be ordered and is dropped too.
 *  - an event that changes nothing (a `draft-text` at the wrong offset, an unknown `type`)
 *    still moves the held `seq` on: `seq` is one counter over all changes.
 *
 * Malformed fields get safe defaults so a component never meets an odd shape.
 */

/** Messages kept per channel (the server sends the last 200; live lines add to them). */
export const MAX_HELD_MESSAGES = 500;

export function initialCharonState(): CharonState {
  return { seq: null, ready: false, channels: {}, order: [], shown: '', model: null };
}

export function charonReducer(state: CharonState, event: unknown): CharonState {
  if (!isObject(event)) return state;
  const type = event.type;
  if (type === 'snapshot') return applySnapshot(state, event);
  const seq = finite(event.seq);
  if (seq === null) return state;
  if (state.seq !== null && seq <= state.seq) return state;
  const next = applyChange(state, type, event);
  return { ...next, seq };
}

function applySnapshot(state: CharonState, event: Record<string, unknown>): CharonState {
  const seq = finite(event.seq);
  let channels: Record<string, ChannelState> = {};
  let order: string[] = [];
  let shown = '';
  let model: ModelInfo | null = null;
  if (Array.isArray(event.channels)) {
    // GM: every listed channel, and the model line
    for (const raw of event.channels) {
      const ch = toChannel(raw);
      if (!ch || channels[ch.channel]) continue;
      channels[ch.channel] = ch;
      order.push(ch.channel);
    }
    model = toModel(event.model);
  } else {
    // player: the channel on screen only
    shown = str(event.channel);
    if (shown) {
      channels[shown] = emptyChannel(shown, toMessages(event.messages));
      order = [shown];
    }
  }
  // unchanged channels keep their identity, so their components skip rendering
  channels = replaceEqualDeep(state.channels, channels);
  order = replaceEqualDeep(state.order, order);
  model = replaceEqualDeep(state.model, model);
  return { seq, ready: true, channels, order, shown, model };
}

function applyChange(state: CharonState, type: unknown, event: Record<string, unknown>): CharonState {
  const name = str(event.channel);
  switch (type) {
    case 'message': {
      const message = toMessage(event.message);
      if (!name || !message) return state;
      return withChannel(state, name, (ch) => upsertMessage(ch, message));
    }
    case 'cleared':
      if (!name) return state;
      // The server deletes the channel's conversation and its pending drafts (docs/charon.md).
      return withChannel(state, name, (ch) =>
        ch.messages.length === 0 && ch.unread_count === 0 && !ch.has_more && ch.drafts.length === 0
          ? ch
          : { ...ch, messages: [], drafts: [], has_more: false, unread_count: 0 },
      );
    case 'channel': {
      const ch = toChannel(event);
      if (!ch) return state;
      return withChannel(state, ch.channel, (old) => replaceEqualDeep(old, ch));
    }
    case 'draft': {
      const draft = toDraft(event.draft, name);
      if (!draft) return state;
      return withChannel(state, name || draft.channel, (ch) => upsertDraft(ch, draft));
    }
    case 'draft-text': {
      const id = str(event.pending_id);
      const offset = finite(event.offset);
      const text = str(event.text);
      if (!name || !id || offset === null || !state.channels[name]) return state;
      return withChannel(state, name, (ch) => {
        const i = ch.drafts.findIndex((d) => d.pending_id === id);
        // append only right where the held text ends; anything else waits for the `draft`
        // event that ends the generation (it carries the whole text)
        if (i < 0 || ch.drafts[i].response.length !== offset || !text) return ch;
        const drafts = ch.drafts.slice();
        drafts[i] = { ...drafts[i], response: drafts[i].response + text };
        return { ...ch, drafts };
      });
    }
    case 'draft-removed': {
      const id = str(event.pending_id);
      if (!name || !id || !state.channels[name]) return state;
      return withChannel(state, name, (ch) => {
        const drafts = ch.drafts.filter((d) => d.pending_id !== id);
        return drafts.length === ch.drafts.length ? ch : { ...ch, drafts };
      });
    }
    case 'read': {
      const unread = finite(event.unread_count);
      if (!name || unread === null) return state;
      return withChannel(state, name, (ch) => (ch.unread_count === unread ? ch : { ...ch, unread_count: unread }));
    }
    default:
      return state; // a type this client does not know yet
  }
}

/** Apply `fn` to one channel (created empty if it is new); the same state when nothing changed. */
function withChannel(state: CharonState, name: string, fn: (ch: ChannelState) => ChannelState): CharonState {
  const old = state.channels[name];
  const next = fn(old ?? emptyChannel(name, []));
  if (old && next === old) return state;
  return {
    ...state,
    channels: { ...state.channels, [name]: next },
    order: old ? state.order : [...state.order, name],
  };
}

/**
 * Upsert by `message_id`. An update (a query's status change) stays where it is and keeps its
 * `live` mark; a new message is put in `seq` order, marked live when it is a CHARON line.
 */
function upsertMessage(ch: ChannelState, message: CharonMessage): ChannelState {
  const i = ch.messages.findIndex((m) => m.message_id === message.message_id);
  if (i >= 0) {
    const held = replaceEqualDeep(ch.messages[i], { ...message, live: ch.messages[i].live });
    if (held === ch.messages[i]) return ch;
    const messages = ch.messages.slice();
    messages[i] = held;
    return { ...ch, messages };
  }
  const held: HeldMessage = { ...message, live: message.role === 'charon' };
  let at = ch.messages.length;
  while (at > 0 && ch.messages[at - 1].seq > held.seq) at--;
  let messages = [...ch.messages.slice(0, at), held, ...ch.messages.slice(at)];
  let hasMore = ch.has_more;
  if (messages.length > MAX_HELD_MESSAGES) {
    messages = messages.slice(messages.length - MAX_HELD_MESSAGES);
    hasMore = true;
  }
  // the contract sends no count with a message: a new player query is one more unread line
  const unread = ch.unread_count + (held.role === 'user' ? 1 : 0);
  return { ...ch, messages, has_more: hasMore, unread_count: unread };
}

function upsertDraft(ch: ChannelState, draft: Draft): ChannelState {
  const i = ch.drafts.findIndex((d) => d.pending_id === draft.pending_id);
  if (i < 0) return { ...ch, drafts: [...ch.drafts, draft] };
  const shared = replaceEqualDeep(ch.drafts[i], draft);
  if (shared === ch.drafts[i]) return ch;
  const drafts = ch.drafts.slice();
  drafts[i] = shared;
  return { ...ch, drafts };
}

// ---- reading payloads ----

function emptyChannel(channel: string, messages: HeldMessage[]): ChannelState {
  return { channel, messages, has_more: false, drafts: [], unread_count: 0 };
}

function toChannel(raw: unknown): ChannelState | null {
  if (!isObject(raw)) return null;
  const channel = str(raw.channel);
  if (!channel) return null;
  const drafts: Draft[] = [];
  if (Array.isArray(raw.drafts)) {
    for (const d of raw.drafts) {
      const draft = toDraft(d, channel);
      if (draft && !drafts.some((x) => x.pending_id === draft.pending_id)) drafts.push(draft);
    }
  }
  return {
    channel,
    messages: toMessages(raw.messages),
    has_more: raw.has_more === true,
    drafts,
    unread_count: Math.max(0, finite(raw.unread_count) ?? 0),
  };
}

/** Messages of a snapshot: none is live; sorted by `seq`, one per id. */
function toMessages(raw: unknown): HeldMessage[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: HeldMessage[] = [];
  for (const m of raw) {
    const message = toMessage(m);
    if (!message || seen.has(message.message_id)) continue;
    seen.add(message.message_id);
    out.push({ ...message, live: false });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

const STATUSES: readonly QueryStatus[] = ['waiting', 'answered', 'unanswered'];
const DRAFT_STATES: readonly DraftState[] = ['generating', 'ready', 'failed'];

function toMessage(raw: unknown): CharonMessage | null {
  if (!isObject(raw)) return null;
  const id = str(raw.message_id);
  if (!id) return null;
  const role = raw.role === 'user' ? 'user' : 'charon';
  const status = STATUSES.includes(raw.status as QueryStatus) ? (raw.status as QueryStatus) : null;
  return {
    message_id: id,
    seq: finite(raw.seq) ?? 0,
    role,
    content: str(raw.content),
    timestamp: str(raw.timestamp),
    status: role === 'user' ? status : null,
    reply_to: str(raw.reply_to) || null,
  };
}

function toDraft(raw: unknown, channel: string): Draft | null {
  if (!isObject(raw)) return null;
  const id = str(raw.pending_id);
  if (!id) return null;
  const state = DRAFT_STATES.includes(raw.state as DraftState) ? (raw.state as DraftState) : 'ready';
  const source = raw.source === 'model' || raw.source === 'fallback' ? raw.source : null;
  return {
    pending_id: id,
    channel: str(raw.channel, channel) || channel,
    query_id: str(raw.query_id) || null,
    query: typeof raw.query === 'string' ? raw.query : null,
    gm_prompt: typeof raw.gm_prompt === 'string' ? raw.gm_prompt : null,
    context_override: typeof raw.context_override === 'string' ? raw.context_override : null,
    response: str(raw.response),
    state,
    error: typeof raw.error === 'string' && raw.error ? raw.error : null,
    source,
    model: typeof raw.model === 'string' && raw.model ? raw.model : null,
    prompt: toPrompt(raw.prompt),
    timestamp: str(raw.timestamp),
    updated: str(raw.updated),
  };
}

function toPrompt(raw: unknown): DraftPrompt | null {
  if (!isObject(raw)) return null;
  const messages: PromptTurn[] = Array.isArray(raw.messages)
    ? raw.messages.flatMap((t) =>
        isObject(t) ? [{ role: t.role === 'assistant' ? 'assistant' : 'user', content: str(t.content) } as PromptTurn] : [],
      )
    : [];
  return {
    system: str(raw.system),
    messages,
    max_tokens: finite(raw.max_tokens) ?? 0,
    temperature: finite(raw.temperature) ?? 0,
  };
}

function toModel(raw: unknown): ModelInfo | null {
  if (!isObject(raw)) return null;
  return {
    configured: raw.configured === true,
    provider: str(raw.provider) || null,
    model: str(raw.model) || null,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
