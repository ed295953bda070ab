package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Password guessing and flooding over HTTP: concurrent bursts get no more password checks than
 * the limit, the GM's known devices are not locked out by someone guessing elsewhere (device
 * cookies), and anonymous writes are limited per address.
 */
class BruteForceTest extends ApiTestBase {
  private static final int BURST = 60;
  private static final String DEVICE = "CHARON_DEVICE";
  /**
   * About 30 ms a check here: long enough that, if the throttle counted a failure only after its
   * check, a burst would get far more checks than the limit (as it did: all 60 with the
   * production hasher); short enough for the few right logins each test makes.
   */
  private static final int HASH_ITERATIONS = 100_000;

  @Override
  protected int hashIterations() {
    return HASH_ITERATIONS;
  }

  /** A browser at the given address that already has its CSRF cookie. */
  private Agent device(String address) {
    Agent a = agent();
    a.headers.put(CLIENT_ADDRESS_HEADER, address);
    assertEquals(401, a.get("api/auth/me/").status());
    return a;
  }

  /** Sends BURST wrong logins for gm at once (each from its own browser) and counts the answers by status. */
  private Map<Integer, Integer> burst(IntFunction<String> addressOf) throws Exception {
    List<Agent> browsers = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      browsers.add(device(addressOf.apply(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(BURST);
    try {
      CountDownLatch ready = new CountDownLatch(BURST);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Agent.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        Agent browser = browsers.get(i);
        int n = i;
        replies.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return browser.login("gm", "wrong-guess-" + n);
        }));
      }
      assertTrue(ready.await(30, TimeUnit.SECONDS));
      go.countDown();
      Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
      for (Future<Agent.Reply> f : replies) {
        Agent.Reply r = f.get(60, TimeUnit.SECONDS);
        byStatus.merge(r.status(), 1, Integer::sum);
        if (r.status() == 429) {
          long retryAfter = Long.parseLong(r.header("Retry-After"));
          assertTrue(retryAfter >= 1 && retryAfter <= Login.WINDOW.toSeconds(), "Retry-After " + retryAfter);
          assertTrue(r.json().has("error"));
        }
      }
      return byStatus;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aConcurrentBurstFromOneAddressGetsAtMostTheLimitOfPasswordChecks() throws Exception {
    Map<Integer, Integer> byStatus = burst(i -> "10.9.9.9");
    assertEquals(BURST, byStatus.getOrDefault(401, 0) + byStatus.getOrDefault(429, 0), byStatus.toString());
    assertTrue(byStatus.getOrDefault(401, 0) <= Login.MAX_FAILURES_PER_WINDOW, "password checks: " + byStatus);
    assertEquals(401, device("10.9.9.10").login("nobody-" + 1, "x-password").status(), "another address may try");
  }

  @Test
  void aConcurrentBurstFromManyAddressesGetsAtMostTheLimitOfPasswordChecksForTheAccount() throws Exception {
    Map<Integer, Integer> byStatus = burst(i -> "10.8." + (i / 200) + "." + (i % 200));
    assertEquals(BURST, byStatus.getOrDefault(401, 0) + byStatus.getOrDefault(429, 0), byStatus.toString());
    assertTrue(byStatus.getOrDefault(401, 0) <= Login.MAX_FAILURES_PER_WINDOW, "password checks: " + byStatus);
  }

  /** Five wrong guesses for gm, each from another address (a botnet). */
  private void lockOutGmFromElsewhere() {
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      assertEquals(401, device("10.0.0." + i).login("gm", "guess-number-" + i).status());
    }
    assertEquals(429, device("10.0.0.99").login("gm", "guess-again").status(), "the account is locked");
  }

  @Test
  void theGmsKnownDeviceLogsInDuringALockoutCausedElsewhere() {
    Agent tablet = device("192.168.1.5").loggedIn("gm", GM_PASSWORD);
    String cookie = tablet.cookies.get(DEVICE);
    assertNotNull(cookie, "a successful login hands out a device cookie");
    lockOutGmFromElsewhere();

    assertEquals(429, device("192.168.1.6").login("gm", GM_PASSWORD).status(),
        "a device without the cookie is locked out with the account");
    Agent.Reply known = tablet.login("gm", GM_PASSWORD);
    assertEquals(200, known.status(), known.body());
    assertEquals("gm", tablet.get("api/auth/me/").json().get("username").asText());
    assertNotEquals(cookie, tablet.cookies.get(DEVICE), "every login hands out a new device cookie");
    assertEquals(429, device("192.168.1.6").login("gm", GM_PASSWORD).status(),
        "the GM's success on a known device does not lift the lockout for the others");
  }

