package dev.charon.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One login on one device. Stored under the SHA-256 of the cookie token, never the token itself;
 * that hash doubles as the session's public key (e.g. to close its streams).
 */
@Entity
@Table(name = "user_session")
public class UserSession {
  @Id
  @Column(name = "token_hash", length = 64)
  String tokenHash;

  @ManyToOne(optional = false)
  @JoinColumn(name = "account_id", nullable = false)
  Account account;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  Instant expiresAt;

  protected UserSession() {}

  UserSession(String tokenHash, Account account, Instant createdAt, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.account = account;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }
}
