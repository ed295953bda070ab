import { isPerfMode } from './perf';

/** The user asked the system for less motion (`prefers-reduced-motion: reduce`). */
export function prefersReducedMotion(win: Pick<Window, 'matchMedia'> | undefined = globalThis.window): boolean {
  try {
    return !!win?.matchMedia?.('(prefers-reduced-motion: reduce)')?.matches;
  } catch {
    return false; // an old engine without matchMedia: motion as designed
  }
}

/**
 * Motion is off: reduced motion asked for, or the page runs in performance mode (?perf=1).
 * CSS stops the animations in both cases (theme.css); the JS effects read this to show text
 * whole at once and not to wait for an animation's end that will never come.
 * Read at the moment of use, so a change of the setting applies to the next effect.
 */
export function motionOff(): boolean {
  return prefersReducedMotion() || isPerfMode();
}
