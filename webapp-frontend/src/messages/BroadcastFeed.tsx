import { useEffect, useRef, useState } from 'react';
import { getJson } from '../api/http';
import type { PersonalMessage } from '../state/types';
import { MessageItem } from './MessagesApp';
import '../styles/messages.css';
import { highestId, mergeMessages, messagesPath, MESSAGES_POLL_INTERVAL_MS } from './messageList';

/**
 * The GM's broadcasts on the shared terminal (view type MESSAGES). The terminal has no login, so
 * the API answers it with broadcasts only. Polled like the personal page (messages are not part
 * of the pushed state); shown as text, newest first.
 */
export function BroadcastFeed() {
  const [messages, setMessages] = useState<PersonalMessage[] | null>(null);
  const listRef = useRef<PersonalMessage[]>([]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const res = await getJson<{ messages?: PersonalMessage[] }>(messagesPath(highestId(listRef.current)));
        if (stopped) return;
        const { list } = mergeMessages(listRef.current, Array.isArray(res.messages) ? res.messages : []);
        listRef.current = list;
        setMessages(list);
      } catch {
        if (!stopped) setMessages((m) => m ?? []); // keep what is shown; try again next time
      }
      if (!stopped) timer = setTimeout(poll, MESSAGES_POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, []);

  return (
    <div className="broadcast-feed crt-panel" data-testid="view-MESSAGES">
      <div className="crt-panel-title">SHIPWIDE BROADCASTS</div>
      {messages !== null && messages.length === 0 && <div className="messages-empty">&gt; NO BROADCASTS</div>}
      {messages !== null && messages.length > 0 && (
        <ol className="messages-list">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </ol>
      )}
    </div>
  );
}
