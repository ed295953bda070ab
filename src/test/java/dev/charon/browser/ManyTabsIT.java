package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.charon.system.TomcatServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WindowType;

/**
 * Issue 21: over plain HTTP/1.1 a browser keeps at most 6 connections per host, and every open
 * EventSource holds one. With one stream per tab, the GM console plus 6 terminal tabs left the
 * 7th tab unloaded and the GM's next write hanging. The tabs of one browser now share one stream
 * per stream URL (webapp-frontend/src/push/sharedStream.ts): here the GM console and 9 terminal
 * tabs in one Chromium, straight to Tomcat's HTTP/1.1 connector, all follow the GM and the GM's
 * writes answer at normal speed.
 */
@ExtendWith(Screenshots.class)
class ManyTabsIT {
  static final String GM_PASSWORD = "many-tabs-gm";
  static final int TERMINAL_TABS = 9;
  static final Duration UI = Duration.ofSeconds(15);
  /** A page that waits longer than this for a connection is what the issue reported ("never loads"). */
  static final Duration PAGE_LOAD = Duration.ofSeconds(20);
  /** A GM write normally answers in a few ms; one that waits for a free connection takes many seconds. */
  static final long MAX_WRITE_MILLIS = 1000;

  static TomcatServer tomcat;
  static Browser browser;
  static Api api;
  static String encounter;

  @BeforeAll
  static void start() throws Exception {
    Path work = Path.of(dev.charon.system.ServerProcess.required("charon.it.dir"), "many-tabs");
    tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
    tomcat.start();
    api = Api.loginAsGm(tomcat.base(), GM_PASSWORD);
    encounter = api.largestMapLocation();
    browser = Screenshots.track(new Browser("many-tabs"));
    browser.driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        Screenshots.untrack(browser);
        browser.close();
      }
    } finally {
      if (tomcat != null) {
        tomcat.stop();
      }
    }
  }

  @Test
  void gmConsoleAndNineTerminalTabsInOneBrowserOverHttp11AllFollowTheGmAndWritesStayFast() {
    browser.driver.get(tomcat.uri("login/?next=gmconsole/").toString());
    browser.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
    browser.driver.findElement(By.name("username")).sendKeys("gm");
    browser.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
    browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    browser.await("the GM console", UI, d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
    String gmTab = browser.driver.getWindowHandle();

    List<String> terminals = new ArrayList<>();
    for (int i = 1; i <= TERMINAL_TABS; i++) {
      browser.driver.switchTo().newWindow(WindowType.TAB);
      try {
        browser.driver.get(tomcat.uri("terminal/").toString());
      } catch (TimeoutException e) {
        fail("terminal tab " + i + " (tab " + (i + 1) + " of the browser) did not load in " + PAGE_LOAD.toSeconds() + " s");
      }
      final int n = i;
      browser.await("the standby screen in terminal tab " + n, UI,
          d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
      terminals.add(browser.driver.getWindowHandle());
    }

    // The GM's write, from the console tab, while all ten tabs are open.
    browser.driver.switchTo().window(gmTab);
    long encounterMillis = timedSwitchView("{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + encounter + "\"}");
    browser.await("the console following its stream", UI, d -> "true".equals(
        d.findElement(By.cssSelector("[data-testid=view-btn-ENCOUNTER]")).getAttribute("aria-pressed")));
    for (int i = 0; i < terminals.size(); i++) {
      browser.driver.switchTo().window(terminals.get(i));
      browser.await("the encounter in terminal tab " + (i + 1), UI, d -> !d.findElements(
          By.cssSelector("[data-testid=view-ENCOUNTER][data-location='" + encounter + "']")).isEmpty());
    }

    browser.driver.switchTo().window(gmTab);
    long standbyMillis = timedSwitchView("{\"view_type\":\"STANDBY\"}");
    for (int i = 0; i < terminals.size(); i++) {
      browser.driver.switchTo().window(terminals.get(i));
      browser.await("standby again in terminal tab " + (i + 1), UI,
          d -> !d.findElements(By.cssSelector("[data-testid=view-STANDBY]")).isEmpty());
    }
    System.out.printf("[many-tabs] GM writes with 1 console + %d terminal tabs: %d ms, %d ms%n",
        TERMINAL_TABS, encounterMillis, standbyMillis);
    assertTrue(encounterMillis < MAX_WRITE_MILLIS && standbyMillis < MAX_WRITE_MILLIS,
        "GM writes took " + encounterMillis + " ms and " + standbyMillis + " ms");
  }

  /** POSTs switch-view from the console tab as the SPA does (CSRF header from the cookie) and returns its time. */
  private static long timedSwitchView(String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) browser.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const csrf = decodeURIComponent((document.cookie.match(/(?:^|; )csrftoken=([^;]*)/) || [])[1] || '');
        const t0 = performance.now();
        fetch('../api/gm/switch-view/', { method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
            body: arguments[0] })
          .then((res) => done({ status: res.status, ms: performance.now() - t0 }))
          .catch((e) => done({ error: String(e), ms: performance.now() - t0 }));
        """, body);
    assertEquals(200L, r.get("status"), String.valueOf(r));
    return Math.round(((Number) r.get("ms")).doubleValue());
  }
}
