package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A player drags their own token on a 390×844 phone with one finger (CDP touch events, the way a
 * touch screen delivers them) and the shared terminal and the GM's state follow: the GM linked the
 * player to the token and allowed player movement; the move is the GM's own transition. The phone
 * fits the revealed room rather than the whole deck; two fingers pinch its map out, MY TOKEN brings
 * the player's token to the middle at the closest zoom, the token is dragged there again, and FIT
 * MAP shows the revealed room again.
 */
@ExtendWith(Screenshots.class)
class PlayerTokensIT {
  static final String GM_PASSWORD = "table-gm-password";
  static final String PLAYER = "ripley";
  static final String PLAYER_PASSWORD = "table-player-pw";
  static final int PHONE_WIDTH_PX = 390;
  static final int PHONE_HEIGHT_PX = 844;
  static final int MIN_TARGET_PX = 44;
  static final int DRAG_STEPS = 8;
  static final Path SHOTS = Screenshots.DIR.resolve("player-tokens");

  @Test
  void aPlayerDragsTheirTokenOnAPhoneAndTheTerminalAndTheGmFollow() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "player-tokens");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
        Browser terminal = Screenshots.track(new Browser("player-tokens-terminal"));
        Browser phone = Screenshots.track(new Browser("player-tokens-phone"))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      LinkedToken linked = LinkedToken.place(gm, PLAYER, PLAYER_PASSWORD, "Ripley");
      String token = linked.id();
      int x = linked.x();
      int y = linked.y();
      int unit = linked.unit();

      terminal.driver.get(tomcat.uri("terminal/").toString());
      String onTerminal = "[data-token-id='" + token + "']";
      terminal.await("the token on the terminal", Duration.ofSeconds(15),
          d -> !d.findElements(By.cssSelector(onTerminal + "[data-x='" + x + "']")).isEmpty());

      phone.emulate(PHONE_WIDTH_PX, PHONE_HEIGHT_PX, 2, true);
      // Without a session the page sends the phone to the login, which brings it back.
      phone.driver.get(tomcat.uri("player/").toString());
      phone.await("the login form", Duration.ofSeconds(15), d -> !d.findElements(By.name("username")).isEmpty());
      phone.driver.findElement(By.name("username")).sendKeys(PLAYER);
      phone.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      phone.driver.findElement(By.cssSelector("button[type=submit]")).click();
      String mine = "[data-testid='my-token-" + token + "']";
      phone.await("the player's own token, draggable", Duration.ofSeconds(15),
          d -> !d.findElements(By.cssSelector(mine + "[data-draggable='true']")).isEmpty());
      assertEquals("Drag your token to move it",
          phone.driver.findElement(By.cssSelector("[data-testid='player-status']")).getText());
      phone.screenshot(SHOTS, "before-390x844");

      // Measured in the browser: the page fits the phone, the token's target is 44 px or more.
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) phone.js("""
          const hit = document.querySelector(arguments[0] + ' .player-token-hit').getBoundingClientRect();
          const svg = document.querySelector('.encounter-map-svg');
          const at = (cx, cy) => {
            const p = svg.createSVGPoint(); p.x = cx; p.y = cy;
            const s = p.matrixTransform(svg.getScreenCTM());
            return [s.x, s.y];
          };
          return { hitW: hit.width, hitH: hit.height,
                   overflow: document.documentElement.scrollWidth > window.innerWidth,
                   innerWidth: window.innerWidth,
                   from: at((arguments[1] + 0.5) * arguments[3], (arguments[2] + 0.5) * arguments[3]),
                   to: at((arguments[1] + 2.5) * arguments[3], (arguments[2] + 0.5) * arguments[3]) };
          """, mine, x, y, unit);
      System.out.println("[PlayerTokensIT] phone " + m);
      assertEquals(PHONE_WIDTH_PX, ((Number) m.get("innerWidth")).intValue());
      assertEquals(false, m.get("overflow"), "the page runs past the phone's right edge");
      assertTrue(((Number) m.get("hitW")).doubleValue() >= MIN_TARGET_PX && ((Number) m.get("hitH")).doubleValue()
          >= MIN_TARGET_PX, "the token's target is under 44 px: " + m);

      @SuppressWarnings("unchecked")
      List<Number> from = (List<Number>) m.get("from");
      @SuppressWarnings("unchecked")
      List<Number> to = (List<Number>) m.get("to");
      long started = System.nanoTime();
      LinkedToken.touch(phone, "touchStart", from.get(0).doubleValue(), from.get(1).doubleValue());
      for (int i = 1; i <= DRAG_STEPS; i++) {
        double f = (double) i / DRAG_STEPS;
        LinkedToken.touch(phone, "touchMove", from.get(0).doubleValue() + (to.get(0).doubleValue() - from.get(0).doubleValue()) * f,
            from.get(1).doubleValue() + (to.get(1).doubleValue() - from.get(1).doubleValue()) * f);
      }
      LinkedToken.lift(phone);

      terminal.await("the terminal following the player's drag", Duration.ofSeconds(10),
          d -> !d.findElements(By.cssSelector(onTerminal + "[data-x='" + (x + 2) + "']")).isEmpty());
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.println("[PlayerTokensIT] touch start → token moved on the terminal: " + millis + " ms");
      JsonNode moved = gm.getJson("api/gm/active-view/").get("encounter_tokens").get(token);
      assertEquals(x + 2, moved.get("x").asInt());
      assertEquals(y, moved.get("y").asInt());
      phone.await("the phone showing the move", Duration.ofSeconds(10),
          d -> !d.findElements(By.cssSelector(mine + "[data-x='" + (x + 2) + "']")).isEmpty());
      phone.screenshot(SHOTS, "after-390x844");

      // The phone fits the rooms the players see (here one), not the whole deck: a cell is a
      // finger wide. Two fingers closing on the map, away from the token, zoom it out (pinch).
      Map<String, Object> home = mapView(phone, mine);
      JsonNode grid = gm.getJson("api/gm/encounter-map/" + LinkedToken.LOCATION + "/").get("current_deck").get("grid");
      double wholeDeck = Math.min(num(home, "width") / (grid.get("width").asDouble() * unit),
          num(home, "height") / (grid.get("height").asDouble() * unit));
      System.out.println("[PlayerTokensIT] the phone fits the revealed room: " + num(home, "scale") * unit
          + " px a cell (the whole deck would give " + wholeDeck * unit + ")");
      assertTrue(num(home, "scale") >= 2 * wholeDeck, "the phone shows the whole deck, not the revealed room: " + home);
      double mx = num(home, "left") + num(home, "width") / 2;
      double my = num(home, "tokenY") < num(home, "top") + num(home, "height") / 2
          ? num(home, "top") + num(home, "height") * 0.85 : num(home, "top") + num(home, "height") * 0.15;
      fingers(phone, "touchStart", mx - 150, mx + 150, my);
      for (int i = 1; i <= DRAG_STEPS; i++) {
        double half = 150 - 120.0 * i / DRAG_STEPS;
        fingers(phone, "touchMove", mx - half, mx + half, my);
      }
      LinkedToken.lift(phone);
      Map<String, Object> pinched = phone.await("the phone's map zoomed out by the pinch", Duration.ofSeconds(10), d -> {
        Map<String, Object> v = mapView(phone, mine);
        return num(v, "scale") < num(home, "scale") / 1.5 ? v : null;
      });
      System.out.println("[PlayerTokensIT] pinch on the phone: map scale x" + num(pinched, "scale") / num(home, "scale"));
      phone.screenshot(SHOTS, "pinched-out-390x844");
      // MY TOKEN (a 44 px target, tapped) brings the token to the middle at the closest zoom
      @SuppressWarnings("unchecked")
      Map<String, Object> find = (Map<String, Object>) phone.js("const r = document.querySelector("
          + "\"[data-testid='player-find']\").getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2,"
          + " w: r.width, h: r.height }");
      assertTrue(num(find, "w") >= MIN_TARGET_PX && num(find, "h") >= MIN_TARGET_PX, "MY TOKEN under 44 px: " + find);
      LinkedToken.touch(phone, "touchStart", num(find, "x"), num(find, "y"));
      LinkedToken.lift(phone);
      phone.await("the token in the middle of the zoomed map", Duration.ofSeconds(10), d -> {
        Map<String, Object> v = mapView(phone, mine);
        return Math.abs(num(v, "left") + num(v, "width") / 2 - num(v, "tokenX")) < 2
            && Math.abs(num(v, "top") + num(v, "height") / 2 - num(v, "tokenY")) < 2
            && num(v, "scale") >= num(home, "scale");
      });
      phone.screenshot(SHOTS, "my-token-390x844");
      @SuppressWarnings("unchecked")
      List<List<Number>> back = (List<List<Number>>) phone.js("""
          const svg = document.querySelector('.encounter-map-svg');
          const at = (cx, cy) => {
            const p = svg.createSVGPoint(); p.x = cx; p.y = cy;
            const s = p.matrixTransform(svg.getScreenCTM());
            return [s.x, s.y];
          };
          return [at((arguments[0] + 0.5) * arguments[2], (arguments[1] + 0.5) * arguments[2]),
                  at((arguments[0] - 0.5) * arguments[2], (arguments[1] + 0.5) * arguments[2])];
          """, x + 2, y, unit);
      double bx0 = back.get(0).get(0).doubleValue();
      double bx1 = back.get(1).get(0).doubleValue();
      double by = back.get(0).get(1).doubleValue();
      LinkedToken.touch(phone, "touchStart", bx0, by);
      for (int i = 1; i <= DRAG_STEPS; i++) {
        LinkedToken.touch(phone, "touchMove", bx0 + (bx1 - bx0) * i / DRAG_STEPS, by);
      }
      LinkedToken.lift(phone);
      terminal.await("the terminal following the drag on the zoomed map", Duration.ofSeconds(10),
          d -> !d.findElements(By.cssSelector(onTerminal + "[data-x='" + (x + 1) + "']")).isEmpty());
      // FIT MAP: the revealed room again
      phone.driver.findElement(By.cssSelector("[data-testid='map-fit']")).click();
      phone.await("the revealed room fitted again", Duration.ofSeconds(10), d -> home.get("vb").equals(mapView(phone, mine).get("vb")));

      // The GM takes the tokens back: the phone says so and offers nothing to drag.
      gm.postJson("api/gm/table/player-movement/", "{\"enabled\":false}");
      phone.await("the GM holding the tokens", Duration.ofSeconds(10),
          d -> d.findElement(By.cssSelector("[data-testid='player-status']")).getText().equals("The GM holds the tokens"));
      assertEquals("false", phone.driver.findElement(By.cssSelector(mine)).getAttribute("data-draggable"));
      phone.screenshot(SHOTS, "held-390x844");
      Screenshots.untrack(terminal);
      Screenshots.untrack(phone);
    }
  }

  /** The phone map's box, the rectangle it draws (viewBox), its scale, and where the token is. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapView(Browser phone, String mine) {
    return (Map<String, Object>) phone.js("""
        const svg = document.querySelector('.encounter-map-svg');
        const r = svg.getBoundingClientRect();
        const vb = svg.viewBox.baseVal;
        const hit = document.querySelector(arguments[0] + ' .player-token-hit').getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height,
                 vb: [vb.x, vb.y, vb.width, vb.height].map((n) => n.toFixed(2)).join(' '),
                 scale: Math.min(r.width / vb.width, r.height / vb.height),
                 tokenX: hit.left + hit.width / 2, tokenY: hit.top + hit.height / 2, hitW: hit.width };
        """, mine);
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  /** Two fingers on one horizontal line (CDP touch events). */
  private static void fingers(Browser b, String type, double x0, double x1, double y) {
    b.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", List.of(
        Map.of("x", x0, "y", y, "id", 0, "radiusX", 8, "radiusY", 8, "force", 1),
        Map.of("x", x1, "y", y, "id", 1, "radiusX", 8, "radiusY", 8, "force", 1))));
  }
}
