import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { apiUrl } from '../api/http';
import { channelLabel, draftsOf, isGenerating, messagesOf } from '../charon/selectors';
import { MAX_SEND_CHARS, type HeldMessage } from '../charon/types';
import { useStore } from '../state/store';
import { CharonDraftCard } from './CharonDraftCard';
import { channelPath, charonWrite, localDateTime, localTime } from './charonRoutes';
import { ConfirmDialog } from './ConfirmDialog';
import type { Gm } from './gm';

/**
 * One channel as the GM works it: the conversation (text only, never HTML), the review
 * queue, a direct line and a model request. Viewing a channel marks it read.
 */
export function CharonChannelView({ gm, channel, onScreen }: { gm: Gm; channel: string; onScreen: boolean }) {
  const messages = useStore(gm.store, (s) => messagesOf(s.charon, channel));
  const drafts = useStore(gm.store, (s) => draftsOf(s.charon, channel));
  const hasMore = useStore(gm.store, (s) => s.charon.channels[channel]?.has_more ?? false);
  const unread = useStore(gm.store, (s) => s.charon.channels[channel]?.unread_count ?? 0);
  const generating = useStore(gm.store, (s) => isGenerating(s.charon.channels[channel]));
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  // the query a reply is for: forgotten when it is no longer waiting (answered elsewhere, cleared)
  const target = replyTo ? messages.find((m) => m.message_id === replyTo && m.status === 'waiting') : undefined;
  useEffect(() => {
    if (replyTo && !target) setReplyTo(null);
  }, [replyTo, target]);

  // Seen means read: mark it whenever unread lines are on screen. One request at a time;
  // a line arriving later raises the count again and marks it again.
  const marking = useRef('');
  useEffect(() => {
    if (unread <= 0 || marking.current === channel) return;
    marking.current = channel;
    void charonWrite(gm, channelPath(channel, 'mark-read'), {}, '', 'Failed to mark read').finally(() => {
      if (marking.current === channel) marking.current = '';
    });
  }, [gm, channel, unread]);

  const label = channelLabel(channel);
  return (
    <section className="gm-charon-channel" aria-label={`CHARON channel ${channel}`}>
      <div className="gm-charon-channel-head">
        <span className="gm-charon-channel-name">
          {label} <span className="gm-charon-slug">({channel})</span>
        </span>
        {onScreen ? (
          <span className="gm-tag gm-tag-onscreen" data-testid="charon-on-screen">
            ON TERMINAL
          </span>
        ) : (
          <button
            type="button"
            className="crt-button"
            data-testid="charon-put-on-terminal"
            onClick={() => void gm.actions.run({ kind: 'charon-active-channel', channel })}
          >
            Put on terminal
          </button>
        )}
        <span className="gm-charon-head-right">
          <a
            className="crt-button gm-link-button"
            data-testid="charon-export"
            href={apiUrl(channelPath(channel, 'export'))}
            download={`charon-${channel}.json`}
          >
            Export
          </a>
          <button
            type="button"
            className="crt-button gm-danger"
            data-testid="charon-clear"
            onClick={() => setConfirmClear(true)}
          >
            Clear
          </button>
        </span>
      </div>

      <div className="gm-subtitle">CONVERSATION ({messages.length} messages)</div>
      <ConversationLog messages={messages} hasMore={hasMore} replyTo={target?.message_id ?? null} onReplyTo={setReplyTo} />

      <div className="gm-subtitle">
        PENDING REVIEW <span className="gm-count">({drafts.length})</span>
      </div>
      {drafts.length === 0 ? (
        <div className="gm-hint gm-charon-none">No drafts waiting for review</div>
      ) : (
        <div className="gm-drafts" data-testid="charon-drafts">
          {drafts.map((d) => (
            <CharonDraftCard key={d.pending_id} gm={gm} channel={channel} draft={d} channelGenerating={generating} />
          ))}
        </div>
      )}

      <Composer
        gm={gm}
        channel={channel}
        target={target}
        generating={generating}
        onSent={() => setReplyTo(null)}
        onCancelTarget={() => setReplyTo(null)}
      />

      {confirmClear && (
        <ConfirmDialog
          title="Clear conversation"
          confirmLabel={`Clear ${channel}`}
          testId="charon-clear-dialog"
          confirmTestId="charon-clear-confirm"
          onCancel={() => setConfirmClear(false)}
          onConfirm={() => {
            setConfirmClear(false);
            void charonWrite(gm, channelPath(channel, 'clear'), {}, `Channel ${channel} cleared`, 'Failed to clear');
          }}
        >
          Delete every message of the channel <b>{channel}</b> ({label}) for everyone, the terminal included? This cannot
          be undone. Export it first to keep a copy.
        </ConfirmDialog>
      )}
    </section>
  );
}

