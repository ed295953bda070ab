package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access table and the same-origin rule, each on its own (the throttle: {@code ThrottleTest}). */
class SecurityUnitsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "GET, gm/active-view, GM", "GET, /gm/active-view/stream/, GM", "POST, gm/switch-view, GM",
      "GET, gm/players/{username}, GM", "DELETE, gm/players/{username}, GM",
      "POST, terminal/hide, PUBLIC", "GET, terminal/hide, GM", "GET, terminal/{location}/{terminal}, PUBLIC",
      "GET, messages, ANYONE_OR_USER", "POST, messages, GM", "POST, messages/read, PLAYER",
      "GET, encounter-map/{slug}, PUBLIC", "GET, encounter-map/{slug}/all-decks, PUBLIC",
      "POST, encounter-map/{slug}, GM", "GET, campaign/images/{path: .+}, PUBLIC",
      "GET, health, PUBLIC", "DELETE, health, GM", "GET, something/new, GM", "PUT, active-view, GM",
      "POST, auth/login, PUBLIC", "GET, auth/me, PUBLIC", "POST, auth/me, GM", "GET, , GM"})
  void accessTableDeniesByDefault(String method, String path, Access expected) {
    assertEquals(expected, AccessTable.lookup(method, path == null ? "" : path));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({"POST, terminal/hide, true", "POST, /terminal/hide/, true", "GET, terminal/hide, false",
      "POST, auth/login, false", "POST, /auth/logout/, false", "POST, gm/switch-view, false",
      "POST, messages/read, false", "GET, active-view, false"})
  void publicWritesOtherThanLoginAndLogoutAreRateLimitedPerAddress(String method, String path, boolean limited) {
    assertEquals(limited, AccessTable.rateLimitedPerAddress(method, path));
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
      "http://127.0.0.1:8080, http://127.0.0.1:8080/api/gm/broadcast/, true",
      "http://LOCALHOST:8080, http://localhost:8080/charon/api/x, true",
      "https://charon.example, https://charon.example:443/api/x, true",
      "http://charon.example, http://charon.example:80/api/x, true",
      "http://evil.example, http://127.0.0.1:8080/api/x, false",
      "http://127.0.0.1:8081, http://127.0.0.1:8080/api/x, false",
      "https://127.0.0.1:8080, http://127.0.0.1:8080/api/x, false",
      "null, http://127.0.0.1:8080/api/x, false",
      "http://127.0.0.1:8080/path, http://127.0.0.1:8080/api/x, false",
      "'http://a b', http://127.0.0.1:8080/api/x, false"})
  void originMustBeThisServer(String origin, String request, boolean same) {
    assertEquals(same, Csrf.sameOrigin(origin, URI.create(request)));
  }

  @Test
  void csrfNeedsAMatchingWellFormedPair() {
    URI uri = URI.create("http://127.0.0.1:8080/api/gm/broadcast/");
    String token = Csrf.newToken();
    assertFalse(Csrf.refusal(token, token, null, null, uri).isPresent());
    assertTrue(Csrf.refusal(token, null, null, null, uri).isPresent());
    assertTrue(Csrf.refusal(null, token, null, null, uri).isPresent());
    assertTrue(Csrf.refusal("short", "short", null, null, uri).isPresent());
    assertTrue(Csrf.refusal(token, Csrf.newToken(), null, null, uri).isPresent());
    assertTrue(Csrf.refusal(token, token, "http://evil.example", null, uri).isPresent());
    assertTrue(Csrf.refusal(token, token, null, "cross-site", uri).isPresent());
    assertFalse(Csrf.refusal(token, token, "http://127.0.0.1:8080", "same-origin", uri).isPresent());
  }

  @Test
  void cookiePathIsTheContextPath() {
    assertEquals("/", SecurityFilter.cookiePath(URI.create("http://h:1/api/")));
    assertEquals("/charon/", SecurityFilter.cookiePath(URI.create("http://h:1/charon/api/")));
    assertEquals("/a/b/", SecurityFilter.cookiePath(URI.create("http://h:1/a/b/api")));
  }
}
