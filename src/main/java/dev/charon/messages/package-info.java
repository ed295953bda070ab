/** In-character messages from the GM to the players, persisted with JPA on H2 and polled. */
package dev.charon.messages;
