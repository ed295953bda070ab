import { useEffect, useState } from 'react';
import { prefersInstantText } from '../terminal/teletype';

/** The info panel types 15 ms per character, as the original (bridge.md §2.6). */
export const INFO_MS_PER_CHAR = 15;

/**
 * How many of `total` characters are shown: counts up from 0 whenever `key` changes, by
 * elapsed time on animation frames (no timer; a slow frame never slows the typing down, a
 * hidden tab does not type); all at once under `prefers-reduced-motion` or in performance
 * mode, and where the browser has no animation frames.
 */
export function useTypedCount(key: string, total: number, msPerChar = INFO_MS_PER_CHAR): number {
  const instant = () => prefersInstantText() || typeof requestAnimationFrame !== 'function';
  const [state, setState] = useState<{ key: string; n: number }>(() => ({ key, n: instant() ? total : 0 }));
  useEffect(() => {
    if (instant() || total === 0) {
      setState({ key, n: total });
      return;
    }
    const start = performance.now();
    let frame = 0;
    let shown = -1;
    setState({ key, n: 0 });
    const step = (now: number) => {
      const n = Math.min(total, Math.floor((now - start) / msPerChar));
      if (n !== shown) {
        shown = n;
        setState({ key, n });
      }
      if (n < total) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
    // `instant` reads the media query and the page's mode; neither is state of this hook
  }, [key, total, msPerChar]);
  return state.key === key ? state.n : instant() ? total : 0;
}
