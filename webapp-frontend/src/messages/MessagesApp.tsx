import { useEffect, useRef, useState } from 'react';
import { ApiError, getJson, pageUrl, postJson } from '../api/http';
import { Scanlines } from '../common/Scanlines';
import type { PersonalMessage } from '../state/types';
import {
  highestId,
  mergeMessages,
  messagesPath,
  MESSAGES_POLL_INTERVAL_MS,
  NEW_MESSAGE_BANNER_MS,
  normalizePriority,
} from './messageList';

/**
 * Personal messages (ui.md §5). Messages are not pushed: this page polls every
 * MESSAGES_POLL_INTERVAL_MS, asking only for messages newer than the highest id seen.
 * Content is shown as text (never as HTML) with its line breaks.
 */
export interface MessagesAppProps {
  /** where to send the browser (tests replace it) */
  navigate?: (url: string) => void;
}

const defaultNavigate = (url: string) => window.location.assign(url);

export function MessagesApp({ navigate = defaultNavigate }: MessagesAppProps) {
  const [messages, setMessages] = useState<PersonalMessage[] | null>(null);
  const [banner, setBanner] = useState<number>(0); // count of new messages shown in the banner
  const [offline, setOffline] = useState(false);
  const listRef = useRef<PersonalMessage[]>([]);
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let first = true;

    const poll = async () => {
      try {
        const res = await getJson<{ messages?: PersonalMessage[] }>(messagesPath(highestId(listRef.current)));
        if (stopped) return;
        const incoming = Array.isArray(res.messages) ? res.messages : [];
        const { list, added } = mergeMessages(listRef.current, incoming);
        listRef.current = list;
        setMessages(list);
        setOffline(false);
        if (!first && added > 0) setBanner(added);
        first = false;
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 401) {
          stopped = true;
          navigateRef.current(pageUrl('login/?next=messages/'));
          return;
        }
        setOffline(true);
        if (first) setMessages((m) => m ?? []);
      }
      // the next request starts only after this one finished (no overlapping polls)
      if (!stopped) timer = setTimeout(poll, MESSAGES_POLL_INTERVAL_MS);
    };
    // The page is personal: without a session it asks for a login first (the API itself would
    // answer an anonymous caller with the public broadcasts, which is the shared terminal's view).
    const start = async () => {
      try {
        await getJson('api/auth/me/');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          stopped = true;
          navigateRef.current(pageUrl('login/?next=messages/'));
          return;
        }
      }
      if (!stopped) void poll();
    };
    void start();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (!banner) return;
    const t = setTimeout(() => setBanner(0), NEW_MESSAGE_BANNER_MS);
    return () => clearTimeout(t);
  }, [banner, messages]);

  const logout = async () => {
    try {
      await postJson('api/auth/logout/', {});
    } catch {
      // going to the login page is the right outcome either way
    }
    navigateRef.current(pageUrl('login/'));
  };

  return (
    <div className="messages-page">
      <header className="crt-header">
        <h1 className="crt-header-title">CHARON COMMUNICATIONS TERMINAL</h1>
        <span className="crt-header-right">
          {offline ? <span className="messages-offline">LINK UNSTABLE</span> : <span>SYSTEM ACTIVE</span>}
          <a className="crt-button messages-logout messages-nav" href={pageUrl('player/')} data-testid="nav-player">
            MY TOKEN
          </a>
          <button type="button" className="crt-button messages-logout" onClick={logout}>
            LOGOUT
          </button>
        </span>
      </header>
      {banner > 0 && (
        <div className="messages-banner" data-testid="new-message-banner" role="status">
          {banner === 1 ? 'NEW MESSAGE RECEIVED' : 'NEW MESSAGES RECEIVED'}
        </div>
      )}
      <main className="messages-main">
        <section className="crt-panel messages-panel">
          <div className="crt-panel-title">INCOMING MESSAGES</div>
          <div className="messages-scroll">
            {messages === null && (
              <div className="messages-empty">
                <div>&gt; LOADING MESSAGES...</div>
                <div className="crt-cursor">&gt; </div>
              </div>
            )}
            {messages !== null && messages.length === 0 && (
              <div className="messages-empty">
                <div>&gt; NO NEW MESSAGES</div>
                <div>&gt; SYSTEM STANDBY</div>
                <div className="crt-cursor">&gt; </div>
              </div>
            )}
            {messages !== null && messages.length > 0 && (
              <ol className="messages-list">
                {messages.map((m) => (
                  <MessageItem key={m.id} message={m} />
                ))}
              </ol>
            )}
          </div>
        </section>
      </main>
      <Scanlines />
    </div>
  );
}

export function MessageItem({ message }: { message: PersonalMessage }) {
  const priority = normalizePriority(message.priority);
  return (
    <li className={`message-item message-${priority.toLowerCase()}`} data-message-id={message.id}>
      <div className="message-head">
        <span className="message-sender">{message.sender}</span>
        <span className={`prio-badge prio-${priority.toLowerCase()}`}>{priority}</span>
        <time className="message-time">{formatCreated(message.created_at)}</time>
      </div>
      {/* text only: React escapes it; CSS keeps the line breaks */}
      <div className="message-content">{message.content}</div>
    </li>
  );
}

function formatCreated(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(value ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : (value ?? '');
}
