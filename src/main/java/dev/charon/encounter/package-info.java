/** The tactical encounter: decks, room reveals, doors, tokens and NPC portraits on the shared map. */
package dev.charon.encounter;
