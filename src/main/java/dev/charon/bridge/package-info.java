/**
 * The BRIDGE view's server half (docs/bridge.md): the 3D map endpoints, the personnel and log
 * reads, and what the GM discloses to the crew (NPCs they know, session logs they may read), kept
 * in H2 and pushed as {@code bridge} events on the active view's streams.
 */
package dev.charon.bridge;
