package dev.charon.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, with a random salt per password. The encoded form carries its
 * own iteration count, so raising {@link #DEFAULT_ITERATIONS} later keeps old hashes verifiable
 * (and {@link #needsRehash} lets a login upgrade them).
 */
public final class PasswordHasher {
  /**
   * OWASP's 2023 figure for PBKDF2-HMAC-SHA256 (the floor is 210,000). About 180 ms per
   * hash on the project's 2-core machines once the JIT has warmed up: fine for a login, and
   * failed logins are throttled.
   */
  public static final int DEFAULT_ITERATIONS = 600_000;
  /** The floor the issue sets; {@code PasswordHasherTest} holds the default to it. */
  public static final int MIN_PRODUCTION_ITERATIONS = 210_000;
  static final int SALT_BYTES = 16;
  static final int HASH_BITS = 256;
  static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

  private final SecureRandom random = new SecureRandom();
  private final int iterations;
  /** Verified against when the user does not exist, so that answer takes as long as a wrong password. */
  private final String dummyHash;

  private PasswordHasher(int iterations) {
    this.iterations = iterations;
    this.dummyHash = hash("not a password of anyone " + random.nextLong());
  }

  public static PasswordHasher standard() {
    return new PasswordHasher(DEFAULT_ITERATIONS);
  }

  /**
   * Fewer iterations, for the API test base only: it logs in before each of 100+ tests, and
   * 600,000 iterations there would cost minutes. Production code always uses {@link #standard()}.
   */
  public static PasswordHasher withIterations(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    return new PasswordHasher(iterations);
  }

  public int iterations() {
    return iterations;
  }

  /** {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** Constant-time comparison; a malformed stored hash never matches. */
  public boolean verify(String password, String encoded) {
    Parsed p = parse(encoded);
    if (p == null) {
      return false;
    }
    return MessageDigest.isEqual(derive(password, p.salt, p.iterations), p.hash);
  }

  /** Spends the time of a real check and fails: the answer for an unknown user. */
  public boolean verifyNobody(String password) {
    verify(password, dummyHash);
    return false;
  }

  public boolean needsRehash(String encoded) {
    Parsed p = parse(encoded);
    return p == null || p.iterations < iterations;
  }

  /** The iteration count written in an encoded hash, or -1 if it is malformed. */
  public static int iterationsOf(String encoded) {
    Parsed p = parse(encoded);
    return p == null ? -1 : p.iterations;
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String encoded) {
    if (encoded == null) {
      return null;
    }
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return null;
    }
    try {
      int n = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      return n > 0 && salt.length > 0 && hash.length > 0 ? new Parsed(n, salt, hash) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java 17+ runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
