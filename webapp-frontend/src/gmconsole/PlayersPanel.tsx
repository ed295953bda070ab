import { useState } from 'react';
import { ApiError, deleteJson } from '../api/http';
import type { Gm } from './gm';
import { useJson } from './hooks';
import { PlayerLinks } from './PlayerLinks';
import { playersOf } from './players';

/**
 * Player accounts: list, create, reset a password, delete. The server may not offer these
 * yet: its error text is shown and the rest of the console is unaffected.
 */
export function PlayersPanel({ gm }: { gm: Gm }) {
  const players = useJson<unknown>('api/gm/players/', null, gm.toLogin);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [resetFor, setResetFor] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const accounts = playersOf(players.data);

  const attempt = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await what();
      setMessage({ ok: true, text: done });
      players.reload();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) gm.toLogin();
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gm-form gm-players" data-testid="players-panel">
      {players.error && (
        <div className="gm-error" role="alert" data-testid="players-error">
          Player accounts unavailable: {players.error}
        </div>
      )}
      <table className="gm-table">
        <thead>
          <tr>
            <th>USERNAME</th>
            <th>ROLE</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((p) => (
            <tr key={p.username} data-testid={`player-row-${p.username}`}>
              <td>{p.username}</td>
              <td>{p.role ?? 'PLAYER'}</td>
              <td className="gm-table-actions">
                {resetFor === p.username ? (
                  <form
                    className="gm-inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void attempt(
                        () => gm.actions.send(`api/gm/players/${encodeURIComponent(p.username)}/password/`, { password: newPassword }),
                        `Password of ${p.username} changed`,
                      ).then((ok) => {
                        if (ok) {
                          setResetFor(null);
                          setNewPassword('');
                        }
                      });
                    }}
                  >
                    <input
                      className="crt-input"
                      type="password"
                      autoComplete="new-password"
                      aria-label={`New password for ${p.username}`}
                      value={newPassword}
                      onChange={(e) => setNewPassword(e.target.value)}
                    />
                    <button type="submit" className="crt-button gm-mini" disabled={busy || !newPassword}>
                      SET
                    </button>
                    <button type="button" className="crt-button gm-mini" onClick={() => setResetFor(null)}>
                      CANCEL
                    </button>
                  </form>
                ) : (
                  <button type="button" className="crt-button gm-mini" onClick={() => setResetFor(p.username)}>
                    RESET PASSWORD
                  </button>
                )}
                <button
                  type="button"
                  className="crt-button gm-mini gm-danger"
                  data-testid={`player-delete-${p.username}`}
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(`Delete the account ${p.username}?`)) {
                      void attempt(() => deleteJson(`api/gm/players/${encodeURIComponent(p.username)}/`), `${p.username} deleted`);
                    }
                  }}
                >
                  DELETE
                </button>
              </td>
            </tr>
          ))}
          {accounts.length === 0 && !players.error && (
            <tr>
              <td colSpan={3} className="crt-muted">
                {players.loading ? 'Loading…' : 'No player accounts'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form
        className="gm-form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void attempt(() => gm.actions.send('api/gm/players/', { username: username.trim(), password }), `${username.trim()} created`).then(
            (ok) => {
              if (ok) {
                setUsername('');
                setPassword('');
              }
            },
          );
        }}
      >
        <input
          className="crt-input"
          placeholder="username"
          aria-label="New player username"
          data-testid="player-new-username"
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <input
          className="crt-input"
          type="password"
          placeholder="password"
          aria-label="New player password"
          data-testid="player-new-password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="crt-button gm-mini" data-testid="player-create" disabled={busy || !username.trim() || !password}>
          CREATE PLAYER
        </button>
      </form>
      {message && (
        <div className={message.ok ? 'gm-ok' : 'gm-error'} role={message.ok ? 'status' : 'alert'} data-testid="players-message">
          {message.text}
        </div>
      )}
      {!players.error && <PlayerLinks gm={gm} players={accounts} accountsKey={accounts.map((p) => p.username).join(',')} />}
    </div>
  );
}
