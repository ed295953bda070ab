package dev.charon.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignLoader;
import dev.charon.campaign.Fixture;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reload of the campaign (a copy of the fixture) reaches the BRIDGE too: a selection whose map
 * is gone falls back to what still exists, and a new session log or a removed NPC changes what the
 * players may see, pushed at once.
 */
class BridgeReloadTest extends ApiTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  Path dir;

  @Override
  protected Campaign campaign() {
    try {
      dir = Files.createTempDirectory("charon-bridge-reload");
      Path from = Fixture.root();
      try (Stream<Path> s = Files.walk(from)) {
        for (Path p : s.toList()) {
          Path to = dir.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CampaignLoader.loadFolder(dir);
  }

  @AfterEach
  void deleteFolder() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String map(JsonNode state) {
    JsonNode m = state.get("bridge_map");
    return m.get("level").asText() + " " + m.get("system").asText() + "/" + m.get("body").asText() + "/"
        + m.get("station").asText();
  }

  @Test
  void aSelectionWhoseMapIsGoneFallsBackToTheLevelAbove() throws IOException {
    postOk("api/gm/bridge/navigate/", "{\"level\":\"orbit\",\"system\":\"sol\",\"body\":\"earth\",\"station\":\"luna\"}");
    Files.delete(dir.resolve("galaxy/sol/earth/orbit_map.yaml"));
    Map<String, Object> answer = charon.campaignReloader().reload();
    assertEquals("orbit:sol/earth/luna", ((Map<?, ?>) answer.get("dropped")).get("bridge_map"));
    assertEquals("system sol/earth/", map(getJson("api/active-view/")));
    assertEquals(404, agent().get("api/orbit-map/sol/earth/").status());
    assertFalse(getJson("api/system-map/sol/").get("bodies").get(2).get("has_orbit_map").asBoolean());

    Files.delete(dir.resolve("galaxy/sol/system_map.yaml"));
    charon.campaignReloader().reload();
    assertEquals("galaxy sol//", map(getJson("api/active-view/")), "Sol is still on the star map");
    assertFalse(getJson("api/star-map/").get("systems").get(0).get("has_system_map").asBoolean());
  }

  @Test
  void aNewSessionAndARemovedNpcChangeWhatPlayersSeeAtOnce() throws IOException {
    postOk("api/gm/bridge/npc-known/", "{\"npc_id\":\"captain_harrow\",\"known\":true}");
    try (SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      player.await("snapshot", c -> bridge(c).length() > 0, Duration.ofSeconds(10));
      Files.writeString(dir.resolve("campaign/sessions/session-004.md"),
          "---\nsession_number: 4\ntitle: \"Tonight\"\n---\nNot yet.\n");
      Path npcs = dir.resolve("campaign/npcs.yaml");
      String text = Files.readString(npcs);
      Files.writeString(npcs, text.substring(0, text.indexOf("  - id: \"captain_harrow\"")));
      charon.campaignReloader().reload();
      player.await("disclosure", c -> bridge(c).contains("disclosure"), Duration.ofSeconds(10));
      JsonNode event = last(player);
      assertEquals("[]", event.get("known_npcs").toString());
      assertEquals("[\"session-003.md\",\"session-002.md\",\"session-001.md\"]", event.get("visible_logs").toString(),
          "session 4 is now the newest, so 3 is readable by default");
    }
    assertTrue(getJson("api/gm/bridge/logs/").get("sessions").get(0).get("title").asText().equals("Tonight"));
  }

  private static String bridge(SseClient c) {
    StringBuilder sb = new StringBuilder();
    c.frames.stream().filter(f -> "bridge".equals(f.event())).forEach(f -> sb.append(f.data()));
    return sb.toString();
  }

  private static JsonNode last(SseClient c) {
    try {
      var frames = c.frames.stream().filter(f -> "bridge".equals(f.event())).toList();
      return JSON.readTree(frames.get(frames.size() - 1).data());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
