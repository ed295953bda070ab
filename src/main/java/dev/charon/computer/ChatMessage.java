package dev.charon.computer;

import java.time.Instant;

/**
 * One line of a channel's conversation, as players and the GM see it.
 *
 * @param seq its place in the one order of all CHARON changes (conversations sort by it)
 * @param status of a player's query ({@code user} role); null for CHARON's lines
 * @param replyTo the query a CHARON line answers, or null
 */
public record ChatMessage(String id, long seq, String channel, Role role, String content, Instant at,
    QueryStatus status, String replyTo) {

  public enum Role {
    USER, CHARON;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A player's query waits until a reply reaches the terminal or the GM rejects every draft for it. */
  public enum QueryStatus {
    WAITING, ANSWERED, UNANSWERED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  ChatMessage withStatus(QueryStatus next) {
    return new ChatMessage(id, seq, channel, role, content, at, next, replyTo);
  }
}
