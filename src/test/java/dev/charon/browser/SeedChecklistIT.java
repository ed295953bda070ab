package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The seed's verification checklist (shared/seed/000_df6779406c7afbd1.txt), run by a browser
 * instead of a person: the WAR on a real Tomcat 11, the GM console, the player terminal and the
 * messages page each in their own headless Chromium. The checks run in the seed's order on one
 * server, because 4, 5, 6 and 7 are about stopping and restarting it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class SeedChecklistIT {
  static final String GM_PASSWORD = "seed-checklist-gm";
  static final String PLAYER = "ripley";
  static final String PLAYER_PASSWORD = "nostromo-2122";
  static final Duration UI = Duration.ofSeconds(15);
  /** The seed's budget from GM drop to the player's screen. */
  static final long MAX_LATENCY_MILLIS = 200;
  // Enough samples that the 95th percentile is not simply the worst one or two: one scheduling
  // hiccup of a shared 2-core machine must not decide the verdict alone.
  static final int MOVES = 40;
  static final int TOGGLES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** tomcat (default, every check) or payara (the smoke: checks 1, 2, 3 and 6 without restart). */
  static final String CONTAINER = System.getProperty("charon.seed.container", "tomcat");
  static final boolean TOMCAT = CONTAINER.equals("tomcat");
  static ServerProcess tomcat;
  static Browser gm;
  static Browser terminal;
  static Browser messages;
  static Api api;
  static String encounter;

  @BeforeAll
  static void start() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "seed-checklist");
    Map<String, String> props = Map.of("charon.data.dir", work.resolve("data-" + CONTAINER).toString(),
        "charon.gm.password", GM_PASSWORD);
    tomcat = TOMCAT ? new TomcatServer(work, "", props) : new dev.charon.system.PayaraServer(work.resolve("payara"), "", props);
    tomcat.start();
    api = Api.loginAsGm(tomcat.base(), GM_PASSWORD);
    api.createPlayer(PLAYER, PLAYER_PASSWORD);
    encounter = api.largestMapLocation();
    gm = Screenshots.track(new Browser("gmconsole"));
    terminal = Screenshots.track(new Browser("terminal"));
    messages = Screenshots.track(new Browser("messages"));
    login(gm, "gm", GM_PASSWORD, "gmconsole/");
    terminal.driver.get(tomcat.uri("terminal/").toString());
    login(messages, PLAYER, PLAYER_PASSWORD, "messages/");
    gm.await("the GM console", UI, d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
    terminal.await("the standby screen", UI, d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
  }

  static void login(Browser b, String user, String password, String next) {
    b.driver.get(tomcat.uri("login/?next=" + next).toString());
    b.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
    b.driver.findElement(By.name("username")).sendKeys(user);
    b.driver.findElement(By.name("password")).sendKeys(password);
    b.driver.findElement(By.cssSelector("button[type=submit]")).click();
    b.await("leaving the login page", UI, d -> !d.getCurrentUrl().contains("/login/"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      for (Browser b : java.util.Arrays.asList(gm, terminal, messages)) {
        if (b != null) {
          try {
            b.screenshot(Screenshots.DIR, "final");
            Screenshots.untrack(b);
            b.close();
          } catch (RuntimeException e) {
            System.err.println("closing " + b.name + ": " + e);
          }
        }
      }
    } finally {
      if (tomcat != null) {
        tomcat.stop();
      }
    }
  }

  @Test
  @Order(1)
  void check1StreamDeliversNamedActiveviewEventWithFullStateAndStaysOpen() {
    // Read the stream the way the browser's network layer sees it: status, type, first frame.
    @SuppressWarnings("unchecked")
    Map<String, Object> seen = (Map<String, Object>) terminal.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch('../api/active-view/stream/').then(async (r) => {
          const reader = r.body.getReader();
          let text = '';
          while (!text.includes('\\n\\n')) {
            const { value } = await reader.read();
            text += new TextDecoder().decode(value);
          }
          // Watch the stream for 1.5 s more. The server's heartbeat runs on one global clock,
          // so a heartbeat comment may legitimately arrive in that window; only a close fails.
          const deadline = Date.now() + 1500;
          let after = '';
          let open = 'still-open';
          while (Date.now() < deadline) {
            const next = await Promise.race([reader.read(),
                new Promise((res) => setTimeout(() => res(null), deadline - Date.now()))]);
            if (next === null) break;
            if (next.done) { open = 'closed'; break; }
            after += new TextDecoder().decode(next.value);
          }
          reader.cancel();
          done({ status: r.status, type: r.headers.get('content-type'), text, open, after });
        }).catch((e) => done({ error: String(e) }));
        """);
    assertEquals(200L, seen.get("status"), String.valueOf(seen));
    assertTrue(String.valueOf(seen.get("type")).startsWith("text/event-stream"));
    String frame = String.valueOf(seen.get("text"));
    assertTrue(frame.contains("event: activeview"), frame);
    String data = frame.lines().filter(l -> l.startsWith("data:")).findFirst().orElseThrow().substring(5).trim();
    JsonNode state = read(data);
    for (String field : List.of("view_type", "location_slug", "encounter_tokens", "encounter_room_visibility",
        "encounter_active_portraits", "encounter_npc_data", "version")) {
      assertTrue(state.has(field), "full state has " + field);
    }
    assertEquals("still-open", seen.get("open"), "the stream stays open after the first event");
    String after = String.valueOf(seen.get("after"));
    assertTrue(after.lines().allMatch(l -> l.isEmpty() || l.startsWith(":")),
        "nothing but heartbeat comments follows while no one writes: " + after);
  }

  @Test
  @Order(2)
  void check2TokenDraggedInGmConsoleAppearsOnTerminalWithin200ms() throws Exception {
    selectEncounterInConsole();
    click(gm, "reveal-all");
    terminal.await("the encounter map", UI, d -> !d.findElements(By.cssSelector("[data-testid=view-ENCOUNTER] [data-room-id]")).isEmpty());
    JsonNode room = api.firstRoomOfCurrentDeck();
    int x = room.get("x").asInt();
    int y = room.get("y").asInt();
    String tokenId = api.placeToken("Ripley", "player", x, y);
    terminal.await("the token on the terminal", UI,
        d -> !d.findElements(By.cssSelector("[data-testid=view-ENCOUNTER] [data-token-id='" + tokenId + "']")).isEmpty());
    installLatencyProbes(tokenId);

    List<Long> latencies = new ArrayList<>();
    for (int move = 0; move < MOVES; move++) {
      final int m = move;
      int tx = x + ((m % 2 == 0) ? 1 : 0);
      dragGmToken(tokenId, tx, y);
      String key = tx + "," + y + "#" + m;
      Object dropAt = gm.await("the drop", UI, d -> gm.js("return window.__charonDrops[" + m + "]"));
      Object seenAt = terminal.await("the token at " + key, UI,
          d -> terminal.js("return window.__charonSeen[" + m + "]"));
      long latency = Math.round(((Number) seenAt).doubleValue() - ((Number) dropAt).doubleValue());
      latencies.add(latency);
    }
    Report.latency("GM drop → player DOM (token move)", latencies);
    // The seed's "~200 ms" is judged at the 95th percentile: one scheduling hiccup of a shared
    // 2-core machine (three browsers, Tomcat and the build) must not decide the verdict alone.
    long p95 = Report.percentile(latencies, 95);
    assertTrue(p95 <= MAX_LATENCY_MILLIS, "p95 " + p95 + " ms; latencies " + latencies);
  }

  @Test
  @Order(3)
  void check3PortraitShowAndDismissReachTheTerminalAndAnotherMapClearsThem() throws Exception {
    String npc = api.firstNpcWithPortrait();
    click(gm, "tab-portraits");
    List<Long> show = new ArrayList<>();
    List<Long> dismiss = new ArrayList<>();
    for (int i = 0; i < TOGGLES; i++) {
      show.add(timedToggle(npc, true));
      dismiss.add(timedToggle(npc, false));
    }
    Report.latency("GM click → portrait shown on terminal", show);
    Report.latency("GM click → portrait dismissed on terminal", dismiss);
    assertTrue(Report.percentile(show, 95) <= MAX_LATENCY_MILLIS && Report.percentile(dismiss, 95) <= MAX_LATENCY_MILLIS,
        "show " + show + " dismiss " + dismiss);
    // Switching to another encounter map clears portraits.
    click(gm, "portrait-toggle-" + npc);
    terminal.await("portrait shown", UI, d -> !d.findElements(By.cssSelector("[data-npc-id='" + npc + "']")).isEmpty());
    String other = api.anotherMapLocation(encounter);
    click(gm, "location-" + other);
    terminal.await("portraits cleared by another map", UI,
        d -> d.findElements(By.cssSelector("[data-npc-id]")).isEmpty()
            && !d.findElements(By.cssSelector("[data-testid=view-ENCOUNTER][data-location='" + other + "']")).isEmpty());
    assertEquals(0, api.gmState().get("encounter_active_portraits").size());
  }

  @Test
  @Order(4)
  void check4ToastsAppearAfterTwoAndFiveFailedReconnects() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TOMCAT, "restart checks run on Tomcat");
    assertTrue(gm.driver.findElements(By.cssSelector("[data-testid=connection-toast]")).isEmpty());
    long stoppedAt = System.nanoTime();
    tomcat.stop();
    // A graceful stop can take seconds, and a reconnect that reaches the paused connector waits
    // for it: the upper bounds allow for however long this stop took.
    long stopMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
    gm.await("the GM toast", Duration.ofSeconds(30), d -> toastShown(gm));
    long gmMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
    terminal.await("the terminal toast", Duration.ofSeconds(45), d -> toastShown(terminal));
    long terminalMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
    String text = terminal.driver.findElement(By.cssSelector("[data-testid=connection-toast]")).getText();
    assertEquals("Connection lost — retrying...", text);
    Report.line("Toast after stop: GM console " + gmMillis + " ms (threshold 2), terminal " + terminalMillis
        + " ms (threshold 5)");
    // 2 failures 3 s apart, and 5: the first error is immediate, then one per 3 s retry.
    assertTrue(gmMillis >= 2_500 && gmMillis <= 12_000 + stopMillis, "GM toast after " + gmMillis + " ms; stop took "
        + stopMillis + " ms");
    assertTrue(terminalMillis >= 11_000 && terminalMillis <= 25_000 + stopMillis, "terminal toast after " + terminalMillis
        + " ms; stop took " + stopMillis + " ms");
  }

  @Test
  @Order(5)
  void check5ToastsDisappearWhenTheServerIsBack() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TOMCAT, "restart checks run on Tomcat");
    tomcat.start();
    gm.await("the GM toast to go", Duration.ofSeconds(30), d -> !toastShown(gm));
    terminal.await("the terminal toast to go", Duration.ofSeconds(30), d -> !toastShown(terminal));
  }

  @Test
  @Order(6)
  void check6BroadcastReachesMessagesPageAndSurvivesRestart() throws Exception {
    api = Api.loginAsGm(tomcat.base(), GM_PASSWORD); // the GM's session survives, but refresh anyway
    gm.await("the console after the restart", UI, d -> !toastShown(gm));
    String content = "Seed check six: the reactor is venting. " + System.nanoTime();
    click(gm, "tab-broadcast");
    gm.driver.findElement(By.cssSelector("[data-testid=broadcast-content]")).sendKeys(content);
    click(gm, "broadcast-send");
    messages.await("the broadcast on /messages/", Duration.ofSeconds(20),
        d -> d.getPageSource().contains(content));
    // Hostile content is shown as text and never runs.
    String hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> end";
    api.broadcast(hostile);
    messages.await("the hostile message as text", Duration.ofSeconds(20), d -> d.findElements(By.cssSelector(
        "[data-message-id]")).stream().anyMatch(e -> e.getText().contains("<script>window.__pwned=2</script>")));
    assertEquals(null, messages.js("return window.__pwned === undefined ? null : String(window.__pwned)"));
    assertTrue(messages.driver.findElements(By.cssSelector("[data-message-id] img, [data-message-id] script")).isEmpty(),
        "no element was created from message content");
    if (!TOMCAT) {
      return; // the Payara smoke stops here
    }
    tomcat.stop();
    tomcat.start();
    api = Api.loginAsGm(tomcat.base(), GM_PASSWORD);
    // One reload, then patience: reloading on every poll would abort the page's own fetches.
    messages.driver.navigate().refresh();
    messages.await("the message after the restart", Duration.ofSeconds(30), d -> d.getPageSource().contains(content));
    JsonNode health = api.health();
    assertTrue(health.get("database").get("migrations").size() >= 1);
    assertEquals(0, health.get("database").get("pending_migrations").asInt());
    assertFalse(api.tableNames().stream().anyMatch(t -> t.toUpperCase().contains("ACTIVE")),
        "no ActiveView table: " + api.tableNames());
  }

  @Test
  @Order(7)
  void check7AfterRestartTerminalShowsStandbyAndGmRebuildsTheEncounter() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TOMCAT, "restart checks run on Tomcat");
    terminal.await("standby after the restart", Duration.ofSeconds(30),
        d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
    gm.driver.navigate().refresh();
    gm.await("the GM console", UI, d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
    selectEncounterInConsole();
    terminal.await("the encounter again", UI, d -> !d.findElements(
        By.cssSelector("[data-testid=view-ENCOUNTER][data-location='" + encounter + "']")).isEmpty());
    JsonNode state = api.gmState();
    assertEquals("ENCOUNTER", state.get("view_type").asText());
    assertTrue(state.get("encounter_room_visibility").size() > 0, "visibility rebuilt for the new encounter");
    for (Browser b : List.of(gm, terminal, messages)) {
      b.screenshot(Screenshots.DIR, "success");
    }
  }

  // ---- helpers ----

  static void selectEncounterInConsole() {
    click(gm, "view-btn-ENCOUNTER");
    click(gm, "location-" + encounter);
    terminal.await("the encounter on the terminal", UI, d -> !d.findElements(
        By.cssSelector("[data-testid=view-ENCOUNTER][data-location='" + encounter + "']")).isEmpty());
  }

  static void click(Browser b, String testId) {
    WebElement e = b.await(testId, UI, d -> {
      List<WebElement> found = d.findElements(By.cssSelector("[data-testid='" + testId + "']"));
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    });
    b.js("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  static boolean toastShown(Browser b) {
    return !b.driver.findElements(By.cssSelector("[data-testid=connection-toast]")).isEmpty();
  }

  /** GM: the time of each pointerup; terminal: the time the token shows at the expected cell. */
  static void installLatencyProbes(String tokenId) {
    gm.js("""
        window.__charonDrops = [];
        window.addEventListener('pointerup', () => window.__charonDrops.push(performance.timeOrigin + performance.now()), true);
        """);
    terminal.js("""
        const id = arguments[0];
        window.__charonSeen = [];
        window.__charonExpect = [];
        window.__charonCheck = () => {
          const el = document.querySelector(`[data-testid=view-ENCOUNTER] [data-token-id='${id}']`);
          const i = window.__charonSeen.length;
          const want = window.__charonExpect[i];
          if (el && want && el.getAttribute('data-x') === String(want[0]) && el.getAttribute('data-y') === String(want[1])) {
            window.__charonSeen.push(performance.timeOrigin + performance.now());
          }
        };
        new MutationObserver(() => window.__charonCheck()).observe(document.body,
            { subtree: true, childList: true, attributes: true, attributeFilter: ['data-x', 'data-y'] });
        """, tokenId);
  }

  /** Drags the token on the GM map to the centre of cell (x, y), with real pointer events. */
  static void dragGmToken(String tokenId, int x, int y) {
    terminal.js("window.__charonExpect.push([arguments[0], arguments[1]])", x, y);
    WebElement token = gm.await("the GM token", UI, d -> {
      List<WebElement> found = d.findElements(By.cssSelector("[data-testid='token-" + tokenId + "']"));
      return found.isEmpty() ? null : found.get(0);
    });
    @SuppressWarnings("unchecked")
    List<Number> offset = (List<Number>) gm.js("""
        const token = arguments[0];
        const svg = token.ownerSVGElement;
        const unit = Number(svg.getAttribute('data-unit') || 40);
        const from = token.getBoundingClientRect();
        const p = svg.createSVGPoint();
        p.x = (arguments[1] + 0.5) * unit;
        p.y = (arguments[2] + 0.5) * unit;
        const to = p.matrixTransform(svg.getScreenCTM());
        return [to.x - (from.left + from.width / 2), to.y - (from.top + from.height / 2)];
        """, token, x, y);
    new Actions(gm.driver)
        .moveToElement(token)
        .clickAndHold()
        .moveByOffset((int) Math.round(offset.get(0).doubleValue() / 2), (int) Math.round(offset.get(1).doubleValue() / 2))
        .moveByOffset((int) Math.round(offset.get(0).doubleValue() / 2), (int) Math.round(offset.get(1).doubleValue() / 2))
        .release()
        .perform();
  }

  /** Clicks SHOW or DISMISS and returns click → terminal DOM change in ms. */
  static long timedToggle(String npc, boolean show) {
    terminal.js("""
        const npc = arguments[0], show = arguments[1];
        window.__charonPortrait = null;
        const check = () => {
          const present = !!document.querySelector(`[data-npc-id='${npc}']:not(.portrait-card-leaving)`);
          if (present === show && window.__charonPortrait === null) {
            window.__charonPortrait = performance.timeOrigin + performance.now();
          }
        };
        // One observer at a time: a leftover one from an earlier toggle could stamp too early.
        if (window.__charonPortraitObserver) window.__charonPortraitObserver.disconnect();
        window.__charonPortraitObserver = new MutationObserver(check);
        window.__charonPortraitObserver.observe(document.body, { subtree: true, childList: true, attributes: true });
        """, npc, show);
    WebElement button = gm.await("portrait toggle", UI, d -> d.findElement(By.cssSelector("[data-testid='portrait-toggle-" + npc + "']")));
    gm.js("window.__charonClick = null; arguments[0].addEventListener('click', () => window.__charonClick = performance.timeOrigin + performance.now(), { once: true, capture: true });", button);
    button.click();
    Object seen = terminal.await("portrait " + (show ? "shown" : "dismissed"), UI, d -> terminal.js("return window.__charonPortrait"));
    Object clicked = gm.js("return window.__charonClick");
    return Math.round(((Number) seen).doubleValue() - ((Number) clicked).doubleValue());
  }

  static JsonNode read(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(s, e);
    }
  }

  /** Figures for the test report and docs/benchmarks.md. */
  static final class Report {
    static final Path FILE = Path.of(System.getProperty("charon.it.dir", "target/it")).getParent()
        .resolve("benchmarks/seed-checklist.md");

    static void latency(String what, List<Long> millis) {
      line(what + ": n=" + millis.size() + ", p50 " + percentile(millis, 50) + " ms, p95 " + percentile(millis, 95)
          + " ms, max " + max(millis) + " ms");
    }

    static synchronized void line(String text) {
      System.out.println("[seed-checklist] " + text);
      try {
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, "- " + text + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    static long percentile(List<Long> values, int p) {
      List<Long> sorted = new ArrayList<>(values);
      sorted.sort(null);
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static long max(List<Long> values) {
      return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }
}
