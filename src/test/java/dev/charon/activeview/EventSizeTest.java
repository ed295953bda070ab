package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignLoader;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Small events: a token move on the largest demo map is at most 1.5 KB on the stream (the
 * original pushed about 25 KB for it), with four tokens on the map and every room revealed.
 */
class EventSizeTest extends ApiTestBase {
  static final int MAX_TOKEN_MOVE_EVENT_BYTES = 1536;

  @Override
  protected Campaign campaign() {
    try {
      return CampaignLoader.load(Optional.empty(), Files.createTempDirectory("charon-demo-"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tokenMoveOnTheLargestDemoMapIsASmallEvent() throws Exception {
    Campaign demo = charon.campaign().current();
    var largest = demo.allLocations().stream().filter(l -> l.map().isPresent())
        .max(java.util.Comparator.comparingInt(l -> l.map().get().allRooms().size())).orElseThrow();
    postOk("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + largest.slug() + "\"}");
    postOk("api/gm/encounter/room-visibility/", "{\"all\":true}");
    var deck = largest.map().get().defaultDeck();
    var room = deck.rooms().stream().filter(r -> r.width() * r.height() >= 5).findFirst().orElseThrow();
    String moving = null;
    for (int i = 0; i < 4; i++) {
      JsonNode placed = postOk("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Crew member " + i
          + "\",\"x\":" + (room.x() + i % room.width()) + ",\"y\":" + (room.y() + i / room.width()) + "}");
      moving = placed.get("token_id").asText();
    }
    int cell = 4; // the first free cell; the second stream sees the token move back to cell 3
    for (String path : new String[] {"api/active-view/stream/", "api/gm/active-view/stream/"}) {
      try (SseClient c = stream(path)) {
        int snapshotBytes = c.frames.get(0).data().getBytes(StandardCharsets.UTF_8).length;
        // A different cell each time: a move to where the token is changes nothing and pushes nothing.
        long v = postOk("api/gm/encounter/move-token/", "{\"token_id\":\"" + moving + "\",\"x\":"
            + (room.x() + cell % room.width()) + ",\"y\":" + (room.y() + cell / room.width()) + "}")
            .get("version").asLong();
        cell--;
        c.awaitVersion(v);
        SseClient.Frame move = c.activeviewFrames().get(1);
        int bytes = ("event: activeview\nid: " + move.id() + "\ndata: " + move.data() + "\n\n")
            .getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("%s: token move event %d bytes (snapshot %d bytes) on %s%n", path, bytes, snapshotBytes,
            largest.slug());
        assertTrue(bytes <= MAX_TOKEN_MOVE_EVENT_BYTES, path + ": " + bytes + " bytes: " + move.data());
      }
    }
  }
}
