package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * What each page costs a browser on its first visit, with an empty cache: the bytes on the wire
 * (Resource Timing's transferSize: headers and body as sent) for the page and everything it loads
 * before it is ready, the event stream excepted (it never ends). Measured twice on the same WAR and
 * the same Tomcat: once with a browser that accepts no compression (what every browser got before
 * the build precompressed the assets: tomcat-conf has compression off, as a stock container does),
 * once as Chromium asks by default. The figures go to docs/benchmarks.md.
 */
@ExtendWith(Screenshots.class)
class FirstLoadBytesIT {
  private static final String GM_PASSWORD = "first-load-gm-password";
  private static final String PLAYER = "reader";
  private static final String PLAYER_PASSWORD = "reader-password-1";

  record Load(long total, long scripts, long styles, long images, int requests) {}

  @Test
  void everyPageLoadsCompressedAtLessThanHalfTheBytes() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "first-load");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      gm.postJson("api/gm/players/", "{\"username\":\"" + PLAYER + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}");
      gm.postJson("api/gm/broadcast/", "{\"content\":\"Docking clamps released.\"}");

      Map<String, Load> identity = measureAll(tomcat, gm, true);
      Map<String, Load> compressed = measureAll(tomcat, gm, false);

      StringBuilder table = new StringBuilder("\n| Page | Identity (before) | Compressed (now) | JS identity → compressed | Requests |\n|---|---|---|---|---|\n");
      List<String> failures = new ArrayList<>();
      for (String page : identity.keySet()) {
        Load before = identity.get(page);
        Load now = compressed.get(page);
        table.append(String.format("| %s | %,d B | %,d B | %,d → %,d B | %d |%n", page, before.total(), now.total(),
            before.scripts(), now.scripts(), now.requests()));
        if (now.scripts() * 2 >= before.scripts()) {
          failures.add(page + ": scripts " + now.scripts() + " B compressed vs " + before.scripts() + " B identity");
        }
        if (now.total() >= before.total()) {
          failures.add(page + ": total " + now.total() + " B vs " + before.total() + " B");
        }
      }
      System.out.println("[first-load]" + table);
      assertTrue(failures.isEmpty(), String.join("\n", failures) + table);
    }
  }

  private static Map<String, Load> measureAll(TomcatServer tomcat, Agent gm, boolean identity) throws Exception {
    Map<String, Load> out = new LinkedHashMap<>();
    try (Browser b = Screenshots.track(new Browser("first-load-" + (identity ? "identity" : "compressed")))) {
      b.driver.executeCdpCommand("Network.enable", Map.of());
      b.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
      if (identity) {
        b.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Encoding", "identity")));
      }
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"STANDBY\"}");
      out.put("/terminal/ (STANDBY)", load(b, tomcat, "terminal/", "[data-testid=view-STANDBY]"));
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
      out.put("/terminal/ (ENCOUNTER)", load(b, tomcat, "terminal/", "[data-testid=encounter-map]"));
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"STANDBY\"}");
      out.put("/login/", load(b, tomcat, "login/", "button[type=submit]"));
      b.driver.findElement(By.name("username")).sendKeys(PLAYER);
      b.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      b.driver.findElement(By.cssSelector("button[type=submit]")).click();
      b.await("the messages", Duration.ofSeconds(15), d -> !d.findElements(By.cssSelector(".message-item")).isEmpty());
      out.put("/messages/", load(b, tomcat, "messages/", ".message-item"));
      b.driver.manage().deleteAllCookies();
      load(b, tomcat, "login/", "button[type=submit]");
      b.driver.findElement(By.name("username")).sendKeys("gm");
      b.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
      b.driver.findElement(By.cssSelector("button[type=submit]")).click();
      b.await("the GM console", Duration.ofSeconds(15), d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
      out.put("/gmconsole/", load(b, tomcat, "gmconsole/", "[data-testid=gm-console]"));
      Screenshots.untrack(b);
    }
    return out;
  }

  /** A cold load of one page, summed once it shows {@code ready} and its network has gone quiet. */
  private static Load load(Browser b, TomcatServer tomcat, String page, String ready) {
    b.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    b.driver.get(tomcat.uri(page).toString());
    b.await(page + " ready", Duration.ofSeconds(20), d -> !d.findElements(By.cssSelector(ready)).isEmpty());
    // quiet: the document has loaded and no resource started in the last half second (lazy chunks,
    // images and JSON the page asks for once it is drawn)
    b.await(page + " quiet", Duration.ofSeconds(20), d -> (Boolean) b.js("""
        if (document.readyState !== 'complete') return false;
        const last = performance.getEntriesByType('resource').reduce((t, e) => Math.max(t, e.responseEnd || e.startTime), 0);
        return performance.now() - last > 500;
        """));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) b.js("""
        const nav = performance.getEntriesByType('navigation').map(e => ({ name: e.name, type: 'document', size: e.transferSize }));
        const res = performance.getEntriesByType('resource')
          .filter(e => !e.name.includes('/stream/'))
          .map(e => ({ name: e.name, type: e.initiatorType, size: e.transferSize }));
        return nav.concat(res);
        """);
    long total = 0;
    long scripts = 0;
    long styles = 0;
    long images = 0;
    for (Map<String, Object> e : entries) {
      long size = ((Number) e.get("size")).longValue();
      String name = (String) e.get("name");
      total += size;
      if (name.endsWith(".js")) {
        scripts += size;
      } else if (name.endsWith(".css")) {
        styles += size;
      } else if (name.matches(".*\\.(png|jpe?g|gif|webp)(\\?.*)?$")) {
        images += size;
      }
    }
    return new Load(total, scripts, styles, images, entries.size());
  }
}
