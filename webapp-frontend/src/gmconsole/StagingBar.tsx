import { useEffect } from 'react';
import { useStore } from '../state/store';
import type { Gm } from './gm';

/**
 * STAGE, SEND, DISCARD and UNDO. With STAGE on, reveals, doors, tokens and portraits wait in
 * a preview only this console draws; SEND puts them on every screen at once (one version).
 * UNDO takes back the GM's last write (a batch is one step); it is off when the server would
 * refuse it (nothing to undo, or someone else changed the view since). Ctrl/Cmd+Z undoes too,
 * except in a text field, where it keeps its usual meaning.
 */
export function StagingBar({ gm }: { gm: Gm }) {
  const { store, actions } = gm;
  const on = useStore(store, (s) => s.staging.on);
  const count = useStore(store, (s) => s.staging.staged.length);
  const sending = useStore(store, (s) => s.staging.sending);
  const undoSteps = useStore(store, (s) => s.staging.undoSteps);
  const version = useStore(store, (s) => s.held?.version ?? null);

  // Every new version may change what undo would do (a player's write makes the last step
  // stale), so the count is asked again; the GM console is one client, and this a tiny GET.
  useEffect(() => {
    if (version !== null) void actions.refreshUndo();
  }, [version, actions]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      if (store.getState().staging.undoSteps > 0) void actions.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, actions]);

  return (
    <div className={`gm-staging crt-panel${on ? ' on' : ''}`} role="group" aria-label="Staged changes and undo">
      <button
        type="button"
        className={`crt-button${on ? ' active' : ''}`}
        aria-pressed={on}
        data-testid="stage-toggle"
        disabled={on && count > 0}
        title={on && count > 0 ? 'Send or discard the staged changes first' : 'Prepare changes that only you see'}
        onClick={() => actions.setStaging(!on)}
      >
        STAGE {on ? 'ON' : 'OFF'}
      </button>
      {on && (
        <>
          <span className="gm-staging-count" data-testid="staged-count" aria-live="polite">
            {count} STAGED
          </span>
          <button
            type="button"
            className="crt-button"
            data-testid="stage-send"
            disabled={count === 0 || sending}
            onClick={() => void actions.sendStaged()}
          >
            {sending ? 'SENDING' : 'SEND'}
          </button>
          <button
            type="button"
            className="crt-button"
            data-testid="stage-discard"
            disabled={count === 0 || sending}
            onClick={() => actions.discardStaged()}
          >
            DISCARD
          </button>
        </>
      )}
      <button
        type="button"
        className="crt-button gm-undo"
        data-testid="undo"
        disabled={undoSteps === 0}
        title="Undo the last change on the screens (Ctrl/Cmd+Z)"
        onClick={() => void actions.undo()}
      >
        UNDO{undoSteps > 0 ? ` (${undoSteps})` : ''}
      </button>
    </div>
  );
}
