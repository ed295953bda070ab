import { useStore } from '../state/store';
import type { GmStore } from './store';

/**
 * Short confirmations and the server's error texts, bottom left. They fade out by a CSS
 * animation (errors stay longer) and are removed on its end — no timers; a click or the
 * × removes one at once. With animations off (?perf=1) they stay until dismissed.
 */
export function Notices({ store }: { store: GmStore }) {
  const notices = useStore(store, (s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="gm-notices" data-testid="gm-notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`gm-notice gm-notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid={`notice-${n.kind}`}
          onAnimationEnd={(e) => {
            if (e.animationName === 'gm-notice-out') store.dispatch({ type: 'notice/dismiss', id: n.id });
          }}
        >
          <span className="gm-notice-text">{n.text}</span>
          <button
            type="button"
            className="gm-notice-close"
            aria-label="Dismiss"
            onClick={() => store.dispatch({ type: 'notice/dismiss', id: n.id })}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
