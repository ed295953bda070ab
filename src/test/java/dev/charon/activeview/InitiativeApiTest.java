package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The turn order (gm/encounter/initiative/...): each write one version and one event per stream,
 * next/previous wrap, a removed token leaves the order, players see only the tokens they may see,
 * bad input is refused with nothing changed.
 */
class InitiativeApiTest extends ApiTestBase {
  private static final String P = "api/gm/encounter/initiative/";
  /** No turn order, as both projections say it. */
  private static final String NONE = "{\"order\":[],\"current\":-1}";
  private String a;
  private String b;
  private String c;

  @BeforeEach
  void threeTokensOnTheBridge() {
    enterShip();
    postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
    a = place("Ash", 2, 3);
    b = place("Bishop", 5, 6);
    c = place("Call", 3, 4);
  }

  private String place(String name, int x, int y) {
    return postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"" + name + "\",\"x\":" + x + ",\"y\":"
        + y + "}").get("token_id").asText();
  }

  private static String order(String... ids) {
    return "{\"order\":[" + String.join(",", List.of(ids).stream().map(id -> "\"" + id + "\"").toList()) + "]}";
  }

  private JsonNode initiative() {
    return getJson("api/gm/active-view/").get("initiative");
  }

  private static List<String> ids(JsonNode initiative) {
    List<String> out = new ArrayList<>();
    initiative.get("order").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void setNextPreviousClearAreEachOneVersionAndOneEventOnBothStreams() {
    try (SseClient players = new SseClient(uri("api/active-view/stream/"));
        SseClient gm = stream("api/gm/active-view/stream/")) {
      players.awaitOpen();
      long v = gm.lastVersion();
      assertEquals(NONE, players.state().get("initiative").toString(), "off at start");
      JsonNode set = postOk(P + "set/", order(b, a, c));
      assertEquals(v + 1, set.get("version").asLong());
      assertEquals(0, set.get("current").asInt());
      assertEquals(v + 2, postOk(P + "next/", "{}").get("version").asLong());
      assertEquals(v + 3, postOk(P + "previous/", "").get("version").asLong());
      assertEquals(v + 4, postOk(P + "next/", "{}").get("version").asLong());
      for (SseClient s : List.of(players, gm)) {
        s.awaitVersion(v + 4);
        assertEquals(List.of(b, a, c), ids(s.state().get("initiative")));
        assertEquals(1, s.state().get("initiative").get("current").asInt(), "the turn is Ash's");
        assertEquals(5, s.activeviewFrames().size(), "snapshot and one event per write");
      }
      assertEquals(v + 5, postOk(P + "clear/", "{}").get("version").asLong());
      assertEquals(v + 5, postOk(P + "clear/", "{}").get("version").asLong(), "clearing nothing is no new version");
      players.awaitVersion(v + 5);
      assertEquals(NONE, players.state().get("initiative").toString(), "off again");
    }
  }

  @Test
  void nextAndPreviousWrapAround() {
    postOk(P + "set/", order(a, b, c));
    assertEquals(2, postOk(P + "previous/", "{}").get("current").asInt(), "before the first comes the last");
    assertEquals(0, postOk(P + "next/", "{}").get("current").asInt(), "after the last comes the first");
  }

  @Test
  void aNewOrderKeepsTheTurnWithTheSameToken() {
    postOk(P + "set/", order(a, b));
    postOk(P + "next/", "{}");
    JsonNode again = postOk(P + "set/", order(c, a, b));
    assertEquals(2, again.get("current").asInt(), "still Bishop's turn");
    assertEquals(-1, postOk(P + "set/", "{\"order\":[]}").get("current").asInt(), "an empty order turns it off");
    assertEquals(NONE, initiative().toString());
  }

  @Test
  void removingATokenDropsItFromTheOrderAndTheTurnPassesOn() {
    postOk(P + "set/", order(a, b, c));
    postOk(P + "next/", "{}"); // Bishop's turn
    postOk("api/gm/encounter/remove-token/", "{\"token_id\":\"" + a + "\"}");
    assertEquals(List.of(b, c), ids(initiative()));
    assertEquals(0, initiative().get("current").asInt(), "still Bishop's turn, one place up");
    postOk("api/gm/encounter/remove-token/", "{\"token_id\":\"" + b + "\"}");
    assertEquals(List.of(c), ids(initiative()));
    assertEquals(0, initiative().get("current").asInt(), "the current one gone: the next one's turn");
    postOk("api/gm/encounter/clear-tokens/", "{}");
    assertEquals(NONE, initiative().toString(), "no token left, no order");
  }

  @Test
  void removingTheLastCurrentTokenWrapsToTheFirst() {
    postOk(P + "set/", order(a, b, c));
    postOk(P + "previous/", "{}"); // Call's turn, the last
    postOk("api/gm/encounter/remove-token/", "{\"token_id\":\"" + c + "\"}");
    assertEquals(List.of(a, b), ids(initiative()));
    assertEquals(0, initiative().get("current").asInt());
  }

  @Test
  void aNewLocationEndsTheOrder() {
    postOk(P + "set/", order(a, b, c));
    postOk("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"testship\",\"reset\":true}");
    assertEquals(NONE, initiative().toString(), "the tokens went with the old encounter");
  }

  @Test
  void playersSeeOnlyVisibleTokensAndNoCurrentWhileAHiddenOneActs() {
    String lurker = place("Lurker", 70, 5); // a hidden room
    try (SseClient players = new SseClient(uri("api/active-view/stream/"))) {
      players.awaitOpen();
      long v = postOk(P + "set/", order(a, lurker, b)).get("version").asLong();
      postOk("api/gm/encounter/update-token-status/", "{\"token_id\":\"" + b + "\",\"add\":\"hidden\"}");
      long last = postOk(P + "next/", "{}").get("version").asLong(); // the lurker's turn
      players.awaitVersion(last);
      JsonNode seen = players.state().get("initiative");
      assertEquals(List.of(a), ids(seen), "hidden room and hidden status left out");
      assertEquals(-1, seen.get("current").asInt(), "the turn of something unseen: no current");
      assertEquals(List.of(a, lurker, b), ids(initiative()), "the GM sees all");
      last = postOk(P + "next/", "{}").get("version").asLong();
      players.awaitVersion(last);
      assertEquals(-1, players.state().get("initiative").get("current").asInt(), "Bishop is hidden too");
      last = postOk(P + "next/", "{}").get("version").asLong();
      players.awaitVersion(last);
      assertEquals(0, players.state().get("initiative").get("current").asInt(), "Ash's turn");
      assertTrue(v < last);
      for (SseClient.Frame f : players.activeviewFrames()) {
        assertFalse(f.data().contains(lurker), "the hidden token's id on the player stream: " + f.data());
      }
      assertFalse(getJson("api/active-view/").toString().contains(lurker));
    }
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    refused(gm(), P + "next/", "{}", 409, null);
    refused(gm(), P + "previous/", "{}", 409, null);
    postOk(P + "set/", order(a, b));
    refused(gm(), P + "set/", order(a, "deadbeef"), 404, "order");
    refused(gm(), P + "set/", order(a, b, a), 400, "order");
    refused(gm(), P + "set/", "{}", 400, "order");
    refused(gm(), P + "set/", "{\"order\":\"" + a + "\"}", 400, "order");
    refused(gm(), P + "set/", "{\"order\":[1]}", 400, "order");
    refused(gm(), P + "set/", "{\"order\":[null]}", 400, "order");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(i % 2 == 0 ? a : b);
    }
    refused(gm(), P + "set/", order(many.toArray(String[]::new)), 400, "order");
    refused(gm(), P + "next/", "\"x\"", 400, null);
  }

  @Test
  void playersAndAnonymousCannotTouchTheOrder() {
    postOk(P + "set/", order(a, b));
    Agent ripley = player("ripley");
    for (String path : List.of("set/", "next/", "previous/", "clear/")) {
      refused(ripley, P + path, order(b, a), 403, null);
      refused(agent(), P + path, order(b, a), 401, null);
    }
  }

  @Test
  void aBatchCanStageTheOrderAndUndoTakesItBack() {
    long v = postOk("api/gm/batch/", "{\"actions\":[{\"action\":\"initiative/set\",\"body\":" + order(c, b) + "},"
        + "{\"action\":\"initiative/next\",\"body\":{}}]}").get("version").asLong();
    assertEquals(List.of(c, b), ids(initiative()));
    assertEquals(1, initiative().get("current").asInt());
    assertEquals(v + 1, postOk("api/gm/undo/", "{}").get("version").asLong());
    assertEquals(NONE, initiative().toString());
  }
}
