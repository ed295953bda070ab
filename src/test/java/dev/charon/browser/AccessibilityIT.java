package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * WCAG 2.2 AA on every page and state, checked by axe-core in Debian Chromium with the scanline
 * layer off ({@code ?perf=1}: the layer would otherwise sit over the text and hide low contrast from
 * axe), and the GM console usable on a 1366×768 laptop and a 1024×768 / 768×1024 iPad.
 */
@ExtendWith(Screenshots.class)
class AccessibilityIT {
  static final String GM_PASSWORD = "a11y-gm-password";
  static final String PLAYER = "parker";
  static final String PLAYER_PASSWORD = "parker-a11y-2122";
  static final Duration UI = Duration.ofSeconds(20);
  static final Path AXE = Path.of("webapp-frontend/node_modules/axe-core/axe.min.js");
  static final Path SHOTS = Screenshots.DIR.resolveSibling("it-screenshots").resolve("accessibility");
  /** WCAG 2.2 AA: layout shift score during load (Core Web Vitals "good"). */
  static final double MAX_LAYOUT_SHIFT = 0.1;
  /** Room labels on the GM's map at 1366×768 (issue 20). */
  static final double MIN_GM_ROOM_LABEL_PX = 11;
  /** Touch targets on a touch screen (issue 20; WCAG 2.5.5 AAA size, 2.5.8 AA asks 24). */
  static final double MIN_TOUCH_TARGET_PX = 44;
  private static final ObjectMapper JSON = new ObjectMapper();

  static TomcatServer tomcat;
  static Agent gmApi;
  static String encounter;
  static String axeSource;

