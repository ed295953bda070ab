import { describe, expect, it } from 'vitest';
import { draft, gmChannel, gmSnapshot, msg, playerSnapshot, query } from './fixtures';
import { charonReducer, initialCharonState, MAX_HELD_MESSAGES } from './reducer';
import {
  channelSummaries,
  hasWaitingQuery,
  isGenerating,
  pendingCount,
  viewBadge,
  waitingCount,
} from './selectors';
import type { CharonState } from './types';

function run(...events: unknown[]): CharonState {
  return events.reduce<CharonState>((s, e) => charonReducer(s, e), initialCharonState());
}

const ids = (s: CharonState, ch: string) => s.channels[ch].messages.map((m) => m.message_id);

describe('charonReducer: snapshots', () => {
  it('player snapshot: holds the one channel on screen, sorted by seq, nothing live', () => {
    const s = run(playerSnapshot(9, 'story', [msg('b', 8), query('a', 7, 'hello?')]));
    expect(s.ready).toBe(true);
    expect(s.seq).toBe(9);
    expect(s.shown).toBe('story');
    expect(s.order).toEqual(['story']);
    expect(ids(s, 'story')).toEqual(['a', 'b']);
    expect(s.channels.story.messages.every((m) => !m.live)).toBe(true);
    expect(s.model).toBeNull();
  });

  it('GM snapshot: every channel in the server order, drafts and the model line', () => {
    const s = run(
      gmSnapshot(20, [
        gmChannel('story', { messages: [msg('m1', 3)], unread_count: 2, drafts: [draft('d1')] }),
        gmChannel('bridge', { has_more: true }),
      ]),
    );
    expect(s.order).toEqual(['story', 'bridge']);
    expect(s.channels.story.unread_count).toBe(2);
    expect(s.channels.story.drafts.map((d) => d.pending_id)).toEqual(['d1']);
    expect(s.channels.bridge.has_more).toBe(true);
    expect(s.model).toEqual({ configured: true, provider: 'openai', model: 'llama3' });
    expect(s.shown).toBe('');
  });

  it('a snapshot replaces everything, even with a lower seq (no epoch: the server may have restarted)', () => {
    const s1 = run(playerSnapshot(50, 'story', [msg('old', 40)]), { type: 'message', seq: 51, channel: 'story', message: msg('x', 51) });
    const s2 = charonReducer(s1, playerSnapshot(3, 'bridge', [msg('new', 2)]));
    expect(s2.order).toEqual(['bridge']);
    expect(s2.channels.story).toBeUndefined();
    expect(ids(s2, 'bridge')).toEqual(['new']);
    expect(s2.seq).toBe(3);
    // and the events after it are ordered against the new seq
    const s3 = charonReducer(s2, { type: 'message', seq: 4, channel: 'bridge', message: msg('n2', 4) });
    expect(ids(s3, 'bridge')).toEqual(['new', 'n2']);
  });

  it('a reconnect snapshot turns live lines into plain ones (they are not typed again)', () => {
    const s1 = run(playerSnapshot(1, 'story', []), { type: 'message', seq: 2, channel: 'story', message: msg('m', 2) });
    expect(s1.channels.story.messages[0].live).toBe(true);
    const s2 = charonReducer(s1, playerSnapshot(2, 'story', [msg('m', 2)]));
    expect(s2.channels.story.messages[0].live).toBe(false);
  });

  it('an identical snapshot keeps the identity of unchanged channels', () => {
    const snap = gmSnapshot(5, [gmChannel('story', { messages: [msg('m1', 1)] }), gmChannel('bridge')]);
    const s1 = run(snap);
    const s2 = charonReducer(s1, {
      ...snap,
      channels: [gmChannel('story', { messages: [msg('m1', 1)] }), gmChannel('bridge', { unread_count: 1 })],
    });
    expect(s2.channels.story).toBe(s1.channels.story);
    expect(s2.channels.bridge).not.toBe(s1.channels.bridge);
  });

  it('malformed parts get safe defaults; entries without ids are skipped', () => {
    const s = run({
      type: 'snapshot',
      seq: 1,
      model: 'nonsense',
      channels: [
        {
          channel: 'story',
          messages: [{ message_id: 'a', seq: 'x', role: 'robot', content: 5 }, { seq: 2 }, 7],
          drafts: [{ nope: 1 }, { pending_id: 'd', state: 'weird' }],
        },
        { nochannel: true },
        'junk',
      ],
    });
    expect(s.order).toEqual(['story']);
    expect(s.channels.story.messages).toEqual([
      { message_id: 'a', seq: 0, role: 'charon', content: '', timestamp: '', status: null, reply_to: null, live: false },
    ]);
    expect(s.channels.story.drafts).toHaveLength(1);
    expect(s.channels.story.drafts[0]).toMatchObject({ pending_id: 'd', state: 'ready', channel: 'story', prompt: null });
    expect(s.model).toBeNull();
  });

  it('ignores things that are not events', () => {
    const s0 = initialCharonState();
    expect(charonReducer(s0, null)).toBe(s0);
    expect(charonReducer(s0, [1])).toBe(s0);
    expect(charonReducer(s0, 'snapshot')).toBe(s0);
  });
});

