import { useState } from 'react';
import type { Gm } from './gm';
import { useJson } from './hooks';
import { playersOf } from './players';

export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'CRITICAL'] as const;
export const MAX_CONTENT = 4000;

/** A personal message to every player, or to the chosen ones (POST api/gm/broadcast/). */
export function BroadcastPanel({ gm }: { gm: Gm }) {
  const [sender, setSender] = useState('CHARON');
  const [priority, setPriority] = useState('NORMAL');
  const [content, setContent] = useState('');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [typedRecipients, setTypedRecipients] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const players = useJson<unknown>('api/gm/players/', null, gm.toLogin);
  const accounts = playersOf(players.data).filter((p) => !p.role || p.role.toUpperCase() !== 'GM');
  const useList = !players.error && accounts.length > 0;

  const submit = async () => {
    if (!content.trim()) {
      setResult({ ok: false, text: 'Message content is required' });
      return;
    }
    const chosen = useList
      ? recipients
      : typedRecipients
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean);
    const body: Record<string, unknown> = { content, sender: sender.trim() || 'CHARON', priority };
    if (chosen.length) body.recipients = chosen;
    setSending(true);
    setResult(null);
    try {
      await gm.actions.send('api/gm/broadcast/', body);
      setContent('');
      setResult({ ok: true, text: 'Message transmitted' });
      gm.actions.notify('ok', 'Message transmitted');
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="gm-form gm-broadcast"
      noValidate
      data-testid="broadcast-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="gm-form-row">
        <label>
          SENDER
          <input
            className="crt-input"
            data-testid="broadcast-sender"
            maxLength={60}
            value={sender}
            onChange={(e) => setSender(e.target.value)}
          />
        </label>
        <label>
          PRIORITY
          <select
            className="crt-input"
            data-testid="broadcast-priority"
            value={priority}
            onChange={(e) => setPriority(e.target.value)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="gm-form-block">
        MESSAGE
        <textarea
          className="crt-input"
          data-testid="broadcast-content"
          rows={6}
          maxLength={MAX_CONTENT}
          required
          aria-describedby="broadcast-counter"
          value={content}
          onChange={(e) => setContent(e.target.value)}
        />
        <span id="broadcast-counter" className="gm-counter" data-testid="broadcast-counter">
          {content.length} / {MAX_CONTENT}
        </span>
      </label>
      <fieldset className="gm-recipients">
        <legend>RECIPIENTS {recipients.length === 0 && !typedRecipients.trim() ? '(everyone)' : ''}</legend>
        {useList ? (
          <div className="gm-recipient-list" data-testid="broadcast-recipients">
            {accounts.map((p) => (
              <label key={p.username} className="gm-check">
                <input
                  type="checkbox"
                  data-testid={`broadcast-recipient-${p.username}`}
                  checked={recipients.includes(p.username)}
                  onChange={(e) =>
                    setRecipients((r) => (e.target.checked ? [...r, p.username] : r.filter((x) => x !== p.username)))
                  }
                />
                {p.username}
              </label>
            ))}
          </div>
        ) : (
          <input
            className="crt-input"
            data-testid="broadcast-recipients"
            placeholder="usernames, comma separated (empty = everyone)"
            value={typedRecipients}
            onChange={(e) => setTypedRecipients(e.target.value)}
          />
        )}
      </fieldset>
      <div className="gm-form-row">
        <button type="submit" className="crt-button" data-testid="broadcast-send" disabled={sending}>
          {sending ? 'TRANSMITTING...' : 'TRANSMIT'}
        </button>
        {result && (
          <span
            className={result.ok ? 'gm-ok' : 'gm-error'}
            role={result.ok ? 'status' : 'alert'}
            data-testid="broadcast-result"
          >
            {result.text}
          </span>
        )}
      </div>
    </form>
  );
}
