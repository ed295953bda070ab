import { CharonConversation } from './CharonConversation';
import type { TerminalStore } from './store';

/** View CHARON_TERMINAL: the conversation fills the black screen (no header). */
export function CharonTerminalView({ store }: { store: TerminalStore }) {
  return (
    <div className="charon-screen" data-testid="view-CHARON_TERMINAL">
      <section className="crt-panel charon-panel charon-panel-full" data-testid="charon-terminal" aria-label="CHARON">
        <h1 className="charon-title">CHARON</h1>
        <CharonConversation store={store} />
      </section>
    </div>
  );
}

/**
 * The CHARON dialog over any other view, while the GM shows it (`charon_dialog_open`).
 * Players cannot close it: no close button, no backdrop click; only the GM's toggle does.
 */
export function CharonDialog({ store }: { store: TerminalStore }) {
  return (
    <div className="charon-dialog-backdrop">
      <section
        className="crt-panel charon-panel charon-panel-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="CHARON"
        data-testid="charon-dialog"
      >
        <div className="charon-title">CHARON</div>
        <CharonConversation store={store} />
      </section>
    </div>
  );
}
