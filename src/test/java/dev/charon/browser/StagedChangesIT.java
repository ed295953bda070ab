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
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

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
  private static final String PLAYER = "lambert";
  private static final String PLAYER_PASSWORD = "staged-player-pw";

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

      gm.logIn(tomcat.uri("login/?next=gmconsole/"), "gm", GM_PASSWORD);
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

  /**
   * The Send benchmark, staged with the console's hotkeys only: every room of deck A
   * revealed (R), every door of it set to its next state (D) and two tokens removed (Delete): 20
   * changes. The terminal (1920×1080) and a player's phone (390×844) record every distinct picture
   * their map shows (revealed rooms, door states, tokens) and the animation frame it appeared in:
   * each must go from "nothing" to "all 20" with no picture between, and the GM's own map must not
   * flicker back while SEND replaces the preview with the server's state.
   */
  @Test
  void twentyStagedChangesReachTheTerminalAndAPhoneInOneFrameAndTheGmMapNeverFlickers() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "staged-twenty");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
        Browser gm = Screenshots.track(new Browser("staged20-gm"));
        Browser terminal = Screenshots.track(new Browser("staged20-terminal"));
        Browser phone = Screenshots.track(new Browser("staged20-phone"))) {
      tomcat.start();
      Agent api = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      api.postJson("api/gm/players/", "{\"username\":\"" + PLAYER + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}");
      api.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + SHIP + "\"}");
      JsonNode deck = api.getJson("api/gm/encounter-map/" + SHIP + "/").get("current_deck");
      List<String> rooms = new ArrayList<>();
      deck.get("rooms").forEach(r -> rooms.add(r.get("id").asText()));
      List<String> doors = new ArrayList<>();
      deck.get("connections").forEach(c -> doors.add(c.get("id").asText()));
      JsonNode first = deck.get("rooms").get(0);
      // two tokens in a room the players have not seen yet: their removal is a change too
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        tokens.add(api.postJson("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Thing " + i
            + "\",\"x\":" + (first.get("x").asInt() + i) + ",\"y\":" + first.get("y").asInt() + "}").get("token_id").asText());
      }
      int changes = rooms.size() + doors.size() + tokens.size();
      assertEquals(20, changes, "the demo's deck A: 9 rooms, 9 doors, and the 2 tokens");

      terminal.emulate(1920, 1080, 1, false);
      terminal.driver.get(tomcat.uri("terminal/").toString());
      terminal.await("the map on the terminal", UI, d -> !d.findElements(By.cssSelector("svg.encounter-map-svg")).isEmpty());
      phone.emulate(390, 844, 2, true);
      phone.logIn(tomcat.uri("login/?next=player/"), PLAYER, PLAYER_PASSWORD);
      phone.await("the map on the phone", UI, d -> !d.findElements(By.cssSelector("svg.encounter-map-svg")).isEmpty());
      for (Browser b : List.of(terminal, phone)) {
        b.js(PICTURES, false);
      }

      gm.logIn(tomcat.uri("login/?next=gmconsole/"), "gm", GM_PASSWORD);
      gm.await("the GM map", UI, d -> !d.findElements(By.cssSelector("[data-testid=room-" + rooms.get(0) + "]")).isEmpty());
      long before = api.getJson("api/gm/active-view/").get("version").asLong();

      // ? lists the keys; Esc closes the list
      new Actions(gm.driver).sendKeys("?").perform();
      String help = gm.await("the shortcut list", UI, d -> d.findElements(By.cssSelector("[data-testid=hotkeys-overlay]"))
          .stream().findFirst().map(e -> e.getText()).orElse(null));
      assertTrue(help.contains("Reveal or hide the selected room") && help.contains("Next state of the selected door"), help);
      gm.screenshot(Screenshots.DIR, "staged-twenty-gm-hotkeys");
      new Actions(gm.driver).sendKeys(Keys.ESCAPE).perform();
      gm.await("the list closed", UI, d -> d.findElements(By.cssSelector("[data-testid=hotkeys-overlay]")).isEmpty());

      gm.driver.findElement(By.cssSelector("[data-testid=stage-toggle]")).click();
      for (String id : tokens) {
        press(gm, "[data-testid=token-" + id + "]", Keys.DELETE);
      }
      for (String id : rooms) {
        press(gm, "[data-testid=room-" + id + "]", "r");
      }
      for (String id : doors) {
        press(gm, "[data-testid=door-" + id + "]", "d");
      }
      gm.await("twenty staged", UI, d -> d.findElement(By.cssSelector("[data-testid=staged-count]")).getText()
          .equals(changes + " STAGED"));
      assertEquals(before, api.getJson("api/gm/active-view/").get("version").asLong(), "staging made no version");
      gm.js(PICTURES, true);
      gm.screenshot(Screenshots.DIR, "staged-twenty-gm-staged");
      for (Browser b : List.of(terminal, phone)) {
        assertEquals(1L, ((Number) b.js("return window.__pictures.length")).longValue(), b.name + " saw a staged change");
      }

      // the pages share the machine's wall clock: SEND's click and each picture are stamped with it
      long sentAt = ((Number) gm.js("const t = Date.now(); arguments[0].click(); return t;",
          gm.driver.findElement(By.cssSelector("[data-testid=stage-send]")))).longValue();
      for (Browser b : List.of(terminal, phone)) {
        b.await("all " + changes + " changes on " + b.name, UI, d -> ((Number) b.js("return window.__pictures.length")).intValue() >= 2
            && ((String) b.js("return window.__pictures.at(-1).picture")).startsWith(rooms.size() + " rooms"));
        long shownAt = ((Number) b.js("return window.__pictures.at(-1).wall")).longValue();
        System.out.printf("StagedChangesIT: SEND clicked -> all %d changes drawn on the %s in %d ms (one DOM update)%n",
            changes, b.name, shownAt - sentAt);
      }
      gm.await("nothing staged", UI, d -> d.findElements(By.cssSelector("[data-testid=staged-count]")).isEmpty()
          || d.findElement(By.cssSelector("[data-testid=staged-count]")).getText().startsWith("0"));
      JsonNode gmState = api.getJson("api/gm/active-view/");
      assertEquals(before + 1, gmState.get("version").asLong(), "SEND is one version");
      assertEquals(0, gmState.get("encounter_tokens").size(), "both tokens removed");
      List<String> doorStates = new ArrayList<>();
      for (String id : doors) {
        doorStates.add(gmState.get("encounter_door_status").get(id).asText());
      }
      doorStates.sort(null);
      String expected = rooms.size() + " rooms " + String.join(",", rooms.stream().sorted().toList()) + " | doors "
          + String.join(",", doorStates) + " | 0 tokens";
      for (Browser b : List.of(terminal, phone)) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seen = (List<Map<String, Object>>) b.js("return window.__pictures");
        System.out.println("StagedChangesIT: " + b.name + " pictures " + seen);
        assertEquals(2, seen.size(), b.name + " showed a picture between none and all of them: " + seen);
        assertTrue(((String) seen.get(0).get("picture")).startsWith("0 rooms"), seen.toString());
        assertEquals(expected, seen.get(1).get("picture"), b.name + " shows all 20 changes");
      }
      // The GM's map showed the staged picture before SEND; it must not fall back to the old state
      // between the preview's end and the server's version.
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> gmSeen = (List<Map<String, Object>>) gm.js("return window.__pictures");
      System.out.println("StagedChangesIT: GM pictures " + gmSeen);
      assertEquals(1, gmSeen.size(), "the GM's map changed while SEND went out: " + gmSeen);
      assertEquals(expected, gmSeen.get(0).get("picture"));
      terminal.screenshot(Screenshots.DIR, "staged-twenty-terminal-after-send-1920x1080");
      phone.screenshot(Screenshots.DIR, "staged-twenty-phone-after-send-390x844");
      gm.screenshot(Screenshots.DIR, "staged-twenty-gm-after-send");
      Screenshots.untrack(gm);
      Screenshots.untrack(terminal);
      Screenshots.untrack(phone);
    }
  }

  /**
   * Records every distinct picture of the deck map: revealed rooms, door states and tokens, with
   * the animation frame it appeared in. Players' maps draw only revealed rooms (and their doors);
   * the GM's draws every room and marks the revealed ones, staged or not.
   */
  private static final String PICTURES = """
      const gmMap = arguments[0];
      window.__frame = 0;
      const tick = () => { window.__frame++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const picture = () => {
        const svg = document.querySelector('svg.encounter-map-svg');
        if (!svg) return 'no map';
        const rooms = new Set();
        for (const r of svg.querySelectorAll('[data-room-id]')) {
          if (!gmMap || r.getAttribute('data-revealed') === 'true') rooms.add(r.getAttribute('data-room-id'));
        }
        const doors = [...svg.querySelectorAll('[data-door-id]')].map((d) => d.getAttribute('data-door-status')).sort();
        const tokens = new Set([...svg.querySelectorAll('[data-token-id]')].map((t) => t.getAttribute('data-token-id')));
        return `${rooms.size} rooms ${[...rooms].sort().join(',')} | doors ${doors.join(',')} | ${tokens.size} tokens`;
      };
      window.__pictures = [{ picture: picture(), frame: window.__frame, wall: Date.now() }];
      new MutationObserver(() => {
        const p = picture();
        if (p !== window.__pictures.at(-1).picture) window.__pictures.push({ picture: p, frame: window.__frame, wall: Date.now() });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
      """;

  /** Focuses a piece of the GM's map (selecting it, as Tab would) and presses a hotkey. */
  private static void press(Browser gm, String css, CharSequence key) {
    gm.js("arguments[0].focus()", gm.driver.findElement(By.cssSelector(css)));
    new Actions(gm.driver).sendKeys(key).perform();
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
