/**
 * Timing of the live connection, in one place (ui.md §6; the design document checks
 * these numbers). Units are in the names.
 */

/** Consecutive failed connection attempts before the GM console shows the toast. */
export const GM_FAILURE_THRESHOLD = 2;

/** Consecutive failed connection attempts before the player terminal shows the toast. */
export const PLAYER_FAILURE_THRESHOLD = 5;

/** Delay between a failed/broken connection and the next attempt. */
export const RECONNECT_DELAY_MS = 3000;

/**
 * A stream that is not open after this long counts as a failed attempt (then the usual retry
 * and toast), so a tab that cannot get a connection says so instead of waiting forever.
 */
export const STREAM_OPEN_TIMEOUT_MS = 10_000;
