package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.activeview.ActiveViewState;
import dev.charon.activeview.ViewCommands;
import dev.charon.activeview.ViewType;
import dev.charon.encounter.EncounterCommands;
import dev.charon.encounter.TokenType;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reloading swaps the campaign in and drops state that points at something removed. */
class CampaignReloadTest extends CampaignApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonNode reload() throws IOException {
    Response r = api("gm/campaign/reload/").request().post(Entity.json(""));
    assertEquals(200, r.getStatus());
    return JSON.readTree(r.readEntity(String.class));
  }

  private void edit(String rel, String from, String to) throws IOException {
    Path p = campaignRoot.resolve(rel);
    String text = Files.readString(p);
    assertTrue(text.contains(from), rel + " lacks " + from);
    Files.writeString(p, text.replace(from, to));
  }

  @Test
  void reloadPicksUpAnEditAndChangesTheEtag() throws IOException {
    Response before = api("gm/locations/").request().get();
    String etag = before.getHeaderString("ETag");
    edit("galaxy/charybdis-drift/ossuary/tithe/location.yaml", "name: \"Tithe\"", "name: \"Tithe (thawing)\"");
    JsonNode answer = reload();
    assertTrue(answer.get("success").asBoolean());
    assertTrue(answer.get("version").asLong() > 1);
    assertNotEquals(before.getHeaderString("ETag"), answer.get("content_version").asText());
    Response after = api("gm/locations/").request().header("If-None-Match", etag).get();
    assertEquals(200, after.getStatus());
    assertTrue(after.readEntity(String.class).contains("Tithe (thawing)"));
  }

  @Test
  void removedRoomsDoorsTokensAndPortraitsAreDropped() throws IOException {
    var av = charon.activeView();
    av.apply(ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("msv-cormorant"), "", false));
    av.apply(EncounterCommands.toggleRoom("cmr_galley", Optional.of(true)));
    av.apply(EncounterCommands.toggleRoom("cmr_bridge", Optional.of(true)));
    av.apply(EncounterCommands.setDoor("cmr_a_galley_corridor", dev.charon.encounter.DoorStatus.CLOSED));
    String inGalley = (String) av.apply(EncounterCommands.place(new EncounterCommands.Placement(
        TokenType.PLAYER, "Rook", 2, 12, "", Optional.empty()))).result().get("token_id");
    String onBridge = (String) av.apply(EncounterCommands.place(new EncounterCommands.Placement(
        TokenType.NPC, "Ines", 2, 2, "", Optional.empty()))).result().get("token_id");
    av.apply(EncounterCommands.togglePortrait("sexton", Optional.of(true)));
    av.apply(EncounterCommands.togglePortrait("pell_varga", Optional.of(true)));

    // The GM deletes the galley (and its door) and SEXTON.
    Path deck = campaignRoot.resolve("galaxy/charybdis-drift/ossuary/msv-cormorant/map/deck_a.yaml");
    String text = Files.readString(deck);
    text = text.replaceAll("(?s)  - id: cmr_galley\\n.*?(?=  - id: cmr_medbay)", "");
    text = text.replaceAll("(?s)  - id: cmr_a_galley_corridor\\n.*?(?=  - id: cmr_a_medbay_corridor)", "");
    Files.writeString(deck, text);
    edit("campaign/npcs.yaml", "id: \"sexton\"", "id: \"sexton_retired\"");

    JsonNode answer = reload();
    JsonNode dropped = answer.get("dropped");
    assertEquals("[\"cmr_galley\"]", dropped.get("rooms").toString());
    assertEquals("[\"cmr_a_galley_corridor\"]", dropped.get("doors").toString());
    assertEquals("[\"" + inGalley + "\"]", dropped.get("tokens").toString());
    assertEquals("[\"sexton\"]", dropped.get("portraits").toString());
    assertEquals(0, answer.get("problems").asInt(), charon.campaign().current().problems().toString());

    ActiveViewState s = av.state();
    assertEquals(answer.get("version").asLong(), av.version());
    assertFalse(s.roomVisibility().containsKey("cmr_galley"));
    assertTrue(s.revealed("cmr_bridge"));
    assertTrue(s.tokens().containsKey(onBridge));
    assertFalse(s.tokens().containsKey(inGalley));
    assertEquals(java.util.List.of("pell_varga"), s.activePortraits());
    assertEquals(ViewType.ENCOUNTER, s.viewType());
  }

  /**
   * The GM staged changes on a deck; meanwhile the campaign was reloaded without one of the rooms
   * and the door that led to it. SEND is refused whole, naming the first change the map no
   * longer has, and nothing of it is applied (the reveal before it stays off).
   */
  @Test
  void aStagedSetTheReloadInvalidatedIsRefusedWholeAndChangesNothing() throws IOException {
    var av = charon.activeView();
    av.apply(ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("msv-cormorant"), "", false));
    Path deck = campaignRoot.resolve("galaxy/charybdis-drift/ossuary/msv-cormorant/map/deck_a.yaml");
    String text = Files.readString(deck);
    text = text.replaceAll("(?s)  - id: cmr_galley\\n.*?(?=  - id: cmr_medbay)", "");
    text = text.replaceAll("(?s)  - id: cmr_a_galley_corridor\\n.*?(?=  - id: cmr_a_medbay_corridor)", "");
    Files.writeString(deck, text);
    reload();
    ActiveViewState before = av.state();
    long version = av.version();

    String staged = "{\"actions\":["
        + "{\"action\":\"toggle-room\",\"body\":{\"room_id\":\"cmr_bridge\",\"visible\":true}},"
        + "{\"action\":\"set-door-status\",\"body\":{\"connection_id\":\"cmr_a_galley_corridor\",\"door_status\":\"OPEN\"}},"
        + "{\"action\":\"toggle-room\",\"body\":{\"room_id\":\"cmr_galley\",\"visible\":true}}]}";
    Response r = api("gm/batch/").request().post(Entity.json(staged));
    JsonNode error = JSON.readTree(r.readEntity(String.class));
    assertEquals(404, r.getStatus(), error.toString());
    assertEquals("actions[1].connection_id", error.get("field").asText(), error.toString());
    assertTrue(error.get("error").asText().startsWith("actions[1]"), error.toString());
    assertEquals(version, av.version(), "no version");
    assertEquals(before, av.state(), "nothing applied, not even the reveal before it");
  }

  @Test
  void aRemovedLocationLeavesTheEncounter() throws IOException {
    var av = charon.activeView();
    av.apply(ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("tethys-relay"), "", false));
    av.apply(EncounterCommands.toggleRoom("customs", Optional.of(true)));
    av.apply(ViewCommands.showTerminal("msv-cormorant", "captains_terminal"));
    av.apply(ViewCommands.shipSystem("jump_drive", Optional.of("OFFLINE"), Optional.empty(), Optional.empty()));
    deleteTree(campaignRoot.resolve("galaxy/charybdis-drift/ossuary/tethys-relay"));
    edit("campaign/ship.yaml", "    jump_drive:", "    fold_drive:");
    JsonNode dropped = reload().get("dropped");
    assertEquals("tethys-relay", dropped.get("location").asText());
    assertEquals("[\"jump_drive\"]", dropped.get("ship_systems").toString());
    ActiveViewState s = av.state();
    assertEquals(ViewType.STANDBY, s.viewType());
    assertEquals("", s.locationSlug());
    assertTrue(s.roomVisibility().isEmpty());
    assertEquals("", s.encounterDeckId());
    assertTrue(s.overlayOpen(), "the overlay's terminal still exists");
    assertTrue(s.shipOverrides().isEmpty());
    assertEquals(404, api("encounter-map/tethys-relay/").request().get().getStatus());
  }

  @Test
  void theWatcherReloadsAnEditOnceTheFolderHeldStill() throws IOException {
    CampaignReloader reloader = charon.campaignReloader();
    assertFalse(reloader.poll(), "nothing changed");
    long version = charon.activeView().version();
    Path yaml = campaignRoot.resolve("galaxy/styx-gate/location.yaml");
    edit("galaxy/styx-gate/location.yaml", "name: \"Styx Gate\"", "name: \"Styx Gate (closed)\"");
    Files.setLastModifiedTime(yaml, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertFalse(reloader.poll(), "the first poll that sees a change waits for the folder to settle");
    assertTrue(reloader.poll(), "the next poll reloads");
    assertEquals("Styx Gate (closed)", charon.campaign().current().location("styx-gate").orElseThrow().name());
    assertEquals(version + 1, charon.activeView().version());
    assertFalse(reloader.poll(), "loaded once");
  }

  @Test
  void aBrokenEditIsReportedNotFatal() throws IOException {
    Files.writeString(campaignRoot.resolve("campaign/npcs.yaml"), "npcs: [ {id: broken\n");
    JsonNode answer = reload();
    assertTrue(answer.get("problems").asInt() >= 1);
    JsonNode problems = JSON.readTree(api("gm/campaign/problems/").request().get(String.class));
    assertEquals("campaign/npcs.yaml", problems.get("problems").get(0).get("file").asText());
    assertEquals(200, api("gm/encounter-map/msv-cormorant/").request().get().getStatus());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
