package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Login, sessions, cookies, throttling and account rules, over HTTP. */
class SecurityRulesTest extends ApiTestBase {
  // No initializer: JerseyTest's constructor calls configure(), and so clock(), before this
  // class's field initializers would run (an initializer would then replace the clock in use).
  private MovableClock clock;

  @Override
  protected Clock clock() {
    if (clock == null) {
      clock = new MovableClock();
    }
    return clock;
  }

  private static String login(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameAnswer() {
    player("pia");
    Agent.Reply unknown = agent().login("nobody", "whatever-password");
    Agent.Reply wrong = agent().login("pia", "whatever-password");
    assertEquals(401, unknown.status());
    assertEquals(unknown.status(), wrong.status());
    assertEquals(unknown.body(), wrong.body());
  }

  @Test
  void loginAnswersWhoAndSetsAStrictHttpOnlySessionCookie() {
    Agent browser = agent();
    Agent.Reply r = browser.login("GM", GM_PASSWORD); // usernames are case-insensitive
    assertEquals(200, r.status(), r.body());
    assertEquals("gm", r.json().get("username").asText());
    assertEquals("GM", r.json().get("role").asText());
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("CHARON_SESSION=")).findFirst()
        .orElseThrow();
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP: not Secure, or the browser would drop it");
    assertFalse(r.body().contains(GM_PASSWORD));
    assertEquals("gm", browser.get("api/auth/me/").json().get("username").asText());
  }

