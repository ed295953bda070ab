/**
 * CHARON, the ship's computer: channels of conversation between the players at the shared
 * terminal and the computer the GM voices, persisted in H2 and pushed on the active view's
 * streams; model drafts the GM reviews before any player sees them (docs/charon.md).
 */
package dev.charon.computer;
