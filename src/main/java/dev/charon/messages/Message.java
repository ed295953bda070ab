package dev.charon.messages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An in-character message from the GM, persisted in H2. Sequence ids, not IDENTITY: EclipseLink
 * and H2 2.x disagree on identity columns (STACK.md trap 1).
 */
@Entity
@Table(name = "message")
public class Message {
  @Id
  @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
  Long id;

  @Column(nullable = false, length = 100)
  String sender;

  @Column(nullable = false, length = 4000)
  String content;

  @Column(nullable = false, length = 10)
  String priority;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  String createdBy;

  protected Message() {}

  public Message(String sender, String content, String priority, Instant createdAt, String createdBy) {
    this.sender = sender;
    this.content = content;
    this.priority = priority;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
  }

  public Long id() {
    return id;
  }

  public String sender() {
    return sender;
  }

  public String content() {
    return content;
  }

  public String priority() {
    return priority;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }
}
