package dev.charon.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CrewMember;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Players move their own tokens from their phones: only tokens the GM linked to them, only while
 * the GM allows it, only into revealed rooms, through the GM's own move (one version, both
 * streams). Every refusal leaves the state and its version as they were, and tells the player
 * nothing the player projection does not.
 *
 * <p>The test ship's upper deck: "bridge" is x 0–59 (revealed here), "cargo" x 60–119, y 0–99
 * (hidden); cells x 60–119, y 100–119 are in the grid but in no room (a wall).
 */
class PlayerTokensApiTest extends ApiTestBase {
  private static final String ROOK_PORTRAIT = "api/campaign/images/campaign/crew/rook.png";
  private Agent ripley;
  private String rook;
  private String xeno;

  @Override
  protected Campaign campaign() {
    Campaign c = TestCampaigns.standard();
    return new Campaign(c.roots(), c.npcs(), List.of(new CrewMember("rook", "Rook", "Pilot", ROOK_PORTRAIT, Map.of())),
        c.ship(), c.problems(), c.contentVersion(), c.sessions(), c.images(), c.root(), c.charon());
  }

  @BeforeEach
  void table() {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    rook = postOk("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Marcus\",\"x\":2,\"y\":3}")
        .get("token_id").asText();
    xeno = postOk("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Xeno\",\"x\":10,\"y\":10}")
        .get("token_id").asText();
    ripley = player("ripley");
  }

  private void link(String username, String tokenId) {
    postOk("api/gm/table/links/", "{\"username\":\"" + username + "\",\"token_id\":\"" + tokenId + "\"}");
  }

  private void movement(boolean enabled) {
    postOk("api/gm/table/player-movement/", "{\"enabled\":" + enabled + "}");
  }

  private static String move(String tokenId, int x, int y) {
    return "{\"token_id\":\"" + tokenId + "\",\"x\":" + x + ",\"y\":" + y + "}";
  }

  /** The GM's whole state (version included): what a refused write must leave exactly as it was. */
  private String everything() {
    return getJson("api/gm/active-view/").toString();
  }

  private Agent.Reply refused(Agent who, String body, int status, String field) {
    String before = everything();
    Agent.Reply r = who.post("api/table/move/", body);
    assertEquals(status, r.status(), r.toString());
    assertTrue(r.json().has("error"), r.body());
    if (field != null) {
      assertEquals(field, r.json().path("field").asText(), r.body());
    }
    assertEquals(before, everything(), "a refused move changed the state: " + body);
    return r;
  }

  @Test
  void aLinkedPlayersMoveIsOneVersionOnBothStreams() {
    link("ripley", rook);
    movement(true);
    try (SseClient players = new SseClient(uri("api/active-view/stream/"));
        SseClient gm = stream("api/gm/active-view/stream/")) {
      players.awaitOpen();
      long before = gm.lastVersion();
      JsonNode answer = ripley.postJson("api/table/move/", move(rook, 5, 6));
      assertEquals(before + 1, answer.get("version").asLong());
      assertEquals(5, answer.get("token").get("x").asInt());
      assertEquals("bridge", answer.get("token").get("room_id").asText(), "the server derives the room");
      players.awaitVersion(before + 1);
      gm.awaitVersion(before + 1);
      for (SseClient stream : List.of(players, gm)) {
        JsonNode token = stream.state().get("encounter_tokens").get(rook);
        assertEquals(5, token.get("x").asInt());
        assertEquals(6, token.get("y").asInt());
        assertEquals(2, stream.activeviewFrames().size(), "snapshot and one event");
      }
      assertEquals(before + 1, charon.activeView().version());
    }
  }

  @Test
  void playersMayMoveOnlyTheirOwnTokens() {
    link("ripley", rook);
    movement(true);
    Agent hicks = player("hicks");
    refused(hicks, move(rook, 5, 6), 403, null);
    refused(ripley, move(xeno, 11, 11), 403, null);
    // An id that names nothing gets the same answer as another's token: no probing for hidden ones.
    Agent.Reply unknown = refused(ripley, move("deadbeef", 11, 11), 403, null);
    assertEquals(ripley.post("api/table/move/", move(xeno, 11, 11)).body(), unknown.body());
    refused(agent(), move(rook, 5, 6), 401, null);
  }

