package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on the write endpoints: a 4xx JSON error naming the field, state and version
 * unchanged, no event pushed, never a 500.
 */
class BadInputTest extends ApiTestBase {
  private String tokenId;

  record Bad(String path, String body, int status, String field) {
    @Override
    public String toString() {
      return path + " " + (body.length() > 60 ? body.substring(0, 60) + "…" : body);
    }
  }

  @BeforeEach
  void encounterWithOneToken() {
    enterShip();
    tokenId = postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Ash\",\"x\":2,\"y\":3}")
        .get("token_id").asText();
  }

  static Stream<Arguments> cases() {
    String place = "api/gm/encounter/place-token/";
    String move = "api/gm/encounter/move-token/";
    List<Bad> c = new ArrayList<>();
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":1", 400, null)); // malformed JSON
    c.add(new Bad(place, "[1,2,3]", 400, null)); // not an object
    c.add(new Bad(place, "\"text\"", 400, null));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":\"3\",\"y\":1}", 400, "x")); // wrong type
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":true,\"y\":1}", 400, "x"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":1.5,\"y\":1}", 400, "x"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":1}", 400, "y")); // missing field
    c.add(new Bad(place, "{\"type\":\"npc\",\"x\":1,\"y\":1}", 400, "name"));
    c.add(new Bad(place, "{\"type\":\"dragon\",\"name\":\"A\",\"x\":1,\"y\":1}", 400, "type")); // bad enum
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":500,\"y\":1}", 400, "x")); // off grid
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":-1,\"y\":1}", 400, "x"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":119,\"y\":110}", 400, "x")); // outside rooms
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":2,\"y\":3}", 409, "x")); // occupied
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"" + "N".repeat(61) + "\",\"x\":1,\"y\":1}", 400, "name"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":1,\"y\":1,\"image_url\":\"../../etc/passwd\"}", 400,
        "image_url"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":1,\"y\":1,\"image_url\":\"javascript:alert(1)\"}",
        400, "image_url"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"x\":1,\"y\":1,\"deck_id\":\"deck_z\"}", 404, "deck_id"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\\u0000\",\"x\":1,\"y\":1}", 400, "name"));
    c.add(new Bad(place, "{\"type\":\"npc\",\"name\":\"A\",\"name\":\"B\",\"x\":1,\"y\":1}", 400, null)); // dup key
    c.add(new Bad(place, "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}", 413, null)); // over 64 KB
    c.add(new Bad(move, "{\"token_id\":\"nope\",\"x\":1,\"y\":1}", 404, "token_id"));
    c.add(new Bad(move, "{\"token_id\":\"%T\",\"x\":\"1\",\"y\":1}", 400, "x"));
    c.add(new Bad(move, "{\"token_id\":\"%T\",\"x\":119,\"y\":119}", 400, "x"));
    c.add(new Bad("api/gm/encounter/remove-token/", "{}", 400, "token_id"));
    c.add(new Bad("api/gm/encounter/remove-token/", "{\"token_id\":42}", 400, "token_id"));
    c.add(new Bad("api/gm/encounter/update-token-status/", "{\"token_id\":\"%T\",\"add\":\"on_fire\"}", 400, "add"));
    c.add(new Bad("api/gm/encounter/update-token-status/", "{\"token_id\":\"%T\",\"status\":\"wounded\"}", 400,
        "status"));
    c.add(new Bad("api/gm/encounter/update-token-status/", "{\"token_id\":\"%T\"}", 400, "status"));
    c.add(new Bad("api/gm/encounter/toggle-room/", "{\"room_id\":\"vault\"}", 404, "room_id"));
    c.add(new Bad("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":\"yes\"}", 400, "visible"));
    c.add(new Bad("api/gm/encounter/room-visibility/", "{\"room_visibility\":[\"bridge\"]}", 400, "room_visibility"));
    c.add(new Bad("api/gm/encounter/room-visibility/", "{\"room_visibility\":{\"bridge\":1}}", 400,
        "room_visibility"));
    c.add(new Bad("api/gm/encounter/room-visibility/", "{\"room_visibility\":{\"vault\":true}}", 404,
        "room_visibility"));
    c.add(new Bad("api/gm/encounter/set-door-status/", "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"AJAR\"}",
        400, "door_status"));
    c.add(new Bad("api/gm/encounter/set-door-status/", "{\"connection_id\":\"c_nowhere\",\"door_status\":\"OPEN\"}",
        404, "connection_id"));
    c.add(new Bad("api/gm/encounter/switch-level/", "{\"deck_id\":\"deck_z\"}", 404, "deck_id"));
    c.add(new Bad("api/gm/encounter/switch-level/", "{\"level\":\"2\"}", 400, "level"));
    c.add(new Bad("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"nobody\"}", 404, "npc_id"));
    c.add(new Bad("api/gm/encounter/toggle-portrait/", "{\"npc_id\":[\"vance\"]}", 400, "npc_id"));
    c.add(new Bad("api/gm/switch-view/", "{\"view_type\":\"DISCO\"}", 400, "view_type"));
    c.add(new Bad("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"atlantis\"}", 404,
        "location_slug"));
    c.add(new Bad("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"<script>alert(1)</script>\"}",
        404, "location_slug"));
    c.add(new Bad("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"nope\"}", 404,
        "terminal_slug"));
    c.add(new Bad("api/gm/charon/mode/", "{\"mode\":\"SHOUT\"}", 400, "mode"));
    c.add(new Bad("api/gm/charon/location/", "{\"location_path\":\"sys/../etc\"}", 404, "location_path"));
    c.add(new Bad("api/gm/charon/toggle-dialog/", "{\"open\":\"true\"}", 400, "open"));
    c.add(new Bad("api/gm/ship-status/toggle/", "{\"system\":\"warp\",\"status\":\"ONLINE\"}", 400, "system"));
    c.add(new Bad("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"status\":\"MELTING\"}", 400, "status"));
    c.add(new Bad("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"condition\":\"high\"}", 400, "condition"));
    c.add(new Bad("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"condition\":101}", 400, "condition"));
    c.add(new Bad("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"condition\":null}", 400, "condition"));
    return c.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsRefusedWithJsonAndChangesNothing(Bad bad) throws Exception {
    try (SseClient gm = stream("api/gm/active-view/stream/")) {
      JsonNode before = getJson("api/gm/active-view/");
      try (Response r = post(bad.path(), bad.body().replace("%T", tokenId))) {
        String text = r.readEntity(String.class);
        assertEquals(bad.status(), r.getStatus(), text);
        assertTrue(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE), "JSON error, got " + r.getMediaType());
        JsonNode error = JSON.readTree(text);
        assertTrue(error.hasNonNull("error"), text);
        if (bad.field() != null) {
          assertEquals(bad.field(), error.path("field").asText(null), text);
        }
      }
      assertEquals(before, getJson("api/gm/active-view/"), "state and version unchanged");
      // A write that is accepted afterwards is the very next version: nothing was pushed between.
      long next = postOk("api/gm/charon/toggle-dialog/", "{}").get("version").asLong();
      assertEquals(before.get("version").asLong() + 1, next);
      gm.awaitVersion(next);
      assertEquals(List.of(before.get("version").asLong(), next), gm.versions);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongMethods")
  void otherMethodsGet405Json(String path) {
    try (Response r = target(path).request().put(Entity.json("{}"))) {
      assertEquals(405, r.getStatus());
      assertTrue(r.readEntity(String.class).contains("\"error\""));
    }
  }

  static Stream<String> wrongMethods() {
    return Stream.of("api/gm/switch-view/", "api/gm/encounter/place-token/", "api/terminal/hide/");
  }
}
