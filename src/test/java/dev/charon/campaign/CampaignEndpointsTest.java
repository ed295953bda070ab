package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.activeview.ViewCommands;
import dev.charon.activeview.ViewType;
import dev.charon.encounter.EncounterCommands;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignEndpointsTest extends CampaignApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonNode json(Response r) throws IOException {
    return JSON.readTree(r.readEntity(String.class));
  }

  private JsonNode get(String path, int expectedStatus) throws IOException {
    Response r = api(path).request().get();
    assertEquals(expectedStatus, r.getStatus(), path);
    return json(r);
  }

  private void encounterAt(String slug) {
    charon.activeView().apply(ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of(slug), "", false));
  }

  private void reveal(String... rooms) {
    for (String room : rooms) {
      charon.activeView().apply(EncounterCommands.toggleRoom(room, Optional.of(true)));
    }
  }

  @Test
  void locationTreeWithAndWithoutTrailingSlash() throws IOException {
    JsonNode tree = get("gm/locations/", 200);
    assertEquals(tree, get("gm/locations", 200));
    JsonNode drift = tree.get("locations").get(0);
    assertEquals("charybdis-drift", drift.get("slug").asText());
    JsonNode ossuary = drift.get("children").get(0);
    JsonNode cormorant = ossuary.get("children").get(0);
    assertEquals("msv-cormorant", cormorant.get("slug").asText());
    assertTrue(cormorant.get("has_map").asBoolean());
    assertEquals("Dr. Pell Varga", cormorant.get("terminals").get(1).get("owner").asText());
    assertEquals("Medbay Console", cormorant.get("terminals").get(1).get("name").asText());
    assertEquals("", cormorant.get("terminals").get(0).get("name").asText());
    assertFalse(drift.has("directory"), "no server path leaks to clients");
  }

  @Test
  void playerMapIsOnlyForTheLocationOnScreen() throws IOException {
    assertEquals("Location not found", get("encounter-map/msv-cormorant/", 404).get("error").asText());
    encounterAt("tethys-relay");
    get("encounter-map/msv-cormorant/", 404);
    get("encounter-map/no-such-place/", 404);
    assertEquals(0, get("encounter-map/tethys-relay/", 200).get("current_deck").get("rooms").size());
    assertEquals("No map data for location", get("gm/encounter-map/tithe/", 404).get("error").asText());
    assertEquals("deck_id", get("gm/encounter-map/msv-cormorant/?deck_id=nope", 404).get("field").asText());
  }

  @Test
  void playerMapNeverContainsAHiddenRoom() throws IOException {
    encounterAt("msv-cormorant");
    reveal("cmr_bridge", "cmr_central_corridor", "cmr_medbay");
    Set<String> revealed = Set.of("cmr_bridge", "cmr_central_corridor", "cmr_medbay");
    for (String deck : List.of("", "?deck_id=cormorant_a", "?deck_id=cormorant_b")) {
      JsonNode d = get("encounter-map/msv-cormorant/" + deck, 200).get("current_deck");
      String text = d.toString();
      for (JsonNode room : d.get("rooms")) {
        assertTrue(revealed.contains(room.get("id").asText()), room.toString());
      }
      for (JsonNode c : d.get("connections")) {
        String from = c.get("from").asText();
        String to = c.get("to").asText();
        assertTrue(revealed.contains(from) || revealed.contains(to), c.toString());
        // A hidden end is blank, but the door on the visible wall is still placed.
        assertTrue((from.isEmpty() || revealed.contains(from)) && (to.isEmpty() || revealed.contains(to)), c.toString());
        assertTrue(from.isEmpty() != c.has("from_door"), c.toString());
        assertTrue(to.isEmpty() != c.has("to_door"), c.toString());
      }
      d.get("terminals").forEach(t -> assertTrue(revealed.contains(t.get("room").asText()), t.toString()));
      d.get("poi").forEach(p -> assertTrue(revealed.contains(p.get("room").asText()), p.toString()));
      assertFalse(text.contains("CAPTAIN'S LOGBOOK"), "a POI in a hidden room leaked");
      assertFalse(text.contains("crate O-7".toUpperCase()), "deck B is all hidden");
    }
    JsonNode deckA = get("encounter-map/msv-cormorant/", 200).get("current_deck");
    assertEquals(3, deckA.get("rooms").size());
    assertEquals(0, get("encounter-map/msv-cormorant/?deck_id=cormorant_b", 200).get("current_deck").get("rooms").size());
    // The GM sees every room of the deck.
    assertEquals(9, get("gm/encounter-map/msv-cormorant/", 200).get("current_deck").get("rooms").size());
  }

  @Test
  void mapShapeFollowsTheProtocol() throws IOException {
    JsonNode m = get("gm/encounter-map/msv-cormorant/?deck_id=cormorant_b", 200);
    assertEquals("msv-cormorant", m.get("location_slug").asText());
    assertTrue(m.get("is_multi_deck").asBoolean());
    assertEquals("cormorant_b", m.get("current_deck_id").asText());
    assertEquals("cormorant_a", m.get("decks").get(0).get("id").asText());
    assertTrue(m.get("decks").get(0).get("default").asBoolean());
    JsonNode deck = m.get("current_deck");
    assertEquals(30, deck.get("grid").get("width").asInt());
    assertEquals(8, deck.get("rooms").size());
    JsonNode room = deck.get("rooms").get(0);
    for (String key : List.of("id", "name", "x", "y", "width", "height", "status", "description")) {
      assertNotNull(room.get(key), key);
    }
    JsonNode conn = deck.get("connections").get(0);
    assertEquals("blast_door", conn.get("door_type").asText());
    assertEquals(2.0, deck.get("terminals").get(0).get("position").get("x").asDouble());
    assertEquals("", deck.get("image_url").asText());
  }

  @Test
  void allDecksListsEveryRoomWithTheGmVisibility() throws IOException {
    encounterAt("msv-cormorant");
    reveal("cmr_galley");
    JsonNode all = get("gm/encounter-map/msv-cormorant/all-decks/", 200);
    assertEquals(2, all.get("decks").size());
    assertEquals(17, all.get("decks").get(0).get("rooms").size() + all.get("decks").get(1).get("rooms").size());
    assertTrue(all.get("room_visibility").get("cmr_galley").asBoolean());
    assertFalse(all.get("room_visibility").get("cmr_bridge").asBoolean());
    assertEquals("cormorant_a", all.get("current_deck_id").asText());
    assertEquals("MSV Cormorant", all.get("manifest").get("name").asText());
    JsonNode relay = get("gm/encounter-map/tethys-relay/all-decks", 200);
    assertFalse(relay.get("is_multi_deck").asBoolean());
    assertEquals("relay", relay.get("decks").get(0).get("id").asText());
  }

  @Test
  void playerTerminalOnlyWhileItIsTheOpenOverlay() throws IOException {
    get("terminal/msv-cormorant/medbay_terminal/", 404);
    JsonNode gm = get("gm/terminal/msv-cormorant/medbay_terminal/", 200);
    assertEquals("Dr. Pell Varga", gm.get("owner").asText());
    assertEquals("MSV Cormorant", gm.get("location_name").asText());
    charon.activeView().apply(ViewCommands.showTerminal("msv-cormorant", "medbay_terminal"));
    JsonNode player = get("terminal/msv-cormorant/medbay_terminal", 200);
    assertEquals(gm, player);
    get("terminal/msv-cormorant/captains_terminal/", 404);
    JsonNode inbox = player.get("inbox");
    assertEquals(List.of("cmr_msg_003", "cmr_msg_004", "cmr_msg_007"),
        List.of(inbox.get(0).get("message_id").asText(), inbox.get(1).get("message_id").asText(),
            inbox.get(2).get("message_id").asText()));
    assertEquals("2211-03-08T04:44:00", player.get("sent").get(2).get("timestamp").asText(), "unquoted YAML timestamp");
    assertEquals("Terminal not found", get("gm/terminal/msv-cormorant/nope/", 404).get("error").asText());
  }

  @Test
  void shipStatusMergesOverridesPerField() throws IOException {
    JsonNode before = get("ship-status/", 200).get("ship");
    assertEquals("MV Marrow Lark", before.get("name").asText());
    assertEquals(6, before.get("systems").size());
    charon.activeView().apply(ViewCommands.shipSystem("sensors", Optional.of("CRITICAL"), Optional.empty(), Optional.empty()));
    JsonNode sensors = get("ship-status", 200).get("ship").get("systems").get("sensors");
    assertEquals("CRITICAL", sensors.get("status").asText());
    assertEquals(41, sensors.get("condition").asInt(), "fields not overridden come from ship.yaml");
  }

  @Test
  void tokenImagesHaveUniqueIdsAndUrlsThatLoad() throws IOException {
    JsonNode images = get("gm/encounter/token-images/", 200).get("images");
    Set<String> ids = new HashSet<>();
    int creatures = 0;
    for (JsonNode i : images) {
      assertTrue(ids.add(i.get("id").asText()), "duplicate id " + i);
      String url = i.get("url").asText();
      assertTrue(url.startsWith("api/campaign/images/"), url);
      Response r = api(url.substring("api/".length())).request().get();
      assertEquals(200, r.getStatus(), url);
      assertEquals("image/png", r.getMediaType().toString());
      creatures += i.get("type").asText().equals("creature") ? 1 : 0;
    }
    assertEquals(4 + 5 + 5, images.size(), "crew, NPCs, loose images");
    assertEquals(5, creatures);
  }

  @Test
  void everyReadAnswersNotModifiedToItsOwnEtag() throws IOException {
    encounterAt("msv-cormorant");
    for (String path : List.of("gm/locations/", "encounter-map/msv-cormorant/", "gm/encounter-map/msv-cormorant/",
        "gm/encounter-map/msv-cormorant/all-decks/", "gm/terminal/msv-cormorant/captains_terminal/", "ship-status/",
        "gm/encounter/token-images/", "gm/campaign/problems/", "campaign/images/campaign/NPCs/images/sexton.png")) {
      Response first = api(path).request().get();
      assertEquals(200, first.getStatus(), path);
      String etag = first.getHeaderString("ETag");
      assertNotNull(etag, path);
      assertEquals("no-cache", first.getHeaderString("Cache-Control"), path);
      Response again = api(path).request().header("If-None-Match", etag).get();
      assertEquals(304, again.getStatus(), path);
      assertEquals(etag, again.getHeaderString("ETag"));
    }
  }

  @Test
  void revealingARoomChangesThePlayerMapEtag() {
    encounterAt("msv-cormorant");
    String before = api("encounter-map/msv-cormorant/").request().get().getHeaderString("ETag");
    String gmBefore = api("gm/encounter-map/msv-cormorant/").request().get().getHeaderString("ETag");
    reveal("cmr_galley");
    Response after = api("encounter-map/msv-cormorant/").request().header("If-None-Match", before).get();
    assertEquals(200, after.getStatus());
    assertEquals(304, api("gm/encounter-map/msv-cormorant/").request().header("If-None-Match", gmBefore).get()
        .getStatus(), "the GM map does not depend on visibility");
  }

  @Test
  void problemsEndpointOfACleanCampaign() throws IOException {
    JsonNode p = get("gm/campaign/problems/", 200);
    assertEquals(0, p.get("count").asInt());
    assertEquals(0, p.get("problems").size());
  }

  @Test
  void unknownPathsAndWrongMethodsAnswerJson() throws IOException {
    Response r = api("gm/campaign/reload/").request().get();
    assertEquals(405, r.getStatus());
    assertEquals("Method not allowed", json(r).get("error").asText());
    Response post = api("gm/locations/").request().post(Entity.json("{}"));
    assertEquals(405, post.getStatus());
  }
}
