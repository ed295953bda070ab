package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GM's staged changes go out as ONE write ({@code POST gm/batch/}): one version, one event per
 * stream, atomic. A refused action refuses the batch, names its index, and changes nothing.
 */
class StagedChangesTest extends ApiTestBase {
  private static final String FENCE_PATH = "api/gm/charon/toggle-dialog/";

  static ObjectNode action(String name, String body) {
    try {
      ObjectNode a = JSON.createObjectNode().put("action", name);
      a.set("body", JSON.readTree(body));
      return a;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static String batch(List<ObjectNode> actions) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("actions");
    actions.forEach(list::add);
    return body.toString();
  }

  /** Twenty staged changes: reveals, doors, tokens (one in a room that stays hidden), portraits, a ship system. */
  static List<ObjectNode> twentyChanges() {
    List<ObjectNode> a = new ArrayList<>();
    a.add(action("toggle-room", "{\"room_id\":\"bridge\",\"visible\":true}"));
    a.add(action("toggle-room", "{\"room_id\":\"engine\",\"visible\":true}"));
    a.add(action("set-door-status", "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"OPEN\"}"));
    a.add(action("set-door-status", "{\"connection_id\":\"c_engine_hold\",\"door_status\":\"LOCKED\"}"));
    for (int i = 0; i < 10; i++) {
      a.add(action("place-token", "{\"type\":\"player\",\"name\":\"Crew " + i + "\",\"x\":" + i + ",\"y\":1}"));
    }
    a.add(action("place-token", "{\"type\":\"creature\",\"name\":\"Lurker\",\"x\":70,\"y\":5}")); // cargo: hidden
    a.add(action("toggle-portrait", "{\"npc_id\":\"vance\",\"visible\":true}"));
    a.add(action("toggle-portrait", "{\"npc_id\":\"harrow\",\"visible\":true}"));
    a.add(action("toggle-portrait", "{\"npc_id\":\"harrow\",\"visible\":false}"));
    // Revealed and hidden again inside the batch: no screen may ever see the hold.
    a.add(action("toggle-room", "{\"room_id\":\"hold\",\"visible\":true}"));
    a.add(action("toggle-room", "{\"room_id\":\"hold\",\"visible\":false}"));
    return a;
  }

  @Test
  void twentyStagedChangesAreOneVersionAndOneEventPerStream() throws Exception {
    enterShip();
    try (SseClient gm = stream("api/gm/active-view/stream/");
        SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      player.awaitOpen();
      long before = gm.lastVersion();
      List<ObjectNode> changes = twentyChanges();
      assertEquals(20, changes.size());
      JsonNode answer = postOk("api/gm/batch/", batch(changes));
      assertEquals(before + 1, answer.get("version").asLong(), answer.toString());
      assertEquals(20, answer.get("results").size(), "one result per action");
      assertTrue(answer.get("results").get(4).has("token_id"), "a placement answers its token's id");
      assertEquals(before + 1, getJson("api/gm/active-view/").get("version").asLong());
      assertOneFrameThenTheFence(before, gm, player);

      JsonNode gmState = gm.state();
      assertEquals(11, gmState.get("encounter_tokens").size(), gmState.toString());
      assertEquals(List.of("vance"), strings(gmState.get("encounter_active_portraits")));
      assertEquals(false, gmState.get("encounter_room_visibility").get("hold").asBoolean());

      JsonNode playerState = player.state();
      assertEquals(10, playerState.get("encounter_tokens").size(), "not the token in the hidden cargo hold");
      String playerFrames = player.frames.toString();
      for (String secret : List.of("Lurker", "\"cargo\"", "\"hold\"", "Cargo", "Hold", "harrow")) {
        assertFalse(playerFrames.contains(secret), "the player stream never carried " + secret + ": " + playerFrames);
      }
      assertTrue(gm.frames.toString().contains("Lurker"));
    }
  }

  @Test
  void anInvalidActionRefusesTheWholeBatchNamingItsIndex() {
    enterShip();
    String tokenId = postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Ash\",\"x\":2,\"y\":3}")
        .get("token_id").asText();
    List<ObjectNode> valid = List.of(
        action("toggle-room", "{\"room_id\":\"bridge\",\"visible\":true}"),
        action("set-door-status", "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"OPEN\"}"),
        action("move-token", "{\"token_id\":\"" + tokenId + "\",\"x\":4,\"y\":4}"));
    record Bad(ObjectNode action, int status, String field) {}
    List<Bad> bads = List.of(
        new Bad(action("move-token", "{\"token_id\":\"nope\",\"x\":4,\"y\":5}"), 404, "actions[3].token_id"),
        new Bad(action("toggle-room", "{\"room_id\":\"nowhere\"}"), 404, "actions[3].room_id"),
        new Bad(action("set-door-status", "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"open\"}"), 400,
            "actions[3].door_status"),
        new Bad(action("move-token", "{\"token_id\":\"" + tokenId + "\",\"x\":\"5\",\"y\":5}"), 400, "actions[3].x"),
        new Bad(action("move-token", "{\"token_id\":\"" + tokenId + "\",\"x\":-1,\"y\":5}"), 400, "actions[3].x"),
        new Bad(action("toggle-portrait", "{\"npc_id\":null}"), 400, "actions[3].npc_id"),
        new Bad(action("explode", "{}"), 400, "actions[3].action"),
        new Bad(action("encounter/toggle-room", "{\"room_id\":\"bridge\"}"), 400, "actions[3].action"),
        new Bad((ObjectNode) JSON.createObjectNode().put("action", "toggle-room").put("body", "x"), 400,
            "actions[3].body"),
        new Bad(JSON.createObjectNode().put("body", 1), 400, "actions[3].action"));
    try (SseClient gm = stream("api/gm/active-view/stream/");
        SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      player.awaitOpen();
      long before = gm.lastVersion();
      JsonNode stateBefore = getJson("api/gm/active-view/");
      for (Bad bad : bads) {
        List<ObjectNode> actions = new ArrayList<>(valid);
        actions.add(bad.action());
        actions.add(action("toggle-room", "{\"room_id\":\"cargo\",\"visible\":true}"));
        try (var r = post("api/gm/batch/", batch(actions))) {
          JsonNode error = JSON.readTree(r.readEntity(String.class));
          assertEquals(bad.status(), r.getStatus(), bad + " -> " + error);
          assertEquals(bad.field(), error.path("field").asText(), error.toString());
          assertTrue(error.get("error").asText().startsWith("actions[3]"), error.toString());
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
      assertEquals(stateBefore, getJson("api/gm/active-view/"), "nothing changed");
      assertOnlyTheFence(before, gm, player);
    }
  }

  @Test
  void aStagedChangeToATokenRemovedMeanwhileRefusesTheBatch() {
    enterShip();
    String tokenId = postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Ash\",\"x\":2,\"y\":3}")
        .get("token_id").asText();
    // Staged in the console: reveal the bridge, move Ash. Meanwhile another tab removes Ash.
    postOk("api/gm/encounter/remove-token/", "{\"token_id\":\"" + tokenId + "\"}");
    long before = getJson("api/gm/active-view/").get("version").asLong();
    try (var r = post("api/gm/batch/", batch(List.of(
        action("toggle-room", "{\"room_id\":\"bridge\",\"visible\":true}"),
        action("move-token", "{\"token_id\":\"" + tokenId + "\",\"x\":4,\"y\":4}"))))) {
      JsonNode error = JSON.readTree(r.readEntity(String.class));
      assertEquals(404, r.getStatus(), error.toString());
      assertEquals("actions[1].token_id", error.get("field").asText());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    JsonNode after = getJson("api/gm/active-view/");
    assertEquals(before, after.get("version").asLong());
    assertFalse(after.get("encounter_room_visibility").get("bridge").asBoolean(), "the reveal before it was not applied");
  }

  @Test
  void aBatchMustBeANonEmptyListOfAtMostTwoHundredActions() {
    enterShip();
    long before = getJson("api/gm/active-view/").get("version").asLong();
    List<ObjectNode> tooMany = new ArrayList<>();
    for (int i = 0; i <= Batch.MAX_ACTIONS; i++) {
      tooMany.add(action("toggle-room", "{\"room_id\":\"bridge\",\"visible\":true}"));
    }
    for (String body : List.of(batch(tooMany), batch(List.of()), "{}", "{\"actions\":{}}", "{\"actions\":null}",
        "{\"actions\":[1]}")) {
      try (var r = post("api/gm/batch/", body)) {
        JsonNode error = JSON.readTree(r.readEntity(String.class));
        assertEquals(400, r.getStatus(), error.toString());
        assertTrue(error.get("field").asText().startsWith("actions"), error.toString());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    List<ObjectNode> most = new ArrayList<>(tooMany.subList(0, Batch.MAX_ACTIONS));
    assertEquals(before + 1, postOk("api/gm/batch/", batch(most)).get("version").asLong(),
        "200 reveals are accepted, as one version");
  }

  @Test
  void aPlayerCannotSendABatchOrUndo() {
    enterShip();
    Agent player = player("ripley");
    long before = getJson("api/gm/active-view/").get("version").asLong();
    String oneReveal = batch(List.of(action("toggle-room", "{\"room_id\":\"bridge\",\"visible\":true}")));
    assertEquals(403, player.post("api/gm/batch/", oneReveal).status());
    assertEquals(403, player.post("api/gm/undo/", "{}").status());
    assertEquals(403, player.get("api/gm/undo/").status());
    assertEquals(401, agent().post("api/gm/batch/", oneReveal).status());
    assertEquals(before, getJson("api/gm/active-view/").get("version").asLong());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The batch's one frame on each stream, and then only the fence's. */
  private void assertOneFrameThenTheFence(long before, SseClient... streams) {
    JsonNode fence = postOk(FENCE_PATH, "{}");
    assertEquals(before + 2, fence.get("version").asLong());
    for (SseClient s : streams) {
      s.awaitVersion(before + 2);
      List<SseClient.Frame> frames = s.activeviewFrames();
      assertEquals(3, frames.size(), "snapshot, the batch, the fence: " + frames);
      assertEquals(Long.toString(before + 1), frames.get(1).id());
    }
  }

  private void assertOnlyTheFence(long before, SseClient... streams) {
    JsonNode fence = postOk(FENCE_PATH, "{}");
    assertEquals(before + 1, fence.get("version").asLong(), "the refused batches used no version");
    for (SseClient s : streams) {
      s.awaitVersion(before + 1);
      assertEquals(2, s.activeviewFrames().size(), "the snapshot, then only the fence: " + s.activeviewFrames());
    }
  }
}
