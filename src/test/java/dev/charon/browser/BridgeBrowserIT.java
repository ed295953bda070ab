package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * BRIDGE end to end on a real Tomcat in Chromium (software WebGL), on a copy of the original's
 * campaign with one hostile session log added: the 3D chunk is not loaded on STANDBY; the GM
 * selects Sol → Earth → a station in the console and the terminal's scene follows with pixels
 * on its canvas; PERSONNEL shows the crew and only the NPCs the GM made known; LOGS renders a
 * session's headings and keeps a {@code <script>} as text. Screenshots at 1920×1080 and 1024×768.
 */
@ExtendWith(Screenshots.class)
class BridgeBrowserIT {
  private static final Duration UI = Duration.ofSeconds(30);
  private static final String GM_PASSWORD = "bridge-browser-gm";
  /** Software WebGL in headless Chromium (STACK.md): slow, but it draws. */
  static final String[] WEBGL = {"--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"};

  static Path campaignCopy(Path work) throws IOException {
    Path fixture = Path.of(System.getProperty("charon.shared.dir", "../shared"), "fixtures", "mothership-campaign")
        .toAbsolutePath().normalize();
    // Beside the server's folder, which TomcatServer empties when it starts.
    Path copy = work.resolveSibling(work.getFileName() + "-campaign");
    ServerProcess.deleteTree(copy);
    try (Stream<Path> files = Files.walk(fixture)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(fixture.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(copy.resolve("campaign/sessions/session-000-hostile.md"), """
        ---
        session_number: 0
        date: 2183-01-01
        title: "Hostile <b>log</b>"
        ---
        # Hull Breach Report
        <script>window.__pwned = 1</script>
        ## Aftermath
        The crew sealed deck 2.
        """);
    return copy;
  }

  private static Object probe(Browser b, String field) {
    return b.js("return window.__charonBridge ? window.__charonBridge['" + field + "'] : null");
  }

  /** Pixels of the scene's canvas that are not (near) black, read back through a 2D canvas. */
  static long litPixels(Browser b) {
    Object n = b.js("""
        const c = document.querySelector('[data-testid=bridge-scene] canvas');
        if (!c) return -1;
        const o = document.createElement('canvas');
        o.width = 200; o.height = 120;
        const g = o.getContext('2d');
        g.drawImage(c, 0, 0, o.width, o.height);
        const d = g.getImageData(0, 0, o.width, o.height).data;
        let lit = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 60) lit++;
        return lit;
        """);
    return ((Number) n).longValue();
  }

  private static void awaitScene(Browser terminal, String level, String system, String body, String station) {
    terminal.await("the terminal's scene at " + level + " " + system + "/" + body + "/" + station, UI, d ->
        Boolean.TRUE.equals(probe(terminal, "ready")) && level.equals(probe(terminal, "level"))
            && java.util.Objects.equals(system, probe(terminal, "system"))
            && java.util.Objects.equals(body, probe(terminal, "body"))
            && java.util.Objects.equals(station, probe(terminal, "station")));
  }

  private static void login(TomcatServer tomcat, Browser b) {
    b.driver.get(tomcat.uri("login/?next=gmconsole/").toString());
    b.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
    b.driver.findElement(By.name("username")).sendKeys("gm");
    b.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
    b.driver.findElement(By.cssSelector("button[type=submit]")).click();
    b.await("leaving the login page", UI, d -> !d.getCurrentUrl().contains("/login/"));
  }

  private static void click(Browser b, String testId) {
    b.await(testId, UI, d -> d.findElements(By.cssSelector("[data-testid='" + testId + "']")).stream().findFirst()
        .orElse(null)).click();
  }

  @Test
  void theGmLeadsTheMapAndTheTerminalFollowsPersonnelAndLogsShowOnlyWhatTheyMay() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bridge-browser");
    Path campaign = campaignCopy(work);
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
            "charon.gm.password", GM_PASSWORD, "charon.campaign.dir", campaign.toString()));
        Browser gm = Screenshots.track(new Browser("bridge-gm"));
        Browser terminal = Screenshots.track(new Browser("bridge-terminal", WEBGL))) {
      tomcat.start();
      Agent api = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      terminal.driver.manage().window().setSize(new Dimension(1920, 1080));
      terminal.driver.get(tomcat.uri("terminal/").toString());
      terminal.await("the standby screen", UI, d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
      assertEquals(0L, ((Number) terminal.js("return performance.getEntriesByType('resource')"
          + ".filter(e => /BridgeCanvas|three/i.test(e.name)).length")).longValue(), "no 3D code on STANDBY");

      api.postJson("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      awaitScene(terminal, "galaxy", null, null, null);
      assertEquals("webgl", probe(terminal, "renderer"), "software WebGL draws the scene");
      terminal.await("pixels on the canvas", UI, d -> litPixels(terminal) > 50);
      terminal.screenshot(Screenshots.DIR, "bridge-galaxy-1920x1080");

      login(tomcat, gm);
      click(gm, "tab-bridge");
      click(gm, "bridge-node-enter-sol");
      awaitScene(terminal, "system", "sol", null, null);
      terminal.await("pixels of Sol", UI, d -> litPixels(terminal) > 50);
      terminal.screenshot(Screenshots.DIR, "bridge-sol-1920x1080");
      click(gm, "bridge-node-enter-sol/earth");
      awaitScene(terminal, "orbit", "sol", "earth", null);
      gm.await("Gateway Station in the tree", UI, d -> !d.findElements(
          By.cssSelector("[data-testid='bridge-node-sol/earth/gateway-station'] .gm-tree-location")).isEmpty());
      gm.driver.findElement(By.cssSelector("[data-testid='bridge-node-sol/earth/gateway-station'] .gm-tree-location")).click();
      awaitScene(terminal, "orbit", "sol", "earth", "gateway-station");
      terminal.await("the info panel typed out", UI, d -> d.findElements(
          By.cssSelector("[data-testid=bridge-info][data-typed=true]")).size() == 1);
      String info = terminal.driver.findElement(By.cssSelector("[data-testid=bridge-info]")).getText();
      assertTrue(info.toUpperCase(java.util.Locale.ROOT).contains("GATEWAY STATION"), "the info panel names the station: "
          + info);
      assertTrue(litPixels(terminal) > 50, "Earth's orbit drawn");
      terminal.screenshot(Screenshots.DIR, "bridge-earth-1920x1080");
      terminal.driver.manage().window().setSize(new Dimension(1024, 768));
      terminal.await("the resize", UI, d -> Math.abs(((Number) terminal.js("return window.innerWidth")).intValue() - 1024) <= 40);
      terminal.await("pixels at 1024x768", UI, d -> litPixels(terminal) > 50);
      terminal.screenshot(Screenshots.DIR, "bridge-earth-1024x768");
      terminal.driver.manage().window().setSize(new Dimension(1920, 1080));

      // PERSONNEL: the crew, and only the NPCs the GM made known.
      api.postJson("api/gm/bridge/navigate/", "{\"tab\":\"PERSONNEL\"}");
      terminal.await("the crew", UI, d -> d.findElements(By.cssSelector("[data-testid^=person-crew-]")).size() == 4);
      assertEquals(0, terminal.driver.findElements(By.cssSelector("[data-testid^=person-npc-]")).size(), "no NPC known yet");
      api.postJson("api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":true}");
      terminal.await("the known NPC", UI, d -> d.findElements(By.cssSelector("[data-testid=person-npc-lucia_vance]")).size() == 1);
      assertEquals(1, terminal.driver.findElements(By.cssSelector("[data-testid^=person-npc-]")).size());
      assertFalse(terminal.driver.getPageSource().contains("Harrow"), "an unknown NPC's name is nowhere on the page");
      terminal.screenshot(Screenshots.DIR, "bridge-personnel-1920x1080");

      // LOGS: headings rendered, a <script> stays text.
      api.postJson("api/gm/bridge/navigate/", "{\"tab\":\"LOGS\"}");
      click(terminal, "log-session-000-hostile.md");
      try {
        terminal.await("the hostile log", UI, d -> d.findElements(By.cssSelector("[data-testid=log-markdown] h1")).stream()
            .anyMatch(h -> h.getText().toUpperCase(java.util.Locale.ROOT).contains("HULL BREACH REPORT")));
      } catch (RuntimeException e) {
        throw new AssertionError("LOGS shows: " + terminal.driver.findElement(By.cssSelector("[data-testid=bridge-logs]"))
            .getText(), e);
      }
      assertEquals(1, terminal.driver.findElements(By.cssSelector("[data-testid=log-markdown] h2")).size());
      assertTrue(terminal.driver.findElement(By.cssSelector("[data-testid=log-markdown]")).getText()
          .contains("<script>window.__pwned = 1</script>"), "the script is shown as text");
      assertEquals(0L, ((Number) terminal.js("return document.querySelectorAll('[data-testid=log-markdown] script').length"))
          .longValue());
      assertEquals(null, terminal.js("return window.__pwned === undefined ? null : window.__pwned"));
      assertEquals(0, terminal.driver.findElements(By.cssSelector("[data-testid='log-session-003.md']")).size(),
          "today's session (the highest number) is not readable by default");
      terminal.screenshot(Screenshots.DIR, "bridge-logs-1920x1080");

      // ENCOUNTER on a moon shows the same scene: its planet's orbit with the moon selected.
      api.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"luna\"}");
      terminal.await("the encounter scene", UI, d -> d.findElements(
          By.cssSelector("[data-testid=encounter-scene][data-location=luna]")).size() == 1);
      terminal.await("Luna in Earth's orbit", UI, d -> "encounter".equals(probe(terminal, "mode"))
          && Boolean.TRUE.equals(probe(terminal, "ready")) && "orbit".equals(probe(terminal, "level"))
          && "earth".equals(probe(terminal, "body")) && "luna".equals(probe(terminal, "station")));
      terminal.screenshot(Screenshots.DIR, "bridge-encounter-luna-1920x1080");

      // Without WebGL (here forced): a 2D diagram of the same selection, never a blank screen.
      api.postJson("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      api.postJson("api/gm/bridge/navigate/", "{\"tab\":\"MAP\"}");
      terminal.driver.get(tomcat.uri("terminal/?bridge=2d").toString());
      terminal.await("the 2D diagram", UI, d -> d.findElements(By.cssSelector("[data-testid=bridge-2d]")).size() == 1
          && "2d".equals(probe(terminal, "renderer")) && Boolean.TRUE.equals(probe(terminal, "ready")));
      terminal.screenshot(Screenshots.DIR, "bridge-2d-fallback-1920x1080");
    }
  }
}
