import type { CharonMessage, Draft } from './types';

/** Test data in the wire shapes of docs/charon.md. */

export function msg(id: string, seq: number, extra: Partial<CharonMessage> = {}): CharonMessage {
  const role = extra.role ?? 'charon';
  return {
    message_id: id,
    seq,
    role,
    content: `text ${id}`,
    timestamp: '2026-12-06T18:06:09.122Z',
    status: role === 'user' ? 'answered' : null,
    reply_to: null,
    ...extra,
  };
}

export function query(id: string, seq: number, content: string, status: CharonMessage['status'] = 'waiting'): CharonMessage {
  return msg(id, seq, { role: 'user', content, status });
}

export function draft(id: string, extra: Partial<Draft> = {}): Draft {
  return {
    pending_id: id,
    channel: 'story',
    query_id: null,
    query: null,
    gm_prompt: 'Warn about proximity',
    context_override: null,
    response: '',
    state: 'ready',
    error: null,
    source: 'model',
    model: 'test-model',
    prompt: {
      system: 'You are CHARON.',
      messages: [{ role: 'user', content: 'Warn about proximity' }],
      max_tokens: 200,
      temperature: 0.7,
    },
    timestamp: '2026-12-06T18:06:10Z',
    updated: '2026-12-06T18:06:10Z',
    ...extra,
  };
}

export function gmChannel(channel: string, extra: Record<string, unknown> = {}) {
  return {
    channel,
    messages: [],
    has_more: false,
    drafts: [],
    unread_count: 0,
    waiting_count: 0,
    pending_count: 0,
    ...extra,
  };
}

/** A GM snapshot event. */
export function gmSnapshot(seq: number, channels: ReturnType<typeof gmChannel>[], model: unknown = null) {
  return {
    type: 'snapshot',
    seq,
    model: model ?? { configured: true, provider: 'openai', model: 'llama3' },
    channels,
  };
}

/** A player snapshot event. */
export function playerSnapshot(seq: number, channel: string, messages: CharonMessage[]) {
  return { type: 'snapshot', seq, channel, messages };
}