describe('charonReducer: ordering by seq', () => {
  const base = () => run(playerSnapshot(10, 'story', [msg('m1', 5)]));

  it('drops an event whose seq is not above the one held (same state object)', () => {
    const s = base();
    expect(charonReducer(s, { type: 'message', seq: 10, channel: 'story', message: msg('dup', 10) })).toBe(s);
    expect(charonReducer(s, { type: 'message', seq: 3, channel: 'story', message: msg('old', 3) })).toBe(s);
    expect(charonReducer(s, { type: 'cleared', seq: 9, channel: 'story' })).toBe(s);
  });

  it('drops an event without a numeric seq', () => {
    const s = base();
    expect(charonReducer(s, { type: 'cleared', channel: 'story' })).toBe(s);
    expect(charonReducer(s, { type: 'cleared', seq: '11', channel: 'story' })).toBe(s);
  });

  it('accepts gaps (the player stream skips GM-only events)', () => {
    const s = charonReducer(base(), { type: 'message', seq: 17, channel: 'story', message: msg('m2', 17) });
    expect(ids(s, 'story')).toEqual(['m1', 'm2']);
    expect(s.seq).toBe(17);
  });

  it('an event that changes nothing still moves seq on', () => {
    const s0 = base();
    const s = charonReducer(s0, { type: 'something-new', seq: 12, channel: 'story' });
    expect(s.seq).toBe(12);
    expect(s.channels).toBe(s0.channels);
  });
});

describe('charonReducer: messages', () => {
  it('appends a live CHARON line; a player query is not live and counts as unread', () => {
    const s = run(
      gmSnapshot(1, [gmChannel('story', { unread_count: 1 })]),
      { type: 'message', seq: 2, channel: 'story', message: query('q', 2, 'where are we?') },
      { type: 'message', seq: 3, channel: 'story', message: msg('c', 3, { reply_to: 'q' }) },
    );
    expect(s.channels.story.messages.map((m) => [m.message_id, m.live])).toEqual([
      ['q', false],
      ['c', true],
    ]);
    expect(s.channels.story.unread_count).toBe(2);
    expect(s.channels.story.messages[1].reply_to).toBe('q');
  });

  it('upserts by message_id: a status change updates in place and keeps the live mark', () => {
    const s1 = run(
      playerSnapshot(1, 'story', []),
      { type: 'message', seq: 2, channel: 'story', message: msg('c1', 2) },
      { type: 'message', seq: 3, channel: 'story', message: query('q', 3, 'hello') },
      { type: 'message', seq: 4, channel: 'story', message: msg('c2', 4) },
    );
    const s2 = charonReducer(s1, { type: 'message', seq: 5, channel: 'story', message: query('q', 3, 'hello', 'unanswered') });
    expect(ids(s2, 'story')).toEqual(['c1', 'q', 'c2']);
    expect(s2.channels.story.messages[1].status).toBe('unanswered');
    expect(s2.channels.story.messages[0]).toBe(s1.channels.story.messages[0]);
    // an unchanged repeat changes nothing but seq
    const s3 = charonReducer(s2, { type: 'message', seq: 6, channel: 'story', message: query('q', 3, 'hello', 'unanswered') });
    expect(s3.channels).toBe(s2.channels);
    expect(s3.seq).toBe(6);
    // an update of a CHARON line already typed does not make it live again, nor count unread
    const s4 = charonReducer(s3, { type: 'message', seq: 7, channel: 'story', message: msg('c1', 2, { content: 'fixed' }) });
    expect(s4.channels.story.messages[0]).toMatchObject({ content: 'fixed', live: true });
    expect(s4.channels.story.unread_count).toBe(s3.channels.story.unread_count);
  });

  it('inserts a message in seq order even when it arrives after a later one', () => {
    const s = run(
      playerSnapshot(1, 'story', [msg('a', 1)]),
      { type: 'message', seq: 10, channel: 'story', message: msg('c', 10) },
      { type: 'message', seq: 11, channel: 'story', message: msg('b', 5) },
    );
    expect(ids(s, 'story')).toEqual(['a', 'b', 'c']);
  });

  it('a message for a channel not held yet creates it at the end of the list', () => {
    const s = run(gmSnapshot(1, [gmChannel('story')]), { type: 'message', seq: 2, channel: 'encounter-x', message: msg('m', 2) });
    expect(s.order).toEqual(['story', 'encounter-x']);
    expect(ids(s, 'encounter-x')).toEqual(['m']);
  });

  it('keeps at most MAX_HELD_MESSAGES per channel and then says there are more', () => {
    let s = run(playerSnapshot(0, 'story', []));
    for (let i = 1; i <= MAX_HELD_MESSAGES + 3; i++) {
      s = charonReducer(s, { type: 'message', seq: i, channel: 'story', message: msg(`m${i}`, i) });
    }
    expect(s.channels.story.messages).toHaveLength(MAX_HELD_MESSAGES);
    expect(s.channels.story.messages[0].message_id).toBe('m4');
    expect(s.channels.story.has_more).toBe(true);
  });

  it('ignores a message event without a message or channel (seq still moves)', () => {
    const s0 = run(playerSnapshot(1, 'story', []));
    const s = charonReducer(s0, { type: 'message', seq: 2, channel: 'story', message: { content: 'no id' } });
    expect(s.channels).toBe(s0.channels);
    expect(s.seq).toBe(2);
  });
});

