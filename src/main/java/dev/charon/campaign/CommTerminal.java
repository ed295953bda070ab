package dev.charon.campaign;

import java.util.List;

/** A comm terminal under {@code <location>/comms/<slug>/} with its messages, oldest first. */
public record CommTerminal(
    String slug, String name, String owner, String terminalId, String accessLevel, String description,
    List<TerminalMessage> inbox, List<TerminalMessage> sent) {

  public CommTerminal {
    inbox = List.copyOf(inbox);
    sent = List.copyOf(sent);
  }

  /** One message file; {@code timestamp} is ISO-8601 without zone, or the raw text if unparsable. */
  public record TerminalMessage(
      String messageId, String subject, String from, String to, String content, String timestamp,
      String priority, boolean read, String folder, String contact, String conversationId, String inReplyTo) {}
}
