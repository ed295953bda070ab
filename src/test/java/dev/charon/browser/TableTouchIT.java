package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The shared terminal on a 1024×768 touch tablet (CDP touch emulation and touch events, the way a
 * touch screen delivers them): a tap shows a token's detail (its statuses in words, its room) at
 * 14 px or more; a two-finger pinch zooms the map; the zoom survives a reload of the page; FIT MAP
 * (a 44 px target) brings the whole map back. Then the GM's "follow me": the GM console's mouse pan
 * moves the terminal's view to the GM's frame, in a handful of throttled writes. Last, the GM's
 * legend on a 1920×1080 TV: beside the map, not over it, its text 18 px or more.
 */
@ExtendWith(Screenshots.class)
class TableTouchIT {
  static final String GM_PASSWORD = "table-touch-gm-pw";
  static final String LOCATION = "msv-cormorant";
  static final int TABLET_W_PX = 1024;
  static final int TABLET_H_PX = 768;
  static final int MIN_TARGET_PX = 44;
  static final double MIN_DETAIL_PX = 14;
  static final double MIN_TV_LEGEND_PX = 18;
  static final int PINCH_STEPS = 10;
  static final Duration UI = Duration.ofSeconds(20);
  static final Path SHOTS = Screenshots.DIR.resolve("table-touch");

  /** The map's viewBox and its scale on screen (px per map unit), read in the browser. */
  private static final String VIEW = """
      const svg = document.querySelector(arguments[0] + ' .encounter-map-svg');
      if (!svg) return null;
      const vb = svg.viewBox.baseVal;
      const r = svg.getBoundingClientRect();
      return { vb: svg.getAttribute('viewBox'), cx: vb.x + vb.width / 2, cy: vb.y + vb.height / 2,
               scale: Math.min(r.width / vb.width, r.height / vb.height),
               left: r.left, top: r.top, width: r.width, height: r.height,
               following: svg.parentElement.getAttribute('data-following') };
      """;

