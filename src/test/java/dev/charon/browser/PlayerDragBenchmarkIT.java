package dev.charon.browser;

import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * Issue 17's benchmark: a player's drag on the phone page → the token moved on the shared terminal.
 * Two Chromiums on one machine (one clock): the phone page (390×844, touch emulated) records
 * {@code Date.now()} when the finger lifts (the pointerup the page's drag ends on, after which it
 * POSTs the move), the terminal records it when its token's {@code data-x} changes (a
 * MutationObserver). The difference is the whole path: the page's POST, the server's transition,
 * the push, the terminal's render. The CDP round trips that synthesise the touch lie before the
 * pointerup and are not counted. A benchmark, not a test: it runs only with
 * {@code -Dcharon.benchmark=true} and prints its figures for docs/benchmarks.md.
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=PlayerDragBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class PlayerDragBenchmarkIT {
  static final String GM_PASSWORD = "drag-bench-gm-password";
  static final String PLAYER = "ripley";
  static final String PLAYER_PASSWORD = "drag-bench-player-pw";
  static final int DRAGS = Integer.getInteger("charon.benchmark.drags", 60);
  static final int DRAG_STEPS = 6;

  @Test
  void playerDragToTerminal() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "player-drag-bench");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
        Browser terminal = new Browser("drag-bench-terminal");
        Browser phone = new Browser("drag-bench-phone")) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      LinkedToken linked = LinkedToken.place(gm, PLAYER, PLAYER_PASSWORD, "Ripley");
      String token = linked.id();
      int x = linked.x();
      int y = linked.y();
      int unit = linked.unit();

      terminal.emulate(1920, 1080, 1, false);
      terminal.driver.get(tomcat.uri("terminal/").toString());
      String onTerminal = "[data-token-id='" + token + "']";
      terminal.await("the token on the terminal", Duration.ofSeconds(15),
          d -> !d.findElements(By.cssSelector(onTerminal + "[data-x='" + x + "']")).isEmpty());
      terminal.js("""
          window.__seen = [];
          const sel = arguments[0];
          let last = document.querySelector(sel).getAttribute('data-x');
          new MutationObserver(() => {
            const el = document.querySelector(sel);
            const now = el && el.getAttribute('data-x');
            if (now !== null && now !== last) { last = now; window.__seen.push({ x: Number(now), t: Date.now() }); }
          }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-x'] });
          """, onTerminal);

      phone.emulate(390, 844, 2, true);
      phone.logIn(tomcat.uri("login/?next=player/"), PLAYER, PLAYER_PASSWORD);
      String mine = "[data-testid='my-token-" + token + "']";
      phone.await("the player's own token, draggable", Duration.ofSeconds(15),
          d -> !d.findElements(By.cssSelector(mine + "[data-draggable='true']")).isEmpty());
      phone.js("window.__ups = []; addEventListener('pointerup', () => window.__ups.push(Date.now()), true);");

      List<Long> latencies = new ArrayList<>();
      int at = x;
      for (int i = 0; i < DRAGS; i++) {
        int target = at == x ? x + 2 : x;
        drag(phone, at, target, y, unit);
        int expected = target;
        int n = i + 1;
        terminal.await("drag " + n + " on the terminal", Duration.ofSeconds(10), d -> (Boolean) terminal.js(
            "return window.__seen.length >= arguments[0] && window.__seen[window.__seen.length - 1].x === arguments[1]",
            n, expected));
        phone.await("drag " + n + " settled on the phone", Duration.ofSeconds(10),
            d -> !d.findElements(By.cssSelector(mine + "[data-x='" + expected + "']")).isEmpty());
        long up = ((Number) phone.js("return window.__ups[window.__ups.length - 1]")).longValue();
        long seen = ((Number) terminal.js("return window.__seen[window.__seen.length - 1].t")).longValue();
        latencies.add(seen - up);
        at = target;
      }
      List<Long> warm = latencies.subList(Math.min(5, latencies.size()), latencies.size());
      List<Long> sorted = new ArrayList<>(warm);
      sorted.sort(null);
      System.out.printf("[player-drag] finger lifted on the phone → token moved on the terminal: n=%d (first 5 of %d left out as"
          + " warm-up), p50 %d ms, p95 %d ms, max %d ms; all: %s%n", sorted.size(), latencies.size(),
          sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1),
          latencies);
    }
  }

  /** One finger from the centre of cell (from, y) to the centre of (to, y), in the phone's CSS pixels. */
  private static void drag(Browser phone, int from, int to, int y, int unit) {
    @SuppressWarnings("unchecked")
    List<List<Number>> points = (List<List<Number>>) phone.js("""
        const svg = document.querySelector('.encounter-map-svg');
        const at = (cx, cy) => { const p = svg.createSVGPoint(); p.x = cx; p.y = cy; const s = p.matrixTransform(svg.getScreenCTM()); return [s.x, s.y]; };
        return [at((arguments[0] + 0.5) * arguments[3], (arguments[2] + 0.5) * arguments[3]),
                at((arguments[1] + 0.5) * arguments[3], (arguments[2] + 0.5) * arguments[3])];
        """, from, to, y, unit);
    double x0 = points.get(0).get(0).doubleValue();
    double y0 = points.get(0).get(1).doubleValue();
    double x1 = points.get(1).get(0).doubleValue();
    double y1 = points.get(1).get(1).doubleValue();
    LinkedToken.touch(phone, "touchStart", x0, y0);
    for (int i = 1; i <= DRAG_STEPS; i++) {
      double f = (double) i / DRAG_STEPS;
      LinkedToken.touch(phone, "touchMove", x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
    }
    LinkedToken.lift(phone);
  }
}
