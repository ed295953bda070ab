import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { draft, gmChannel, gmSnapshot, msg, query } from '../charon/fixtures';
import type { ActiveView } from '../state/types';
import { FakeEventSource } from '../test/FakeEventSource';
import { activeView } from '../test/fixtures';
import { createGmActions, type Poster } from './actions';
import { CharonPanel } from './CharonPanel';
import type { Gm } from './gm';
import { GmConsoleApp } from './GmConsoleApp';
import { Notices } from './Notices';
import { createGmStore } from './store';
import { ViewControls } from './ViewControls';

interface Sent {
  path: string;
  body: Record<string, unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

let posts: Sent[];
let post: Poster;

/** Writes to `path` (the automatic mark-read ones aside, unless asked for). */
function sentTo(path: string): Sent[] {
  return posts.filter((p) => p.path === path);
}

function only(path: string): Sent {
  const list = sentTo(path);
  expect(list).toHaveLength(1);
  return list[0];
}

async function reply(p: Sent, value: unknown) {
  await act(async () => {
    p.resolve(value);
    await Promise.resolve();
  });
}

async function refuse(p: Sent, status: number, message: string) {
  await act(async () => {
    p.reject(new ApiError(status, message));
    await Promise.resolve();
  });
}

const HOSTILE = '<img src=x onerror=alert(1)>';

function setup(view: Partial<ActiveView> = {}) {
  const store = createGmStore();
  const toLogin = vi.fn();
  const gm: Gm = { store, actions: createGmActions(store, toLogin, post), toLogin };
  render(
    <>
      <ViewControls gm={gm} />
      <CharonPanel gm={gm} locations={[]} />
      <Notices store={store} />
    </>,
  );
  act(() => store.dispatch({ type: 'snapshot', snapshot: activeView({ version: 2, charon_active_channel: 'story', ...view }) }));
  const charon = (event: unknown) => act(() => store.dispatch({ type: 'charon', event }));
  return { store, gm, charon, toLogin };
}

const storyWithDraft = (extra: Parameters<typeof draft>[1] = {}) =>
  gmSnapshot(10, [
    gmChannel('story', {
      messages: [query('q1', 1, 'What is that noise?')],
      drafts: [
        draft('d1', { query_id: 'q1', query: 'What is that noise?', gm_prompt: null, response: 'HULL STRESS NOMINAL.', ...extra }),
      ],
    }),
    gmChannel('bridge'),
  ]);

const draftCard = () => screen.getByTestId('charon-draft');

describe('GM console: CHARON panel', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    posts = [];
    post = (<T,>(path: string, body: unknown) =>
      new Promise<T>((resolve, reject) => {
        posts.push({ path, body: body as Record<string, unknown>, resolve: resolve as (v: unknown) => void, reject });
      })) as Poster;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lists channels with waiting, draft and unread counts; marks the one on the terminal; shows the model', () => {
    const { charon } = setup({ charon_active_channel: 'bridge' });
    expect(screen.getByTestId('charon-model').textContent).toMatch(/Waiting/);
    charon(
      gmSnapshot(
        3,
        [
          gmChannel('story', { messages: [query('q1', 1, 'hello?')], drafts: [draft('d1'), draft('d2')], unread_count: 1 }),
          gmChannel('bridge'),
          gmChannel('encounter-uscss_morrigan'),
        ],
        { configured: true, provider: 'anthropic', model: 'claude-test' },
      ),
    );
    expect(screen.getByTestId('charon-model').textContent).toBe('Model: anthropic claude-test');
    const items = screen.getAllByTestId('charon-channel-item');
    expect(items.map((i) => i.getAttribute('data-channel'))).toEqual(['story', 'bridge', 'encounter-uscss_morrigan']);
    const story = items[0];
    expect(within(story).getByTestId('charon-badge-waiting').textContent).toBe('?1');
    expect(within(story).getByTestId('charon-badge-pending').textContent).toBe('2');
    expect(within(story).getByTestId('charon-badge-unread').textContent).toBe('1 new');
    expect(story.getAttribute('aria-label')).toContain('1 waiting query');
    // the channel on the terminal is marked and viewed by default
    expect(items[1].className).toContain('on-screen');
    expect(items[1].getAttribute('aria-current')).toBe('true');
    expect(screen.getByTestId('charon-on-screen')).toBeTruthy();
    expect(items[2].textContent).toContain('ENCOUNTER: USCSS MORRIGAN');
  });

  it('without a model the line says drafts use the fallback replies', () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story')], { configured: false, provider: null, model: null }));
    expect(screen.getByTestId('charon-model').textContent).toBe("No model configured — drafts use the campaign's fallback replies");
  });

  it('selecting a channel shows its conversation: role, local time, text; waiting queries badged', () => {
    const { charon } = setup();
    charon(
      gmSnapshot(3, [
        gmChannel('story'),
        gmChannel('bridge', {
          messages: [query('q1', 1, 'Status?'), msg('c1', 2, { content: 'NOMINAL.', timestamp: '2026-12-06T18:06:09Z' })],
        }),
      ]),
    );
    expect(screen.getByTestId('charon-conversation').textContent).toContain('No messages');
    fireEvent.click(screen.getAllByTestId('charon-channel-item')[1]);
    const lines = screen.getAllByTestId('charon-gm-line');
    expect(lines.map((l) => [l.getAttribute('data-role'), l.getAttribute('data-status')])).toEqual([
      ['user', 'waiting'],
      ['charon', ''],
    ]);
    expect(lines[0].textContent).toContain('PLAYER');
    expect(lines[0].textContent).toContain('WAITING');
    expect(lines[1].textContent).toContain('CHARON');
    expect(lines[1].querySelector('time')!.getAttribute('dateTime')).toBe('2026-12-06T18:06:09Z');
    const local = new Date('2026-12-06T18:06:09Z').toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    expect(lines[1].querySelector('time')!.textContent).toBe(local);
    expect(screen.getByTestId('charon-put-on-terminal')).toBeTruthy();
  });

  it('streams the draft text while generating; Approve waits for the end', () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story')]));
    charon({ type: 'draft', seq: 2, channel: 'story', draft: draft('d1', { state: 'generating', response: '' }) });
    expect(draftCard().getAttribute('data-state')).toBe('generating');
    expect((screen.getByTestId('charon-approve') as HTMLButtonElement).disabled).toBe(true);
    charon({ type: 'draft-text', seq: 3, channel: 'story', pending_id: 'd1', offset: 0, text: 'PROXIMITY ' });
    expect(screen.getByTestId('charon-draft-text').textContent).toBe('PROXIMITY ');
    charon({ type: 'draft-text', seq: 4, channel: 'story', pending_id: 'd1', offset: 10, text: 'ALERT.' });
    expect(screen.getByTestId('charon-draft-text').textContent).toBe('PROXIMITY ALERT.');
    // generate is refused by the server while a draft generates: disabled, with the reason
    fireEvent.change(screen.getByTestId('charon-generate-prompt'), { target: { value: 'more' } });
    expect((screen.getByTestId('charon-generate') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('charon-generate-blocked').textContent).toMatch(/being generated/);
    expect((screen.getByTestId('charon-regenerate') as HTMLButtonElement).disabled).toBe(true);
    charon({ type: 'draft', seq: 5, channel: 'story', draft: draft('d1', { state: 'ready', response: 'PROXIMITY ALERT.' }) });
    expect(draftCard().getAttribute('data-state')).toBe('ready');
    expect((screen.getByTestId('charon-approve') as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByTestId('charon-generate') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('charon-generate-blocked')).toBeNull();
  });

  it('the query above the draft; Approve posts {pending_id} to gm/charon/<ch>/approve; the draft leaves by the stream', async () => {
    const { charon } = setup();
    charon(storyWithDraft());
    expect(draftCard().textContent).toContain('What is that noise?');
    fireEvent.click(screen.getByTestId('charon-approve'));
    const p = only('api/gm/charon/story/approve');
    expect(p.body).toEqual({ pending_id: 'd1' });
    await reply(p, { success: true, message_id: 'm9', channel: 'story', seq: 11 });
    expect(screen.getByTestId('notice-ok').textContent).toContain('Reply approved');
    expect(screen.queryByTestId('charon-draft')).not.toBeNull(); // until the server says so
    charon({ type: 'draft-removed', seq: 12, channel: 'story', pending_id: 'd1', outcome: 'approved' });
    expect(screen.queryByTestId('charon-draft')).toBeNull();
  });

  it('Edit opens the text; "Approve edited" posts modified_content; blank cannot be approved', async () => {
    const { charon } = setup();
    charon(storyWithDraft());
    fireEvent.click(screen.getByTestId('charon-edit'));
    const text = screen.getByTestId('charon-edit-text') as HTMLTextAreaElement;
    expect(text.value).toBe('HULL STRESS NOMINAL.');
    fireEvent.change(text, { target: { value: '   ' } });
    expect((screen.getByTestId('charon-approve-edited') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(text, { target: { value: 'HULL STRESS AT 40 PERCENT.' } });
    fireEvent.click(screen.getByTestId('charon-approve-edited'));
    const p = only('api/gm/charon/story/approve');
    expect(p.body).toEqual({ pending_id: 'd1', modified_content: 'HULL STRESS AT 40 PERCENT.' });
    await reply(p, { success: true });
    expect(screen.queryByTestId('charon-edit-text')).toBeNull();
  });

  it('Reject and Regenerate post {pending_id} to their routes; a refusal becomes an error notice', async () => {
    const { charon } = setup();
    charon(storyWithDraft());
    fireEvent.click(screen.getByTestId('charon-regenerate'));
    const r = only('api/gm/charon/story/regenerate');
    expect(r.body).toEqual({ pending_id: 'd1' });
    await refuse(r, 409, 'A draft is being generated on this channel');
    expect(screen.getByTestId('notice-error').textContent).toContain('Failed to regenerate: A draft is being generated on this channel');
    fireEvent.click(screen.getByTestId('charon-reject'));
    const j = only('api/gm/charon/story/reject');
    expect(j.body).toEqual({ pending_id: 'd1' });
    await reply(j, { success: true, channel: 'story' });
    expect(screen.getByTestId('notice-ok').textContent).toContain('Draft rejected');
  });

  it('a failed draft shows its error and can only be approved edited', () => {
    const { charon } = setup();
    charon(storyWithDraft({ state: 'failed', error: 'Model timed out after 60 s', response: '' }));
    expect(draftCard().getAttribute('data-state')).toBe('failed');
    expect(screen.getByTestId('charon-draft-error').textContent).toBe('Model timed out after 60 s');
    expect((screen.getByTestId('charon-approve') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('charon-edit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('"Prompt sent" shows the exact prompt: system, turns, max_tokens and temperature', () => {
    const { charon } = setup();
    charon(
      storyWithDraft({
        prompt: {
          system: 'You are CHARON, terse.',
          messages: [
            { role: 'user', content: 'Earlier question' },
            { role: 'assistant', content: 'EARLIER ANSWER.' },
            { role: 'user', content: 'What is that noise?' },
          ],
          max_tokens: 200,
          temperature: 0.7,
        },
      }),
    );
    const details = screen.getByTestId('charon-prompt');
    expect(details.tagName).toBe('DETAILS');
    expect(details.querySelector('summary')!.textContent).toBe('Prompt sent');
    const t = details.textContent!;
    expect(t).toContain('You are CHARON, terse.');
    expect(t).toContain('EARLIER ANSWER.');
    expect(t).toContain('ASSISTANT');
    expect(t).toContain('max_tokens 200');
    expect(t).toContain('temperature 0.7');
  });

  it('Clear asks first, naming the channel; Cancel sends nothing; confirming posts clear', async () => {
    const { charon } = setup();
    charon(storyWithDraft());
    fireEvent.click(screen.getByTestId('charon-clear'));
    const dialog = screen.getByTestId('charon-clear-dialog');
    expect(dialog.textContent).toContain('story');
    expect(document.activeElement!.textContent).toBe('Cancel');
    fireEvent.click(within(dialog).getByText('Cancel'));
    expect(screen.queryByTestId('charon-clear-dialog')).toBeNull();
    fireEvent.click(screen.getByTestId('charon-clear'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('charon-clear-dialog')).toBeNull();
    expect(sentTo('api/gm/charon/story/clear')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('charon-clear'));
    fireEvent.click(screen.getByTestId('charon-clear-confirm'));
    expect(only('api/gm/charon/story/clear').body).toEqual({});
    expect(screen.queryByTestId('charon-clear-dialog')).toBeNull();
  });

  it('hostile strings are shown as text everywhere, never as HTML', () => {
    const { charon } = setup();
    charon(
      gmSnapshot(1, [
        gmChannel('story', {
          messages: [query('q1', 1, HOSTILE), msg('c1', 2, { content: HOSTILE })],
          drafts: [
            draft('d1', {
              query: HOSTILE,
              gm_prompt: null,
              response: HOSTILE,
              prompt: { system: HOSTILE, messages: [{ role: 'user', content: HOSTILE }], max_tokens: 1, temperature: 0 },
            }),
          ],
        }),
      ]),
    );
    const lines = screen.getAllByTestId('charon-gm-line');
    expect(lines.map((l) => l.querySelector('.gm-charon-text')!.textContent)).toEqual([HOSTILE, HOSTILE]);
    expect(screen.getByTestId('charon-draft-text').textContent).toBe(HOSTILE);
    expect(draftCard().textContent).toContain(HOSTILE);
    expect(screen.getByTestId('charon-panel').querySelector('img')).toBeNull();
  });

  it('Send posts {content}; with a waiting query selected it is a reply ({content, reply_to}) and clears', async () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story', { messages: [query('q1', 1, 'Anyone there?')] })]));
    fireEvent.change(screen.getByTestId('charon-send-text'), { target: { value: '  ATTENTION CREW.  ' } });
    fireEvent.click(screen.getByTestId('charon-send'));
    const first = only('api/gm/charon/story/send');
    expect(first.body).toEqual({ content: 'ATTENTION CREW.' });
    await reply(first, { success: true, message_id: 'm2', channel: 'story', seq: 2 });
    expect((screen.getByTestId('charon-send-text') as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByTestId('notice-ok').textContent).toContain('Message sent to terminal');

    fireEvent.click(screen.getByTestId('charon-reply-to'));
    expect(screen.getByTestId('charon-reply-target').textContent).toContain('Anyone there?');
    fireEvent.change(screen.getByTestId('charon-send-text'), { target: { value: 'AFFIRMATIVE.' } });
    fireEvent.click(screen.getByTestId('charon-send'));
    const second = sentTo('api/gm/charon/story/send')[1];
    expect(second.body).toEqual({ content: 'AFFIRMATIVE.', reply_to: 'q1' });
    await reply(second, { success: true });
    expect(screen.queryByTestId('charon-reply-target')).toBeNull();
  });

  it('Generate posts the prompt, the optional context override and the selected query', async () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story', { messages: [query('q1', 1, 'Where are we?')] })]));
    fireEvent.change(screen.getByTestId('charon-generate-prompt'), { target: { value: 'Warn about proximity' } });
    fireEvent.click(screen.getByTestId('charon-generate'));
    const a = only('api/gm/charon/story/generate');
    expect(a.body).toEqual({ prompt: 'Warn about proximity' });
    await reply(a, { success: true, pending_id: 'd5', channel: 'story' });
    expect((screen.getByTestId('charon-generate-prompt') as HTMLTextAreaElement).value).toBe('');
    fireEvent.click(screen.getByTestId('charon-reply-to'));
    fireEvent.change(screen.getByTestId('charon-generate-prompt'), { target: { value: 'Answer vaguely' } });
    fireEvent.change(screen.getByTestId('charon-generate-context'), { target: { value: 'The ship is lost.' } });
    fireEvent.click(screen.getByTestId('charon-generate'));
    expect(sentTo('api/gm/charon/story/generate')[1].body).toEqual({
      prompt: 'Answer vaguely',
      context_override: 'The ship is lost.',
      query_id: 'q1',
    });
  });

  it('viewing a channel with unread lines marks it read, and again when new ones arrive', async () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story', { unread_count: 2 }), gmChannel('bridge', { unread_count: 5 })]));
    const first = only('api/gm/charon/story/mark-read');
    expect(first.body).toEqual({});
    expect(sentTo('api/gm/charon/bridge/mark-read')).toHaveLength(0); // not viewed
    await reply(first, { success: true, channel: 'story', unread_count: 0 });
    charon({ type: 'read', seq: 2, channel: 'story', unread_count: 0 });
    charon({ type: 'message', seq: 3, channel: 'story', message: query('q9', 3, 'hello') });
    expect(sentTo('api/gm/charon/story/mark-read')).toHaveLength(2);
    fireEvent.click(screen.getAllByTestId('charon-channel-item')[1]);
    expect(sentTo('api/gm/charon/bridge/mark-read')).toHaveLength(1);
  });

  it('creates a channel only with a valid name (the server rule), then views it', async () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story')]));
    const input = screen.getByTestId('charon-new-channel');
    for (const bad of ['Cargo', '-cargo', 'cargo bay', '<script>', 'a'.repeat(65)]) {
      fireEvent.change(input, { target: { value: bad } });
      fireEvent.click(screen.getByTestId('charon-create-channel'));
      expect(screen.getByTestId('charon-create-error')).toBeTruthy();
    }
    expect(sentTo('api/gm/charon/channels')).toHaveLength(0);
    fireEvent.change(input, { target: { value: 'cargo-bay_2' } });
    fireEvent.click(screen.getByTestId('charon-create-channel'));
    const p = only('api/gm/charon/channels');
    expect(p.body).toEqual({ channel: 'cargo-bay_2' });
    await reply(p, { success: true, channel: 'cargo-bay_2' });
    charon({ type: 'channel', seq: 2, ...gmChannel('cargo-bay_2') });
    const item = screen.getAllByTestId('charon-channel-item').find((i) => i.getAttribute('data-channel') === 'cargo-bay_2')!;
    expect(item.getAttribute('aria-current')).toBe('true');
  });

  it('"Put on terminal" posts gm/charon/active-channel and shows it at once', async () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story'), gmChannel('bridge')]));
    fireEvent.click(screen.getAllByTestId('charon-channel-item')[1]);
    fireEvent.click(screen.getByTestId('charon-put-on-terminal'));
    const p = only('api/gm/charon/active-channel');
    expect(p.body).toEqual({ channel: 'bridge' });
    expect(screen.getByTestId('charon-channel').textContent).toBe('bridge');
    expect(screen.getByTestId('charon-on-screen')).toBeTruthy();
  });

  it('Export links to gm/charon/<ch>/export as a download', () => {
    const { charon } = setup();
    charon(gmSnapshot(1, [gmChannel('story')]));
    const link = screen.getByTestId('charon-export') as HTMLAnchorElement;
    expect(link.href).toMatch(/\/api\/gm\/charon\/story\/export$/);
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('VIEW CONTROLS badges: waiting and pending of bridge, every encounter-* channel, story', () => {
    const { charon } = setup();
    expect(screen.queryByTestId('view-badge-BRIDGE')).toBeNull();
    charon(
      gmSnapshot(1, [
        gmChannel('story', { messages: [query('q1', 1, 'a')] }),
        gmChannel('bridge', { drafts: [draft('d1', { channel: 'bridge' })] }),
        gmChannel('encounter-a', { drafts: [draft('d2', { channel: 'encounter-a' })], messages: [query('q2', 2, 'b')] }),
        gmChannel('encounter-b', { drafts: [draft('d3', { channel: 'encounter-b' })] }),
      ]),
    );
    const badge = (t: string) => screen.getByTestId(`view-badge-${t}`);
    expect([badge('BRIDGE').dataset.waiting, badge('BRIDGE').dataset.pending]).toEqual(['0', '1']);
    expect([badge('ENCOUNTER').dataset.waiting, badge('ENCOUNTER').dataset.pending]).toEqual(['1', '2']);
    expect([badge('CHARON_TERMINAL').dataset.waiting, badge('CHARON_TERMINAL').dataset.pending]).toEqual(['1', '0']);
    expect(screen.getByTestId('view-btn-BRIDGE').contains(badge('BRIDGE'))).toBe(true);
    expect(screen.queryByTestId('view-badge-STANDBY')).toBeNull();
    // a rejected draft and an answered query leave the badges
    charon({ type: 'draft-removed', seq: 2, channel: 'bridge', pending_id: 'd1', outcome: 'rejected' });
    charon({ type: 'message', seq: 3, channel: 'story', message: query('q1', 1, 'a', 'answered') });
    expect(screen.queryByTestId('view-badge-BRIDGE')).toBeNull();
    expect(screen.queryByTestId('view-badge-CHARON_TERMINAL')).toBeNull();
  });
});

describe('GM console: CHARON over the GM stream', () => {
  beforeEach(() => {
    FakeEventSource.reset();
    posts = [];
    post = (<T,>(path: string, body: unknown) =>
      new Promise<T>((resolve, reject) => {
        posts.push({ path, body: body as Record<string, unknown>, resolve: resolve as (v: unknown) => void, reject });
      })) as Poster;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        const headers = { 'Content-Type': 'application/json' };
        if (url.endsWith('/api/auth/me/')) return new Response(JSON.stringify({ username: 'gm', role: 'GM' }), { headers });
        if (url.endsWith('/api/gm/locations/')) return new Response(JSON.stringify({ locations: [] }), { headers });
        return new Response(JSON.stringify({ error: 'Not found' }), { status: 404, headers });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('charon events of the GM stream reach the panel; a reconnect snapshot replaces them', async () => {
    render(<GmConsoleApp store={createGmStore()} EventSourceImpl={FakeEventSource} post={post} />);
    await screen.findByTestId('gm-console');
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const es = FakeEventSource.latest();
    act(() => {
      es.open();
      es.emit('activeview', activeView({ version: 3, charon_active_channel: 'story' }));
      es.emit('charon', gmSnapshot(1, [gmChannel('story', { drafts: [draft('d1')] })]));
    });
    fireEvent.click(screen.getByTestId('tab-charon'));
    expect(screen.getAllByTestId('charon-draft')).toHaveLength(1);
    expect(screen.getByTestId('view-badge-CHARON_TERMINAL').dataset.pending).toBe('1');
    act(() => es.emit('charon', { type: 'draft', seq: 2, channel: 'story', draft: draft('d2') }));
    expect(screen.getAllByTestId('charon-draft')).toHaveLength(2);
    act(() => es.emit('charon', gmSnapshot(2, [gmChannel('story')])));
    expect(screen.queryAllByTestId('charon-draft')).toHaveLength(0);
  });
});
