package dev.charon.campaign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids players see for doors. A connection's own id is the campaign author's, and authors name
 * doors after the rooms they join ({@code conn_bridge_eng}): sent to players for a door whose far
 * side is hidden, it would give that room away although the map blanks it. So players get an
 * opaque id instead: {@code "d"} + the first {@value #ID_HEX_CHARS} hex digits of
 * HMAC-SHA256(deployment key, location slug + NUL + connection id). The player map and the player
 * projection's {@code encounter_door_status} use the same id, so the terminal keys door states as
 * before; the GM keeps the real ids (and is the only one who writes doors).
 *
 * <p>The key is random per deployment and kept in the database ({@code deployment_key}), so a
 * door keeps its id across restarts and campaign reloads (a terminal that cached a map before a
 * restart still matches the new stream), and nobody without the key can tell which connection an
 * id stands for or test a guess. 64 bits make a clash between the doors of one location (a few
 * hundred at most) a one-in-10^14 event.
 */
public final class DoorIds {
  /** The name of the key in the database's {@code deployment_key} table. */
  public static final String KEY_NAME = "player-door-ids";
  public static final int KEY_BYTES = 32;
  static final int ID_HEX_CHARS = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final Mac mac; // guarded by this: a Mac is not thread-safe, and one HMAC takes about a microsecond
  private final String fingerprint;

  private DoorIds(byte[] key) {
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
    fingerprint = hmacHex("etag");
  }

  /** With the deployment's key (see {@code Database.deploymentKey}). */
  public static DoorIds withKey(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a door-id key needs at least 16 bytes");
    }
    return new DoorIds(key.clone());
  }

  /** With a key of this process only, for tests: the ids change on every start. */
  public static DoorIds withRandomKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new DoorIds(key);
  }

  /** The id players see for connection {@code connectionId} of the location {@code locationSlug}. */
  public String forPlayers(String locationSlug, String connectionId) {
    return "d" + hmacHex(locationSlug + '\u0000' + connectionId).substring(0, ID_HEX_CHARS);
  }

  /**
   * Changes with the key and tells nothing about it: part of the player map's ETag, so a browser
   * never revalidates a map cached under another key (a new data directory).
   */
  String fingerprint() {
    return fingerprint;
  }

  private synchronized String hmacHex(String input) {
    return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
  }
}