const ConversationLog = memo(function ConversationLog({
  messages,
  hasMore,
  replyTo,
  onReplyTo,
}: {
  messages: HeldMessage[];
  hasMore: boolean;
  replyTo: string | null;
  onReplyTo: (id: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages]);
  return (
    <div className="gm-charon-log" ref={ref} data-testid="charon-conversation" role="log">
      {hasMore && <div className="gm-hint">Older messages are not shown here; Export has the whole conversation.</div>}
      {messages.length === 0 && <div className="gm-hint">No messages in this channel yet</div>}
      {messages.map((m) => {
        const waiting = m.status === 'waiting';
        return (
          <div
            key={m.message_id}
            className={[
              'gm-charon-line',
              `gm-charon-line-${m.role}`,
              waiting ? 'waiting' : '',
              replyTo === m.message_id ? 'selected' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            data-testid="charon-gm-line"
            data-role={m.role}
            data-status={m.status ?? ''}
          >
            <div className="gm-charon-line-head">
              <span className="gm-charon-who">{m.role === 'user' ? 'PLAYER' : 'CHARON'}</span>
              <time dateTime={m.timestamp} title={localDateTime(m.timestamp)}>
                {localTime(m.timestamp)}
              </time>
              {waiting && <span className="gm-badge gm-badge-waiting">WAITING</span>}
              {m.status === 'unanswered' && <span className="gm-badge gm-badge-muted">UNANSWERED</span>}
              {waiting && (
                <button
                  type="button"
                  className="crt-button gm-mini"
                  data-testid="charon-reply-to"
                  aria-pressed={replyTo === m.message_id}
                  onClick={() => onReplyTo(m.message_id)}
                >
                  Reply to this query
                </button>
              )}
            </div>
            <div className="gm-charon-text">{m.content}</div>
          </div>
        );
      })}
    </div>
  );
});

/** Direct Send (no review) and Generate (a draft for review); both may answer a selected query. */
function Composer({
  gm,
  channel,
  target,
  generating,
  onSent,
  onCancelTarget,
}: {
  gm: Gm;
  channel: string;
  target: HeldMessage | undefined;
  generating: boolean;
  onSent: () => void;
  onCancelTarget: () => void;
}) {
  const [content, setContent] = useState('');
  const [prompt, setPrompt] = useState('');
  const [context, setContext] = useState('');
  const [sending, setSending] = useState(false);
  const [asking, setAsking] = useState(false);

  const send = async () => {
    const text = content.trim();
    if (!text) return;
    const body: Record<string, unknown> = { content: text };
    if (target) body.reply_to = target.message_id;
    setSending(true);
    const ok = await charonWrite(gm, channelPath(channel, 'send'), body, 'Message sent to terminal', 'Failed to send');
    setSending(false);
    if (ok) {
      setContent('');
      onSent();
    }
  };

  const generate = async () => {
    const text = prompt.trim();
    if (!text) return;
    const body: Record<string, unknown> = { prompt: text };
    if (context.trim()) body.context_override = context.trim();
    if (target) body.query_id = target.message_id;
    setAsking(true);
    const ok = await charonWrite(
      gm,
      channelPath(channel, 'generate'),
      body,
      'Generating a draft: review it above',
      'Failed to generate',
    );
    setAsking(false);
    if (ok) setPrompt('');
  };

  return (
    <div className="gm-charon-compose">
      {target && (
        <div className="gm-charon-target" data-testid="charon-reply-target">
          <span className="gm-draft-label">REPLYING TO</span> <span className="gm-charon-target-text">{target.content}</span>
          <button type="button" className="crt-button gm-mini" onClick={onCancelTarget}>
            Not a reply
          </button>
        </div>
      )}
      <form
        className="gm-form-block gm-charon-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label className="gm-form-block">
          SEND AS CHARON (shown at once, no review)
          <textarea
            className="crt-input"
            data-testid="charon-send-text"
            rows={3}
            maxLength={MAX_SEND_CHARS}
            placeholder="Type a line for the terminal..."
            value={content}
            onChange={(e) => setContent(e.target.value)}
          />
        </label>
        <div className="gm-form-row">
          <button type="submit" className="crt-button" data-testid="charon-send" disabled={sending || !content.trim()}>
            {target ? 'Send reply' : 'Send'}
          </button>
          <span className="gm-counter">
            {content.length} / {MAX_SEND_CHARS}
          </span>
        </div>
      </form>
      <form
        className="gm-form-block gm-charon-form"
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
      >
        <label className="gm-form-block">
          ASK THE MODEL FOR A DRAFT
          <textarea
            className="crt-input"
            data-testid="charon-generate-prompt"
            rows={2}
            placeholder="Instruction for CHARON (e.g. 'Warn about a proximity alert')..."
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
        </label>
        <label className="gm-form-block">
          CONTEXT OVERRIDE (optional)
          <textarea
            className="crt-input"
            data-testid="charon-generate-context"
            rows={2}
            value={context}
            onChange={(e) => setContext(e.target.value)}
          />
        </label>
        <div className="gm-form-row">
          <button
            type="submit"
            className="crt-button"
            data-testid="charon-generate"
            disabled={asking || generating || !prompt.trim()}
            aria-describedby={generating ? 'charon-generate-blocked' : undefined}
          >
            Generate
          </button>
          {generating && (
            <span className="gm-hint" id="charon-generate-blocked" data-testid="charon-generate-blocked">
              A draft is being generated on this channel; wait until it is done (one at a time per channel).
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