  @Test
  void csrfCookieIsHandedOutReadableByScriptsAndStrict() {
    Agent.Reply r = agent().get("api/active-view/");
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("csrftoken=")).findFirst()
        .orElseThrow();
    assertFalse(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    Agent.Reply again = agent().send("GET", "api/active-view/", null, Map.of("Cookie", cookie.split(";")[0]));
    assertTrue(again.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("csrftoken=")),
        "not re-issued while the browser has one");
  }

  @Test
  void everyLoginIssuesANewSessionAndKillsTheOldOne() {
    Agent browser = agent().loggedIn("gm", GM_PASSWORD);
    String first = browser.cookies.get("CHARON_SESSION");
    browser.loggedIn("gm", GM_PASSWORD);
    String second = browser.cookies.get("CHARON_SESSION");
    assertNotEquals(first, second);
    assertEquals(200, browser.get("api/gm/players/").status());
    Agent replay = agent();
    replay.cookies.put("CHARON_SESSION", first);
    assertEquals(401, replay.get("api/gm/players/").status(), "the old session is dead");
  }

  @Test
  void logoutEndsTheSessionForGood() {
    Agent browser = agent().loggedIn("gm", GM_PASSWORD);
    String token = browser.cookies.get("CHARON_SESSION");
    assertEquals(200, browser.post("api/auth/logout/", "{}").status());
    assertFalse(browser.cookies.containsKey("CHARON_SESSION"), "the cookie is cleared");
    Agent replay = agent();
    replay.cookies.put("CHARON_SESSION", token);
    assertEquals(401, replay.get("api/gm/active-view/").status());
    assertEquals(401, replay.get("api/auth/me/").status());
  }

  static List<String> badCookies() {
    return List.of("CHARON_SESSION=", "CHARON_SESSION=abc", "CHARON_SESSION=\"quoted\"",
        "CHARON_SESSION=" + "A".repeat(43), "CHARON_SESSION=" + "A".repeat(5000), "CHARON_SESSION=%00%ff;;;",
        "CHARON_SESSION", "=;=;", "CHARON_SESSION=a=b=c", "CHARON_SESSION=" + "_".repeat(43) + "; CHARON_SESSION=x");
  }

  @ParameterizedTest
  @MethodSource("badCookies")
  void malformedOrForgedSessionCookieIs401NeverA500(String cookie) {
    Agent.Reply gmOnly = agent().send("GET", "api/gm/players/", null, Map.of("Cookie", cookie));
    assertEquals(401, gmOnly.status(), gmOnly.body());
    assertTrue(gmOnly.json().has("error"));
    Agent.Reply pub = agent().send("GET", "api/active-view/", null, Map.of("Cookie", cookie));
    assertEquals(200, pub.status(), "a public read ignores a bad cookie");
  }

  @Test
  void failedLoginsAreThrottledPerAccount() {
    player("pia");
    Agent attacker = agent();
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      attacker.headers.put(CLIENT_ADDRESS_HEADER, "10.0.0." + i); // a botnet: a new address each time
      assertEquals(401, attacker.login("pia", "guess-number-" + i).status());
    }
    attacker.headers.put(CLIENT_ADDRESS_HEADER, "10.0.0.99");
    Agent.Reply throttled = attacker.login("pia", "guess-again");
    assertEquals(429, throttled.status());
    long retryAfter = Long.parseLong(throttled.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    Agent owner = agent();
    owner.headers.put(CLIENT_ADDRESS_HEADER, "192.168.1.20");
    assertEquals(429, owner.login("pia", "pia-password").status(), "no password is checked while throttled");
    assertEquals(200, owner.login("gm", GM_PASSWORD).status(), "other accounts are not affected");
  }

  @Test
  void failedLoginsAreThrottledPerClientAddress() {
    Agent attacker = agent();
    attacker.headers.put(CLIENT_ADDRESS_HEADER, "10.6.6.6");
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      assertEquals(401, attacker.login("user" + i, "password-" + i).status());
    }
    assertEquals(429, attacker.login("gm", GM_PASSWORD).status(), "this address is done for a minute");
    Agent elsewhere = agent();
    elsewhere.headers.put(CLIENT_ADDRESS_HEADER, "10.7.7.7");
    assertEquals(200, elsewhere.login("gm", GM_PASSWORD).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"username\":\"\",\"password\":\"long enough\"}|username",
      "{\"password\":\"long enough\"}|username",
      "{\"username\":\"abcdefghijabcdefghijabcdefghijabc\",\"password\":\"long enough\"}|username",
      "{\"username\":\"gm\",\"password\":\"\"}|password",
      "{\"username\":\"gm\"}|password",
      "{\"username\":\"gm\",\"password\":\"PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP\"}|password",
      "{\"username\":7,\"password\":\"long enough\"}|username",
      "{\"username\":\"gm\",\"password\":[]}|password"})
  void badLoginInputIs400WithTheField(String caseSpec) {
    String[] parts = caseSpec.split("\\|");
    Agent browser = agent();
    browser.get("api/health/");
    Agent.Reply r = browser.post("api/auth/login/", parts[0]);
    assertEquals(400, r.status(), r.body());
    assertEquals(parts[1], r.json().get("field").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab|long enough|username", "abcdefghijabcdefghijabcdefghijabc|long enough|username",
      "bad name|long enough|username", "bad/name|long enough|username", "ünï|long enough|username",
      "|long enough|username", "goodname|short|password", "goodname|        |password",
      "goodname||password"})
  void badNewAccountsAre400WithTheFieldAndNothingIsCreated(String caseSpec) {
    String[] p = caseSpec.split("\\|", -1);
    int before = charon.accounts().all().size();
    Agent.Reply r = gm().post("api/gm/players/", login(p[0], p[1]));
    assertEquals(400, r.status(), r.body());
    assertEquals(p[2], r.json().get("field").asText());
    assertEquals(before, charon.accounts().all().size());
  }

  @Test
  void overlongPasswordIsRefused() {
    Agent.Reply r = gm().post("api/gm/players/", login("lena", "p".repeat(Accounts.MAX_PASSWORD_CHARS + 1)));
    assertEquals(400, r.status());
    assertEquals("password", r.json().get("field").asText());
    assertEquals(201, gm().post("api/gm/players/", login("lena", "p".repeat(Accounts.MAX_PASSWORD_CHARS))).status());
  }

  @Test
  void playerAccountsAreListedWithoutAnyPasswordMaterial() {
    assertEquals(201, gm().post("api/gm/players/", login("Lena.K", "secret password")).status());
    assertEquals(409, gm().post("api/gm/players/", login("lena.k", "other password")).status());
    Agent.Reply list = gm().get("api/gm/players/");
    assertEquals(200, list.status());
    assertFalse(list.body().contains("password"), list.body());
    assertFalse(list.body().contains("pbkdf2"), list.body());
    List<String> names = list.json().get("players").findValuesAsText("username");
    assertEquals(List.of("gm", "lena.k"), names);
    assertNotNull(list.json().get("players").get(1).get("created_at"));
    assertEquals("PLAYER", list.json().get("players").get(1).get("role").asText());
  }

  @Test
  void passwordResetEndsThePlayersSessionsAndOnlyTheNewPasswordWorks() {
    Agent phone = player("pia");
    Agent tablet = agent().loggedIn("pia", "pia-password");
    // Used once each, so that both sessions are also remembered in memory, not only in H2.
    assertEquals(200, phone.get("api/auth/me/").status());
    assertEquals(200, tablet.get("api/messages/").status());
    assertEquals(200, gm().post("api/gm/players/pia/password/", "{\"password\":\"brand new secret\"}").status());
    assertEquals(401, phone.get("api/auth/me/").status());
    assertEquals(401, tablet.get("api/messages/").status(), "the messages page is sent to the login page");
    assertEquals(401, agent().login("pia", "pia-password").status());
    assertEquals(200, agent().login("pia", "brand new secret").status());
    assertEquals(200, gm().get("api/auth/me/").status(), "the GM's own session is untouched");
  }

  @Test
  void deletingAPlayerEndsTheirSessionsAndTheGmCannotBeDeleted() {
    Agent phone = player("pia");
    assertEquals(200, phone.get("api/auth/me/").status(), "a used, so remembered, session");
    assertEquals(200, gm().delete("api/gm/players/pia/").status());
    assertEquals(401, phone.get("api/auth/me/").status());
    assertEquals(401, agent().login("pia", "pia-password").status());
    assertEquals(404, gm().delete("api/gm/players/pia/").status());
    assertEquals(404, gm().delete("api/gm/players/gm/").status(), "the GM account is not a player");
    assertEquals(404, gm().post("api/gm/players/gm/password/", "{\"password\":\"new gm password\"}").status());
  }

  @Test
  void usingASessionSlidesItsExpiryInMemoryAndInTheDatabase() {
    Agent phone = player("pia");
    assertEquals(200, phone.get("api/messages/").status());
    clock.advance(Duration.ofDays(10));
    Agent.Reply renewed = phone.get("api/messages/");
    assertEquals(200, renewed.status());
    assertTrue(renewed.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(Cookies.SESSION + "=")),
        "the cookie is renewed");
    clock.advance(Duration.ofDays(10)); // 20 days after the login, 10 after the renewal
    charon.sessions().sweep(); // reads H2: the renewal must be stored there, not only remembered
    assertEquals(200, phone.get("api/messages/").status());
  }

  @Test
  void expiredSessionIsRefusedAndSweptAway() {
    Agent phone = player("pia");
    assertEquals(200, phone.get("api/messages/").status(), "a live session (now also remembered in memory)");
    clock.advance(Sessions.IDLE_TIMEOUT.plusMinutes(1));
    assertEquals(401, phone.get("api/messages/").status());
    assertFalse(phone.cookies.containsKey("CHARON_SESSION"), "the dead cookie is cleared");
    charon.sessions().sweep();
    assertEquals(0, charon.sessions().count());
  }

  @Test
  void anonymousAndPlayersGetJsonErrorsNeverRedirects() {
    Agent.Reply anon = agent().get("api/gm/active-view/");
    assertEquals(401, anon.status());
    assertEquals(null, anon.header("Location"));
    Agent.Reply player = player("pia").get("api/gm/active-view/");
    assertEquals(403, player.status());
    assertTrue(player.json().get("error").asText().contains("GM"));
  }
}
