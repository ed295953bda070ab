package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.platform.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device cookies: bound to one username, signed with a key that is this installation's and survives restarts. */
class DeviceCookiesTest {

  @Test
  void aCookieProvesItsOwnUsernameAndNoOther() {
    DeviceCookies devices = new DeviceCookies(new byte[DeviceCookies.KEY_BYTES]);
    String cookie = devices.issue("gm");
    Optional<String> device = devices.deviceOf(cookie, "gm");
    assertTrue(device.isPresent());
    assertTrue(cookie.startsWith(device.get() + "."));
    assertEquals(Optional.empty(), devices.deviceOf(cookie, "pia"));
    assertNotEquals(cookie, devices.issue("gm"), "a new nonce each time");
    for (String bad : new String[] {null, "", ".", "a.b", cookie + "x", cookie.toUpperCase(), " " + cookie}) {
      assertEquals(Optional.empty(), devices.deviceOf(bad, "gm"), String.valueOf(bad));
    }
  }

  private static DeviceCookies devices(Database db) {
    return new DeviceCookies(db.deploymentKey(DeviceCookies.KEY_NAME, DeviceCookies.KEY_BYTES));
  }

  @Test
  void theKeySurvivesARestartAndIsPerInstallation(@TempDir Path dir) throws Exception {
    String cookie;
    try (Database db = Database.open(dir)) {
      cookie = devices(db).issue("gm");
    }
    try (Database again = Database.open(dir)) {
      assertTrue(devices(again).deviceOf(cookie, "gm").isPresent(), "known after a restart");
    }
    Path other = Files.createDirectory(dir.resolve("other"));
    try (Database elsewhere = Database.open(other)) {
      assertEquals(Optional.empty(), devices(elsewhere).deviceOf(cookie, "gm"),
          "another installation has another key");
    }
  }
}
