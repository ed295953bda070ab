package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Host names pass {@code charon.allowed.hosts}, and which settings are refused at start. */
class AllowedHostsTest {
  private static final AllowedHosts LISTED =
      AllowedHosts.parse(Settings.ALLOWED_HOSTS, " Charon.LAN , 192.168.1.20:8080,[FE80::1]:9000, tv.lan. ");

  @Test
  void unsetAcceptsEveryName() {
    assertTrue(AllowedHosts.ANY.any());
    assertTrue(AllowedHosts.ANY.allows("rebound.attacker.example", 80));
    assertTrue(AllowedHosts.ANY.allows(null, 80));
  }

  @Test
  void aListedNameWithoutPortIsAcceptedOnAnyPortInAnyCase() {
    assertTrue(LISTED.allows("charon.lan", 8080));
    assertTrue(LISTED.allows("CHARON.lan", 80));
    assertTrue(LISTED.allows("charon.lan.", 443), "the fully qualified spelling is the same name");
    assertTrue(LISTED.allows("tv.lan", 8080), "a listed trailing dot is dropped too");
  }

  @Test
  void aListedNameWithPortIsAcceptedOnThatPortOnly() {
    assertTrue(LISTED.allows("192.168.1.20", 8080));
    assertFalse(LISTED.allows("192.168.1.20", 80));
    assertTrue(LISTED.allows("[fe80::1]", 9000));
    assertTrue(LISTED.allows("fe80::1", 9000), "with or without brackets, as containers differ");
    assertFalse(LISTED.allows("[fe80::1]", 8080));
  }

  @Test
  void otherNamesAreRefused() {
    assertFalse(LISTED.allows("rebound.attacker.example", 8080));
    assertFalse(LISTED.allows("charon.lan.attacker.example", 8080));
    assertFalse(LISTED.allows("xcharon.lan", 8080));
    assertFalse(LISTED.allows("192.168.1.21", 8080));
    assertFalse(LISTED.allows("", 8080));
    assertFalse(LISTED.allows(null, 8080));
  }

  @Test
  void loopbackNamesAreAlwaysAccepted() {
    assertTrue(LISTED.allows("localhost", 8080));
    assertTrue(LISTED.allows("LOCALHOST", 1));
    assertTrue(LISTED.allows("127.0.0.1", 9090));
    assertTrue(LISTED.allows("[::1]", 8080));
    assertFalse(LISTED.allows("127.0.0.2", 8080), "only the three names, not the whole loopback range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "*.lan", "charon.lan:", "charon.lan:0", "charon.lan:65536", "charon.lan:http",
      "fe80::1", "[fe80::1", "[fe80::1]8080", "[charon.lan]", "http://charon.lan", "charon lan", "-charon.lan", ","})
  void malformedEntriesStopStartUpNamingTheSetting(String value) {
    StartupException e = assertThrows(StartupException.class, () -> AllowedHosts.parse(Settings.ALLOWED_HOSTS, value));
    assertTrue(e.getMessage().startsWith("charon.allowed.hosts "), e.getMessage());
  }

  @Test
  void theLogLineNamesTheEntriesAndTheLoopbackNames() {
    assertEquals("charon.lan, 192.168.1.20:8080, [fe80::1]:9000, tv.lan (and always localhost, 127.0.0.1, [::1])",
        LISTED.toString());
    assertEquals("any host name", AllowedHosts.ANY.toString());
  }
}
