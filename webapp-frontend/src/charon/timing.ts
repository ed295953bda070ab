/**
 * Timing of the CHARON screens, in one place (units in the names).
 */

/** Teletype speed of a CHARON line that arrives live (the original's 25 ms per character). */
export const TELETYPE_MS_PER_CHAR = 25;

/** How long a refused query's error line stays on the terminal. */
export const SUBMIT_ERROR_VISIBLE_MS = 6000;
