package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.platform.Settings;
import dev.charon.platform.TrustedProxies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who the client is and what it addressed, from the socket and the forwarding headers: believed
 * only from a trusted proxy, the right-most untrusted hop, a malformed header ignored.
 */
class ClientRequestTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.parse(Settings.TRUSTED_PROXIES, "10.0.0.2,10.1.0.0/16,fd00::/8");
  private static final String PROXY = "10.0.0.2";

  /** A request the container saw as http://127.0.0.1:8080 from {@code peer}, with these headers (name, value, ...). */
  private static ClientRequest seen(String peer, String... headers) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
    }
    return ClientRequest.of(peer, name -> h.get(name.toLowerCase(Locale.ROOT)), "http", "127.0.0.1", 8080, PROXIES);
  }

  @Test
  void withoutForwardingHeadersTheSocketIsTheClient() {
    assertEquals(new ClientRequest(PROXY, "http", "127.0.0.1", 8080, true), seen(PROXY));
    assertEquals(new ClientRequest("192.0.2.7", "http", "127.0.0.1", 8080, false), seen("192.0.2.7"));
  }

  @Test
  void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
    ClientRequest r = seen("192.0.2.7", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "evil.example", "X-Forwarded-Port", "443", "Forwarded", "for=203.0.113.9;proto=https");
    assertEquals(new ClientRequest("192.0.2.7", "http", "127.0.0.1", 8080, false), r);
    ClientRequest none = ClientRequest.of(PROXY, name -> List.of("203.0.113.9"), "http", "h", 80, TrustedProxies.NONE);
    assertEquals(PROXY, none.address(), "no one is trusted by default");
  }

  @Test
  void xForwardedForNamesTheRightMostAddressThatIsNotATrustedProxy() {
    assertEquals("203.0.113.9", seen(PROXY, "X-Forwarded-For", "203.0.113.9").address());
    // The client wrote 6.6.6.6 itself; our proxy appended the address it saw.
    assertEquals("203.0.113.9", seen(PROXY, "X-Forwarded-For", "6.6.6.6, 203.0.113.9").address());
    assertEquals("203.0.113.9", seen(PROXY, "X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.4.4").address(),
        "a chain of our own proxies is skipped");
    assertEquals("203.0.113.9", seen(PROXY, "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "203.0.113.9").address(),
        "two header lines are one list");
    assertEquals("10.1.9.9", seen(PROXY, "X-Forwarded-For", "10.1.9.9, 10.1.4.4").address(),
        "all trusted: the left-most (a client on the proxies' network)");
    assertEquals("203.0.113.9", seen(PROXY, "X-Forwarded-For", "203.0.113.9:51234").address(), "with a port");
    assertEquals("2001:db8:0:0:0:0:0:1", seen(PROXY, "X-Forwarded-For", "2001:DB8::1").address());
    assertEquals("2001:db8:0:0:0:0:0:1", seen(PROXY, "X-Forwarded-For", "[2001:db8::1]:4711").address());
    assertEquals("2001:db8:0:0:0:0:0:1", seen("fd00::5", "X-Forwarded-For", "2001:db8::1").address(),
        "an IPv6 proxy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown", "_hidden", "evil.example", "", "1.2.3.4.5", "6.6.6.6, garbage", "[::1", "::g",
      "999.1.1.1", "6.6.6.6,,", "<script>"})
  void anXForwardedForWhoseNearestClientEntryIsNoAddressLeavesTheProxyAsTheClient(String value) {
    assertEquals(PROXY, seen(PROXY, "X-Forwarded-For", value).address());
  }

  @Test
  void forwardedNamesTheClientAndWhatItAddressed() {
    ClientRequest r = seen(PROXY, "Forwarded", "for=\"[2001:db8::1]:4711\";proto=https;host=games.example.org");
    assertEquals(new ClientRequest("2001:db8:0:0:0:0:0:1", "https", "games.example.org", 443, true), r);
    ClientRequest chained = seen(PROXY,
        "Forwarded", "for=6.6.6.6;host=evil.example, For=203.0.113.9;Proto=HTTPS;Host=\"games.example.org:8443\"",
        "Forwarded", "for=10.1.4.4;proto=http;host=inner.lan");
    assertEquals(new ClientRequest("203.0.113.9", "https", "games.example.org", 8443, true), chained,
        "the element where the client entered our proxies, with its proto and host");
    assertEquals(PROXY, seen(PROXY, "Forwarded", "for=unknown;proto=https").address());
    assertEquals("https", seen(PROXY, "Forwarded", "for=_hidden;proto=https").scheme());
  }

  @ParameterizedTest
  @ValueSource(strings = {"for=", "for=1.2.3.4;for=5.6.7.8", "for=\"1.2.3.4", "for 1.2.3.4", "=1.2.3.4",
      "for=1.2.3.4;;proto=https=x", "for=1.2.3.4 proto=https", "for=\"a\\", "for=@", "for=\"\u0001\"", ";;,=", "\"",
      "for=1.2.3.4,host=a b"})
  void aMalformedForwardedHeaderIsIgnoredAsAWhole(String value) {
    ClientRequest r = seen(PROXY, "Forwarded", value);
    assertEquals(new ClientRequest(PROXY, "http", "127.0.0.1", 8080, true), r);
    assertEquals(Optional.empty(), ForwardedHeader.parse(value));
    // ... and the X-Forwarded headers of the same request still count.
    assertEquals("203.0.113.9", seen(PROXY, "Forwarded", value, "X-Forwarded-For", "203.0.113.9").address());
  }

  @Test
  void forwardedGrammarEdges() {
    assertEquals(List.of(Map.of("for", "1.2.3.4"), Map.of("for", "5.6.7.8", "by", "a\"b")),
        ForwardedHeader.parse(" for=1.2.3.4 ,, for=5.6.7.8 ; by=\"a\\\"b\" ").orElseThrow());
    assertEquals(Optional.empty(), ForwardedHeader.parse("x".repeat(ForwardedHeader.MAX_CHARS + 1)));
    assertEquals(Optional.empty(), ForwardedHeader.parse(""));
    assertEquals(Optional.empty(), ForwardedHeader.parse(null));
  }

  @Test
  void forwardedAndXForwardedForThatDisagreeAreBothIgnored() {
    // A proxy that maintains X-Forwarded-For passed on a Forwarded the client wrote (or the other way round).
    ClientRequest r = seen(PROXY, "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=6.6.6.6;proto=https");
    assertEquals(new ClientRequest(PROXY, "http", "127.0.0.1", 8080, true), r);
    ClientRequest agree = seen(PROXY, "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.9;proto=https");
    assertEquals("203.0.113.9", agree.address());
    assertEquals("https", agree.scheme());
  }

  @Test
  void xForwardedProtoHostAndPortTakeTheValueOurProxyWrote() {
    ClientRequest r = seen(PROXY, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example, games.example.org",
        "X-Forwarded-Port", "8443");
    assertEquals(new ClientRequest(PROXY, "https", "games.example.org", 8443, true), r);
    assertEquals(8443, seen(PROXY, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "games.example.org:8443").port());
    assertEquals(443, seen(PROXY, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "games.example.org").port(),
        "a host without a port: the scheme's");
    assertEquals(443, seen(PROXY, "X-Forwarded-Proto", "https", "Host", "games.example.org").port(),
        "only the scheme forwarded, Host without a port: the scheme's");
    assertEquals(8443, seen(PROXY, "X-Forwarded-Proto", "https", "Host", "games.example.org:8443").port(),
        "only the scheme forwarded: the port the proxy left in Host");
    ClientRequest v6 = seen(PROXY, "X-Forwarded-Host", "[2001:db8::1]:8443", "X-Forwarded-Proto", "https");
    assertEquals("2001:db8::1", v6.host());
    assertEquals("https://[2001:db8::1]:8443", v6.origin());
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript", "https://", "ftp", "", "https, ", "http s"})
  void aBadForwardedSchemeIsIgnored(String proto) {
    ClientRequest r = seen(PROXY, "X-Forwarded-Proto", proto);
    assertEquals("http", r.scheme());
    assertEquals(8080, r.port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil example", "evil.example:0", "evil.example:99999", "evil.example:http", "[not-v6]",
      "a/b", "user@evil.example", "-evil.example", "evil.example:80:80", "[::1]x"})
  void aBadForwardedHostOrPortIsIgnored(String host) {
    ClientRequest r = seen(PROXY, "X-Forwarded-Host", host, "X-Forwarded-Port", host);
    assertEquals("127.0.0.1", r.host());
    assertEquals(8080, r.port());
  }

  @Test
  void aFullyQualifiedNameKeepsItsDotAsTheBrowserSendsItInOrigin() {
    ClientRequest r = ClientRequest.of("192.0.2.7", name -> null, "http", "Charon.LAN.", 8080, PROXIES);
    assertTrue(Csrf.sameOrigin("http://charon.lan.:8080", java.net.URI.create(r.origin())));
  }

  @Test
  void theOriginHasAnExplicitPort() {
    assertEquals("http://127.0.0.1:8080", seen("192.0.2.7").origin());
    java.net.URI forwarded = java.net.URI.create(
        seen(PROXY, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "games.example.org").origin());
    assertTrue(Csrf.sameOrigin("https://games.example.org", forwarded));
    assertFalse(Csrf.sameOrigin("https://games.example.org:8443", forwarded));
  }
}