  @Test
  void pinchZoomsTheTerminalFitMapRestoresItAndTheProjectorFollowsTheGmsPan() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "table-touch");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
        Browser terminal = Screenshots.track(new Browser("table-touch-terminal"));
        Browser console = Screenshots.track(new Browser("table-touch-gm"))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");
      gm.postJson("api/gm/encounter/room-visibility/", "{\"all\":true}");
      JsonNode deck = gm.getJson("api/gm/encounter-map/" + LOCATION + "/").get("current_deck");
      JsonNode room = deck.get("rooms").get(0);
      String roomName = room.get("name").asText();
      String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Ripley\",\"x\":"
          + room.get("x").asInt() + ",\"y\":" + room.get("y").asInt() + "}").get("token_id").asText();
      gm.postJson("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + token + "\",\"add\":\"wounded\"}");

      terminal.emulate(TABLET_W_PX, TABLET_H_PX, 1, true);
      terminal.driver.get(tomcat.uri("terminal/").toString());
      String onTerminal = "[data-token-id='" + token + "']";
      terminal.await("the token on the terminal", UI, d -> !d.findElements(By.cssSelector(onTerminal)).isEmpty());
      Map<String, Object> home = view(terminal, ".terminal");
      System.out.println("[TableTouchIT] terminal home " + home);

      // A tap on the token: its detail, drawn by the app, in words, legible on a tablet.
      List<Number> at = center(terminal, onTerminal + " .token-body");
      tap(terminal, at.get(0).doubleValue(), at.get(1).doubleValue());
      WebElement detail = terminal.await("the token's detail", UI,
          d -> d.findElements(By.cssSelector("[data-testid='map-detail']")).stream().findFirst().orElse(null));
      String words = detail.getText();
      assertTrue(words.contains("RIPLEY") && words.contains("WOUNDED") && words.contains(roomName.toUpperCase()), words);
      double detailPx = ((Number) terminal.js("return parseFloat(getComputedStyle(arguments[0]).fontSize)", detail))
          .doubleValue();
      System.out.println("[TableTouchIT] tap detail at 1024x768: " + detailPx + " px: " + words.replace('\n', '|'));
      assertTrue(detailPx >= MIN_DETAIL_PX, "the detail's text is under 14 px: " + detailPx);
      terminal.screenshot(SHOTS, "detail-1024x768");
      tap(terminal, at.get(0).doubleValue(), at.get(1).doubleValue());
      terminal.await("the detail closed", UI, d -> d.findElements(By.cssSelector("[data-testid='map-detail']")).isEmpty());

      // Two fingers spread from 100 to 400 px apart about the map's centre: the map's scale grows.
      double cx = num(home, "left") + num(home, "width") / 2;
      double cy = num(home, "top") + num(home, "height") / 2;
      touch(terminal, "touchStart", List.of(point(0, cx - 50, cy), point(1, cx + 50, cy)));
      for (int i = 1; i <= PINCH_STEPS; i++) {
        double half = 50 + 150.0 * i / PINCH_STEPS;
        touch(terminal, "touchMove", List.of(point(0, cx - half, cy), point(1, cx + half, cy)));
      }
      touch(terminal, "touchEnd", List.of());
      Map<String, Object> pinched = terminal.await("the map zoomed by the pinch", UI, d -> {
        Map<String, Object> v = view(terminal, ".terminal");
        return num(v, "scale") > num(home, "scale") * 1.5 ? v : null;
      });
      System.out.println("[TableTouchIT] after the pinch " + pinched + " (x" + num(pinched, "scale") / num(home, "scale")
          + ")");
      terminal.screenshot(SHOTS, "pinched-1024x768");

      // A reload (the strongest reconnect) draws the map where the table left it.
      terminal.driver.navigate().refresh();
      terminal.await("the map again", UI, d -> !d.findElements(By.cssSelector(onTerminal)).isEmpty());
      Map<String, Object> reloaded = view(terminal, ".terminal");
      assertEquals(pinched.get("vb"), reloaded.get("vb"), "the view did not survive the reload");

      // FIT MAP: a finger-sized target that brings the whole map back.
      WebElement fit = terminal.await("FIT MAP", UI,
          d -> d.findElements(By.cssSelector("[data-testid='map-fit']")).stream().findFirst().orElse(null));
      @SuppressWarnings("unchecked")
      Map<String, Object> fitBox = (Map<String, Object>) terminal.js(
          "const r = arguments[0].getBoundingClientRect(); return { w: r.width, h: r.height, x: r.left + r.width / 2,"
              + " y: r.top + r.height / 2, px: parseFloat(getComputedStyle(arguments[0]).fontSize) }", fit);
      System.out.println("[TableTouchIT] FIT MAP " + fitBox);
      assertTrue(num(fitBox, "w") >= MIN_TARGET_PX && num(fitBox, "h") >= MIN_TARGET_PX, "FIT MAP under 44 px: " + fitBox);
      tap(terminal, num(fitBox, "x"), num(fitBox, "y"));
      terminal.await("the whole map again", UI, d -> home.get("vb").equals(view(terminal, ".terminal").get("vb")));

      // Follow me: the GM pans with the mouse; the terminal shows the GM's frame.
      login(tomcat, console);
      console.await("the GM's map", UI, d -> !d.findElements(By.cssSelector(".gm-map-box .encounter-map-svg")).isEmpty());
      console.await("the switch", UI, d -> d.findElement(By.cssSelector("[data-testid='projector-toggle']"))).click();
      terminal.await("the terminal following the GM", UI, d -> "true".equals(view(terminal, ".terminal").get("following")));
      long before = gm.getJson("api/gm/active-view/").get("version").asLong();
      WebElement gmSvg = console.driver.findElement(By.cssSelector(".gm-map-box .encounter-map-svg"));
      Map<String, Object> gmHome = view(console, ".gm-map-box");
      // real mouse input (WebDriver actions: each move takes ~200 ms to deliver, so no throttle figure here)
      Actions pan = new Actions(console.driver, Duration.ofMillis(10))
          .moveToElement(gmSvg, -(int) (num(gmHome, "width") / 2) + 12, -(int) (num(gmHome, "height") / 2) + 12)
          .clickAndHold();
      for (int i = 0; i < 20; i++) {
        pan.moveByOffset(8, 5);
      }
      long panStarted = System.nanoTime();
      pan.release().perform();
      long panMillis = (System.nanoTime() - panStarted) / 1_000_000;
      Map<String, Object> gmView = view(console, ".gm-map-box");
      assertNotEquals(gmHome.get("vb"), gmView.get("vb"), "the GM's map did not pan");
      Map<String, Object> followed = terminal.await("the terminal at the GM's frame", UI, d -> {
        Map<String, Object> v = view(terminal, ".terminal");
        return Math.abs(num(v, "cx") - num(gmView, "cx")) < 0.5 && Math.abs(num(v, "cy") - num(gmView, "cy")) < 0.5
            ? v : null;
      });
      long writes = gm.getJson("api/gm/active-view/").get("version").asLong() - before;
      System.out.println("[TableTouchIT] GM pan " + gmHome.get("vb") + " -> " + gmView.get("vb") + "; terminal "
          + followed.get("vb") + "; projector writes for 20 pointer moves over " + panMillis + " ms: " + writes);
      // at most one per 100 ms, plus the first at once and the last after the release
      long allowed = panMillis / 100 + 2;
      assertTrue(writes >= 1 && writes <= allowed, "not throttled to 10 writes a second: " + writes + " > " + allowed);
      assertNotEquals(home.get("vb"), followed.get("vb"));

      // The throttle, measured: 30 wheel steps 10 ms apart (each a new view) make a handful of writes.
      long burstFrom = gm.getJson("api/gm/active-view/").get("version").asLong();
      Number burstMillis = (Number) console.driver.executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          const svg = document.querySelector('.gm-map-box .encounter-map-svg');
          const r = svg.getBoundingClientRect();
          const t0 = performance.now();
          let i = 0;
          const step = () => {
            svg.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: i % 2 ? 100 : -100,
              clientX: r.left + r.width / 3, clientY: r.top + r.height / 3 }));
            if (++i < 30) setTimeout(step, 10); else done(performance.now() - t0);
          };
          step();
          """);
      Map<String, Object> gmAfterBurst = view(console, ".gm-map-box");
      terminal.await("the terminal at the GM's last frame", UI, d -> {
        Map<String, Object> v = view(terminal, ".terminal");
        return Math.abs(num(v, "cx") - num(gmAfterBurst, "cx")) < 0.5
            && Math.abs(num(v, "cy") - num(gmAfterBurst, "cy")) < 0.5 ? v : null;
      });
      long burstWrites = gm.getJson("api/gm/active-view/").get("version").asLong() - burstFrom;
      System.out.println("[TableTouchIT] 30 GM wheel steps in " + burstMillis.longValue() + " ms: " + burstWrites
          + " projector writes");
      assertTrue(burstWrites >= 1 && burstWrites <= burstMillis.longValue() / 100 + 2,
          "not throttled to 10 writes a second: " + burstWrites + " in " + burstMillis + " ms");
      terminal.screenshot(SHOTS, "following-1024x768");
      console.screenshot(SHOTS, "gm-console-following");
      console.driver.findElement(By.cssSelector("[data-testid='projector-toggle']")).click();
      terminal.await("the terminal on its own view", UI, d -> view(terminal, ".terminal").get("following") == null);

      // The legend at TV size: beside the map, its text 18 px or more.
      console.driver.findElement(By.cssSelector("[data-testid='legend-toggle']")).click();
      terminal.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1920, "height", 1080,
          "deviceScaleFactor", 1, "mobile", false));
      terminal.await("the legend", UI, d -> !d.findElements(By.cssSelector("[data-testid='map-legend']")).isEmpty());
      @SuppressWarnings("unchecked")
      Map<String, Object> legend = (Map<String, Object>) terminal.js("""
          const legend = document.querySelector('[data-testid="map-legend"]');
          const map = document.querySelector('.terminal .encounter-map').getBoundingClientRect();
          const l = legend.getBoundingClientRect();
          const sizes = [...legend.querySelectorAll('span, h2, h3')].map((e) => parseFloat(getComputedStyle(e).fontSize));
          return { minPx: Math.min(...sizes), legendLeft: l.left, mapRight: map.right, width: l.width,
                   overflow: document.documentElement.scrollWidth > innerWidth };
          """);
      System.out.println("[TableTouchIT] legend at 1920x1080 " + legend);
      assertTrue(num(legend, "minPx") >= MIN_TV_LEGEND_PX, "legend text under 18 px: " + legend);
      assertTrue(num(legend, "legendLeft") >= num(legend, "mapRight") - 1, "the legend covers the map: " + legend);
      assertEquals(false, legend.get("overflow"));
      terminal.screenshot(SHOTS, "legend-1920x1080");
      Screenshots.untrack(terminal);
      Screenshots.untrack(console);
    }
  }

  private static void login(TomcatServer tomcat, Browser b) {
    b.logIn(tomcat.uri("login/?next=gmconsole/"), "gm", GM_PASSWORD);
    b.await("leaving the login page", UI, d -> !d.getCurrentUrl().contains("/login/"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> view(Browser b, String scope) {
    return (Map<String, Object>) b.js(VIEW, scope);
  }

  @SuppressWarnings("unchecked")
  private static List<Number> center(Browser b, String css) {
    return (List<Number>) b.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        + " return [r.left + r.width / 2, r.top + r.height / 2];", css);
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  private static Map<String, Object> point(int id, double x, double y) {
    return Map.of("x", x, "y", y, "id", id, "radiusX", 8, "radiusY", 8, "force", 1);
  }

  private static void touch(Browser b, String type, List<Map<String, Object>> points) {
    b.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", new ArrayList<>(points)));
  }

  private static void tap(Browser b, double x, double y) {
    touch(b, "touchStart", List.of(point(0, x, y)));
    touch(b, "touchEnd", List.of());
  }
}
