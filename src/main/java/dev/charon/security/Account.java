package dev.charon.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A login: the GM or a player. The password is only ever held as a PBKDF2 hash
 * ({@link PasswordHasher}); {@link #toString()} leaves it out so it can never reach a log.
 */
@Entity
@Table(name = "account")
public class Account {
  @Id
  @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
  Long id;

  @Column(nullable = false, unique = true, length = 32)
  String username;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 10)
  Role role;

  @Column(name = "password_hash", nullable = false, length = 200)
  String passwordHash;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected Account() {}

  Account(String username, Role role, String passwordHash, Instant createdAt) {
    this.username = username;
    this.role = role;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public Role role() {
    return role;
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "Account[" + username + ", " + role + "]";
  }
}
