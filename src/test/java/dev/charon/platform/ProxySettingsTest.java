package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** charon.public.url and charon.trusted.proxies: what they accept, and one clear line for what they do not. */
class ProxySettingsTest {
  private static Settings withEnv(Map<String, String> env) {
    return Settings.resolve(env::get, name -> null);
  }

  @Test
  void publicUrlComesFromTheEnvironmentOrJndiAndIsUnsetByDefault() {
    assertEquals(Optional.empty(), withEnv(Map.of()).publicUrl());
    assertEquals("https://games.example.org/charon/",
        withEnv(Map.of("CHARON_PUBLIC_URL", "https://games.example.org/charon/")).publicUrl().orElseThrow().toString());
    Settings fromJndi = Settings.resolve(name -> null, Map.of("charon/publicUrl", "http://tv.lan:8080/")::get);
    assertEquals("http://tv.lan:8080/", fromJndi.publicUrl().orElseThrow().toString());
  }

  @Test
  void publicUrlGetsItsMissingSlashAndKeepsOnlyANonDefaultPort() {
    PublicUrl u = PublicUrl.parse(Settings.PUBLIC_URL, "HTTPS://Games.Example.org:443/games/charon");
    assertEquals("https", u.scheme());
    assertEquals("games.example.org", u.host());
    assertEquals(443, u.port());
    assertEquals("/games/charon/", u.path());
    assertEquals("https://games.example.org", u.origin());
    assertTrue(u.secure());
    assertEquals("https://games.example.org/games/charon/login/", u.link("login/"));
    assertEquals("/", PublicUrl.parse(Settings.PUBLIC_URL, "https://games.example.org").path());
    PublicUrl odd = PublicUrl.parse(Settings.PUBLIC_URL, "http://[2001:DB8::1]:8443/x/");
    assertEquals("2001:db8::1", odd.host());
    assertEquals("http://[2001:db8::1]:8443", odd.origin());
    assertFalse(odd.secure());
  }

  @ParameterizedTest
  @ValueSource(strings = {"games.example.org/charon/", "/charon/", "ftp://games.example.org/", "https://",
      "https:///charon/", "https://games.example.org/charon/?x=1", "https://games.example.org/#top",
      "https://user:pw@games.example.org/", "https://games.example.org:0/", "https://games.example.org:99999/",
      "https://games example.org/", "https://games.example.org/a/../b/", "https://games.example.org/a;b/",
      "https://games.example.org//charon/", "javascript:alert(1)", "https://exa_mple.org/"})
  void aPublicUrlThatIsNotAnAbsoluteHttpUrlStopsStartUpNamingTheSetting(String value) {
    StartupException e = assertThrows(StartupException.class, () -> withEnv(Map.of("CHARON_PUBLIC_URL", value)));
    assertTrue(e.getMessage().startsWith("charon.public.url = '" + value + "' "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void thePublicUrlsHostIsAnsweredWhenHostNamesAreListed() {
    Settings s = withEnv(Map.of("CHARON_ALLOWED_HOSTS", "charon.lan", "CHARON_PUBLIC_URL",
        "https://games.example.org:8443/charon/"));
    assertTrue(s.allowedHosts().allows("games.example.org", 443), "a proxy may pass the Host on without its port");
    assertTrue(s.allowedHosts().allows("charon.lan", 80));
    assertFalse(s.allowedHosts().allows("evil.example", 80));
    assertTrue(withEnv(Map.of("CHARON_PUBLIC_URL", "https://games.example.org/")).allowedHosts().any(),
        "unset stays unset");
  }

  @Test
  void trustedProxiesAreNoneByDefaultAndTakeIpv4AndIpv6Networks() {
    assertTrue(withEnv(Map.of()).trustedProxies().none());
    TrustedProxies t =
        withEnv(Map.of("CHARON_TRUSTED_PROXIES", " 10.0.0.0/8, 192.168.1.20 ,fd00::/8,::1")).trustedProxies();
    assertTrue(t.trusts("10.255.1.2"));
    assertTrue(t.trusts("192.168.1.20"));
    assertFalse(t.trusts("192.168.1.21"));
    assertFalse(t.trusts("11.0.0.1"));
    assertTrue(t.trusts("fd12:3456::1"));
    assertTrue(t.trusts("0:0:0:0:0:0:0:1"), "Tomcat's spelling of ::1");
    assertFalse(t.trusts("fe80::1"));
    assertFalse(t.trusts("::ffff:11.0.0.1"));
    assertTrue(t.trusts("::ffff:10.0.0.1"), "an IPv4-mapped peer is its IPv4 address");
    assertFalse(t.trusts("unknown"));
    assertFalse(t.trusts("localhost"), "never a DNS lookup");
    TrustedProxies odd = TrustedProxies.parse(Settings.TRUSTED_PROXIES, "172.16.0.0/12,2001:db8:8000::/33,0.0.0.0/0");
    assertTrue(odd.trusts("8.8.8.8"), "/0 trusts everyone (the operator asked for it)");
    TrustedProxies v6 = TrustedProxies.parse(Settings.TRUSTED_PROXIES, "2001:db8:8000::/33");
    assertTrue(v6.trusts("2001:db8:ffff::1"));
    assertFalse(v6.trusts("2001:db8:7fff::1"));
    assertFalse(v6.trusts("10.0.0.1"));
    assertEquals("172.16.0.0/12", TrustedProxies.parse(Settings.TRUSTED_PROXIES, "172.16.0.0/12").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy.lan", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.256",
      "10.0.0", "1.2.3.4.5", "10.0.0.0/8x", ",", "fe80::1%eth0/64x", "::ffff:10.0.0.1/24", "[::1]", "010.0.0.1"})
  void anInvalidTrustedProxyStopsStartUpNamingTheSetting(String value) {
    StartupException e = assertThrows(StartupException.class, () -> withEnv(Map.of("CHARON_TRUSTED_PROXIES", value)));
    assertTrue(e.getMessage().startsWith("charon.trusted.proxies "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void ipAddressesAreParsedWithoutDns() {
    assertTrue(IpAddress.parse("192.0.2.1").isPresent());
    assertTrue(IpAddress.parse("2001:DB8::1").isPresent());
    assertTrue(IpAddress.parse("fe80::1%eth0").isPresent());
    for (String notLiteral : new String[] {"localhost", "example.org", ".1.2.3", "1.2.3", "256.1.1.1", "", "::g",
        "1:2"}) {
      assertEquals(Optional.empty(), IpAddress.parse(notLiteral), notLiteral);
    }
    assertEquals("0:0:0:0:0:0:0:1", IpAddress.canonical(IpAddress.parse("::1").orElseThrow()));
  }
}