  @Test
  void aCellWithATokenHiddenFromPlayersLooksAndActsFreeButAVisibleTokenBlocks() {
    link("ripley", rook);
    movement(true);
    String lurker = postOk("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Lurker\",\"x\":6,\"y\":6}")
        .get("token_id").asText();
    postOk("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + lurker + "\",\"add\":\"hidden\"}");
    // a refusal here would tell the player something stands on a cell their map shows empty
    JsonNode answer = ripley.postJson("api/table/move/", move(rook, 6, 6));
    assertEquals(6, answer.get("token").get("x").asInt());
    assertFalse(answer.toString().contains(lurker), answer.toString());
    // a token the players see still blocks its cell, as for the GM
    refused(ripley, move(rook, 10, 10), 409, "x");
  }

  @Test
  void movementOffIsAConflictAndTheGmCanTakeControlBackAtAnyTime() {
    link("ripley", rook);
    refused(ripley, move(rook, 5, 6), 409, "movement");
    movement(true);
    ripley.postJson("api/table/move/", move(rook, 5, 6));
    movement(false);
    refused(ripley, move(rook, 7, 7), 409, "movement");
    assertFalse(getJson("api/active-view/").get("player_movement").asBoolean());
  }

  @Test
  void hiddenRoomsAndWallsGetOneAnswerAndTheGridEdgeIsBadInput() {
    link("ripley", rook);
    movement(true);
    Agent.Reply hiddenRoom = refused(ripley, move(rook, 70, 5), 400, "x");
    Agent.Reply wall = refused(ripley, move(rook, 70, 110), 400, "x");
    assertEquals(hiddenRoom.body(), wall.body(), "a player must not tell a hidden room from a wall");
    assertFalse(hiddenRoom.body().contains("cargo"), hiddenRoom.body());
    refused(ripley, move(rook, 500, 5), 400, "x");
    refused(ripley, move(rook, -1, 5), 400, "x");
    refused(ripley, move(rook, 10, 10), 409, "x"); // the xeno's cell: the GM's own rule
  }

  @Test
  void theirOwnTokenIsUnknownWhilePlayersCannotSeeIt() {
    link("ripley", rook);
    movement(true);
    postOk("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + rook + "\",\"add\":\"hidden\"}");
    refused(ripley, move(rook, 5, 6), 404, "token_id");
    postOk("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + rook + "\",\"remove\":\"hidden\"}");
    postOk("api/gm/encounter/move-token/", move(rook, 70, 5)); // into the hidden cargo hold
    refused(ripley, move(rook, 5, 6), 404, "token_id");
    postOk("api/gm/encounter/remove-token/", "{\"token_id\":\"" + rook + "\"}");
    refused(ripley, move(rook, 5, 6), 404, "token_id");
  }

  @Test
  void badBodiesFollowTheStrictRules() {
    link("ripley", rook);
    movement(true);
    refused(ripley, "{\"token_id\":\"" + rook + "\",\"x\":5}", 400, "y");
    refused(ripley, "{\"token_id\":\"" + rook + "\",\"x\":\"5\",\"y\":6}", 400, "x");
    refused(ripley, "{\"token_id\":\"" + rook + "\",\"x\":5,\"y\":6,\"x\":7}", 400, "x");
    refused(ripley, "{\"token_id\":", 400, null);
    String before = everything();
    Agent.Reply plain = ripley.send("POST", "api/table/move/", move(rook, 5, 6), Map.of("Content-Type", "text/plain"));
    assertEquals(415, plain.status(), plain.toString());
    assertEquals(before, everything());
  }

  @Test
  void aPlayerCannotLinkOrSwitchMovement() {
    assertEquals(403, ripley.post("api/gm/table/links/", "{\"username\":\"ripley\",\"token_id\":\"" + rook + "\"}")
        .status());
    assertEquals(403, ripley.post("api/gm/table/player-movement/", "{\"enabled\":true}").status());
    assertEquals(403, ripley.get("api/gm/table/links/").status());
    assertEquals(0, getJson("api/gm/table/links/").get("count").asInt());
    assertFalse(getJson("api/gm/active-view/").get("player_movement").asBoolean());
  }

