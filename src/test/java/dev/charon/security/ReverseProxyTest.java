package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.activeview.StreamLimits;
import dev.charon.platform.PublicUrl;
import dev.charon.platform.Settings;
import dev.charon.platform.TrustedProxies;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Charon published at {@value #PUBLIC} through a reverse proxy at {@value #PROXY}: the public
 * origin may write, cookies take the public path and Secure, and the proxy's forwarding headers
 * say who the client is, for the login throttle and the stream caps. The same headers from any
 * other address change nothing. (The test socket plays every peer: {@code X-Test-Client-Address}
 * is the address the container would see.)
 */
class ReverseProxyTest extends ApiTestBase {
  static final String PUBLIC = "https://games.example.org/games/charon/";
  static final String PUBLIC_ORIGIN = "https://games.example.org";
  static final String PROXY = "10.0.0.2";
  static final int STREAMS_PER_ADDRESS = 2;
  private final List<SseClient> streams = new ArrayList<>();

  @Override
  protected Settings settings() {
    return super.settings().behindProxy(Optional.of(PublicUrl.parse(Settings.PUBLIC_URL, PUBLIC)),
        TrustedProxies.parse(Settings.TRUSTED_PROXIES, PROXY));
  }

  @Override
  protected StreamLimits streamLimits() {
    return new StreamLimits(STREAMS_PER_ADDRESS, 100);
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(SseClient::close);
  }

  /** A browser whose requests reach Charon from {@code peer} with these extra headers (name, value, ...). */
  private Agent from(String peer, String... headers) {
    Agent a = agent();
    a.headers.put(CLIENT_ADDRESS_HEADER, peer);
    for (int i = 0; i < headers.length; i += 2) {
      a.headers.put(headers[i], headers[i + 1]);
    }
    return a;
  }

  /** A browser at {@code client} behind the proxy, which adds the headers nginx's recipe adds. */
  private Agent behindProxy(String client) {
    return from(PROXY, "X-Forwarded-For", client, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "games.example.org",
        "Origin", PUBLIC_ORIGIN);
  }

  private static String setCookie(Agent.Reply r, String name) {
    return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().map()));
  }

  @Test
  void throughTheProxyTheGmLogsInFromThePublicOriginAndTheCookiesTakeThePublicPathAndSecure() {
    Agent browser = behindProxy("203.0.113.9");
    Agent.Reply first = browser.get("api/auth/me/");
    assertTrue(setCookie(first, Csrf.COOKIE).contains("Path=/games/charon/"), setCookie(first, Csrf.COOKIE));
    assertTrue(setCookie(first, Csrf.COOKIE).contains("Secure"));
    Agent.Reply login = browser.login("gm", GM_PASSWORD);
    assertEquals(200, login.status(), login.body());
    for (String name : List.of(Cookies.SESSION, Cookies.DEVICE)) {
      String cookie = setCookie(login, name);
      assertTrue(cookie.contains("Path=/games/charon/") && cookie.contains("Secure") && cookie.contains("HttpOnly"),
          cookie);
    }
    assertEquals(200, browser.post("api/gm/switch-view/", "{\"view_type\":\"STANDBY\"}").status(), "a write");
  }

  @Test
  void theProxyPassingOnlyTheHostStillGetsThePublicCookies() {
    // No forwarding headers at all (a proxy configured with the public URL alone): the peer is trusted.
    Agent browser = from(PROXY, "Origin", PUBLIC_ORIGIN);
    Agent.Reply login = browser.login("gm", GM_PASSWORD);
    assertEquals(200, login.status(), login.body());
    assertTrue(setCookie(login, Cookies.SESSION).contains("Path=/games/charon/"));
  }

  @Test
  void aScreenOnTheLanKeepsTheCookiesItHadWithoutThePublicUrl() {
    Agent lan = from("192.168.1.20", "Origin", getBaseUri().toString().replaceAll("/$", ""));
    Agent.Reply login = lan.login("gm", GM_PASSWORD);
    assertEquals(200, login.status(), login.body());
    String cookie = setCookie(login, Cookies.SESSION);
    assertTrue(cookie.contains("Path=/;") || cookie.endsWith("Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), cookie);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://games.example.org:8443", "http://games.example.org",
      "https://games.example.org.evil.example", "https://evil.example", "null",
      "https://games.example.org/games/charon/", "https://games.example.org:443@evil.example"})
  void anOriginThatIsNotExactlyThePublicOneIsRefusedAndLogsNobodyIn(String origin) {
    for (Agent browser : List.of(from(PROXY, "X-Forwarded-For", "203.0.113.9", "Origin", origin),
        from("192.0.2.7", "Origin", origin))) {
      Agent.Reply login = browser.login("gm", GM_PASSWORD);
      assertEquals(403, login.status(), origin + ": " + login.body());
      assertTrue(login.json().has("error"));
      assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(Cookies.SESSION + "=")));
      assertEquals(401, browser.get("api/auth/me/").status());
    }
  }

  @Test
  void forgedForwardingHeadersFromAnUntrustedClientAreIgnored() {
    // It claims to have come through a proxy for evil.example over HTTPS; it came from 192.0.2.66.
    Agent forger = from("192.0.2.66", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
        "X-Forwarded-Port", "443", "Forwarded", "for=203.0.113.1;proto=https;host=evil.example", "Origin",
        "https://evil.example");
    Agent.Reply login = forger.login("gm", GM_PASSWORD);
    assertEquals(403, login.status(), login.body());
    assertEquals(401, forger.get("api/auth/me/").status());
    String csrf = setCookie(from("192.0.2.66", "X-Forwarded-Proto", "https").get("api/auth/me/"), Csrf.COOKIE);
    assertFalse(csrf.contains("Secure"), "a forged X-Forwarded-Proto does not make a cookie Secure: " + csrf);
  }

  @Test
  void aSpoofedXForwardedForFromAnUntrustedAddressDoesNotEscapeTheLoginThrottle() {
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      Agent.Reply r = from("192.0.2.66", "X-Forwarded-For", "6.6.6." + i, "Forwarded", "for=6.6.7." + i)
          .login("nobody" + i, "wrong-password-" + i);
      assertEquals(401, r.status(), r.body());
    }
    Agent.Reply throttled = from("192.0.2.66", "X-Forwarded-For", "6.6.6.99").login("nobody99", "wrong-password");
    assertEquals(429, throttled.status(), "every attempt counted for 192.0.2.66: " + throttled.body());
  }

  @Test
  void throughATrustedProxyEachRealClientHasItsOwnLoginCount() {
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      // The client wrote its own X-Forwarded-For; the proxy appended the address it saw.
      Agent.Reply r = from(PROXY, "X-Forwarded-For", "6.6.6." + i + ", 203.0.113.9").login("nobody" + i, "wrong-" + i);
      assertEquals(401, r.status(), r.body());
    }
    assertEquals(429, from(PROXY, "X-Forwarded-For", "6.6.6.99, 203.0.113.9").login("nobody99", "wrong").status(),
        "203.0.113.9 used up its attempts, whatever it wrote");
    assertEquals(401, from(PROXY, "X-Forwarded-For", "203.0.113.10").login("nobody100", "wrong").status(),
        "another player behind the same proxy is not throttled");
    assertEquals(401, from(PROXY, "Forwarded", "for=\"[2001:db8::7]:4711\"").login("nobody101", "wrong").status());
    assertEquals(200, behindProxy("203.0.113.11").login("gm", GM_PASSWORD).status(), "nor is the GM");
  }

  @ParameterizedTest
  @ValueSource(strings = {"for=", "for=1.2.3.4;for=5.6.7.8", "for=\"1.2.3.4", "for 1.2.3.4", "\u00ff\u00fe", ";;,=,",
      "for=unknown", "for=_hidden"})
  void aMalformedOrOpaqueForwardedHeaderCountsAgainstTheProxyNeverA500(String forwarded) {
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      Agent.Reply r = from(PROXY, "Forwarded", forwarded).login("nobody" + i, "wrong-" + i);
      assertEquals(401, r.status(), r.body());
    }
    assertEquals(429, from(PROXY, "Forwarded", forwarded).login("nobody99", "wrong").status());
    assertEquals(401, from(PROXY, "X-Forwarded-For", "203.0.113.12").login("nobody100", "wrong").status());
  }

  @Test
  void theOriginForwardedByTheTrustedProxyIsAcceptedAndTheSameHeadersFromElsewhereAreNot() {
    String[] forwarded = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "games.example.org:8443", "Origin",
        "https://games.example.org:8443"};
    assertEquals(200, from(PROXY, forwarded).login("gm", GM_PASSWORD).status());
    assertEquals(403, from("192.0.2.7", forwarded).login("gm", GM_PASSWORD).status());
  }

  @Test
  void streamCapsCountPerRealClientBehindTheProxy() {
    for (int i = 0; i < STREAMS_PER_ADDRESS; i++) {
      streams.add(openStream(PROXY, "X-Forwarded-For", "203.0.113.9"));
    }
    Agent.Reply refused = from(PROXY, "X-Forwarded-For", "203.0.113.9")
        .send("GET", "api/active-view/stream/", null, Map.of("Accept", "text/event-stream"));
    assertEquals(429, refused.status(), refused.body());
    streams.add(openStream(PROXY, "X-Forwarded-For", "203.0.113.10"));
    for (int i = 0; i < STREAMS_PER_ADDRESS; i++) {
      streams.add(openStream(PROXY)); // the proxy's own address has all its places left
    }
  }

  private SseClient openStream(String peer, String... headers) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(CLIENT_ADDRESS_HEADER, peer);
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    SseClient c = new SseClient(uri("api/active-view/stream/"), h);
    c.awaitOpen();
    return c;
  }
}
