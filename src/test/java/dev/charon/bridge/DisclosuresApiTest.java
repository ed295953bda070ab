package dev.charon.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.Fixture;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PERSONNEL and LOGS show players only what the GM disclosed: the NPCs marked as known to the crew
 * (the original showed every NPC, spoilers included) and the session logs the GM lets them read
 * (by default every one but the newest). Each change reaches both streams as a {@code bridge}
 * event; a player never receives a word about an NPC the crew does not know.
 */
class DisclosuresApiTest extends ApiTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the fixture's NPCs other than Dr. Vance would give away. */
  private static final List<String> SECRETS = List.of("Ewan McGregor", "Dock Foreman", "Yuki Tanaka",
      "garbled distress call", "Dex Harrow", "retrofitted mining vessel", "Weyland-Yutani", "Station Director");

  @Override
  protected Campaign campaign() {
    return Fixture.campaign();
  }

  private static List<JsonNode> bridgeEvents(SseClient c) {
    List<JsonNode> out = new ArrayList<>();
    for (SseClient.Frame f : c.frames) {
      if ("bridge".equals(f.event())) {
        try {
          out.add(JSON.readTree(f.data()));
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return out;
  }

  private static String everything(SseClient c) {
    StringBuilder sb = new StringBuilder();
    c.frames.forEach(f -> sb.append(f.data()).append('\n'));
    return sb.toString();
  }

  private static void awaitBridgeEvents(SseClient c, int n) {
    c.await(n + " bridge events", x -> bridgeEvents(x).size() >= n, Duration.ofSeconds(10));
  }

  @Test
  void aStreamOpenedAfterADisclosureHasTheNewListsInItsFirstBridgeFrame() {
    // The first frame is made once and shared by the streams that open on the same lists.
    try (SseClient early = new SseClient(uri("api/active-view/stream/"));
        SseClient early2 = new SseClient(uri("api/active-view/stream/"))) {
      awaitBridgeEvents(early, 1);
      awaitBridgeEvents(early2, 1);
      assertEquals("[]", bridgeEvents(early2).get(0).get("known_npcs").toString());
    }
    postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":true}");
    try (SseClient late = new SseClient(uri("api/active-view/stream/"))) {
      awaitBridgeEvents(late, 1);
      JsonNode first = bridgeEvents(late).get(0);
      assertEquals("snapshot", first.get("type").asText());
      assertEquals("[\"lucia_vance\"]", first.get("known_npcs").toString());
    }
  }

  @Test
  void playersSeeTheCrewAndOnlyTheNpcsTheGmMarkedKnown() {
    Agent terminal = agent();
    JsonNode before = terminal.get("api/bridge/personnel/").json();
    assertEquals(4, before.get("crew").size());
    assertEquals(0, before.get("npcs").size(), "no NPC is known at the start");
    JsonNode crew = before.get("crew").get(1);
    assertEquals("Marcus Chen", crew.get("name").asText());
    assertEquals("Wrench", crew.get("callsign").asText());
    assertEquals("Engineer", crew.get("role").asText());
    assertEquals(8, crew.get("stats").get("strength").asInt());
    JsonNode gmBefore = getJson("api/gm/bridge/personnel/");
    assertEquals(4, gmBefore.get("npcs").size());
    gmBefore.get("npcs").forEach(n -> assertFalse(n.get("known").asBoolean()));

    try (SseClient player = new SseClient(uri("api/active-view/stream/"));
        SseClient gm = stream("api/gm/active-view/stream/")) {
      awaitBridgeEvents(player, 1);
      awaitBridgeEvents(gm, 1);
      assertEquals("snapshot", bridgeEvents(player).get(0).get("type").asText());
      JsonNode answer = postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":true}");
      assertEquals(true, answer.get("known").asBoolean());
      awaitBridgeEvents(player, 2);
      awaitBridgeEvents(gm, 2);
      JsonNode event = bridgeEvents(player).get(1);
      assertEquals("disclosure", event.get("type").asText());
      assertEquals("[\"lucia_vance\"]", event.get("known_npcs").toString());
      assertEquals(event, bridgeEvents(gm).get(1));
      postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":true}"); // again: nothing new
      postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"captain_harrow\",\"known\":false}"); // was unknown
      postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
      player.awaitVersion(charon.activeView().version());
      assertEquals(2, bridgeEvents(player).size(), "writes that change nothing players see push nothing");

      JsonNode after = terminal.get("api/bridge/personnel/").json();
      assertEquals(1, after.get("npcs").size());
      JsonNode vance = after.get("npcs").get(0);
      assertEquals("Dr. Lucia Vance", vance.get("name").asText());
      assertEquals("api/campaign/images/campaign/NPCs/images/lucia_vance.png", vance.get("portrait").asText());
      assertEquals("Veil Station", vance.get("location").asText());
      assertFalse(vance.has("known"), "players are not told there is anything to know");
      String playerText = everything(player) + terminal.get("api/bridge/personnel/").body();
      for (String secret : SECRETS.subList(0, 6)) {
        assertFalse(playerText.contains(secret), "players got '" + secret + "'");
      }
      for (String id : List.of("ewan_mcgregor\"", "dr_yuki_tanaka", "captain_harrow")) {
        assertFalse(everything(player).contains(id), "the player stream named " + id);
      }
      assertTrue(getJson("api/gm/bridge/personnel/").toString().contains("Dex Harrow"), "the GM sees every NPC");

      postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":false}");
      awaitBridgeEvents(player, 3);
      assertEquals("[]", bridgeEvents(player).get(2).get("known_npcs").toString());
      assertEquals(0, terminal.get("api/bridge/personnel/").json().get("npcs").size());
    }
  }

  @Test
  void personnelIsRevalidatedByAnEtagThatFollowsTheDisclosures() {
    Agent terminal = agent();
    Agent.Reply first = terminal.get("api/bridge/personnel/");
    String etag = first.header("ETag");
    assertEquals(304, terminal.send("GET", "api/bridge/personnel/", null, Map.of("If-None-Match", etag)).status());
    postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"ewan_mcgregor\",\"known\":true}");
    Agent.Reply after = terminal.send("GET", "api/bridge/personnel/", null, Map.of("If-None-Match", etag));
    assertEquals(200, after.status());
    assertNotEquals(etag, after.header("ETag"));
  }

  @Test
  void badDisclosuresAreRefusedWithTheirFieldAndPushNothing() {
    try (SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      awaitBridgeEvents(player, 1);
      String[][] cases = {
          {"api/gm/bridge/npc-known/", "{\"npc_id\":\"nobody\",\"known\":true}", "404 npc_id"},
          {"api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\"}", "400 known"},
          {"api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":\"true\"}", "400 known"},
          {"api/gm/bridge/npc-known/", "{\"known\":true}", "400 npc_id"},
          {"api/gm/bridge/npc-known/", "{\"npc_id\":\"" + "x".repeat(300) + "\",\"known\":true}", "400 npc_id"},
          {"api/gm/bridge/log-visible/", "{\"session\":\"session-009.md\",\"visible\":true}", "404 session"},
          {"api/gm/bridge/log-visible/", "{\"session\":\"../crew.yaml\",\"visible\":true}", "404 session"},
          {"api/gm/bridge/log-visible/", "{\"session\":3,\"visible\":true}", "400 session"},
          {"api/gm/bridge/log-visible/", "{\"session\":\"session-003.md\",\"visible\":null}", "400 visible"},
      };
      for (String[] c : cases) {
        Agent.Reply r = gm().post(c[0], c[1]);
        assertEquals(c[2], r.status() + " " + r.json().path("field").asText(), c[1]);
      }
      assertEquals(401, agent().post("api/gm/bridge/npc-known/", "{\"npc_id\":\"lucia_vance\",\"known\":true}").status());
      assertEquals(1, bridgeEvents(player).size());
      assertEquals(0, getJson("api/bridge/personnel/").get("npcs").size());
    }
  }

  @Test
  void playersReadEveryLogButTheNewestUntilTheGmChoosesOtherwise() {
    Agent terminal = agent();
    JsonNode logs = terminal.get("api/bridge/logs/").json().get("sessions");
    assertEquals(2, logs.size(), "session 3, the newest, waits for the GM");
    assertEquals("session-002.md", logs.get(0).get("session").asText(), "newest first");
    assertEquals(1, logs.get(1).get("session_number").asInt());
    JsonNode gmLogs = getJson("api/gm/bridge/logs/").get("sessions");
    assertEquals(3, gmLogs.size());
    JsonNode third = gmLogs.get(0);
    assertEquals("session-003.md", third.get("session").asText());
    assertEquals("2183-03-28", third.get("date").asText());
    assertEquals("Containment Breach", third.get("title").asText());
    assertEquals("USCSS Morrigan - Cargo Bay 3", third.get("location").asText());
    assertEquals(3, third.get("npcs").size());
    assertTrue(third.get("body").asText().contains("**cargo containers torn open from the inside**"),
        "the Markdown body as text");
    assertFalse(third.get("visible").asBoolean());
    assertFalse(third.get("visible_by_default").asBoolean());
    assertTrue(gmLogs.get(1).get("visible").asBoolean());

    try (SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      awaitBridgeEvents(player, 1);
      assertEquals("[\"session-002.md\",\"session-001.md\"]", bridgeEvents(player).get(0).get("visible_logs").toString());
      postOk("api/gm/bridge/log-visible/", "{\"session\":\"session-003.md\",\"visible\":true}");
      postOk("api/gm/bridge/log-visible/", "{\"session\":\"session-001.md\",\"visible\":false}");
      awaitBridgeEvents(player, 3);
      assertEquals("[\"session-003.md\",\"session-002.md\"]", bridgeEvents(player).get(2).get("visible_logs").toString());
    }
    JsonNode now = terminal.get("api/bridge/logs/").json().get("sessions");
    assertEquals(2, now.size());
    assertEquals("Containment Breach", now.get(0).get("title").asText());
    assertFalse(now.get(0).has("visible"));
    assertFalse(getJson("api/gm/bridge/logs/").get("sessions").get(2).get("visible").asBoolean());
  }
}
