package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Deck;
import dev.charon.campaign.EncounterMap;
import dev.charon.campaign.Location;
import dev.charon.security.Access;
import dev.charon.security.AccessTable;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Over random sequences of GM actions, nothing a player can read carries a GM secret: not the
 * stream, not any GET open to players or anonymous callers. No hidden room's id, name or
 * description, no id of a door touching a hidden room (authors name doors after their rooms), no
 * token in a hidden room, no token marked hidden, no NPC not shown.
 */
class PlayerProjectionTest extends ApiTestBase {
  private static final List<String> ROOMS = List.of("bridge", "cargo", "engine", "hold");
  private static final List<String> STATUSES = List.of("wounded", "dead", "panicked", "stunned", "hidden");
  /**
   * Every GET that answers without the GM's session ({@link #theCheckedRoutesAreEveryOpenRead}
   * keeps this complete), filled in with ids of this campaign, plus the GM's reads (token images
   * among them) to show they stay closed.
   */
  private static final List<String> PLAYER_READS = List.of(
      "api/active-view/", "api/encounter-map/testship/", "api/encounter-map/testship/?deck_id=deck_a",
      "api/encounter-map/testship/?deck_id=deck_b", "api/ship-status/", "api/terminal/testship/ops/",
      "api/health/", "api/auth/me/", "api/messages/", "api/campaign/images/campaign/NPCs/images/vance.png",
      "api/star-map/", "api/system-map/sys/", "api/orbit-map/sys/testship/", "api/bridge/personnel/",
      "api/bridge/logs/", "api/charon/encounter-testship/conversation/", "api/table/me/",
      "api/gm/encounter/token-images/", "api/gm/table/links/",
      "api/gm/encounter-map/testship/", "api/gm/active-view/",
      "api/gm/encounter/room-visibility/");
  /** The first reads of {@link #PLAYER_READS} are those whose answer depends on the state. */
  private static final int STATE_READS = 6;
  private static final EncounterMap MAP = TestCampaigns.standard().location(TestCampaigns.SHIP)
      .flatMap(Location::map).orElseThrow();

