package dev.charon.computer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The stored form of a {@link ChatMessage}. */
@Entity
@Table(name = "charon_message")
public class MessageRow {
  @Id
  @Column(length = 36)
  String id;

  @Column(nullable = false)
  long seq;

  @Column(nullable = false, length = 64)
  String channel;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 8)
  ChatMessage.Role role;

  @Column(nullable = false, length = 4000)
  String content;

  @Enumerated(EnumType.STRING)
  @Column(length = 12)
  ChatMessage.QueryStatus status;

  @Column(name = "reply_to", length = 36)
  String replyTo;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected MessageRow() {}

  static MessageRow of(ChatMessage m) {
    MessageRow r = new MessageRow();
    r.id = m.id();
    r.seq = m.seq();
    r.channel = m.channel();
    r.role = m.role();
    r.content = m.content();
    r.status = m.status();
    r.replyTo = m.replyTo();
    r.createdAt = m.at();
    return r;
  }

  ChatMessage toMessage() {
    return new ChatMessage(id, seq, channel, role, content, createdAt, status, replyTo);
  }
}
