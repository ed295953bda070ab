import { useEffect } from 'react';
import type { Gm } from './gm';
import { selectGmView } from './optimistic';
import { HOTKEYS, hotkeyOf, type HotkeyAction } from './hotkeys';

/**
 * Listens for the console's hotkeys on the whole page and hands each to `handle` (hotkeys.ts says
 * which keys count). Several panels listen at once, each for its own actions: the console for
 * the views and `?`, the encounter panel for its selection.
 */
export function useHotkeys(handle: (action: HotkeyAction, e: KeyboardEvent) => boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const action = hotkeyOf(e);
      if (action && handle(action, e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [handle]);
}

/** The console-wide keys: 1–6 switch the terminal's view, ? shows the list. */
export function consoleHotkeys(gm: Gm, toggleHelp: () => void, closeHelp: () => void) {
  return (action: HotkeyAction): boolean => {
    switch (action.kind) {
      case 'view':
        if (selectGmView(gm.store.getState())?.view_type !== action.viewType) {
          void gm.actions.run({ kind: 'switch-view', view_type: action.viewType });
        }
        return true;
      case 'help':
        toggleHelp();
        return true;
      case 'clear-selection':
        closeHelp();
        return false; // the encounter panel clears its selection too
      default:
        return false;
    }
  };
}

export function HotkeysOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="gm-hotkeys-backdrop" onClick={onClose}>
      <div
        className="gm-hotkeys crt-panel"
        role="dialog"
        aria-modal="false"
        aria-label="Keyboard shortcuts"
        data-testid="hotkeys-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="crt-panel-title">KEYBOARD SHORTCUTS</div>
        <table className="gm-hotkeys-table">
          <tbody>
            {HOTKEYS.map((h) => (
              <tr key={h.keys}>
                <th scope="row">
                  <kbd>{h.keys}</kbd>
                </th>
                <td>{h.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="crt-muted">Not while typing in a field. Select a room, door or token by clicking or focusing it (Tab).</p>
        <button type="button" className="crt-button gm-mini" onClick={onClose} autoFocus>
          CLOSE (?)
        </button>
      </div>
    </div>
  );
}