  @Test
  void nothingAPlayerCanReadNamesAHiddenRoomOrToken() throws Exception {
    enterShip();
    Agent anonymous = agent();
    Agent player = player("ripley");
    Random random = new Random(20261127L); // fixed seed: a failure is reproducible
    List<String> tokens = new ArrayList<>();
    // The rooms the GM had revealed at each version, to judge each frame by what it may show.
    Map<Long, Set<String>> revealedAt = new HashMap<>();
    recordGmState(revealedAt);
    // The ids of the tokens players may not see at each version: no frame may name one.
    Map<Long, Set<String>> hiddenTokensAt = new HashMap<>();
    recordHiddenTokens(hiddenTokensAt);
    try (SseClient stream = new SseClient(uri("api/active-view/stream/"))) {
      stream.awaitOpen();
      for (int step = 0; step < 400; step++) {
        String body;
        String path;
        switch (random.nextInt(13)) {
          case 0 -> {
            path = "api/gm/encounter/toggle-room/";
            body = "{\"room_id\":\"" + pick(random, ROOMS) + "\"}";
          }
          case 1 -> {
            path = "api/gm/encounter/place-token/";
            boolean upper = random.nextBoolean();
            body = "{\"type\":\"creature\",\"name\":\"c" + step + "\",\"x\":" + random.nextInt(upper ? 120 : 10)
                + ",\"y\":" + random.nextInt(upper ? 100 : 5) + ",\"deck_id\":\"" + (upper ? "deck_a" : "deck_b") + "\"}";
          }
          case 2 -> {
            if (tokens.isEmpty()) {
              continue;
            }
            path = "api/gm/encounter/move-token/";
            body = "{\"token_id\":\"" + pick(random, tokens) + "\",\"x\":" + random.nextInt(120) + ",\"y\":"
                + random.nextInt(100) + "}";
          }
          case 3 -> {
            if (tokens.isEmpty()) {
              continue;
            }
            path = "api/gm/encounter/update-token-status/";
            body = "{\"token_id\":\"" + pick(random, tokens) + "\",\"" + (random.nextBoolean() ? "add" : "remove")
                + "\":\"" + pick(random, STATUSES) + "\"}";
          }
          case 4 -> {
            path = "api/gm/encounter/set-door-status/";
            body = "{\"connection_id\":\"" + (random.nextBoolean() ? "c_bridge_cargo" : "c_engine_hold")
                + "\",\"door_status\":\"" + pick(random, List.of("OPEN", "CLOSED", "LOCKED", "SEALED", "DAMAGED")) + "\"}";
          }
          case 5 -> {
            path = "api/gm/encounter/toggle-portrait/";
            body = "{\"npc_id\":\"" + pick(random, List.of("vance", "harrow")) + "\"}";
          }
          case 6 -> {
            path = "api/gm/encounter/room-visibility/";
            body = "{\"all\":" + random.nextBoolean() + "}";
          }
          case 7 -> {
            path = "api/gm/encounter/switch-level/";
            body = "{\"deck_id\":\"" + pick(random, List.of("deck_a", "deck_b")) + "\"}";
          }
          case 8 -> {
            // The comm terminal overlay opens the player's terminal route; hiding closes it again.
            boolean show = random.nextBoolean();
            path = show ? "api/gm/show-terminal/" : "api/terminal/hide/";
            body = show ? "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}" : "{}";
          }
          case 9 -> {
            if (random.nextInt(8) > 0) {
              continue;
            }
            // A new encounter on the same ship: every room hidden again.
            path = "api/gm/switch-view/";
            body = "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"testship\",\"reset\":true}";
          }
          case 10 -> {
            // A turn order of some of the tokens, hidden ones included: only the visible may reach players.
            List<String> order = new ArrayList<>(tokens);
            java.util.Collections.shuffle(order, random);
            order = order.subList(0, Math.min(order.size(), 1 + random.nextInt(6)));
            path = "api/gm/encounter/initiative/set/";
            body = "{\"order\":[" + String.join(",", order.stream().map(id -> "\"" + id + "\"").toList()) + "]}";
          }
          case 11 -> {
            path = random.nextBoolean() ? "api/gm/encounter/initiative/next/" : "api/gm/encounter/initiative/previous/";
            body = "{}";
          }
          default -> {
            if (tokens.isEmpty() || random.nextInt(4) > 0) {
              continue;
            }
            path = "api/gm/encounter/remove-token/";
            String id = pick(random, tokens);
            tokens.remove(id);
            body = "{\"token_id\":\"" + id + "\"}";
          }
        }
        try (Response r = post(path, body)) {
          JsonNode answer = JSON.readTree(r.readEntity(String.class));
          assertTrue(r.getStatus() < 500, answer.toString());
          if (r.getStatus() == 200 && answer.has("token_id") && path.endsWith("place-token/")) {
            tokens.add(answer.get("token_id").asText());
          }
        }
        Set<String> hidden = hiddenRooms(recordGmState(revealedAt));
        recordHiddenTokens(hiddenTokensAt);
        // The reads that follow the state after every step; all of them, also with a player's
        // session, every tenth (a full round after each of 400 steps took a minute).
        boolean all = step % 10 == 0;
        for (String route : all ? PLAYER_READS : PLAYER_READS.subList(0, STATE_READS)) {
          assertNoHiddenRoom(hidden, "anonymous GET " + route, anonymous.get(route).body());
          if (all) {
            assertNoHiddenRoom(hidden, "player GET " + route, player.get(route).body());
          }
        }
      }
      long last = getJson("api/gm/active-view/").get("version").asLong();
      stream.awaitVersion(last);
      assertTrue(stream.activeviewFrames().size() > 100, "the sequence produced events");
      assertTrue(stream.activeviewFrames().stream().anyMatch(f -> f.data().contains("\"initiative\":{\"order\":[\"")),
          "the sequence put a turn order on the player stream");
      for (SseClient.Frame frame : stream.activeviewFrames()) {
        JsonNode data = JSON.readTree(frame.data());
        long version = data.get("version").asLong();
        // A patch may name what the version before showed (to remove it): only a room hidden on
        // both sides of the patch must be absent. A snapshot shows one version.
        Set<String> hidden = hiddenRooms(revealedAt.get(version));
        if (data.has("patch")) {
          hidden.retainAll(hiddenRooms(revealedAt.get(version - 1)));
        }
        assertNoHiddenRoom(hidden, "frame " + version, frame.data());
        // As for rooms: a patch may name a token it removes (visible the version before).
        Set<String> hiddenTokens = new HashSet<>(hiddenTokensAt.get(version));
        if (data.has("patch")) {
          hiddenTokens.retainAll(hiddenTokensAt.get(version - 1));
        }
        for (String id : hiddenTokens) {
          assertFalse(frame.data().contains(id), "frame " + version + " names hidden token " + id + ": " + frame.data());
        }
        assertNoSecrets(data.has("patch") ? data.get("patch") : data, frame.data());
      }
      JsonNode rebuilt = stream.state();
      assertNoSecrets(rebuilt, rebuilt.toString());
      assertEquals(getJson("api/active-view/"), rebuilt);
      // Every token the GM sees in a revealed room without 'hidden' is visible to players.
      JsonNode gm = getJson("api/gm/active-view/");
      for (Iterator<Map.Entry<String, JsonNode>> it = gm.get("encounter_tokens").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        boolean revealed = gm.get("encounter_room_visibility").path(e.getValue().get("room_id").asText()).asBoolean();
        boolean hidden = e.getValue().get("status").toString().contains("\"hidden\"");
        assertEquals(revealed && !hidden, rebuilt.get("encounter_tokens").has(e.getKey()), e.getValue().toString());
      }
    }
  }

