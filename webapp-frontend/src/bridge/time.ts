/**
 * THE time rule of the BRIDGE maps (bridge.md §10: the original animated per frame and used
 * two unrelated scales — the fastest system orbit took 10 s, an orbit view's period was taken
 * as seconds). Here every motion is a pure function of elapsed wall-clock time:
 *
 *   In every map, the orbit with the shortest `orbital_period` takes FASTEST_LAP_SECONDS of
 *   real time per lap, and every other orbit of that map keeps its true period ratio:
 *       lap seconds = FASTEST_LAP_SECONDS × orbital_period / shortest orbital_period.
 *
 * One rule for the system and the orbit level. Why per map and not one "days per second":
 * the fixture's periods run from 1.5 days (TRAPPIST-1b) to 10 759 days (Saturn); any single
 * rate either strobes one system or freezes another. (The file's `time.speed_multiplier` is
 * therefore not used: the rule already sets the pace.)
 *
 * Spins (`rotation_speed`, written as radians per frame by the original) are read at its
 * 60 frames a second, and the galaxy's slow turn is AUTO_ROTATE_RAD_PER_SECOND: both per
 * second, so a fast and a slow screen agree.
 *
 * Time is measured from the Unix epoch (`Date.now()`), not from the page load: every screen
 * showing the same map — the table's TV, the GM's preview — draws every body at the same
 * place at the same moment, and a reload does not jump the planets back to their start.
 * `orbital_angle` is a body's angle at that epoch.
 */

/** real seconds per lap of the fastest orbit of a map */
export const FASTEST_LAP_SECONDS = 20;

/** frames per second the original's per-frame speeds assumed */
export const ORIGINAL_FRAMES_PER_SECOND = 60;

/** the galaxy turns once in about 52 s while nothing is selected (0.002 rad/frame × 60) */
export const AUTO_ROTATE_RAD_PER_SECOND = 0.12;

const TWO_PI = Math.PI * 2;

/** Seconds since the epoch for a `Date.now()` value (the clock every screen shares). */
export function clockSeconds(nowMs: number = Date.now()): number {
  return nowMs / 1000;
}

/** The shortest positive period among `periods` (days), or null when there is none. */
export function shortestPeriod(periods: Iterable<number>): number | null {
  let min: number | null = null;
  for (const p of periods) if (Number.isFinite(p) && p > 0 && (min === null || p < min)) min = p;
  return min;
}

/** Real seconds one lap takes for an orbit of `periodDays` in a map whose shortest is `shortestDays`. */
export function lapSeconds(periodDays: number, shortestDays: number | null): number {
  if (!(periodDays > 0) || !(shortestDays && shortestDays > 0)) return FASTEST_LAP_SECONDS;
  return (FASTEST_LAP_SECONDS * periodDays) / shortestDays;
}

/**
 * The orbit angle in radians at `seconds`: the start angle plus the laps done, kept in
 * [0, 2π). The laps are reduced modulo 1 before multiplying so large epoch times keep
 * their precision.
 */
export function orbitAngle(angleDeg: number, lapSecs: number, seconds: number): number {
  const laps = lapSecs > 0 ? seconds / lapSecs : 0;
  const frac = laps - Math.floor(laps);
  const a = (angleDeg * Math.PI) / 180 + frac * TWO_PI;
  return ((a % TWO_PI) + TWO_PI) % TWO_PI;
}

/** A per-frame spin of the original (radians per frame) as radians per second. */
export function spinRadPerSecond(radPerFrame: number): number {
  return radPerFrame * ORIGINAL_FRAMES_PER_SECOND;
}

/** The spin angle in [0, 2π) at `seconds` for `radPerSecond`. */
export function spinAngle(radPerSecond: number, seconds: number): number {
  if (!radPerSecond) return 0;
  const period = TWO_PI / Math.abs(radPerSecond);
  const frac = seconds / period - Math.floor(seconds / period);
  const a = frac * TWO_PI;
  return radPerSecond > 0 ? a : (TWO_PI - a) % TWO_PI;
}
