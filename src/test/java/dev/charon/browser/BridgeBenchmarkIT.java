package dev.charon.browser;

import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * BRIDGE figures on a real Tomcat in headless Chromium with software WebGL (SwiftShader), the
 * original's campaign (a tool, not a test: it asserts nothing and runs only with
 * {@code -Dcharon.benchmark=true}): GM selection → the terminal's scene, in three steps the page's
 * probe publishes (expose.ts): the state has arrived (the probe names the new selection), the
 * first frame showing it is drawn ({@code ready}: the "scene updated"), and the camera's
 * flight to it is over ({@code settled}); frames per second at each level, and the JavaScript
 * the terminal loads on STANDBY and for the 3D chunk.
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=BridgeBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class BridgeBenchmarkIT {
  private static final Duration UI = Duration.ofSeconds(30);
  private static final int SELECTIONS = 60;
  private static final long FPS_WINDOW_MILLIS = 5000;

  @Test
  void bridgeFigures() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bench-bridge");
    Path campaign = BridgeBrowserIT.campaignCopy(work);
    StringBuilder report = new StringBuilder("# BRIDGE figures (BridgeBenchmarkIT)\n\n");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
            "charon.gm.password", "bridge-bench-gm", "charon.campaign.dir", campaign.toString()));
        Browser terminal = new Browser("bridge-bench", BridgeBrowserIT.WEBGL)) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", "bridge-bench-gm");
      terminal.driver.manage().window().setSize(new Dimension(1920, 1080));
      // When each state event reaches the page, before the app handles it: the server and the
      // stream's part of "arrived", apart from the page's render.
      terminal.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
          window.__events = [];
          const Native = window.EventSource;
          window.EventSource = class extends Native {
            constructor(url, init) {
              super(url, init);
              this.addEventListener('activeview', () => window.__events.push(performance.timeOrigin + performance.now()));
            }
          };
          """));
      terminal.driver.get(tomcat.uri("terminal/").toString());
      terminal.await("standby", UI, d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
      long standbyJs = bytes(terminal, "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js'))"
          + ".reduce((s, e) => s + e.decodedBodySize, 0) + performance.getEntriesByType('navigation')[0].decodedBodySize * 0");
      // Every probe the page publishes, with the wall-clock time it was published.
      terminal.js("""
          window.__probes = [];
          let current;
          Object.defineProperty(window, '__charonBridge', { configurable: true,
            get() { return current; },
            set(v) { current = v; window.__probes.push([performance.timeOrigin + performance.now(), { ...v }]); } });
          """);
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      terminal.await("the galaxy", UI, d -> Boolean.TRUE.equals(terminal.js("return !!(window.__charonBridge && "
          + "window.__charonBridge.ready && window.__charonBridge.level === 'galaxy')")));
      long chunkJs = bytes(terminal, "return performance.getEntriesByType('resource')"
          + ".filter(e => /BridgeCanvas/.test(e.name)).reduce((s, e) => s + e.decodedBodySize, 0)");

      String[][] route = {
          // Each differs from the one before (the last from the first): an equal one pushes nothing.
          {"galaxy", "sol", "", ""}, {"system", "sol", "", ""}, {"system", "sol", "earth", ""},
          {"orbit", "sol", "earth", ""}, {"orbit", "sol", "earth", "gateway-station"}, {"orbit", "sol", "earth", "luna"},
          {"system", "sol", "mars", ""}, {"galaxy", "proxima-centauri", "", ""}};
      // [same level, another level] × [arrived, drawn, settled]
      List<List<List<Double>>> times = List.of(
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()),
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      String previousLevel = "galaxy";
      List<Double> flightFps = new ArrayList<>();
      List<Double> eventTimes = new ArrayList<>();
      List<Double> postTimes = new ArrayList<>();
      StringBuilder raw = new StringBuilder("\nEach navigation (route step: arrived drawn settled, ms):");
      for (int i = 0; i < SELECTIONS; i++) {
        String[] r = route[i % route.length];
        long t0 = System.currentTimeMillis();
        gm.postJson("api/gm/bridge/navigate/", "{\"tab\":\"MAP\",\"level\":\"" + r[0] + "\",\"system\":\"" + r[1]
            + "\",\"body\":\"" + r[2] + "\",\"station\":\"" + r[3] + "\"}");
        postTimes.add((double) (System.currentTimeMillis() - t0));
        String match = "p => p[0] >= " + t0 + " && p[1].level === '" + r[0] + "' && (p[1].system || '') === '"
            + r[1] + "' && (p[1].body || '') === '" + r[2] + "' && (p[1].station || '') === '" + r[3] + "'";
        terminal.await("selection " + i, UI, d -> Boolean.TRUE.equals(terminal.js(
            "return window.__probes.some(p => (" + match + ")(p) && p[1].settled)")));
        List<List<Double>> kind = times.get(r[0].equals(previousLevel) ? 0 : 1);
        Number received = (Number) terminal.js("return window.__events.find(t => t >= " + t0 + ")");
        if (received != null) {
          eventTimes.add(received.doubleValue() - t0);
        }
        String[] steps = {"true", "p[1].ready", "p[1].settled"};
        double[] frameAt = new double[steps.length];
        double[] timeAt = new double[steps.length];
        for (int s = 0; s < steps.length; s++) {
          @SuppressWarnings("unchecked")
          List<Number> hit = (List<Number>) terminal.js("const p = window.__probes.find(p => (" + match + ")(p) && "
              + steps[s] + "); return [p[0], p[1].frames];");
          double at = hit.get(0).doubleValue();
          timeAt[s] = at;
          frameAt[s] = hit.get(1).doubleValue();
          kind.get(s).add(at - t0);
          raw.append(s == 0 ? "\n" + i + " " + String.join("/", r) + ":" : "").append(String.format(" %.0f", at - t0));
        }
        if (r[0].equals(previousLevel) && timeAt[2] > timeAt[1]) {
          // frames drawn while the camera flew (ready → settled): the renderer's full rate
          flightFps.add((frameAt[2] - frameAt[1]) / ((timeAt[2] - timeAt[1]) / 1000.0));
        }
        previousLevel = r[0];
      }
      String[] kinds = {"same level (camera flies, info panel)", "another level (scene shown, camera placed)"};
      String[] stepNames = {"state arrived (probe names the selection)", "first frame drawn with it (`ready`)",
          "camera flight over (`settled`)"};
      report.append("| GM navigate → | navigation | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|\n");
      report.append(row("the GM's POST answered (the test's HTTP client) | all", postTimes));
      report.append(row("state event received by the page (before the app handles it) | all", eventTimes));
      for (int s = 0; s < stepNames.length; s++) {
        List<Double> all = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) {
          report.append(row(stepNames[s] + " | " + kinds[k], times.get(k).get(s)));
          all.addAll(times.get(k).get(s));
        }
        report.append(row(stepNames[s] + " | all", all));
      }

      System.out.println(raw);
      flightFps.sort(null);
      report.append(String.format("%nFrames a second while the camera flies (same-level navigations, ready → settled): "
          + "median %.1f, min %.1f (n = %d)%n", flightFps.get(flightFps.size() / 2), flightFps.get(0), flightFps.size()));
      report.append("\n| level | frames per second while nothing moves but the orbits (1920×1080 window, SwiftShader; "
          + "a software renderer's idle rate is capped, BridgeCanvas.SOFTWARE_IDLE_FPS) |\n|---|---|\n");
      for (String[] r : new String[][] {{"galaxy", "", "", ""}, {"system", "sol", "", ""}, {"orbit", "sol", "earth", ""}}) {
        gm.postJson("api/gm/bridge/navigate/", "{\"level\":\"" + r[0] + "\",\"system\":\"" + r[1] + "\",\"body\":\""
            + r[2] + "\",\"station\":\"\"}");
        terminal.await(r[0], UI, d -> Boolean.TRUE.equals(terminal.js("return window.__charonBridge.settled && "
            + "window.__charonBridge.level === '" + r[0] + "'")));
        long f0 = ((Number) terminal.js("return window.__charonBridge.frames")).longValue();
        long t0 = System.nanoTime();
        terminal.await("a few seconds of frames", Duration.ofSeconds(20),
            d -> System.nanoTime() - t0 >= FPS_WINDOW_MILLIS * 1_000_000L);
        long f1 = ((Number) terminal.js("return window.__charonBridge.frames")).longValue();
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.append(String.format("| %s | %.1f |%n", r[0], (f1 - f0) / seconds));
      }
      String renderer = String.valueOf(terminal.js("""
          const c = document.createElement('canvas').getContext('webgl');
          const i = c && c.getExtension('WEBGL_debug_renderer_info');
          return i ? c.getParameter(i.UNMASKED_RENDERER_WEBGL) : 'unknown';"""));
      report.append("\nRenderer: ").append(renderer).append("\n\n");
      report.append("Canvas: ").append(terminal.js("""
          const c = document.querySelector('[data-testid=bridge-scene] canvas');
          return c ? c.clientWidth + '×' + c.clientHeight + ' CSS px, drawing buffer ' + c.width + '×' + c.height : 'none';"""))
          .append("\n\n");
      report.append(String.format("JavaScript decoded: terminal on STANDBY %.1f kB; the 3D chunk (loaded on BRIDGE) %.1f kB%n",
          standbyJs / 1024.0, chunkJs / 1024.0));
    }
    Path out = Path.of("target", "benchmarks", "bridge.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println(report);
  }

  private static long bytes(Browser b, String script) {
    return ((Number) b.js(script)).longValue();
  }

  private static String row(String what, List<Double> millis) {
    if (millis.isEmpty()) {
      return "| " + what + " | 0 | | | |\n";
    }
    List<Double> s = new ArrayList<>(millis);
    Collections.sort(s);
    return String.format("| %s | %d | %.0f | %.0f | %.0f |%n", what, s.size(), s.get(s.size() / 2),
        s.get(Math.min(s.size() - 1, (int) Math.ceil(0.95 * s.size()) - 1)), s.get(s.size() - 1));
  }
}