  @Test
  void theCheckedRoutesAreEveryOpenRead() {
    Set<String> open = AccessTable.RULES.stream()
        .filter(r -> r.methods().contains("GET") && r.access() != Access.GM)
        .map(AccessTable.Rule::pattern).collect(Collectors.toCollection(TreeSet::new));
    // A new open read must be added to PLAYER_READS (and then here).
    assertEquals(new TreeSet<>(List.of("active-view", "active-view/stream", "auth/me", "bridge/logs",
        "bridge/personnel", "campaign/images/**", "charon/*/conversation",
        "encounter-map/**", "health", "messages", "orbit-map/*/*", "ship-status", "star-map", "system-map/*",
        "table/me", "terminal/*/*")), open);
  }

  /**
   * The terminal draws a door's state by its id, so the player map and the player state must name
   * a door alike; neither may use the campaign's id, which names the hidden room behind it.
   */
  @Test
  void playersKnowADoorByOneOpaqueIdInTheMapAndTheState() throws IOException {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    postOk("api/gm/encounter/set-door-status/", "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"LOCKED\"}");
    Agent anonymous = agent();
    JsonNode connections = anonymous.get("api/encounter-map/testship/").json().get("current_deck").get("connections");
    assertEquals(1, connections.size());
    String id = connections.get(0).get("id").asText();
    assertTrue(id.matches("d[0-9a-f]{16}"), id);
    assertEquals("", connections.get(0).get("to").asText(), "the hidden end stays blank");
    JsonNode doors = anonymous.get("api/active-view/").json().get("encounter_door_status");
    assertEquals("{\"" + id + "\":\"LOCKED\"}", doors.toString());
    // Stable: the same id on the next request and once the far room is revealed too.
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"cargo\",\"visible\":true}");
    assertEquals(id, anonymous.get("api/encounter-map/testship/").json().get("current_deck").get("connections")
        .get(0).get("id").asText());
    assertEquals("LOCKED", anonymous.get("api/active-view/").json().get("encounter_door_status").get(id).asText());
    // The GM keeps the campaign's ids, in the map and in the state.
    assertEquals("c_bridge_cargo", getJson("api/gm/encounter-map/testship/").get("current_deck").get("connections")
        .get(0).get("id").asText());
    assertEquals("LOCKED", getJson("api/gm/active-view/").get("encounter_door_status").get("c_bridge_cargo").asText());
  }

  /** Another deployment (another key) names the same door differently: the id says nothing. */
  @Test
  void doorIdsDependOnTheDeploymentKey() {
    var one = dev.charon.campaign.DoorIds.withRandomKey();
    var other = dev.charon.campaign.DoorIds.withRandomKey();
    assertEquals(one.forPlayers("testship", "c_bridge_cargo"), one.forPlayers("testship", "c_bridge_cargo"));
    assertNotEquals(one.forPlayers("testship", "c_bridge_cargo"), other.forPlayers("testship", "c_bridge_cargo"));
    assertNotEquals(one.forPlayers("testship", "c_bridge_cargo"), one.forPlayers("outpost", "c_bridge_cargo"));
  }

  /** Reads the GM's state and notes which rooms were revealed at its version. */
  private Set<String> recordGmState(Map<Long, Set<String>> revealedAt) {
    JsonNode gm = getJson("api/gm/active-view/");
    Set<String> revealed = new HashSet<>();
    gm.get("encounter_room_visibility").fields().forEachRemaining(e -> {
      if (e.getValue().asBoolean()) {
        revealed.add(e.getKey());
      }
    });
    revealedAt.put(gm.get("version").asLong(), revealed);
    return revealed;
  }

  private void recordHiddenTokens(Map<Long, Set<String>> hiddenTokensAt) {
    JsonNode gm = getJson("api/gm/active-view/");
    Set<String> hidden = new HashSet<>();
    gm.get("encounter_tokens").fields().forEachRemaining(e -> {
      boolean revealed = gm.get("encounter_room_visibility").path(e.getValue().get("room_id").asText()).asBoolean();
      if (!revealed || e.getValue().get("status").toString().contains("\"hidden\"")) {
        hidden.add(e.getKey());
      }
    });
    hiddenTokensAt.put(gm.get("version").asLong(), hidden);
  }

  private static Set<String> hiddenRooms(Set<String> revealed) {
    assertTrue(revealed != null, "a version the test did not see");
    Set<String> hidden = new LinkedHashSet<>();
    MAP.allRooms().forEach(r -> {
      if (!revealed.contains(r.id())) {
        hidden.add(r.id());
      }
    });
    return hidden;
  }

  /**
   * No key and no string value equals the id, name or description of a hidden room, and no door
   * id touching one appears anywhere (door ids are distinctive; room ids like "engine" are also
   * part of other words, e.g. the ship system "engines").
   */
  private static void assertNoHiddenRoom(Set<String> hidden, String where, String raw) {
    Set<String> exact = new HashSet<>();
    for (Deck.Room room : MAP.allRooms()) {
      if (hidden.contains(room.id())) {
        exact.addAll(List.of(room.id(), room.name(), room.description()));
      }
    }
    for (Deck deck : MAP.decks()) {
      for (Deck.Connection c : deck.connections()) {
        if (hidden.contains(c.from()) || hidden.contains(c.to())) {
          assertFalse(raw.contains(c.id()), where + " names door " + c.id() + " of a hidden room: " + raw);
        }
      }
    }
    JsonNode json;
    try {
      json = JSON.readTree(raw);
    } catch (IOException e) {
      exact.forEach(s -> assertFalse(raw.contains(s), where + " names hidden " + s + ": " + raw));
      return;
    }
    assertNoExact(json, exact, where, raw);
  }

  private static void assertNoExact(JsonNode node, Set<String> exact, String where, String raw) {
    if (node.isTextual()) {
      assertFalse(exact.contains(node.asText()), where + " names hidden " + node.asText() + ": " + raw);
    }
    node.fields().forEachRemaining(e -> {
      assertFalse(exact.contains(e.getKey()), where + " names hidden " + e.getKey() + ": " + raw);
      assertNoExact(e.getValue(), exact, where, raw);
    });
    if (node.isArray()) {
      node.forEach(n -> assertNoExact(n, exact, where, raw));
    }
  }

  /** Checks one snapshot or one patch: no false visibility, no hidden token, no unshown NPC. */
  private void assertNoSecrets(JsonNode node, String raw) {
    node.path("encounter_room_visibility").fields().forEachRemaining(e ->
        assertFalse(e.getValue().isBoolean() && !e.getValue().asBoolean(), "hidden room " + e.getKey() + " in " + raw));
    node.path("encounter_tokens").fields().forEachRemaining(e -> {
      if (!e.getValue().isNull()) {
        assertFalse(e.getValue().path("status").toString().contains("\"hidden\""), "hidden token in " + raw);
      }
    });
    assertFalse(raw.contains("Captain Harrow") && !raw.contains("harrow\"]") && !raw.contains("\"harrow\""),
        "an NPC that is not shown: " + raw);
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
