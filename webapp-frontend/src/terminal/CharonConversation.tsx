import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, postJson } from '../api/http';
import { hasWaitingQuery, messagesOf } from '../charon/selectors';
import { SUBMIT_ERROR_VISIBLE_MS } from '../charon/timing';
import { MAX_QUERY_CHARS } from '../charon/types';
import { useStore } from '../state/store';
import type { TerminalStore } from './store';
import { useTeletype } from './teletype';

/** The channel on screen: the view's, else the one of the last player snapshot. */
function selectChannel(s: ReturnType<TerminalStore['getState']>): string {
  return s.view?.charon_active_channel || s.charon.shown;
}

/**
 * The CHARON conversation on the shared terminal (charon-computer.md §9, without its
 * defects): player queries prefixed `> `, CHARON lines plain; live lines typed out;
 * "processing" while a query of the channel is `waiting` in the pushed state (so it
 * survives a reload and ends on a reject); in QUERY mode an input line.
 * `channel` fixes the channel (the BRIDGE's CHARON tab: `bridge`); by default it is the
 * one on screen.
 */
export function CharonConversation({ store, channel: fixed }: { store: TerminalStore; channel?: string }) {
  const onScreen = useStore(store, selectChannel);
  const channel = fixed ?? onScreen;
  const messages = useStore(store, (s) => messagesOf(s.charon, channel));
  const waiting = useStore(store, (s) => hasWaitingQuery(s.charon.channels[channel]));
  const query = useStore(store, (s) => s.view?.charon_mode === 'QUERY');
  const { typingId, shownChars, queued } = useTeletype(messages);
  const [error, setError] = useState('');
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // follow the end of the conversation on every change, typing included
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages, shownChars, waiting, error, query]);

  return (
    <div
      className="charon-conversation"
      // a click anywhere on the panel gives the input its focus back (one shared keyboard)
      onClick={() => inputRef.current?.focus()}
    >
      <div className="charon-log" ref={logRef} role="log" aria-live="off">
        {messages.map((m) => {
          if (queued.has(m.message_id)) return null;
          const typing = m.message_id === typingId;
          const text = typing ? m.content.slice(0, shownChars) : m.content;
          return (
            <div
              key={m.message_id}
              className={`charon-line charon-line-${m.role}${typing ? ' charon-typing' : ''}`}
              data-testid="charon-line"
              data-role={m.role}
              data-status={m.status ?? ''}
              data-typing={typing ? 'true' : undefined}
              aria-busy={typing || undefined}
            >
              {m.role === 'user' ? `> ${text}` : text}
            </div>
          );
        })}
        {waiting && (
          <div className="charon-processing" data-testid="charon-processing" role="status">
            CHARON is processing<span className="charon-dots" aria-hidden="true" />
          </div>
        )}
        {error && (
          <div className="charon-error" data-testid="charon-error" role="alert">
            ! {error}
          </div>
        )}
        {query && channel ? (
          <QueryLine channel={channel} inputRef={inputRef} onError={setError} />
        ) : (
          <div className="charon-idle crt-cursor" aria-hidden="true" />
        )}
      </div>
    </div>
  );
}

/** `> ` and the input: Enter posts the trimmed, non-blank text; cleared once accepted (202). */
function QueryLine({
  channel,
  inputRef,
  onError,
}: {
  channel: string;
  inputRef: React.RefObject<HTMLInputElement | null>;
  onError: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const sending = useRef(false);
  const errorTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (errorTimer.current) clearTimeout(errorTimer.current);
      onError('');
    };
  }, [onError]);

  const showError = (message: string) => {
    if (errorTimer.current) clearTimeout(errorTimer.current);
    onError(message);
    errorTimer.current = setTimeout(() => onError(''), SUBMIT_ERROR_VISIBLE_MS);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (!q || sending.current) return;
    sending.current = true;
    try {
      await postJson(`api/charon/${encodeURIComponent(channel)}/submit`, { query: q });
      if (!mounted.current) return;
      setText('');
      if (errorTimer.current) clearTimeout(errorTimer.current);
      onError('');
    } catch (err) {
      if (!mounted.current) return;
      // the server's words (409 not in QUERY mode, 429 too many, 400 too long…)
      showError(err instanceof ApiError || err instanceof Error ? err.message : 'TRANSMISSION FAILED');
    } finally {
      sending.current = false;
    }
  };

  return (
    <form className="charon-query" onSubmit={(e) => void submit(e)} autoComplete="off">
      <span className="charon-prompt" aria-hidden="true">
        &gt;&nbsp;
      </span>
      <input
        ref={inputRef}
        className="charon-input"
        data-testid="charon-input"
        aria-label="Query CHARON"
        // the terminal is one shared screen: the input is where the keyboard goes
        autoFocus
        maxLength={MAX_QUERY_CHARS}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}
