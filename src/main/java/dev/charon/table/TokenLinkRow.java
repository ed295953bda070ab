package dev.charon.table;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One link: a token id or a crew member id, and the player who moves it. */
@Entity
@Table(name = "table_token_link")
@IdClass(TokenLinkRow.Key.class)
public class TokenLinkRow {
  @Id
  @Column(name = "target_kind", length = 8)
  String kind;

  @Id
  @Column(name = "target_id", length = 200)
  String targetId;

  @Column(name = "username", nullable = false, length = 32)
  String username;

  @Column(name = "linked_at", nullable = false)
  Instant linkedAt;

  protected TokenLinkRow() {}

  TokenLinkRow(String kind, String targetId, String username, Instant linkedAt) {
    this.kind = kind;
    this.targetId = targetId;
    this.username = username;
    this.linkedAt = linkedAt;
  }

  /** The composite primary key, as JPA wants it: a serialisable class with equals and hashCode. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String kind;
    String targetId;

    public Key() {}

    Key(String kind, String targetId) {
      this.kind = kind;
      this.targetId = targetId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(kind, k.kind) && Objects.equals(targetId, k.targetId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, targetId);
    }
  }
}
