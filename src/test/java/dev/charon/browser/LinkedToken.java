package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import java.util.List;
import java.util.Map;

/**
 * The set-up of the phone-page tests: a new player linked to a player token on the first cell of
 * a revealed room at least three cells wide on the demo ship, the ENCOUNTER on screen and player
 * movement on; and one finger on a touch screen (CDP touch events, as a phone delivers them).
 */
record LinkedToken(String id, int x, int y, int unit) {
  static final String LOCATION = "msv-cormorant";

  static LinkedToken place(Agent gm, String player, String password, String name) throws Exception {
    gm.postJson("api/gm/players/", "{\"username\":\"" + player + "\",\"password\":\"" + password + "\"}");
    gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");
    JsonNode deck = gm.getJson("api/gm/encounter-map/" + LOCATION + "/").get("current_deck");
    JsonNode room = null;
    for (JsonNode r : deck.get("rooms")) {
      if (r.get("width").asInt() >= 3) {
        room = r;
        break;
      }
    }
    assertTrue(room != null, "a room three cells wide");
    int x = room.get("x").asInt();
    int y = room.get("y").asInt();
    gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + room.get("id").asText() + "\",\"visible\":true}");
    String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"" + name + "\",\"x\":" + x
        + ",\"y\":" + y + "}").get("token_id").asText();
    gm.postJson("api/gm/table/links/", "{\"username\":\"" + player + "\",\"token_id\":\"" + token + "\"}");
    gm.postJson("api/gm/table/player-movement/", "{\"enabled\":true}");
    return new LinkedToken(token, x, y, deck.get("grid").path("unit_size").asInt(40));
  }

  static void touch(Browser b, String type, double x, double y) {
    b.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type,
        "touchPoints", List.of(Map.of("x", x, "y", y, "id", 0, "radiusX", 8, "radiusY", 8, "force", 1))));
  }

  static void lift(Browser b) {
    b.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
  }
}