  @BeforeAll
  static void start() throws Exception {
    axeSource = Files.readString(AXE);
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "accessibility");
    tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
    tomcat.start();
    gmApi = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
    gmApi.postJson("api/gm/players/", "{\"username\":\"" + PLAYER + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}");
    for (String priority : List.of("LOW", "NORMAL", "HIGH", "CRITICAL")) {
      gmApi.postJson("api/gm/broadcast/", JSON.writeValueAsString(Map.of("content",
          "Deck " + priority.toLowerCase() + " notice: report to the medbay after the jump.", "priority", priority)));
    }
    encounter = largestMapLocation();
    gmApi.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + encounter + "\"}");
    JsonNode deck = gmApi.getJson("api/gm/encounter-map/" + encounter + "/").get("current_deck");
    int placed = 0;
    for (JsonNode room : deck.get("rooms")) {
      gmApi.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + room.get("id").asText() + "\",\"visible\":true}");
      if (placed < 3) {
        String type = List.of("player", "npc", "creature").get(placed);
        gmApi.postJson("api/gm/encounter/place-token/", "{\"type\":\"" + type + "\",\"name\":\"Token " + type
            + "\",\"x\":" + room.get("x").asInt() + ",\"y\":" + room.get("y").asInt() + "}");
        placed++;
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
    }
  }

  @Test
  void everyPageAndStateHasNoSeriousOrCriticalAxeViolationsWithTheScanlinesOff() throws Exception {
    Map<String, List<String>> failures = new LinkedHashMap<>();
    try (Browser player = Screenshots.track(new Browser("a11y-player"));
        Browser gm = Screenshots.track(new Browser("a11y-gm"))) {
      setViewport(player, 1366, 768, false);
      setViewport(gm, 1366, 768, false);
      player.driver.get(tomcat.uri("?perf=1").toString());
      player.await("the landing page", UI, d -> !d.findElements(By.cssSelector("main")).isEmpty()
          || !d.findElements(By.cssSelector("#root *")).isEmpty());
      check(player, "landing", failures);

      player.driver.get(tomcat.uri("login/?perf=1&next=messages/").toString());
      player.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
      check(player, "login", failures);
      player.driver.findElement(By.name("username")).sendKeys(PLAYER);
      player.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      player.driver.findElement(By.cssSelector("button[type=submit]")).click();
      player.await("the messages", UI, d -> d.getCurrentUrl().contains("/messages/")
          && d.getPageSource().contains("critical notice"));
      check(player, "messages", failures);

      gmApi.postJson("api/gm/switch-view/", "{\"view_type\":\"STANDBY\"}");
      player.driver.get(tomcat.uri("terminal/").toString());
      awaitTestId(player, "view-STANDBY");
      check(player, "terminal-STANDBY", failures);

      gmApi.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + encounter + "\"}");
      awaitTestId(player, "view-ENCOUNTER");
      player.await("the tokens", UI, d -> !d.findElements(By.cssSelector("[data-token-id]")).isEmpty());
      check(player, "terminal-ENCOUNTER", failures);

      // the players' phone page of the table features, with the same encounter on
      player.driver.get(tomcat.uri("player/?perf=1").toString());
      awaitTestId(player, "player-page");
      awaitTestId(player, "encounter-map");
      check(player, "player", failures);
      player.driver.get(tomcat.uri("terminal/").toString());
      awaitTestId(player, "view-ENCOUNTER");

      String[] commTerminal = firstCommTerminal();
      gmApi.postJson("api/gm/show-terminal/", "{\"location_slug\":\"" + commTerminal[0] + "\",\"terminal_slug\":\""
          + commTerminal[1] + "\"}");
      awaitTestId(player, "comm-terminal-overlay");
      check(player, "terminal-comm-overlay", failures);
      gmApi.postJson("api/gm/show-terminal/", "{\"location_slug\":\"\",\"terminal_slug\":\"\"}");

      gmApi.postJson("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
      awaitTestId(player, "view-CHARON_TERMINAL");
      check(player, "terminal-CHARON_TERMINAL", failures);

      gmApi.postJson("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      player.driver.get(tomcat.uri("terminal/?bridge=2d").toString());
      awaitTestId(player, "bridge-2d");
      check(player, "terminal-BRIDGE", failures);

      gmApi.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + encounter + "\"}");
      loginGm(gm);
      gm.await("the tokens on the GM map", UI, d -> !d.findElements(By.cssSelector(".gm-token")).isEmpty());
      gm.await("the token palette", UI, d -> !d.findElements(By.cssSelector("[data-testid^=palette-]")).isEmpty());
      check(gm, "gmconsole", failures);
      Screenshots.untrack(player);
      Screenshots.untrack(gm);
    }
    int total = failures.values().stream().mapToInt(List::size).sum();
    StringBuilder report = new StringBuilder();
    failures.forEach((page, list) -> {
      report.append("\n").append(page).append(": ").append(list.size()).append(" serious/critical");
      list.forEach(v -> report.append("\n  ").append(v));
    });
    System.out.println("axe (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa), scanlines off:" + report);
    assertEquals(0, total, "serious or critical axe violations:" + report);
  }

  @Test
  void gmConsoleIsUsableOnALaptopAndAnIpad() throws Exception {
    List<String> problems = new ArrayList<>();
    try (Browser gm = Screenshots.track(new Browser("a11y-gm-layout"))) {
      loginGm(gm);
      for (int[] size : new int[][] {{1366, 768}, {1024, 768}, {768, 1024}}) {
        int w = size[0];
        int h = size[1];
        String label = w + "x" + h;
        setViewport(gm, w, h, false);
        gm.driver.get(tomcat.uri("gmconsole/").toString());
        gm.js("""
            window.__cls = 0;
            window.__shifts = [];
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) {
                if (e.hadRecentInput) continue;
                window.__cls += e.value;
                // what moved, so a failure says where to reserve space
                window.__shifts.push(Math.round(e.value * 1000) / 1000 + ' ' + (e.sources || []).map((s) => s.node
                    ? (s.node.nodeType === 1 ? s.node.tagName + '.' + String(s.node.className).split(' ')[0] : '#text') : '?').join(','));
              }
            }).observe({ type: 'layout-shift', buffered: true });
            """);
        awaitLoaded(gm);
        // a quiet second after everything arrived, so late shifts are counted too
        gm.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; setTimeout(done, 1000);");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) gm.js(LAYOUT_PROBE, MIN_GM_ROOM_LABEL_PX);
        System.out.println("GM console " + label + ": " + m);
        gm.screenshot(SHOTS, "gmconsole-" + label);
        double cls = ((Number) m.get("cls")).doubleValue();
        if (cls > MAX_LAYOUT_SHIFT) {
          problems.add(label + ": layout shift " + cls + " > " + MAX_LAYOUT_SHIFT);
        }
        if (((Number) m.get("h1")).intValue() != 1) {
          problems.add(label + ": " + m.get("h1") + " h1 elements");
        }
        if (((Number) m.get("overflowX")).intValue() > 0) {
          problems.add(label + ": the page scrolls sideways by " + m.get("overflowX") + " px");
        }
        if (((Number) m.get("paletteHeight")).intValue() <= 0 || !(Boolean) m.get("paletteInView")) {
          problems.add(label + ": token palette not visible (clientHeight " + m.get("paletteHeight") + ", in view "
              + m.get("paletteInView") + ")");
        }
        if (!(Boolean) m.get("hintVisible")) {
          problems.add(label + ": the hint under the map is cut off");
        }
        for (Object clipped : (List<?>) m.get("clipped")) {
          problems.add(label + ": clipped: " + clipped);
        }
        for (Object name : (List<?>) m.get("truncatedNames")) {
          problems.add(label + ": truncated location name without its full text as a tooltip: " + name);
        }
        if (w == 1366 && ((Number) m.get("minRoomLabelPx")).doubleValue() < MIN_GM_ROOM_LABEL_PX) {
          problems.add(label + ": GM map room labels " + m.get("minRoomLabelPx") + " px < " + MIN_GM_ROOM_LABEL_PX);
        }
        String firstTab = firstTabStop(gm);
        if (!firstTab.startsWith("skip->")) {
          problems.add(label + ": the first Tab stop is not a skip link to the view controls but " + firstTab);
        }
      }

      // an iPad: touch, coarse pointer; every HTML control is a 44 px target
      setViewport(gm, 1024, 768, true);
      gm.driver.get(tomcat.uri("gmconsole/").toString());
      awaitLoaded(gm);
      @SuppressWarnings("unchecked")
      List<String> small = (List<String>) gm.js(PageChecks.SMALL_TARGETS, MIN_TOUCH_TARGET_PX);
      boolean coarse = (Boolean) gm.js("return matchMedia('(pointer: coarse)').matches");
      System.out.println("GM console 1024x768 touch: pointer coarse " + coarse + ", " + small.size()
          + " targets under " + MIN_TOUCH_TARGET_PX + " px " + small);
      gm.screenshot(SHOTS, "gmconsole-1024x768-touch");
      assertTrue(coarse, "touch emulation gives a coarse pointer");
      for (String s : small) {
        problems.add("1024x768 touch: target under 44 px: " + s);
      }
      Screenshots.untrack(gm);
    }
    assertTrue(problems.isEmpty(), problems.size() + " layout problems:\n  " + String.join("\n  ", problems));
  }

  // ---- probes ----

  private static final String LAYOUT_PROBE = """
      const minLabel = arguments[0];
      const vw = innerWidth, vh = innerHeight;
      const inView = (r) => r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= vh + 0.5 && r.right <= vw + 0.5;
      // visible where it is: the element (or a child) is what is drawn at its centre
      const onTop = (el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 8));
        return !!hit && (el === hit || el.contains(hit));
      };
      const palette = document.querySelector('[data-testid=gm-token-palette]');
      const firstItem = document.querySelector('[data-testid^=palette-]');
      const hint = document.querySelector('.gm-encounter .gm-hint');
      let hintVisible = false;
      if (hint) {
        hint.scrollIntoView({ block: 'nearest' });
        const r = hint.getBoundingClientRect();
        hintVisible = inView(r) && hint.scrollHeight <= hint.clientHeight + 1 && onTop(hint);
      }
      let paletteInView = false;
      if (firstItem) {
        firstItem.scrollIntoView({ block: 'nearest' });
        paletteInView = inView(firstItem.getBoundingClientRect()) && onTop(firstItem);
      }
      const clipped = [];
      for (const el of document.querySelectorAll('.gm-page button, .gm-page input, .gm-page select, .gm-page a')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.tagName).trim().slice(0, 40);
        if (r.left < -0.5 || r.right > vw + 0.5) clipped.push(name + ' off screen at x ' + Math.round(r.left) + '..' + Math.round(r.right));
        else if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) clipped.push(name + ' text wider than its button');
      }
      const truncatedNames = [];
      for (const el of document.querySelectorAll('.gm-tree-name')) {
        const full = el.textContent.trim();
        const cut = el.scrollWidth > el.clientWidth + 1;
        const holder = el.closest('[title]');
        const tip = (el.getAttribute('title') || (holder ? holder.getAttribute('title') : '') || '');
        if (cut && !tip.includes(full)) truncatedNames.push(full + ' (' + el.clientWidth + ' of ' + el.scrollWidth + ' px)');
      }
      let minRoomLabelPx = 999;
      for (const t of document.querySelectorAll('.gm-map-box .room-label')) {
        const m = t.getScreenCTM();
        if (!m) continue;
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        minRoomLabelPx = Math.min(minRoomLabelPx, Math.round(px * 10) / 10);
      }
      window.scrollTo(0, 0);
      return {
        cls: Math.round(window.__cls * 1000) / 1000,
        shifts: window.__shifts,
        h1: document.querySelectorAll('h1').length,
        overflowX: Math.max(0, document.documentElement.scrollWidth - vw),
        paletteHeight: palette ? palette.clientHeight : -1,
        paletteInView,
        hintVisible,
        clipped,
        truncatedNames,
        minRoomLabelPx,
      };
      """;


  /** The first element Tab reaches from the top of the page, and where activating it puts the focus. */
  private static String firstTabStop(Browser b) {
    b.js("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur();"
        + " document.body.setAttribute('tabindex', '-1'); document.body.focus(); document.body.removeAttribute('tabindex');");
    new Actions(b.driver).sendKeys(Keys.TAB).perform();
    String first = (String) b.js("const a = document.activeElement;"
        + " return a ? a.tagName + (a.getAttribute('href') ? ' ' + a.getAttribute('href') : '') + ' \"' + a.textContent.trim().slice(0, 40) + '\"' : 'none';");
    if (!first.startsWith("A #")) {
      return first;
    }
    new Actions(b.driver).sendKeys(Keys.ENTER).perform();
    Boolean inControls = (Boolean) b.js("const c = document.querySelector('.gm-view-controls');"
        + " return !!c && c.contains(document.activeElement);");
    return inControls ? "skip->" + first : first + " (focus did not move to the view controls)";
  }

  private void check(Browser b, String page, Map<String, List<String>> failures) throws Exception {
    Boolean scanlinesOff = (Boolean) b.js("const s = document.querySelector('.crt-scanlines');"
        + " return document.documentElement.dataset.perf === '1' && (!s || getComputedStyle(s).display === 'none');");
    assertTrue(scanlinesOff, page + ": the scanline layer is off");
    b.screenshot(SHOTS, "axe-" + page);
    if (!(Boolean) b.js("return typeof window.axe !== 'undefined'")) {
      b.js(axeSource);
    }
    String json = (String) b.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'] })
          .then((r) => done(JSON.stringify(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .flatMap((v) => v.nodes.map((n) => v.impact + ' ' + v.id + ' ' + n.target.join(' ') + ' :: '
              + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160))))))
          .catch((e) => done(JSON.stringify(['axe failed: ' + e])));
        """);
    List<String> list = new ArrayList<>();
    JSON.readTree(json).forEach(n -> list.add(n.asText()));
    Number h1 = (Number) b.js("return document.querySelectorAll('h1').length");
    if (h1.intValue() != 1) {
      list.add("(not axe) " + h1 + " h1 elements, want exactly one");
    }
    if (((Number) b.js("return document.querySelectorAll('main, [role=main]').length")).intValue() != 1) {
      list.add("(not axe) no single main landmark");
    }
    failures.put(page, list);
    System.out.println("axe " + page + ": " + list.size());
  }

  // ---- setup helpers ----

  /** The CSS viewport itself (a window size would include the browser's chrome). */
  private static void setViewport(Browser b, int width, int height, boolean touch) {
    b.emulate(width, height, 1, touch);
  }

  private static void loginGm(Browser gm) {
    gm.driver.get(tomcat.uri("login/?perf=1&next=gmconsole/").toString());
    gm.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
    gm.driver.findElement(By.name("username")).sendKeys("gm");
    gm.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
    gm.driver.findElement(By.cssSelector("button[type=submit]")).click();
    awaitLoaded(gm);
  }

  private static void awaitLoaded(Browser gm) {
    gm.await("the GM console", UI, d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
    gm.await("the locations", UI, d -> !d.findElements(By.cssSelector(".gm-tree-location")).isEmpty());
    gm.await("the GM map", UI, d -> !d.findElements(By.cssSelector(".gm-map-box .room-label")).isEmpty());
    gm.await("the token palette", UI, d -> !d.findElements(By.cssSelector("[data-testid^=palette-]")).isEmpty());
  }

  private static void awaitTestId(Browser b, String id) {
    b.await(id, UI, d -> !d.findElements(By.cssSelector("[data-testid=" + id + "]")).isEmpty());
  }

  private static String largestMapLocation() throws Exception {
    String best = null;
    int most = -1;
    for (String slug : locations(l -> l.path("has_map").asBoolean())) {
      int rooms = 0;
      for (JsonNode deck : gmApi.getJson("api/gm/encounter-map/" + slug + "/all-decks/").get("decks")) {
        rooms += deck.get("rooms").size();
      }
      if (rooms > most) {
        most = rooms;
        best = slug;
      }
    }
    return best;
  }

  private static String[] firstCommTerminal() throws Exception {
    List<String[]> found = new ArrayList<>();
    collectTerminals(gmApi.getJson("api/gm/locations/").get("locations"), found);
    return found.get(0);
  }

  private static void collectTerminals(JsonNode locations, List<String[]> out) {
    for (JsonNode l : locations) {
      for (JsonNode t : l.path("terminals")) {
        out.add(new String[] {l.get("slug").asText(), t.get("slug").asText()});
      }
      collectTerminals(l.path("children"), out);
    }
  }

  private static List<String> locations(java.util.function.Predicate<JsonNode> keep) throws Exception {
    List<String> out = new ArrayList<>();
    collect(gmApi.getJson("api/gm/locations/").get("locations"), keep, out);
    return out;
  }

  private static void collect(JsonNode locations, java.util.function.Predicate<JsonNode> keep, List<String> out) {
    for (JsonNode l : locations) {
      if (keep.test(l)) {
        out.add(l.get("slug").asText());
      }
      collect(l.path("children"), keep, out);
    }
  }
}
