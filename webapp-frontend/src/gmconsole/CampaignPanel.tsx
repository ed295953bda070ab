import { useState } from 'react';
import type { Gm } from './gm';
import { useJson } from './hooks';

interface Problems {
  problems?: Array<{ file?: string; line?: number; message?: string } | string>;
  count?: number;
}

/** Problems found in the campaign folder, and RELOAD (re-reads the folder now). */
export function CampaignPanel({ gm, onReloaded }: { gm: Gm; onReloaded: () => void }) {
  const problems = useJson<Problems>('api/gm/campaign/problems/', null, gm.toLogin);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const list = problems.data?.problems ?? [];

  const reload = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await gm.actions.send<Record<string, unknown>>('api/gm/campaign/reload/', {});
      const details = Object.entries(answer ?? {})
        .filter(([k, v]) => !['success', 'version'].includes(k) && (typeof v === 'number' || typeof v === 'string'))
        .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`)
        .join(' · ');
      setMessage({ ok: true, text: `Campaign reloaded${details ? ` — ${details}` : ''}` });
      problems.reload();
      onReloaded();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gm-form gm-campaign" data-testid="campaign-panel">
      <div className="gm-form-row">
        <button type="button" className="crt-button" data-testid="campaign-reload" disabled={busy} onClick={() => void reload()}>
          {busy ? 'RELOADING…' : 'RELOAD CAMPAIGN'}
        </button>
        {message && (
          <span className={message.ok ? 'gm-ok' : 'gm-error'} role={message.ok ? 'status' : 'alert'} data-testid="campaign-message">
            {message.text}
          </span>
        )}
      </div>
      <div className="gm-subtitle">PROBLEMS ({problems.data ? list.length : '…'})</div>
      {problems.error && <div className="gm-error">Problems: {problems.error}</div>}
      {problems.data && list.length === 0 && <div className="gm-ok">No problems in the campaign folder.</div>}
      <ul className="gm-problems" data-testid="campaign-problems">
        {list.map((p, i) => (
          <li key={i}>
            {typeof p === 'string' ? (
              p
            ) : (
              <>
                <span className="gm-problem-file">
                  {p.file ?? ''}
                  {p.line ? `:${p.line}` : ''}
                </span>{' '}
                {p.message ?? ''}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
