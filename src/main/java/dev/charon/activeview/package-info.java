/**
 * The one shared "active view": immutable state, atomic versioned transitions, the player and
 * GM projections, and the SSE fan-out that pushes every change to every screen.
 */
package dev.charon.activeview;