describe('charonReducer: cleared, channel, read', () => {
  it('cleared empties the conversation, its drafts and the unread count', () => {
    const s = run(
      gmSnapshot(1, [gmChannel('story', { messages: [msg('a', 1)], has_more: true, unread_count: 3, drafts: [draft('d')] })]),
      { type: 'cleared', seq: 2, channel: 'story' },
    );
    expect(s.channels.story.messages).toEqual([]);
    expect(s.channels.story.has_more).toBe(false);
    expect(s.channels.story.unread_count).toBe(0);
    expect(s.channels.story.drafts).toHaveLength(0);
  });

  it('channel adds a channel to the list with its fields, or replaces the one held', () => {
    const s1 = run(gmSnapshot(1, [gmChannel('story')]), {
      type: 'channel',
      seq: 2,
      ...gmChannel('cargo-bay', { unread_count: 1, drafts: [draft('d', { channel: 'cargo-bay' })] }),
    });
    expect(s1.order).toEqual(['story', 'cargo-bay']);
    expect(s1.channels['cargo-bay'].unread_count).toBe(1);
    expect(pendingCount(s1.channels['cargo-bay'])).toBe(1);
    const s2 = charonReducer(s1, { type: 'channel', seq: 3, ...gmChannel('story', { messages: [msg('z', 3)] }) });
    expect(s2.order).toEqual(['story', 'cargo-bay']);
    expect(ids(s2, 'story')).toEqual(['z']);
  });

  it('read sets the unread count', () => {
    const s = run(gmSnapshot(1, [gmChannel('story', { unread_count: 4 })]), { type: 'read', seq: 2, channel: 'story', unread_count: 0 });
    expect(s.channels.story.unread_count).toBe(0);
  });
});

