package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GM's projector ("follow me") and the terminal's legend switch: GM-only state writes, one
 * version each, pushed on both streams (the terminals follow the projector); bad input is a 400
 * naming the field and changes nothing.
 */
class ProjectorLegendApiTest extends ApiTestBase {
  private static final String VIEWPORT = "{\"enabled\":true,\"x\":120.5,\"y\":-40,\"width\":2400,\"height\":1800}";

  @BeforeEach
  void ship() {
    enterShip();
  }

  @Test
  void eachViewportWriteIsOneVersionAndThePlayerStreamCarriesTheProjector() {
    try (SseClient players = new SseClient(uri("api/active-view/stream/"));
        SseClient gm = stream("api/gm/active-view/stream/")) {
      players.awaitOpen();
      long before = gm.lastVersion();
      assertTrue(players.state().get("projector").isNull(), "off at start");
      JsonNode answer = postOk("api/gm/projector/", VIEWPORT);
      assertEquals(before + 1, answer.get("version").asLong());
      assertEquals(TestCampaigns.SHIP, answer.get("projector").get("location_slug").asText());
      JsonNode second = postOk("api/gm/projector/", "{\"enabled\":true,\"x\":0,\"y\":0,\"width\":600.125,\"height\":450}");
      assertEquals(before + 2, second.get("version").asLong(), "one version per viewport write");
      players.awaitVersion(before + 2);
      gm.awaitVersion(before + 2);
      for (SseClient s : List.of(players, gm)) {
        JsonNode p = s.state().get("projector");
        assertEquals(TestCampaigns.SHIP, p.get("location_slug").asText());
        assertEquals("deck_a", p.get("deck_id").asText(), "stamped with the deck on screen");
        assertEquals(0, p.get("x").asDouble());
        assertEquals(600.13, p.get("width").asDouble(), 1e-9);
        assertEquals(450, p.get("height").asDouble());
        assertEquals(3, s.activeviewFrames().size(), "snapshot and one event per write");
      }
      // the console names the map it framed: its write may overtake its own switch of deck
      JsonNode named = postOk("api/gm/projector/", "{\"enabled\":true,\"location_slug\":\"" + TestCampaigns.SHIP
          + "\",\"deck_id\":\"deck_b\",\"x\":0,\"y\":0,\"width\":600,\"height\":450}");
      assertEquals("deck_b", named.get("projector").get("deck_id").asText());
      assertEquals(before + 4, postOk("api/gm/projector/", "{\"enabled\":false}").get("version").asLong());
      players.awaitVersion(before + 4);
      // a merge patch removes the key: absent and null both mean off
      assertFalse(players.state().path("projector").isObject(), "off again: " + players.state());
    }
  }

  @Test
  void theLegendSwitchIsPushedToPlayers() {
    try (SseClient players = new SseClient(uri("api/active-view/stream/"))) {
      players.awaitOpen();
      assertFalse(players.state().get("legend_visible").asBoolean());
      long v = postOk("api/gm/legend/", "{\"visible\":true}").get("version").asLong();
      players.awaitVersion(v);
      assertTrue(players.state().get("legend_visible").asBoolean());
      assertEquals(v, postOk("api/gm/legend/", "{\"visible\":true}").get("version").asLong(),
          "the same value again is no new version");
      long off = postOk("api/gm/legend/", "{\"visible\":false}").get("version").asLong();
      assertEquals(v + 1, off);
    }
  }

  @Test
  void badViewportsAre400AndChangeNothing() {
    postOk("api/gm/projector/", VIEWPORT);
    String p = "api/gm/projector/";
    refused(gm(), p, "{}", 400, "enabled");
    refused(gm(), p, "{\"enabled\":\"true\"}", 400, "enabled");
    refused(gm(), p, "{\"enabled\":true,\"x\":1,\"y\":2,\"width\":300}", 400, "height");
    refused(gm(), p, "{\"enabled\":true,\"x\":\"1\",\"y\":2,\"width\":300,\"height\":200}", 400, "x");
    refused(gm(), p, "{\"enabled\":true,\"x\":1e999,\"y\":2,\"width\":300,\"height\":200}", 400, "x");
    refused(gm(), p, "{\"enabled\":true,\"x\":1,\"y\":-2e6,\"width\":300,\"height\":200}", 400, "y");
    refused(gm(), p, "{\"enabled\":true,\"x\":1,\"y\":2,\"width\":0,\"height\":200}", 400, "width");
    refused(gm(), p, "{\"enabled\":true,\"x\":1,\"y\":2,\"width\":300,\"height\":-5}", 400, "height");
    refused(gm(), p, "{\"enabled\":true,\"x\":NaN,\"y\":2,\"width\":300,\"height\":200}", 400, null);
    refused(gm(), p, "{\"enabled\":true,\"deck_id\":7,\"x\":1,\"y\":2,\"width\":300,\"height\":200}", 400, "deck_id");
    refused(gm(), p, "{\"enabled\":true,\"x\":null,\"y\":2,\"width\":300,\"height\":200}", 400, "x");
    refused(gm(), "api/gm/legend/", "{}", 400, "visible");
    refused(gm(), "api/gm/legend/", "{\"visible\":1}", 400, "visible");
  }

  @Test
  void playersAndAnonymousCannotSetTheProjectorOrLegend() {
    Agent ripley = player("ripley");
    refused(ripley, "api/gm/projector/", VIEWPORT, 403, null);
    refused(ripley, "api/gm/legend/", "{\"visible\":true}", 403, null);
    refused(agent(), "api/gm/projector/", VIEWPORT, 401, null);
    assertTrue(getJson("api/active-view/").get("projector").isNull());
  }
}
