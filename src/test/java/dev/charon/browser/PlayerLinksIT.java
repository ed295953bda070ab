package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import dev.charon.testing.SseClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The GM sets up "players move their own tokens" in the GM console alone: in PLAYERS they link a
 * player to a crew member of the campaign, in ENCOUNTER they switch player movement on. The server
 * has the link, every screen is pushed the switch, the GM's map names the player under the crew
 * member's token, and the player's phone offers that token to drag.
 */
@ExtendWith(Screenshots.class)
class PlayerLinksIT {
  static final String GM_PASSWORD = "links-gm-password";
  static final String PLAYER = "ripley";
  static final String PLAYER_PASSWORD = "links-player-pw";
  /** A crew member of the demo campaign (campaign/crew.yaml). */
  static final String CREW_ID = "rook_adeyemi";
  static final String CREW_NAME = "Rook Adeyemi";
  static final Duration UI = Duration.ofSeconds(20);
  static final Path SHOTS = Screenshots.DIR.resolve("player-links");
  static final Path AXE = Path.of("webapp-frontend/node_modules/axe-core/axe.min.js");

  @Test
  void theGmLinksAPlayerToACrewMemberAndAllowsMovementThroughTheConsole() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "player-links");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD));
        Browser console = Screenshots.track(new Browser("player-links-gm"));
        Browser phone = Screenshots.track(new Browser("player-links-phone"))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      gm.postJson("api/gm/players/", "{\"username\":\"" + PLAYER + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}");
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
      JsonNode room = gm.getJson("api/gm/encounter-map/msv-cormorant/").get("current_deck").get("rooms").get(0);
      gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + room.get("id").asText() + "\",\"visible\":true}");
      // placed by hand with the crew member's name: the crew link covers it (the palette would add the portrait)
      String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"" + CREW_NAME
          + "\",\"x\":" + room.get("x").asInt() + ",\"y\":" + room.get("y").asInt() + "}").get("token_id").asText();

      console.emulate(1366, 768, 1, false);
      // ?perf=1: no scanline layer, so axe sees the real contrast (as in AccessibilityIT)
      console.driver.get(tomcat.uri("login/?perf=1&next=gmconsole/").toString());
      console.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
      console.driver.findElement(By.name("username")).sendKeys("gm");
      console.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
      console.driver.findElement(By.cssSelector("button[type=submit]")).click();
      console.await("the GM console", UI, d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());

      // PLAYERS: link ripley to the crew member
      console.driver.findElement(By.cssSelector("[data-testid=tab-players]")).click();
      String select = "[data-testid=player-link-select-" + PLAYER + "]";
      String crewOption = select + " option[value='crew:" + CREW_ID + "']";
      console.await("the crew in the link select", UI, d -> !d.findElements(By.cssSelector(crewOption)).isEmpty());
      new Select(console.driver.findElement(By.cssSelector(select))).selectByValue("crew:" + CREW_ID);
      console.driver.findElement(By.cssSelector("[data-testid=player-link-" + PLAYER + "]")).click();
      String shown = "[data-testid=player-link-" + PLAYER + "-crew-" + CREW_ID + "]";
      console.await("the link in the Players panel", UI, d -> !d.findElements(By.cssSelector(shown)).isEmpty());
      assertTrue(console.driver.findElement(By.cssSelector(shown)).getText().contains(CREW_NAME + " (crew)"));
      console.screenshot(SHOTS, "players-linked-1366x768");
      assertEquals(List.of(), axe(console), "serious or critical axe violations in the Players panel");

      JsonNode links = gm.getJson("api/gm/table/links/");
      System.out.println("[PlayerLinksIT] links " + links);
      assertEquals(1, links.get("count").asInt());
      assertEquals(PLAYER, links.get("links").get(0).get("username").asText());
      assertEquals(CREW_ID, links.get("links").get(0).get("crew_id").asText());

      // ENCOUNTER: the switch; the players' stream carries it
      try (SseClient players = new SseClient(tomcat.uri("api/active-view/stream/"))) {
        players.awaitOpen();
        assertTrue(!players.state().path("player_movement").asBoolean(), "movement is off at every start");
        console.driver.findElement(By.cssSelector("[data-testid=tab-encounter]")).click();
        String movement = "[data-testid=player-movement]";
        console.await("the movement switch", UI, d -> !d.findElements(By.cssSelector(movement)).isEmpty());
        WebElement button = console.driver.findElement(By.cssSelector(movement));
        assertEquals("false", button.getAttribute("aria-pressed"));
        button.click();
        players.await("player_movement pushed", s -> s.state().path("player_movement").asBoolean(), UI);
        console.await("the switch pressed", UI,
            d -> "true".equals(d.findElement(By.cssSelector(movement)).getAttribute("aria-pressed")));
      }
      assertTrue(gm.getJson("api/gm/active-view/").get("player_movement").asBoolean());
      assertTrue(gm.getJson("api/active-view/").get("player_movement").asBoolean());

      // the GM's map names the player under the crew member's token
      String onGmMap = "[data-testid=token-" + token + "]";
      console.await("the owner under the token", UI, d -> !d.findElements(By.cssSelector(onGmMap + "[data-owner="
          + PLAYER + "]")).isEmpty());
      assertEquals(PLAYER, console.driver.findElement(By.cssSelector("[data-testid=token-owner-" + token + "]")).getText());
      console.screenshot(SHOTS, "encounter-movement-on-1366x768");
      assertEquals(List.of(), axe(console), "serious or critical axe violations with the switch on");

      // the phone offers the token to drag
      phone.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
          "deviceScaleFactor", 2, "mobile", true));
      phone.driver.get(tomcat.uri("login/?next=player/").toString());
      phone.await("the login form", UI, d -> !d.findElements(By.name("username")).isEmpty());
      phone.driver.findElement(By.name("username")).sendKeys(PLAYER);
      phone.driver.findElement(By.name("password")).sendKeys(PLAYER_PASSWORD);
      phone.driver.findElement(By.cssSelector("button[type=submit]")).click();
      String mine = "[data-testid='my-token-" + token + "'][data-draggable='true']";
      phone.await("the crew member's token, draggable", UI, d -> !d.findElements(By.cssSelector(mine)).isEmpty());
      assertEquals("Drag your token to move it", phone.driver.findElement(By.cssSelector("[data-testid='player-status']"))
          .getText());
      phone.screenshot(SHOTS, "phone-390x844");

      // the GM takes control back with the same switch
      console.driver.findElement(By.cssSelector("[data-testid=player-movement]")).click();
      phone.await("the GM holding the tokens", UI, d -> d.findElement(By.cssSelector("[data-testid='player-status']"))
          .getText().equals("The GM holds the tokens"));
      assertTrue(!gm.getJson("api/gm/active-view/").get("player_movement").asBoolean());
      Screenshots.untrack(console);
      Screenshots.untrack(phone);
    }
  }

  /** Serious and critical WCAG 2.2 AA violations axe-core finds on the page as it is now. */
  private static List<String> axe(Browser b) throws Exception {
    if (!(Boolean) b.js("return typeof window.axe !== 'undefined'")) {
      b.js(Files.readString(AXE));
    }
    String json = (String) b.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'] })
          .then((r) => done(JSON.stringify(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .flatMap((v) => v.nodes.map((n) => v.impact + ' ' + v.id + ' ' + n.target.join(' '))))))
          .catch((e) => done(JSON.stringify(['axe failed: ' + e])));
        """);
    List<String> out = new ArrayList<>();
    new ObjectMapper().readTree(json).forEach(n -> out.add(n.asText()));
    return out;
  }
}
