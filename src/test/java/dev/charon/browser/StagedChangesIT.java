package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Stage mode end to end, in two Chromiums on Tomcat: the GM stages three reveals in the console;
 * the terminal shows none of them (no version, no frame) until SEND, then all three at once, in
 * one version and one DOM update. UNDO then hides them again in one more version.
 */
@ExtendWith(Screenshots.class)
class StagedChangesIT {
  private static final Duration UI = Duration.ofSeconds(15);
  private static final String GM_PASSWORD = "staged-gm-password";
  private static final String SHIP = "msv-cormorant";

  @Test
  void aStagedRevealIsInvisibleOnTheTerminalUntilSendThenAllAtOnce() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "staged-changes");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
        Browser gm = Screenshots.track(new Browser("staged-gm"));
        Browser terminal = Screenshots.track(new Browser("staged-terminal"))) {
      tomcat.start();
      Agent api = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      api.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + SHIP + "\"}");
      List<String> rooms = new ArrayList<>();
      api.getJson("api/gm/encounter-map/" + SHIP + "/").get("current_deck").get("rooms")
          .forEach(r -> rooms.add(r.get("id").asText()));
      List<String> staged = rooms.subList(0, 3);

      terminal.driver.get(tomcat.uri("terminal/").toString());
      terminal.await("the map on the terminal", UI, d -> !d.findElements(By.cssSelector("svg")).isEmpty());
      // When each staged room first appears on the terminal, and every frame of the player stream.
      terminal.js("""
          window.__seen = {};
          window.__frames = [];
          const ids = arguments[0];
          new MutationObserver(() => {
            const t = performance.now();
            for (const id of ids) if (!(id in window.__seen) && document.querySelector(`[data-room-id="${id}"]`)) window.__seen[id] = t;
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
          fetch('../api/active-view/stream/').then(async (r) => {
            const reader = r.body.getReader();
            const dec = new TextDecoder();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              window.__frames.push(dec.decode(value));
            }
          });
          """, staged);
      terminal.await("the stream", UI, d -> ((Number) terminal.js("return window.__frames.length")).intValue() > 0);

      gm.driver.get(tomcat.uri("login/?next=gmconsole/").toString());
      gm.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
      gm.driver.findElement(By.name("username")).sendKeys("gm");
      gm.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
      gm.driver.findElement(By.cssSelector("button[type=submit]")).click();
      gm.await("the GM map", UI, d -> !d.findElements(By.cssSelector("[data-testid=room-" + staged.get(0) + "]")).isEmpty());
      long before = api.getJson("api/gm/active-view/").get("version").asLong();

      gm.driver.findElement(By.cssSelector("[data-testid=stage-toggle]")).click();
      for (String id : staged) {
        gm.js("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true }))",
            gm.driver.findElement(By.cssSelector("[data-testid=room-" + id + "]")));
      }
      gm.await("three staged", UI, d -> d.findElement(By.cssSelector("[data-testid=staged-count]")).getText()
          .equals("3 STAGED"));
      for (String id : staged) {
        assertEquals("true", gm.driver.findElement(By.cssSelector("[data-testid=room-" + id + "]"))
            .getDomAttribute("data-revealed"), "the GM's preview shows " + id);
      }
      gm.screenshot(Screenshots.DIR, "staged-changes-gm-staged");
      // No version was made, so no screen got a frame: the terminal cannot have seen the staging.
      assertEquals(before, api.getJson("api/gm/active-view/").get("version").asLong());
      assertEquals(0L, ((Number) terminal.js("return Object.keys(window.__seen).length")).longValue());
      terminal.screenshot(Screenshots.DIR, "staged-changes-terminal-before-send");

      long sent = System.nanoTime();
      gm.driver.findElement(By.cssSelector("[data-testid=stage-send]")).click();
      terminal.await("all three rooms on the terminal", UI,
          d -> ((Number) terminal.js("return Object.keys(window.__seen).length")).intValue() == 3);
      double shownMillis = (System.nanoTime() - sent) / 1e6;
      @SuppressWarnings("unchecked")
      Map<String, Number> seen = (Map<String, Number>) terminal.js("return window.__seen");
      double spread = seen.values().stream().mapToDouble(Number::doubleValue).max().orElseThrow()
          - seen.values().stream().mapToDouble(Number::doubleValue).min().orElseThrow();
      System.out.printf("StagedChangesIT: SEND -> 3 rooms on the terminal in %.0f ms, appearing %.1f ms apart%n",
          shownMillis, spread);
      assertEquals(0.0, spread, "all three appeared in the same DOM update");
      assertEquals(before + 1, api.getJson("api/gm/active-view/").get("version").asLong(), "SEND is one version");
      List<JsonNode> events = activeviewEvents(terminal);
      assertEquals(2, events.size(), "the snapshot, then the batch as one event: " + events);
      for (String id : staged) {
        assertTrue(events.get(1).get("patch").get("encounter_room_visibility").get(id).asBoolean(), id + " in the one event");
      }
      terminal.screenshot(Screenshots.DIR, "staged-changes-terminal-after-send");

      gm.await("UNDO enabled", UI, d -> d.findElement(By.cssSelector("[data-testid=undo]")).isEnabled());
      gm.driver.findElement(By.cssSelector("[data-testid=undo]")).click();
      terminal.await("the rooms hidden again", UI, d -> staged.stream()
          .allMatch(id -> d.findElements(By.cssSelector("[data-room-id='" + id + "']")).isEmpty()));
      assertEquals(before + 2, api.getJson("api/gm/active-view/").get("version").asLong(), "UNDO is one version");
      Screenshots.untrack(gm);
      Screenshots.untrack(terminal);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<JsonNode> activeviewEvents(Browser terminal) throws Exception {
    String stream = String.join("", (List<String>) terminal.js("return window.__frames"));
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String block : stream.split("\n\n")) {
      if (!block.contains("event: activeview")) {
        continue;
      }
      for (String line : block.split("\n")) {
        if (line.startsWith("data: ")) {
          out.add(mapper.readTree(line.substring(6)));
        }
      }
    }
    return out;
  }
}
