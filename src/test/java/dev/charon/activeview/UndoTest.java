package dev.charon.activeview;

import static dev.charon.activeview.StagedChangesTest.action;
import static dev.charon.activeview.StagedChangesTest.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.campaign.Campaign;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GM undoes their own last writes, a batch as one step, each undo a new version pushed like
 * any write; an undo that would throw away someone else's later write is refused (409) and
 * changes nothing.
 */
class UndoTest extends ApiTestBase {

  /** The GM's state without its version, to compare states across versions. */
  private ObjectNode gmState() {
    ObjectNode s = (ObjectNode) getJson("api/gm/active-view/");
    s.remove("version");
    return s;
  }

  private long version() {
    return getJson("api/gm/active-view/").get("version").asLong();
  }

  private int steps() {
    return getJson("api/gm/undo/").get("steps").asInt();
  }

  private JsonNode refusedUndo() {
    try (Response r = post("api/gm/undo/", "{}")) {
      JsonNode error = JSON.readTree(r.readEntity(String.class));
      assertEquals(409, r.getStatus(), error.toString());
      return error;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void undoOfABatchRestoresTheStateBeforeItInOneVersion() {
    enterShip();
    ObjectNode before = gmState();
    postOk("api/gm/batch/", batch(StagedChangesTest.twentyChanges()));
    try (SseClient gm = stream("api/gm/active-view/stream/");
        SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      player.awaitOpen();
      long afterBatch = gm.lastVersion();
      assertEquals(2, steps(), "entering the ship, then the batch as ONE step");
      JsonNode undone = postOk("api/gm/undo/", "{}");
      assertEquals(afterBatch + 1, undone.get("version").asLong(), "an undo is a new version");
      assertEquals(before, gmState(), "the state before the batch, all twenty changes at once");
      for (SseClient s : List.of(gm, player)) {
        s.awaitVersion(afterBatch + 1);
        assertEquals(2, s.activeviewFrames().size(), "the snapshot, then the undo as one event");
      }
      assertEquals(0, player.state().get("encounter_tokens").size());
    }
  }

  @Test
  void twentyWritesAreUndoneOneStepEach() {
    enterShip();
    List<ObjectNode> states = new ArrayList<>();
    List<String> rooms = List.of("bridge", "cargo", "engine", "hold");
    for (int i = 0; i < 25; i++) {
      states.add(gmState());
      if (i % 2 == 0) {
        postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + rooms.get(i / 2 % 4) + "\"}");
      } else {
        postOk("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"condition\":" + i + "}");
      }
    }
    assertEquals(26, steps(), "entering the ship and the 25 writes");
    long v = version();
    for (int k = 24; k >= 5; k--) {
      JsonNode answer = postOk("api/gm/undo/", "{}");
      assertEquals(++v, answer.get("version").asLong(), "each undo is one new version");
      assertEquals(states.get(k), gmState(), "undo " + (25 - k) + " restores the state before write " + k);
      assertEquals(k + 1, answer.get("undo_steps").asInt(), "the writes before it and the entering");
    }
    assertEquals(6, steps());
  }

  @Test
  void theGmsFollowMeFramesAreNoStepsAndLeaveTheUndoOpen() {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\"}");
    assertEquals(2, steps());
    // the GM pans in follow-me mode: many frames, none of them a step, none making the undo stale
    for (int i = 0; i < 5; i++) {
      postOk("api/gm/projector/", "{\"enabled\":true,\"x\":" + i + ",\"y\":0,\"width\":20,\"height\":10}");
    }
    assertEquals(2, steps(), "viewport frames are not undo steps");
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"cargo\"}");
    assertEquals(3, steps(), "a frame between two writes does not break their chain");
    postOk("api/gm/projector/", "{\"enabled\":true,\"x\":7,\"y\":1,\"width\":20,\"height\":10}");
    postOk("api/gm/undo/", "{}");
    ObjectNode after = gmState();
    assertEquals(false, after.get("encounter_room_visibility").get("cargo").asBoolean(), "the reveal undone");
    assertEquals(7, after.get("projector").get("x").asInt(), "the terminals keep following the GM's current frame");
    postOk("api/gm/undo/", "{}");
    assertEquals(false, gmState().get("encounter_room_visibility").get("bridge").asBoolean());
  }

  @Test
  void undoWithNothingToUndoIsAConflict() {
    assertEquals(0, steps());
    long before = version();
    assertEquals("undo", refusedUndo().get("field").asText());
    assertEquals(before, version());
    enterShip();
    postOk("api/gm/undo/", "{}");
    assertEquals("undo", refusedUndo().get("field").asText(), "no redo: undo does not undo itself");
  }

  @Test
  void aWriteThatChangesNothingIsNoStep() {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}"); // no-op
    assertEquals(2, steps(), "entering the ship and one reveal");
    postOk("api/gm/undo/", "{}");
    assertEquals(false, gmState().get("encounter_room_visibility").get("bridge").asBoolean());
  }

  @Test
  void undoAfterTheTerminalsOwnWriteIsStaleAndChangesNothing() {
    postOk("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}");
    postOk("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
    Agent screen = agent();
    screen.get("api/auth/me/");
    assertEquals(200, screen.post("api/terminal/hide/", "{}").status(), "the shared terminal closes the overlay");
    ObjectNode before = gmState();
    long version = version();
    assertEquals(0, steps(), "the console's button is off");
    JsonNode error = refusedUndo();
    assertEquals("undo", error.get("field").asText());
    assertEquals(version, version());
    assertEquals(before, gmState(), "undoing would have brought the overlay back over the players' screen");
    // The GM's next write starts a new history.
    postOk("api/gm/charon/mode/", "{\"mode\":\"DISPLAY\"}");
    assertEquals(1, steps());
    postOk("api/gm/undo/", "{}");
    assertEquals("QUERY", gmState().get("charon_mode").asText());
    assertEquals("", gmState().get("overlay_terminal_slug").asText(), "the players' hide stays");
  }

  @Test
  void undoAfterAPlayersBridgeNavigationIsStale() {
    postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
    postOk("api/gm/bridge/explore", "{\"enabled\":true}");
    Agent screen = agent();
    screen.get("api/auth/me/");
    assertEquals(200, screen.post("api/bridge/navigate/", "{\"tab\":\"LOGS\"}").status());
    long version = version();
    refusedUndo();
    assertEquals(version, version());
    assertEquals("LOGS", gmState().get("bridge_tab").asText());
  }

  @Test
  void aPlayersOwnMoveIsNotUndoableAndMakesTheGmsUndoStale() {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    String rook = postOk("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Rook\",\"x\":2,\"y\":3}")
        .get("token_id").asText();
    Agent ripley = player("ripley");
    postOk("api/gm/table/links/", "{\"username\":\"ripley\",\"token_id\":\"" + rook + "\"}");
    postOk("api/gm/table/player-movement/", "{\"enabled\":true}");
    assertEquals(4, steps(), "entering, the reveal, the placement and the movement switch are the GM's");
    assertEquals(200, ripley.post("api/table/move/", "{\"token_id\":\"" + rook + "\",\"x\":4,\"y\":4}").status());
    long version = version();
    assertEquals(0, steps());
    refusedUndo();
    assertEquals(version, version());
    assertEquals(4, gmState().get("encounter_tokens").get(rook).get("x").asInt(), "the player's move stays");
  }

  @Test
  void undoAfterACampaignReloadIsStale() {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    // A reload: the campaign is swapped and the state re-rendered under it (here with nothing pruned).
    Campaign reloaded = TestCampaigns.standard();
    charon.campaign().replace(reloaded);
    charon.activeView().apply((s, c) -> Transition.change(s, Map.of()));
    long version = version();
    assertEquals(0, steps());
    refusedUndo();
    assertEquals(version, version());
    assertTrue(gmState().get("encounter_room_visibility").get("bridge").asBoolean());
  }

  @Test
  void theGmsBridgeAndChannelWritesAreUndoableToo() {
    postOk("api/gm/bridge/explore", "{\"enabled\":true}");
    postOk("api/gm/undo/", "{}");
    assertEquals(false, gmState().get("bridge_explore").asBoolean());
  }

  @Test
  void undoStepsAreCappedAtTheNewest() {
    for (int i = 0; i < GmWrites.MAX_UNDO_STEPS + 5; i++) {
      postOk("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"condition\":" + i + "}");
    }
    assertEquals(GmWrites.MAX_UNDO_STEPS, steps());
    assertTrue(GmWrites.MAX_UNDO_STEPS >= 20, "the issue asks for at least 20");
  }
}
