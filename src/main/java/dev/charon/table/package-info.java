/**
 * At the table: players move their own tokens from their phones. The GM links a player account to
 * a token or a crew member (kept in H2) and switches player movement on or off (pushed in the
 * active view); a player's move is the GM's own move transition, behind the checks of whose token
 * it is, whether players may move, and that the target is a revealed room.
 */
package dev.charon.table;
