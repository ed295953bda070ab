package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stream's first frame, headers and reconnect behaviour, over a real socket. */
class StreamTest extends ApiTestBase {

  @Test
  void firstFrameIsNamedActiveviewEventWithTheFullStandbyState() throws Exception {
    try (SseClient c = stream("api/active-view/stream/")) {
      assertEquals(200, c.response.statusCode());
      assertEquals("text/event-stream", c.response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
      assertEquals("no-cache", c.response.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("no", c.response.headers().firstValue("X-Accel-Buffering").orElse(""));
      SseClient.Frame first = c.frames.get(0);
      assertEquals("activeview", first.event());
      assertEquals("1", first.id());
      assertEquals(3000L, first.retry());
      JsonNode state = JSON.readTree(first.data());
      assertEquals("STANDBY", state.get("view_type").asText());
      assertEquals(1, state.get("version").asLong());
      for (String field : new String[] {"location_slug", "view_slug", "overlay_location_slug", "overlay_terminal_slug",
          "charon_mode", "charon_location_path", "charon_dialog_open", "charon_active_channel", "encounter_level",
          "encounter_deck_id", "encounter_room_visibility", "encounter_door_status", "encounter_tokens",
          "encounter_active_portraits", "encounter_npc_data", "ship_system_overrides", "bridge_tab", "bridge_map",
          "bridge_explore", "player_movement", "epoch"}) {
        assertTrue(state.has(field), "missing " + field);
      }
      assertFalse(c.ended(), "the stream stays open");
    }
  }

  @Test
  void restSnapshotMatchesTheStreamAndCarriesTheVersion() throws Exception {
    enterShip();
    JsonNode rest = getJson("api/active-view/");
    try (SseClient c = stream("api/active-view/stream")) {
      assertEquals(rest, c.state());
      assertEquals(2, rest.get("version").asLong());
    }
  }

  @Test
  void reconnectingClientWithLastEventIdGetsCurrentStateAtOnce() {
    try (SseClient first = stream("api/active-view/stream/")) {
      enterShip();
      first.awaitVersion(2);
    }
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    try (SseClient again = new SseClient(uri("api/active-view/stream/"), Map.of("Last-Event-ID", "2"))) {
      again.awaitVersion(3);
      assertTrue(again.state().get("encounter_room_visibility").get("bridge").asBoolean());
      assertEquals(3, again.versions.get(0));
    }
  }

  @Test
  void everyChangeFollowsAsAnEventWhoseIdIsTheVersion() throws Exception {
    try (SseClient c = stream("api/active-view/stream/")) {
      JsonNode answer = postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      assertEquals(2, answer.get("version").asLong());
      c.awaitVersion(2);
      SseClient.Frame frame = c.activeviewFrames().get(1);
      assertEquals("2", frame.id());
      JsonNode data = JSON.readTree(frame.data());
      assertEquals(1, data.get("base").asLong());
      assertEquals("BRIDGE", data.get("patch").get("view_type").asText());
      assertEquals("BRIDGE", c.state().get("view_type").asText());
    }
  }
}
