import { useEffect, useState } from 'react';
import { motionOff } from '../common/motion';
import { useStore } from '../state/store';
import type { GmStore } from './store';

/**
 * How long a notice stays when motion is off, matching the CSS fade's delay plus its 0.4 s
 * (gmconsole.css: 4 s, errors 9 s). The fade is the timer otherwise; without it a notice would
 * stay until dismissed, and a GM under reduced motion would collect a column of old confirmations.
 */
export const NOTICE_STILL_MS = { ok: 4400, error: 9400 } as const;

/**
 * Short confirmations and the server's error texts, bottom left. They fade out by a CSS
 * animation (errors stay longer) and are removed on its end — no timers; a click or the
 * × removes one at once. With motion off (reduced motion, ?perf=1) there is no fade: a plain
 * timer of the same length removes them, paused while the pointer is over the notices as the
 * fade is.
 */
export function Notices({ store }: { store: GmStore }) {
  const notices = useStore(store, (s) => s.notices);
  const [hovered, setHovered] = useState(false);
  useEffect(() => {
    if (hovered || notices.length === 0 || !motionOff()) return;
    const timers = notices.map((n) =>
      setTimeout(() => store.dispatch({ type: 'notice/dismiss', id: n.id }), NOTICE_STILL_MS[n.kind]),
    );
    return () => timers.forEach(clearTimeout);
  }, [notices, hovered, store]);
  if (notices.length === 0) return null;
  return (
    <div className="gm-notices" data-testid="gm-notices" onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}>
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
