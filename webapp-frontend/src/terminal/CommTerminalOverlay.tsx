import { useEffect, useMemo, useState } from 'react';
import { getJson, postJson } from '../api/http';
import type { CommTerminalData, TerminalMessage } from '../state/types';

/**
 * A comm terminal's messages over the current view (ui.md §3.7). Shown while both overlay
 * fields are set; content fetched each time it opens. Closing hides it here at once and
 * asks the server to hide it for everyone (a player action, never an automatic write).
 */
export interface CommTerminalOverlayProps {
  locationSlug: string;
  terminalSlug: string;
  onProblem?: (message: string) => void;
}

type Load =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; data: CommTerminalData };

export function formatTerminalDate(timestamp: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(timestamp ?? '');
  if (!m) return timestamp ?? '';
  return `${m[2]}/${m[3]}/${m[1]}, ${m[4]}:${m[5]}`;
}

export function firstMessageToSelect(data: CommTerminalData): TerminalMessage | null {
  return data.inbox.find((m) => !m.read) ?? data.inbox[0] ?? null;
}

export function CommTerminalOverlay({ locationSlug, terminalSlug, onProblem }: CommTerminalOverlayProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tab, setTab] = useState<'inbox' | 'sent'>('inbox');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [closedLocally, setClosedLocally] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    setTab('inbox');
    setSelectedId(null);
    setClosedLocally(false);
    getJson<CommTerminalData>(
      `api/terminal/${encodeURIComponent(locationSlug)}/${encodeURIComponent(terminalSlug)}/`,
      { signal: controller.signal },
    )
      .then((raw) => {
        if (controller.signal.aborted) return;
        const data: CommTerminalData = {
          ...raw,
          inbox: Array.isArray(raw?.inbox) ? raw.inbox : [],
          sent: Array.isArray(raw?.sent) ? raw.sent : [],
        };
        setLoad({ state: 'ready', data });
        setSelectedId(firstMessageToSelect(data)?.message_id ?? null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        onProblem?.(`Terminal ${locationSlug}/${terminalSlug}: ${message}`);
        setLoad({ state: 'failed', message });
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locationSlug, terminalSlug]);

  const list = load.state === 'ready' ? (tab === 'inbox' ? load.data.inbox : load.data.sent) : [];
  const selected = useMemo(() => {
    if (load.state !== 'ready') return null;
    return [...load.data.inbox, ...load.data.sent].find((m) => m.message_id === selectedId) ?? null;
  }, [load, selectedId]);

  if (closedLocally) return null;

  const close = () => {
    setClosedLocally(true);
    postJson('api/terminal/hide/', {}).catch(() => undefined); // failures are ignored
  };

  const title =
    load.state === 'ready' && load.data.owner ? `${load.data.owner.toUpperCase()}'S TERMINAL` : 'COMM TERMINAL';

  return (
    <div className="comm-overlay" data-testid="comm-terminal-overlay" onClick={close}>
      <section
        className="comm-panel crt-panel"
        role="dialog"
        aria-label={title}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="comm-header">
          <span className="comm-title">{title}</span>
          {load.state === 'ready' && load.data.terminal_id && <span className="crt-muted">{load.data.terminal_id}</span>}
          <button type="button" className="crt-button comm-close" onClick={close} data-testid="comm-close">
            CLOSE
          </button>
        </header>
        {load.state === 'loading' && <div className="comm-status comm-loading">LOADING TERMINAL DATA</div>}
        {load.state === 'failed' && <div className="comm-status comm-error">Failed to load terminal data</div>}
        {load.state === 'ready' && (
          <div className="comm-body">
            <nav className="comm-sidebar">
              <div className="comm-tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'inbox'}
                  className={`comm-tab${tab === 'inbox' ? ' active' : ''}`}
                  onClick={() => setTab('inbox')}
                >
                  INBOX ({load.data.inbox.length})
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'sent'}
                  className={`comm-tab${tab === 'sent' ? ' active' : ''}`}
                  onClick={() => setTab('sent')}
                >
                  SENT ({load.data.sent.length})
                </button>
              </div>
              <ul className="comm-list">
                {list.map((m) => (
                  <li key={m.message_id}>
                    <button
                      type="button"
                      className={`comm-item${m.message_id === selectedId ? ' selected' : ''}${!m.read ? ' unread' : ''} prio-${priorityClass(m.priority)}`}
                      onClick={() => setSelectedId(m.message_id)}
                      data-terminal-message-id={m.message_id}
                    >
                      <span className="comm-item-who">{tab === 'inbox' ? m.from : `TO: ${m.to}`}</span>
                      {priorityClass(m.priority) !== 'normal' && (
                        <span className={`prio-badge prio-${priorityClass(m.priority)}`}>{String(m.priority).toUpperCase()}</span>
                      )}
                      <span className="comm-item-subject">{m.subject}</span>
                      <span className="comm-item-date">{formatTerminalDate(m.timestamp)}</span>
                    </button>
                  </li>
                ))}
                {list.length === 0 && <li className="crt-muted comm-empty">NO MESSAGES</li>}
              </ul>
            </nav>
            <article className="comm-message">
              {selected ? (
                <>
                  <dl className="comm-meta">
                    <dt>FROM</dt>
                    <dd>{selected.from}</dd>
                    <dt>TO</dt>
                    <dd>{selected.to}</dd>
                    <dt>SUBJECT</dt>
                    <dd>{selected.subject}</dd>
                    <dt>DATE</dt>
                    <dd>{formatTerminalDate(selected.timestamp)}</dd>
                    {priorityClass(selected.priority) !== 'normal' && (
                      <>
                        <dt>PRIORITY</dt>
                        <dd>{String(selected.priority).toUpperCase()}</dd>
                      </>
                    )}
                  </dl>
                  <hr className="comm-divider" />
                  <pre className="comm-content">{selected.content}</pre>
                </>
              ) : (
                <div className="comm-status crt-muted">SELECT A MESSAGE TO VIEW</div>
              )}
            </article>
          </div>
        )}
      </section>
    </div>
  );
}

export function priorityClass(priority: string | undefined): 'low' | 'normal' | 'high' | 'critical' {
  const p = String(priority ?? 'NORMAL').toLowerCase();
  return p === 'low' || p === 'high' || p === 'critical' ? p : 'normal';
}
