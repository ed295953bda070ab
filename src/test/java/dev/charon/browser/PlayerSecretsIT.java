package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * What a player's browser receives never holds a GM secret: the page reads the player stream
 * (as any curious player with developer tools could) while the GM hides rooms and tokens, and
 * neither the stream nor the terminal's DOM ever names a hidden room or a hidden token.
 */
@ExtendWith(Screenshots.class)
class PlayerSecretsIT {

  @Test
  void playerStreamAndTerminalNeverShowHiddenRoomsOrTokens() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "player-secrets");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", "secrets-gm-password"));
        Browser player = Screenshots.track(new Browser("player-secrets"))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", "secrets-gm-password");
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
      JsonNode deck = gm.getJson("api/gm/encounter-map/msv-cormorant/").get("current_deck");
      List<JsonNode> rooms = new ArrayList<>();
      deck.get("rooms").forEach(rooms::add);
      JsonNode shown = rooms.get(0);
      JsonNode hidden = rooms.get(1);

      player.driver.get(tomcat.uri("terminal/").toString());
      player.js("""
          window.__frames = [];
          fetch('../api/active-view/stream/').then(async (r) => {
            const reader = r.body.getReader();
            const dec = new TextDecoder();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              window.__frames.push(dec.decode(value));
            }
          });
          """);
      player.await("the stream", Duration.ofSeconds(10), d -> ((Number) player.js("return window.__frames.length")).intValue() > 0);

      JsonNode never = rooms.get(2);
      gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + shown.get("id").asText() + "\",\"visible\":true}");
      String visibleToken = place(gm, "Visible Vasquez", shown);
      // Marked hidden before its room is revealed: players must never learn of it.
      String hiddenToken = place(gm, "Cloaked Watcher", hidden);
      gm.postJson("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + hiddenToken + "\",\"add\":\"hidden\"}");
      gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + hidden.get("id").asText() + "\",\"visible\":true}");
      // In a room that is never revealed.
      String tokenInHiddenRoom = place(gm, "Lurking Thing", never);
      String secretDoor = doorBetweenHiddenRooms(gm, List.of(shown.get("id").asText(), hidden.get("id").asText()));
      gm.postJson("api/gm/encounter/set-door-status/", "{\"connection_id\":\"" + secretDoor + "\",\"door_status\":\"LOCKED\"}");
      long last = gm.postJson("api/gm/charon/toggle-dialog/", "{\"open\":false}").get("version").asLong();

      player.await("every event", Duration.ofSeconds(10),
          d -> String.join("", (List<String>) player.js("return window.__frames")).contains("id: " + last + "\n"));
      player.await("the visible token on the terminal", Duration.ofSeconds(10),
          d -> !d.findElements(By.cssSelector("[data-token-id='" + visibleToken + "']")).isEmpty());
      @SuppressWarnings("unchecked")
      String stream = String.join("", (List<String>) player.js("return window.__frames"));
      assertTrue(stream.contains(visibleToken), "the visible token was pushed");
      for (String secret : List.of(hiddenToken, "Cloaked Watcher", tokenInHiddenRoom, "Lurking Thing",
          "\"" + never.get("id").asText() + "\"", "\"" + secretDoor + "\"")) {
        assertFalse(stream.contains(secret), secret + " reached the player stream");
      }
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      for (String line : stream.split("\n")) {
        if (line.startsWith("data: ")) {
          JsonNode data = mapper.readTree(line.substring(6));
          JsonNode state = data.has("patch") ? data.get("patch") : data;
          state.path("encounter_room_visibility").forEach(v ->
              assertFalse(v.isBoolean() && !v.asBoolean(), "a hidden room reached the player stream: " + line));
        }
      }
      JsonNode playerState = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          (String) player.js("return fetch('../api/active-view/').then(r => r.text())"));
      assertEquals(1, playerState.get("encounter_tokens").size());
      assertEquals(2, playerState.get("encounter_room_visibility").size());
      String dom = player.driver.getPageSource();
      assertTrue(dom.contains(visibleToken));
      assertFalse(dom.contains(hiddenToken) || dom.contains(tokenInHiddenRoom), "hidden tokens in the DOM");
      assertFalse(dom.contains("data-room-id=\"" + never.get("id").asText() + "\""), "a hidden room in the DOM");
      Screenshots.untrack(player);
    }
  }

  /** A door whose both rooms stay hidden, so its status must not reach players. */
  private static String doorBetweenHiddenRooms(Agent gm, List<String> revealed) throws Exception {
    for (JsonNode c : gm.getJson("api/gm/encounter-map/msv-cormorant/").get("current_deck").get("connections")) {
      if (!revealed.contains(c.get("from").asText()) && !revealed.contains(c.get("to").asText())) {
        return c.get("id").asText();
      }
    }
    throw new IllegalStateException("no door between two hidden rooms");
  }

  private static String place(Agent gm, String name, JsonNode room) throws Exception {
    return place(gm, name, room, 0);
  }

  private static String place(Agent gm, String name, JsonNode room, int dx) throws Exception {
    return gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"" + name + "\",\"x\":"
        + (room.get("x").asInt() + dx) + ",\"y\":" + room.get("y").asInt() + "}").get("token_id").asText();
  }
}
