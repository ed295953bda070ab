package dev.charon.messages;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-character message from the GM, persisted in H2. It goes to the players named in
 * {@link #recipients}, or, with none, to everyone (the public terminal included). Sequence ids,
 * not IDENTITY: EclipseLink and H2 2.x disagree on identity columns (STACK.md trap 1). The
 * {@link #key} is a UUID that survives export and import, which ids do not.
 */
@Entity
@Table(name = "message")
public class Message {
  @Id
  @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
  Long id;

  @Column(name = "message_key", nullable = false, unique = true, length = 36)
  String key;

  @Column(nullable = false, length = 100)
  String sender;

  @Column(nullable = false, length = 4000)
  String content;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  Priority priority;

  @Column(nullable = false)
  boolean broadcast;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 64)
  String createdBy;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "message_recipient", joinColumns = @JoinColumn(name = "message_id"))
  @Column(name = "username", nullable = false, length = 64)
  Set<String> recipients = new TreeSet<>();

  protected Message() {}

  public Message(String key, String sender, String content, Priority priority, Instant createdAt, String createdBy,
      Set<String> recipients) {
    this.key = key;
    this.sender = sender;
    this.content = content;
    this.priority = priority;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
    this.recipients = new TreeSet<>(recipients);
    this.broadcast = recipients.isEmpty();
  }

  public Long id() {
    return id;
  }

  public String key() {
    return key;
  }

  public String sender() {
    return sender;
  }

  public String content() {
    return content;
  }

  public Priority priority() {
    return priority;
  }

  public boolean broadcast() {
    return broadcast;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public Set<String> recipients() {
    return recipients;
  }
}
