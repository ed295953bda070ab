package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the 17 write endpoints, and the BRIDGE navigation writes, changes exactly what it should
 * and pushes exactly one event.
 */
class EndpointsTest extends ApiTestBase {

  record Case(String path, String body, Set<String> changedFields, Consumer<EndpointsTest> setup) {
    @Override
    public String toString() {
      return path;
    }
  }

  static Consumer<EndpointsTest> onShip() {
    return t -> t.enterShip();
  }

  static Consumer<EndpointsTest> withToken() {
    return t -> {
      t.enterShip();
      t.tokenId = t.postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Ash\",\"x\":2,\"y\":3}")
          .get("token_id").asText();
    };
  }

  String tokenId = "";

  static Stream<Arguments> endpoints() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"testship\"}",
        Set.of("view_type", "location_slug", "charon_active_channel", "encounter_deck_id",
            "encounter_room_visibility", "location_type", "location_name", "location_path", "encounter_has_map",
            "encounter_total_decks", "encounter_deck_name"), t -> { }));
    cases.add(new Case("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}",
        Set.of("overlay_location_slug", "overlay_terminal_slug"), t -> { }));
    cases.add(new Case("api/terminal/hide/", "", Set.of("overlay_location_slug", "overlay_terminal_slug"),
        t -> t.postOk("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}")));
    cases.add(new Case("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}", Set.of("charon_mode"), t -> { }));
    cases.add(new Case("api/gm/charon/location/", "{\"location_path\":\"sys/testship\"}",
        Set.of("charon_location_path"), t -> { }));
    cases.add(new Case("api/gm/charon/toggle-dialog/", "{}", Set.of("charon_dialog_open"), t -> { }));
    cases.add(new Case("api/gm/encounter/switch-level/", "{\"deck_id\":\"deck_b\"}",
        Set.of("encounter_level", "encounter_deck_id", "encounter_deck_name"), onShip()));
    cases.add(new Case("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\"}",
        Set.of("encounter_room_visibility"), onShip()));
    cases.add(new Case("api/gm/encounter/room-visibility/", "{\"room_visibility\":{\"cargo\":true}}",
        Set.of("encounter_room_visibility"), onShip()));
    cases.add(new Case("api/gm/encounter/set-door-status/",
        "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"OPEN\"}", Set.of("encounter_door_status"), onShip()));
    cases.add(new Case("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Xeno\",\"x\":70,\"y\":5}",
        Set.of("encounter_tokens"), onShip()));
    cases.add(new Case("api/gm/encounter/move-token/", "{\"token_id\":\"%T\",\"x\":61,\"y\":4}",
        Set.of("encounter_tokens"), withToken()));
    cases.add(new Case("api/gm/encounter/remove-token/", "{\"token_id\":\"%T\"}", Set.of("encounter_tokens"),
        withToken()));
    cases.add(new Case("api/gm/encounter/update-token-status/", "{\"token_id\":\"%T\",\"add\":\"wounded\"}",
        Set.of("encounter_tokens"), withToken()));
    cases.add(new Case("api/gm/encounter/clear-tokens/", "{}", Set.of("encounter_tokens"), withToken()));
    cases.add(new Case("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"vance\"}",
        Set.of("encounter_active_portraits"), t -> { }));
    cases.add(new Case("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"status\":\"DAMAGED\"}",
        Set.of("ship_system_overrides"), t -> { }));
    cases.add(new Case("api/gm/bridge/navigate/", "{\"tab\":\"LOGS\"}", Set.of("bridge_tab"), t -> { }));
    cases.add(new Case("api/gm/bridge/explore/", "{\"enabled\":true}", Set.of("bridge_explore"), t -> { }));
    cases.add(new Case("api/gm/table/player-movement/", "{\"enabled\":true}", Set.of("player_movement"), t -> { }));
    cases.add(new Case("api/bridge/navigate/", "{\"tab\":\"PERSONNEL\"}", Set.of("bridge_tab"), t -> {
      t.postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      t.postOk("api/gm/bridge/explore/", "{\"enabled\":true}");
    }));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void writeChangesExactlyItsFieldsAndPushesOneEvent(Case c) throws Exception {
    c.setup().accept(this);
    try (SseClient gm = stream("api/gm/active-view/stream/")) {
      long before = gm.lastVersion();
      JsonNode answer = postOk(c.path(), c.body().replace("%T", tokenId));
      assertEquals(true, answer.get("success").asBoolean());
      assertEquals(before + 1, answer.get("version").asLong(), "the answer carries the new version");
      gm.awaitVersion(before + 1);
      assertEquals(2, gm.activeviewFrames().size(), "snapshot + exactly one event");
      JsonNode patch = JSON.readTree(gm.activeviewFrames().get(1).data()).get("patch");
      Set<String> changed = new TreeSet<>();
      patch.fieldNames().forEachRemaining(changed::add);
      assertEquals(new TreeSet<>(c.changedFields()), changed);
      // Without the trailing slash the same endpoint answers too.
      try (var r = post(c.path().substring(0, c.path().length() - 1), c.body().replace("%T", tokenId))) {
        assertEquals(true, r.getStatus() < 500, "no-slash form answered " + r.getStatus());
      }
    }
  }
}