describe('charonReducer: drafts', () => {
  const start = () =>
    run(gmSnapshot(1, [gmChannel('story')]), {
      type: 'draft',
      seq: 2,
      channel: 'story',
      draft: draft('d1', { state: 'generating', response: '' }),
    });

  it('draft upserts by pending_id, in order of arrival', () => {
    let s = start();
    s = charonReducer(s, { type: 'draft', seq: 3, channel: 'story', draft: draft('d2') });
    s = charonReducer(s, { type: 'draft', seq: 4, channel: 'story', draft: draft('d1', { state: 'ready', response: 'ALL CLEAR.' }) });
    expect(s.channels.story.drafts.map((d) => [d.pending_id, d.state, d.response])).toEqual([
      ['d1', 'ready', 'ALL CLEAR.'],
      ['d2', 'ready', ''],
    ]);
  });

  it('draft-text appends only when offset equals the length held', () => {
    let s = start();
    s = charonReducer(s, { type: 'draft-text', seq: 3, channel: 'story', pending_id: 'd1', offset: 0, text: 'PROX' });
    s = charonReducer(s, { type: 'draft-text', seq: 4, channel: 'story', pending_id: 'd1', offset: 4, text: 'IMITY' });
    expect(s.channels.story.drafts[0].response).toBe('PROXIMITY');
    // a repeat, a gap: ignored
    const same = charonReducer(s, { type: 'draft-text', seq: 5, channel: 'story', pending_id: 'd1', offset: 4, text: 'IMITY' });
    expect(same.channels).toBe(s.channels);
    expect(same.seq).toBe(5);
    const gap = charonReducer(same, { type: 'draft-text', seq: 6, channel: 'story', pending_id: 'd1', offset: 20, text: 'X' });
    expect(gap.channels.story.drafts[0].response).toBe('PROXIMITY');
    // the draft event that ends the generation brings the whole text
    const done = charonReducer(gap, {
      type: 'draft',
      seq: 7,
      channel: 'story',
      draft: draft('d1', { state: 'ready', response: 'PROXIMITY ALERT. X' }),
    });
    expect(done.channels.story.drafts[0]).toMatchObject({ state: 'ready', response: 'PROXIMITY ALERT. X' });
  });

  it('draft-text for an unknown draft or channel changes nothing', () => {
    const s = start();
    const text = (channel: string, pending_id: string) => ({ type: 'draft-text', seq: 3, channel, pending_id, offset: 0, text: 'a' });
    expect(charonReducer(s, text('story', 'zz')).channels).toBe(s.channels);
    expect(charonReducer(s, text('nope', 'd1')).channels).toBe(s.channels);
  });

  it('draft-removed removes the draft (approved or rejected)', () => {
    let s = charonReducer(start(), { type: 'draft', seq: 3, channel: 'story', draft: draft('d2') });
    s = charonReducer(s, { type: 'draft-removed', seq: 4, channel: 'story', pending_id: 'd1', outcome: 'rejected' });
    expect(s.channels.story.drafts.map((d) => d.pending_id)).toEqual(['d2']);
    s = charonReducer(s, { type: 'draft-removed', seq: 5, channel: 'story', pending_id: 'd2', outcome: 'approved' });
    expect(s.channels.story.drafts).toEqual([]);
  });

  it('a failed draft keeps its error for the GM', () => {
    const s = charonReducer(start(), {
      type: 'draft',
      seq: 3,
      channel: 'story',
      draft: draft('d1', { state: 'failed', error: 'model timed out after 60 s' }),
    });
    expect(s.channels.story.drafts[0]).toMatchObject({ state: 'failed', error: 'model timed out after 60 s' });
  });
});

describe('selectors', () => {
  const state = () =>
    run(
      gmSnapshot(1, [
        gmChannel('story', {
          messages: [query('q1', 1, 'a'), query('q2', 2, 'b', 'answered')],
          drafts: [draft('d1', { state: 'generating' })],
        }),
        gmChannel('bridge', { drafts: [draft('d2', { channel: 'bridge' }), draft('d3', { channel: 'bridge' })] }),
        gmChannel('encounter-morrigan', { messages: [query('q3', 3, 'c')] }),
        gmChannel('encounter-station', { drafts: [draft('d4', { channel: 'encounter-station' })], messages: [query('q4', 4, 'd')] }),
      ]),
    );

  it('waiting, pending and generating come from the pushed messages and queues', () => {
    const s = state();
    expect(waitingCount(s.channels.story)).toBe(1);
    expect(hasWaitingQuery(s.channels.story)).toBe(true);
    expect(hasWaitingQuery(s.channels.bridge)).toBe(false);
    expect(pendingCount(s.channels.bridge)).toBe(2);
    expect(isGenerating(s.channels.story)).toBe(true);
    expect(isGenerating(s.channels.bridge)).toBe(false);
  });

  it('a rejected query (unanswered) no longer counts as waiting', () => {
    const s = charonReducer(state(), { type: 'message', seq: 9, channel: 'story', message: query('q1', 1, 'a', 'unanswered') });
    expect(hasWaitingQuery(s.channels.story)).toBe(false);
  });

  it('view badges: BRIDGE = bridge, ENCOUNTER = every encounter-*, CHARON_TERMINAL = story', () => {
    const s = state();
    expect(viewBadge(s, 'BRIDGE')).toEqual({ pending: 2, waiting: 0 });
    expect(viewBadge(s, 'ENCOUNTER')).toEqual({ pending: 1, waiting: 2 });
    expect(viewBadge(s, 'CHARON_TERMINAL')).toEqual({ pending: 1, waiting: 1 });
    expect(viewBadge(s, 'STANDBY')).toEqual({ pending: 0, waiting: 0 });
  });

  it('channel summaries in list order, memoised while nothing changed', () => {
    const s = state();
    const a = channelSummaries(s);
    expect(a.map((x) => `${x.channel}:${x.unread}/${x.pending}/${x.waiting}`)).toEqual([
      'story:0/1/1',
      'bridge:0/2/0',
      'encounter-morrigan:0/0/1',
      'encounter-station:0/1/1',
    ]);
    expect(channelSummaries(s)).toBe(a);
  });
});