  @Test
  void linkingAnUnknownAccountTokenOrCrewMemberIs404() {
    record Case(String body, int status, String field) {}
    for (Case c : List.of(
        new Case("{\"username\":\"nobody\",\"token_id\":\"" + rook + "\"}", 404, "username"),
        new Case("{\"username\":\"gm\",\"token_id\":\"" + rook + "\"}", 404, "username"),
        new Case("{\"username\":\"ripley\",\"token_id\":\"deadbeef\"}", 404, "token_id"),
        new Case("{\"username\":\"ripley\",\"crew_id\":\"bishop\"}", 404, "crew_id"),
        new Case("{\"username\":\"ripley\"}", 400, "token_id"),
        new Case("{\"username\":\"ripley\",\"token_id\":\"" + rook + "\",\"crew_id\":\"rook\"}", 400, "token_id"),
        new Case("{\"token_id\":\"" + rook + "\"}", 400, "username"))) {
      Agent.Reply r = gm().post("api/gm/table/links/", c.body());
      assertEquals(c.status(), r.status(), c + " " + r);
      assertEquals(c.field(), r.json().path("field").asText(), r.body());
    }
    assertEquals(0, getJson("api/gm/table/links/").get("count").asInt());
    assertEquals(404, gm().delete("api/gm/table/links/token/" + rook + "/").status());
  }

  @Test
  void theGmListsAndRemovesLinksAndAPlayerSeesOnlyTheirOwn() {
    link("ripley", rook);
    player("hicks");
    link("hicks", xeno);
    postOk("api/gm/table/links/", "{\"username\":\"Ripley\",\"crew_id\":\"rook\"}");
    assertEquals("[{\"username\":\"hicks\",\"token_id\":\"" + xeno + "\"},{\"username\":\"ripley\",\"crew_id\":\"rook\"},"
        + "{\"username\":\"ripley\",\"token_id\":\"" + rook + "\"}]", getJson("api/gm/table/links/").get("links").toString());
    JsonNode me = ripley.getJson("api/table/me/");
    assertEquals("[\"" + rook + "\"]", me.get("tokens").toString());
    assertEquals("[\"rook\"]", me.get("crew").toString());
    assertFalse(me.toString().contains(xeno) || me.toString().contains("hicks"), me.toString());
    assertEquals(200, gm().delete("api/gm/table/links/token/" + rook + "/").status());
    assertEquals("[]", ripley.getJson("api/table/me/").get("tokens").toString());
    assertEquals(401, agent().get("api/table/me/").status());
  }

  @Test
  void aTokenTheGmHidIsNotInThePlayersOwnList() {
    link("ripley", rook);
    postOk("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + rook + "\",\"add\":\"hidden\"}");
    assertEquals("[]", ripley.getJson("api/table/me/").get("tokens").toString());
  }

  @Test
  void aCrewLinkGivesThePlayerEveryTokenPlacedForThatCrewMember() {
    postOk("api/gm/table/links/", "{\"username\":\"ripley\",\"crew_id\":\"rook\"}");
    movement(true);
    // As the palette places it: the crew member's portrait (and name).
    String fromPalette = postOk("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Rook\",\"x\":20,"
        + "\"y\":20,\"image_url\":\"" + ROOK_PORTRAIT + "\"}").get("token_id").asText();
    ripley.postJson("api/table/move/", move(fromPalette, 21, 20));
    // A hand-made player token with the crew member's name is theirs too; a creature called Rook is not.
    String byName = postOk("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"rook\",\"x\":30,\"y\":30}")
        .get("token_id").asText();
    String creature = postOk("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Rook\",\"x\":40,"
        + "\"y\":40}").get("token_id").asText();
    ripley.postJson("api/table/move/", move(byName, 31, 30));
    refused(ripley, move(creature, 41, 40), 403, null);
    // A token linked by id to someone else is theirs, whatever its picture.
    player("hicks");
    link("hicks", fromPalette);
    refused(ripley, move(fromPalette, 22, 20), 403, null);
  }

  @Test
  void deletingThePlayerDropsTheirLinks() {
    link("ripley", rook);
    assertEquals(200, gm().delete("api/gm/players/ripley/").status());
    assertEquals(0, getJson("api/gm/table/links/").get("count").asInt());
    Agent again = player("ripley");
    movement(true);
    refused(again, move(rook, 5, 6), 403, null);
  }

  @Test
  void bothProjectionsCarryTheSwitchAndNeitherCarriesTheLinks() {
    link("ripley", rook);
    movement(true);
    JsonNode players = getJson("api/active-view/");
    JsonNode gmState = getJson("api/gm/active-view/");
    assertTrue(players.get("player_movement").asBoolean());
    assertTrue(gmState.get("player_movement").asBoolean());
    assertFalse(players.toString().contains("ripley") || gmState.toString().contains("ripley"),
        "who moves which token is read by REST, by the GM only");
  }
}
