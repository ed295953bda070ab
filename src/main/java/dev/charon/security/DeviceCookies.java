package dev.charon.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OWASP's "device cookies": after a successful login the browser gets a cookie that proves
 * "this device logged in as this user before". A login that presents one for the username it
 * tries is throttled only by its own failures ({@link Login}), so whoever guesses the GM's
 * password elsewhere cannot lock the GM's own devices out.
 *
 * <p>The value is {@code <nonce>.<HMAC-SHA256(key, username "\n" nonce)>}, both base64url: the
 * username is not in the cookie (nothing to read off a stolen one) but in the MAC, so a cookie
 * of one account proves nothing for another. Stateless: nothing is stored per device. The key
 * is random per installation and kept in H2 ({@code deployment_key}) so devices stay known
 * across restarts.
 */
public final class DeviceCookies {
  /** The installation's key, in the {@code deployment_key} table. */
  public static final String KEY_NAME = "device_cookie";
  public static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";
  /** 16 and 32 bytes in base64url without padding; anything else is no device cookie, unread. */
  private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** @param key this installation's, e.g. {@code Database.deploymentKey(KEY_NAME, KEY_BYTES)} */
  public DeviceCookies(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** A new cookie value for a device that just logged in as this (normalized) username. */
  String issue(String username) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    String n = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    return n + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(username, n));
  }

  /**
   * The device's nonce if the cookie is one this installation issued for this (normalized)
   * username; empty for anything else (absent, malformed, forged, another user's), never an error.
   */
  Optional<String> deviceOf(String cookie, String username) {
    if (cookie == null) {
      return Optional.empty();
    }
    var m = FORMAT.matcher(cookie);
    if (!m.matches()) {
      return Optional.empty();
    }
    // The text, not the decoded bytes: base64 ignores a last character's spare bits, and one
    // cookie should have one spelling.
    byte[] expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac(username, m.group(1)))
        .getBytes(StandardCharsets.US_ASCII);
    boolean valid = MessageDigest.isEqual(expected, m.group(2).getBytes(StandardCharsets.US_ASCII));
    return valid ? Optional.of(m.group(1)) : Optional.empty();
  }

  private byte[] mac(String username, String nonce) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to get: one per use
      mac.init(key);
      return mac.doFinal((username + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
    }
  }
}