  @Test
  void aForgedOrMalformedDeviceCookieDoesNotHelpAndIsNeverA500() {
    Agent tablet = device("192.168.1.5").loggedIn("gm", GM_PASSWORD);
    String real = tablet.cookies.get(DEVICE);
    String pias = player("pia").cookies.get(DEVICE);
    assertNotNull(real);
    assertNotNull(pias);
    String[] parts = real.split("\\.");
    Map<String, String> forgeries = new java.util.LinkedHashMap<>();
    forgeries.put("signature changed", parts[0] + "." + flip(parts[1], 5));
    forgeries.put("signature's spare bits changed", parts[0] + "." + spareBitChanged(parts[1]));
    forgeries.put("nonce changed", flip(parts[0], 3) + "." + parts[1]);
    forgeries.put("another user's", pias); // valid, but for pia: proves nothing for gm
    forgeries.put("halves swapped", parts[1] + "." + parts[0]);
    forgeries.put("empty", "");
    forgeries.put("garbage", "%00%ff;;;");
    forgeries.put("dots", "...");
    forgeries.put("overlong", real + "A".repeat(5000));
    forgeries.put("space inside", real.substring(0, 10) + " " + real.substring(11));
    forgeries.put("quoted", "\"" + real + "\"");
    forgeries.put("three parts", real + "." + parts[1]);
    lockOutGmFromElsewhere();
    for (Map.Entry<String, String> forged : forgeries.entrySet()) {
      Agent attacker = device("192.168.1.5");
      attacker.cookies.put(DEVICE, forged.getValue());
      Agent.Reply r = attacker.login("gm", GM_PASSWORD);
      assertEquals(429, r.status(), forged.getKey() + ": " + r.body());
      assertTrue(r.json().has("error"), forged.getKey());
    }
    assertEquals(200, tablet.login("gm", GM_PASSWORD).status(), "the genuine cookie does help");
  }

  /** The same bytes in base64 (the last character's lowest bit is not part of 32 bytes), spelt differently. */
  private static String spareBitChanged(String b64) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = b64.charAt(b64.length() - 1);
    return b64.substring(0, b64.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
  }

  private static String flip(String s, int at) {
    char c = s.charAt(at);
    return s.substring(0, at) + (c == 'A' ? 'B' : 'A') + s.substring(at + 1);
  }

  @Test
  void aMalformedDeviceCookieIsNoDeviceCookieAndIsReplaced() {
    Agent phone = device("192.168.1.7");
    phone.cookies.put(DEVICE, "not a device cookie");
    Agent.Reply r = phone.login("gm", GM_PASSWORD);
    assertEquals(200, r.status(), r.body());
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DEVICE + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no device cookie: " + r.headers().map()));
    assertTrue(cookie.matches(DEVICE + "=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43};.*"), cookie);
  }

  @Test
  void theDeviceCookieIsHttpOnlyStrictScopedAndLongLived() {
    Agent.Reply r = device("192.168.1.8").login("gm", GM_PASSWORD);
    assertEquals(200, r.status());
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DEVICE + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no device cookie: " + r.headers().map()));
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/"), cookie);
    assertTrue(cookie.contains("Max-Age=" + java.time.Duration.ofDays(365).toSeconds()), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP: not Secure, or the browser would drop it");
    Agent.Reply out = device("192.168.1.8").post("api/auth/logout/", "{}");
    assertTrue(out.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(DEVICE + "=")),
        "logout leaves the device known");
  }

  @Test
  void aKnownDeviceHasItsOwnBudgetAndItsFailuresLockNeitherTheAccountNorOtherDevices() {
    Agent tablet = device("192.168.1.5").loggedIn("gm", GM_PASSWORD);
    Agent laptop = device("192.168.1.5").loggedIn("gm", GM_PASSWORD);
    for (int i = 0; i < Login.MAX_FAILURES_PER_WINDOW; i++) {
      assertEquals(401, tablet.login("gm", "fat-fingered-" + i).status());
    }
    Agent.Reply locked = tablet.login("gm", GM_PASSWORD);
    assertEquals(429, locked.status(), "the device's own budget is spent");
    assertNotNull(locked.header("Retry-After"));
    assertEquals(200, laptop.login("gm", GM_PASSWORD).status(), "another known device is not affected");
    assertEquals(200, device("192.168.1.5").login("gm", GM_PASSWORD).status(),
        "nor are the account and the address: those failures were counted for the device only");
  }

  @Test
  void anAnonymousWriteFloodGets429AfterTheLimitAndAnotherAddressIsUnaffected() {
    Agent kiosk = device("10.1.1.1");
    for (int i = 0; i < SecurityFilter.MAX_PUBLIC_WRITES_PER_WINDOW; i++) {
      Agent.Reply r = kiosk.post("api/terminal/hide/", "");
      assertEquals(200, r.status(), "write " + i + ": " + r.body());
    }
    Agent.Reply refused = kiosk.post("api/terminal/hide/", "");
    assertEquals(429, refused.status(), refused.body());
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= SecurityFilter.PUBLIC_WRITE_WINDOW_SECONDS, "Retry-After " + retryAfter);
    assertTrue(refused.json().get("error").asText().contains("Too many"), refused.body());
    assertEquals(200, device("10.1.1.2").post("api/terminal/hide/", "").status(), "another address is unaffected");
    assertEquals(200, device("10.1.1.1").login("gm", GM_PASSWORD).status(), "login has its own limits");
  }
}
