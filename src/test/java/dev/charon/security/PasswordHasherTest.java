package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The production hasher: PBKDF2-HMAC-SHA256, at least 210,000 iterations, a fresh salt each time. */
class PasswordHasherTest {
  private static final PasswordHasher STANDARD = PasswordHasher.standard();

  @Test
  void productionIterationsMeetTheFloor() {
    assertTrue(PasswordHasher.DEFAULT_ITERATIONS >= PasswordHasher.MIN_PRODUCTION_ITERATIONS);
    assertTrue(PasswordHasher.MIN_PRODUCTION_ITERATIONS >= 210_000);
    String hash = STANDARD.hash("correct horse");
    assertEquals(PasswordHasher.DEFAULT_ITERATIONS, PasswordHasher.iterationsOf(hash));
    assertTrue(hash.startsWith("pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS + "$"), hash);
  }

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = STANDARD.hash("correct horse");
    assertTrue(STANDARD.verify("correct horse", hash));
    assertFalse(STANDARD.verify("correct horsf", hash));
    assertFalse(STANDARD.verify("", hash));
    assertFalse(STANDARD.needsRehash(hash));
  }

  @Test
  void everyHashHasItsOwnSalt() {
    PasswordHasher fast = PasswordHasher.withIterations(1_000);
    Set<String> salts = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String h = fast.hash("same password");
      salts.add(h.split("\\$")[2]);
      hashes.add(h);
    }
    assertEquals(50, salts.size());
    assertEquals(50, hashes.size());
  }

  @Test
  void malformedStoredHashesNeverMatchAndNeverThrow() {
    for (String bad : new String[] {null, "", "plain", "pbkdf2-sha256$x$y$z", "md5$1$AA$AA", "pbkdf2-sha256$0$AA$AA",
        "pbkdf2-sha256$1000$!!$AA", "pbkdf2-sha256$1000$$"}) {
      assertFalse(STANDARD.verify("anything", bad), String.valueOf(bad));
      assertTrue(STANDARD.needsRehash(bad));
    }
  }

  @Test
  void weakerOldHashesVerifyAndAskForARehash() {
    String old = PasswordHasher.withIterations(1_000).hash("pw-123456");
    assertTrue(STANDARD.verify("pw-123456", old), "the stored count is used");
    assertTrue(STANDARD.needsRehash(old));
    assertNotEquals(old, STANDARD.hash("pw-123456"));
  }
}
