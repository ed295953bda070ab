import type { CSSProperties } from 'react';
import { motionOff } from './motion';

/**
 * Text typed out character by character, done in CSS (a stepped width animation over a
 * monospace font), so no timers are involved. The full text is always in the DOM (screen
 * readers and tests read it at once); `--tw-chars` / `--tw-delay` drive the animation.
 */
export function Typewriter({
  text,
  msPerChar = 50,
  delayMs = 0,
  cursor = false,
  className = '',
}: {
  text: string;
  msPerChar?: number;
  delayMs?: number;
  cursor?: boolean;
  className?: string;
}) {
  if (motionOff()) {
    // reduced motion or ?perf=1: the whole text at once (CSS keeps the cursor from blinking)
    return (
      <span className={`typewriter typewriter-instant ${cursor ? 'typewriter-cursor' : ''} ${className}`}>
        <span className="typewriter-text">{text}</span>
      </span>
    );
  }
  const vars = {
    '--tw-chars': String(Math.max(text.length, 1)),
    '--tw-duration': `${Math.max(text.length, 1) * msPerChar}ms`,
    '--tw-delay': `${delayMs}ms`,
  } as CSSProperties;
  return (
    <span className={`typewriter ${cursor ? 'typewriter-cursor' : ''} ${className}`} style={vars} key={text}>
      <span className="typewriter-text">{text}</span>
    </span>
  );
}
