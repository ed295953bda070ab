package dev.charon.computer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A channel that ever held anything, or that the GM created. */
@Entity
@Table(name = "charon_channel")
public class ChannelRow {
  @Id
  @Column(length = 64)
  String name;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "last_read_seq", nullable = false)
  long lastReadSeq;

  protected ChannelRow() {}

  ChannelRow(String name, Instant createdAt) {
    this.name = name;
    this.createdAt = createdAt;
  }
}
