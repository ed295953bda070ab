import { useEffect, useState } from 'react';
import { prefersInstantText } from '../terminal/teletype';

/** The info panel types 15 ms per character, as the original (bridge.md §2.6). */
export const INFO_MS_PER_CHAR = 15;
/** How often the shown count is refreshed (several characters per tick at 15 ms each). */
const TICK_MS = 45;

/**
 * How many of `total` characters are shown: counts up from 0 whenever `key` changes, by
 * elapsed time (a slow frame never slows the typing down); all at once under
 * `prefers-reduced-motion` or in performance mode.
 */
export function useTypedCount(key: string, total: number, msPerChar = INFO_MS_PER_CHAR): number {
  const [state, setState] = useState<{ key: string; n: number }>(() => ({ key, n: prefersInstantText() ? total : 0 }));
  useEffect(() => {
    if (prefersInstantText() || total === 0) {
      setState({ key, n: total });
      return;
    }
    const start = Date.now();
    setState({ key, n: 0 });
    const timer = setInterval(() => {
      const n = Math.min(total, Math.floor((Date.now() - start) / msPerChar));
      setState({ key, n });
      if (n >= total) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [key, total, msPerChar]);
  return state.key === key ? state.n : prefersInstantText() ? total : 0;
}
