import { useCallback } from 'react';
import { turnEntries, withTurnAdded, withTurnRemoved } from '../state/selectors';
import type { ActiveView } from '../state/types';
import type { Gm } from './gm';
import { useStore } from '../state/store';
import { useGmView } from './hooks';
import { selectGmView } from './optimistic';

const selectEntries = (v: ActiveView | null) => turnEntries(v);
const P = 'api/gm/encounter/initiative/';

/**
 * TURN ORDER: the optional combat round. The GM adds the selected token (or any token from its
 * popup), steps PREV/NEXT (wrapping), removes an entry or clears the lot. Each is a live, undoable
 * write (not staged: a turn is what happens now at the table); the terminal rings the current token
 * and shows the strip (docs/protocol.md, "Turn order").
 */
export function TurnOrderBox({ gm, selectedTokenId }: { gm: Gm; selectedTokenId: string | null }) {
  const entries = useGmView(gm.store, selectEntries);
  const staging = useStore(gm.store, (s) => s.staging.on);
  const send = useCallback(
    (path: string, body: unknown) => {
      void gm.actions.send(P + path, body).catch((e: unknown) =>
        gm.actions.notify('error', `Turn order: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
    [gm],
  );
  const view = () => selectGmView(gm.store.getState());
  const inOrder = !!selectedTokenId && entries.some((e) => e.id === selectedTokenId);
  return (
    <div className="gm-turns" role="group" aria-label="Turn order" data-testid="turn-order">
      <span className="gm-turns-title">TURN ORDER</span>
      {staging && (
        <span className="gm-turns-live" data-testid="turn-order-live" title="Stage mode keeps reveals, doors, tokens and portraits; turns go out at once">
          LIVE, NOT STAGED
        </span>
      )}
      {entries.length === 0 ? (
        <span className="crt-muted" data-testid="turn-order-empty">
          NONE — select a token and ADD
        </span>
      ) : (
        <ol className="gm-turns-list">
          {entries.map((e) => (
            <li
              key={e.id}
              className={e.current ? 'gm-turn current' : 'gm-turn'}
              data-testid={`turn-${e.id}`}
              aria-current={e.current ? 'step' : undefined}
            >
              <span className="gm-turn-name">{e.name.toUpperCase()}</span>
              <button
                type="button"
                className="crt-button gm-mini gm-turn-remove"
                aria-label={`Remove ${e.name} from the turn order`}
                onClick={() => send('set/', { order: withTurnRemoved(view(), e.id) })}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="gm-turns-buttons">
        <button
          type="button"
          className="crt-button gm-mini gm-turn-step"
          data-testid="turn-add"
          disabled={!selectedTokenId || inOrder}
          title="Add the selected token at the end"
          onClick={() => selectedTokenId && send('set/', { order: withTurnAdded(view(), selectedTokenId) })}
        >
          ADD
        </button>
        <button
          type="button"
          className="crt-button gm-mini gm-turn-step"
          data-testid="turn-prev"
          disabled={entries.length === 0}
          onClick={() => send('previous/', {})}
        >
          PREV
        </button>
        <button
          type="button"
          className="crt-button gm-mini gm-turn-step"
          data-testid="turn-next"
          disabled={entries.length === 0}
          onClick={() => send('next/', {})}
        >
          NEXT
        </button>
        <button
          type="button"
          className="crt-button gm-mini gm-danger"
          data-testid="turn-clear"
          disabled={entries.length === 0}
          onClick={() => send('clear/', {})}
        >
          CLEAR
        </button>
      </div>
    </div>
  );
}
