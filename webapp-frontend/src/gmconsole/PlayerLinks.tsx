import { useState } from 'react';
import { ApiError, deleteJson } from '../api/http';
import type { ActiveView, Token } from '../state/types';
import type { Gm } from './gm';
import { useGmView, useJson } from './hooks';
import type { PlayerAccount } from './players';
import { crewOf, linkBody, linksOf, targetValue, unlinkPath, type TableLink } from './tableLinks';

const EMPTY: Record<string, Token> = {};
const selectTokens = (v: ActiveView | null) => v?.encounter_tokens ?? EMPTY;

/**
 * At the table: which crew member or token each player moves from their phone (/player/).
 * A target has one player, so linking it again moves it to the new player (the server's rule).
 * Links are not pushed: the list is read when the panel opens and after each change here.
 */
export function PlayerLinks({ gm, players: accounts, accountsKey }: { gm: Gm; players: readonly PlayerAccount[]; accountsKey: string }) {
  // the GM's own account moves everything already: only players are linked (the server says 404)
  const players = accounts.filter((p) => (p.role ?? 'PLAYER').toUpperCase() !== 'GM');
  // a deleted account takes its links with it: re-read when the accounts change
  const linksData = useJson<unknown>('api/gm/table/links/', accountsKey, gm.toLogin);
  const personnel = useJson<unknown>('api/gm/bridge/personnel/', null, gm.toLogin);
  const tokenMap = useGmView(gm.store, selectTokens);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const links = linksOf(linksData.data);
  const crew = crewOf(personnel.data);
  // tokens still being placed have a temporary id the server does not know
  const tokens = Object.values(tokenMap).filter((t) => !t.id.startsWith('pending-'));

  const describe = (l: TableLink): string => {
    if (l.kind === 'crew') return `${crew.find((m) => m.id === l.id)?.name ?? l.id} (crew)`;
    const t = tokenMap[l.id];
    return t ? `${t.name || 'Token'} (token)` : `token ${l.id} (not on the map)`;
  };

  const attempt = async (what: () => Promise<unknown>, done: string, failed: string) => {
    setBusy(true);
    try {
      await what();
      gm.actions.notify('ok', done);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) gm.toLogin();
      gm.actions.notify('error', `${failed}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
      linksData.reload();
    }
  };

  return (
    <section className="gm-player-links" aria-labelledby="player-links-title" data-testid="player-links">
      <h2 className="crt-panel-title gm-player-links-title" id="player-links-title">
        AT THE TABLE — WHO MOVES WHAT
      </h2>
      <p className="crt-muted gm-player-links-hint">
        A player moves the linked crew member's tokens (placed with their portrait or name) or the linked token from
        /player/ while PLAYERS MAY MOVE THEIR TOKENS is on (ENCOUNTER panel).
      </p>
      {linksData.error && (
        <div className="gm-error" role="alert" data-testid="player-links-error">
          Links unavailable: {linksData.error}
        </div>
      )}
      <table className="gm-table">
        <thead>
          <tr>
            <th>PLAYER</th>
            <th>MOVES</th>
            <th>LINK TO</th>
          </tr>
        </thead>
        <tbody>
          {players.map((p) => {
            const own = links.filter((l) => l.username === p.username);
            const value = chosen[p.username] ?? '';
            const body = linkBody(p.username, value);
            return (
              <tr key={p.username} data-testid={`player-links-${p.username}`}>
                <td>{p.username}</td>
                <td>
                  {own.length === 0 ? (
                    <span className="crt-muted">nothing</span>
                  ) : (
                    <ul className="gm-link-list">
                      {own.map((l) => (
                        <li key={targetValue(l.kind, l.id)} data-testid={`player-link-${p.username}-${l.kind}-${l.id}`}>
                          <span>{describe(l)}</span>
                          <button
                            type="button"
                            className="crt-button gm-mini gm-danger"
                            aria-label={`Unlink ${describe(l)} from ${p.username}`}
                            data-testid={`player-unlink-${p.username}-${l.kind}-${l.id}`}
                            disabled={busy}
                            onClick={() =>
                              void attempt(() => deleteJson(unlinkPath(l)), `${p.username} no longer moves ${describe(l)}`, `Failed to unlink ${p.username}`)
                            }
                          >
                            UNLINK
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <form
                    className="gm-inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (!body) return;
                      const label = optionLabel(value, crew, tokenMap);
                      void attempt(() => gm.actions.send('api/gm/table/links/', body), `${p.username} moves ${label}`, `Failed to link ${p.username}`).then(
                        () => setChosen((c) => ({ ...c, [p.username]: '' })),
                      );
                    }}
                  >
                    <select
                      className="crt-input"
                      aria-label={`Crew member or token for ${p.username}`}
                      data-testid={`player-link-select-${p.username}`}
                      value={value}
                      onChange={(e) => setChosen((c) => ({ ...c, [p.username]: e.target.value }))}
                    >
                      <option value="">— choose —</option>
                      {crew.length > 0 && (
                        <optgroup label="CREW">
                          {crew.map((m) => (
                            <option key={m.id} value={targetValue('crew', m.id)}>
                              {m.name}
                            </option>
                          ))}
                        </optgroup>
                      )}
                      {tokens.length > 0 && (
                        <optgroup label="TOKENS ON THE MAP">
                          {tokens.map((t) => (
                            <option key={t.id} value={targetValue('token', t.id)}>
                              {tokenLabel(t)}
                            </option>
                          ))}
                        </optgroup>
                      )}
                    </select>
                    <button type="submit" className="crt-button gm-mini" data-testid={`player-link-${p.username}`} disabled={busy || !body}>
                      LINK
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
          {players.length === 0 && (
            <tr>
              <td colSpan={3} className="crt-muted">
                Create a player account first
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function tokenLabel(t: Token): string {
  return `${t.name || 'Token'} (${t.type}) at ${t.x}, ${t.y}`;
}

function optionLabel(value: string, crew: ReturnType<typeof crewOf>, tokens: Record<string, Token>): string {
  const [kind, ...rest] = value.split(':');
  const id = rest.join(':');
  if (kind === 'crew') return crew.find((m) => m.id === id)?.name ?? id;
  const t = tokens[id];
  return t ? t.name || 'the token' : 'the token';
}
