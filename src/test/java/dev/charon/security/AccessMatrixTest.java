package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.TableSetups;
import dev.charon.testing.TestCampaigns;
import dev.charon.web.CharonApplication;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the API, called without a session, as a player, as the GM, and cross-site
 * (no CSRF header; a foreign Origin; a wrong token), with the exact status each must get. A
 * refused write must leave everything as it was: state version, messages, accounts, sessions.
 * {@link #everyResourceMethodIsInTheMatrix} fails when someone adds an endpoint and not a row.
 */
class AccessMatrixTest extends ApiTestBase {
  private static final String PLAYER = "pia";
  private static final String VICTIM = "victor";

  /** One row: how the endpoint is called, who may, and the status of a permitted call. */
  record Endpoint(String method, String path, String body, Access access, int ok, Consumer<AccessMatrixTest> setup) {
    boolean write() {
      return !method.equals("GET");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  String tokenId = "";
  String pendingId = "";

  static Consumer<AccessMatrixTest> none() {
    return t -> { };
  }

  static Consumer<AccessMatrixTest> onShip() {
    return TableSetups::onShip;
  }

  static Consumer<AccessMatrixTest> withToken() {
    return t -> t.tokenId = TableSetups.withToken(t);
  }

  /** Two tokens in a turn order (so next and previous change something). */
  static Consumer<AccessMatrixTest> withOrder() {
    return t -> t.tokenId = TableSetups.withOrder(t);
  }

  static Consumer<AccessMatrixTest> withLinkedToken() {
    return t -> {
      t.tokenId = TableSetups.withToken(t);
      t.postOk("api/gm/table/links/", "{\"username\":\"" + PLAYER + "\",\"token_id\":\"" + t.tokenId + "\"}");
    };
  }

  /** The player's token in a revealed room, with player movement on. */
  static Consumer<AccessMatrixTest> withMovableToken() {
    return t -> {
      withLinkedToken().accept(t);
      t.postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
      t.postOk("api/gm/table/player-movement/", "{\"enabled\":true}");
    };
  }

  static Consumer<AccessMatrixTest> charonQuery() {
    return TableSetups::charonQuery;
  }

  static Consumer<AccessMatrixTest> withDraft() {
    return t -> t.pendingId = TableSetups.withDraft(t);
  }

  static Consumer<AccessMatrixTest> withMessage() {
    return TableSetups::withMessage;
  }

  static List<Endpoint> matrix() {
    List<Endpoint> m = new ArrayList<>();
    // Reads
    m.add(new Endpoint("GET", "api/health/", null, Access.PUBLIC, 200, none()));
    m.add(new Endpoint("GET", "api/active-view/", null, Access.PUBLIC, 200, none()));
    m.add(new Endpoint("GET", "api/gm/active-view/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/encounter/room-visibility/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/messages/", null, Access.ANYONE_OR_USER, 200, withMessage()));
    m.add(new Endpoint("GET", "api/gm/players/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/messages/export/", null, Access.GM, 200, withMessage()));
    // Campaign data (the test campaign is built in code: no image files, no folder to reload)
    m.add(new Endpoint("GET", "api/gm/locations/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/encounter-map/testship/", null, Access.PUBLIC, 200, onShip()));
    m.add(new Endpoint("GET", "api/gm/encounter-map/testship/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/encounter-map/testship/all-decks/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/encounter/token-images/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/terminal/testship/ops/", null, Access.PUBLIC, 200, t -> t.postOk(
        "api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}")));
    m.add(new Endpoint("GET", "api/gm/terminal/testship/ops/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/ship-status/", null, Access.PUBLIC, 200, none()));
    m.add(new Endpoint("GET", "api/campaign/images/campaign/NPCs/images/none.png", null, Access.PUBLIC, 404, none()));
    m.add(new Endpoint("GET", "api/gm/campaign/problems/", null, Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/campaign/reload/", "", Access.GM, 409, none()));
    // BRIDGE (the test campaign has no maps, no sessions: 404 is the permitted answer there)
    m.add(new Endpoint("GET", "api/star-map/", null, Access.PUBLIC, 404, none()));
    m.add(new Endpoint("GET", "api/system-map/sys/", null, Access.PUBLIC, 404, none()));
    m.add(new Endpoint("GET", "api/orbit-map/sys/testship/", null, Access.PUBLIC, 404, none()));
    m.add(new Endpoint("GET", "api/bridge/personnel/", null, Access.PUBLIC, 200, none()));
    m.add(new Endpoint("GET", "api/bridge/logs/", null, Access.PUBLIC, 200, none()));
    m.add(new Endpoint("GET", "api/gm/bridge/personnel/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/bridge/logs/", null, Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/bridge/npc-known/", "{\"npc_id\":\"vance\",\"known\":true}", Access.GM, 200,
        none()));
    m.add(new Endpoint("POST", "api/gm/bridge/log-visible/", "{\"session\":\"session-001.md\",\"visible\":true}",
        Access.GM, 404, none()));
    m.add(new Endpoint("POST", "api/gm/bridge/navigate/", "{\"tab\":\"LOGS\"}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/bridge/explore/", "{\"enabled\":true}", Access.GM, 200, none()));
    // Public, but only while the GM lets the players explore (here: not, so 409).
    m.add(new Endpoint("POST", "api/bridge/navigate/", "{\"tab\":\"LOGS\"}", Access.PUBLIC, 409, none()));
    // The 17 state writes of the active view
    m.add(new Endpoint("POST", "api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}",
        Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/terminal/hide/", "", Access.PUBLIC, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/mode/", "{\"mode\":\"QUERY\"}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/location/", "{\"location_path\":\"sys/testship\"}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/toggle-dialog/", "{}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/encounter/switch-level/", "{\"deck_id\":\"deck_b\"}", Access.GM, 200, onShip()));
    m.add(new Endpoint("POST", "api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\"}", Access.GM, 200, onShip()));
    m.add(new Endpoint("POST", "api/gm/encounter/room-visibility/", "{\"room_visibility\":{\"cargo\":true}}",
        Access.GM, 200, onShip()));
    m.add(new Endpoint("POST", "api/gm/encounter/set-door-status/",
        "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"OPEN\"}", Access.GM, 200, onShip()));
    m.add(new Endpoint("POST", "api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Xeno\",\"x\":70,\"y\":5}",
        Access.GM, 200, onShip()));
    m.add(new Endpoint("POST", "api/gm/encounter/move-token/", "{\"token_id\":\"%T\",\"x\":61,\"y\":4}", Access.GM, 200,
        withToken()));
    m.add(new Endpoint("POST", "api/gm/encounter/remove-token/", "{\"token_id\":\"%T\"}", Access.GM, 200, withToken()));
    m.add(new Endpoint("POST", "api/gm/encounter/update-token-status/", "{\"token_id\":\"%T\",\"add\":\"wounded\"}",
        Access.GM, 200, withToken()));
    m.add(new Endpoint("POST", "api/gm/encounter/clear-tokens/", "{}", Access.GM, 200, withToken()));
    // Staged changes as one batch, and undo (entering the ship is the step undone)
    m.add(new Endpoint("POST", "api/gm/batch/",
        "{\"actions\":[{\"action\":\"toggle-room\",\"body\":{\"room_id\":\"bridge\"}}]}", Access.GM, 200, onShip()));
    m.add(new Endpoint("GET", "api/gm/undo/", null, Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/undo/", "{}", Access.GM, 200, onShip()));
    m.add(new Endpoint("POST", "api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"vance\"}", Access.GM, 200, none()));
    // The turn order
    m.add(new Endpoint("POST", "api/gm/encounter/initiative/set/", "{\"order\":[\"%T\"]}", Access.GM, 200, withToken()));
    m.add(new Endpoint("POST", "api/gm/encounter/initiative/next/", "{}", Access.GM, 200, withOrder()));
    m.add(new Endpoint("POST", "api/gm/encounter/initiative/previous/", "{}", Access.GM, 200, withOrder()));
    m.add(new Endpoint("POST", "api/gm/encounter/initiative/clear/", "{}", Access.GM, 200, withOrder()));
    m.add(new Endpoint("POST", "api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"status\":\"DAMAGED\"}",
        Access.GM, 200, none()));
    // Messages
    m.add(new Endpoint("POST", "api/gm/broadcast/", "{\"content\":\"Hull breach on deck 2\"}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/messages/read/", "{\"ids\":[%M]}", Access.PLAYER, 200, withMessage()));
    m.add(new Endpoint("POST", "api/gm/messages/import/",
        "{\"messages\":[{\"key\":\"0b0e9f55-7e69-4f7e-9d53-3c1f1c8c0a11\",\"content\":\"old\",\"created_at\":\"2183-07-01T08:00:00Z\"}]}",
        Access.GM, 200, none()));
    // CHARON: the terminal reads the channel on screen and asks in QUERY mode; the rest is the GM's
    m.add(new Endpoint("GET", "api/charon/story/conversation/", null, Access.PUBLIC, 200, charonQuery()));
    m.add(new Endpoint("POST", "api/charon/story/submit/", "{\"query\":\"hello?\"}", Access.PUBLIC, 202, charonQuery()));
    m.add(new Endpoint("GET", "api/gm/charon/channels/", null, Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/channels/", "{\"channel\":\"ops\"}", Access.GM, 201, none()));
    m.add(new Endpoint("POST", "api/gm/charon/active-channel/", "{\"channel\":\"bridge\"}", Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/charon/story/conversation/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/charon/story/pending/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/gm/charon/story/export/", null, Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/story/send/", "{\"content\":\"NOMINAL.\"}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/story/generate/", "{\"prompt\":\"report\"}", Access.GM, 202, none()));
    m.add(new Endpoint("POST", "api/gm/charon/story/regenerate/", "{\"pending_id\":\"%P\"}", Access.GM, 202,
        withDraft()));
    m.add(new Endpoint("POST", "api/gm/charon/story/approve/", "{\"pending_id\":\"%P\"}", Access.GM, 200, withDraft()));
    m.add(new Endpoint("POST", "api/gm/charon/story/reject/", "{\"pending_id\":\"%P\"}", Access.GM, 200, withDraft()));
    m.add(new Endpoint("POST", "api/gm/charon/story/mark-read/", "", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/charon/story/clear/", "", Access.GM, 200, none()));
    // At the table: the GM links players to tokens and lets them move; a player moves their own.
    m.add(new Endpoint("GET", "api/gm/table/links/", null, Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/table/links/", "{\"username\":\"" + PLAYER + "\",\"token_id\":\"%T\"}",
        Access.GM, 200, withToken()));
    m.add(new Endpoint("DELETE", "api/gm/table/links/token/%T/", null, Access.GM, 200, withLinkedToken()));
    m.add(new Endpoint("DELETE", "api/gm/table/links/crew/rook/", null, Access.GM, 404, none()));
    m.add(new Endpoint("POST", "api/gm/table/player-movement/", "{\"enabled\":true}", Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/projector/", "{\"enabled\":true,\"x\":1,\"y\":2,\"width\":300,\"height\":200}",
        Access.GM, 200, none()));
    m.add(new Endpoint("POST", "api/gm/legend/", "{\"visible\":true}", Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/table/me/", null, Access.PLAYER, 200, none()));
    // The token is the player's and movement is on; the GM has no tokens of their own (403).
    m.add(new Endpoint("POST", "api/table/move/", "{\"token_id\":\"%T\",\"x\":5,\"y\":6}", Access.PLAYER, 200,
        withMovableToken()));
    // Accounts
    m.add(new Endpoint("POST", "api/gm/players/", "{\"username\":\"newbie\",\"password\":\"long enough\"}", Access.GM, 201,
        none()));
    m.add(new Endpoint("POST", "api/gm/players/" + VICTIM + "/password/", "{\"password\":\"another secret\"}", Access.GM,
        200, none()));
    m.add(new Endpoint("DELETE", "api/gm/players/" + VICTIM + "/", null, Access.GM, 200, none()));
    m.add(new Endpoint("GET", "api/auth/me/", null, Access.PUBLIC, 200, none()));
    m.add(new Endpoint("POST", "api/auth/login/", "{\"username\":\"" + VICTIM + "\",\"password\":\"" + VICTIM + "-password\"}",
        Access.PUBLIC, 200, none()));
    m.add(new Endpoint("POST", "api/auth/logout/", "", Access.PUBLIC, 200, none()));
    return m;
  }

  static Stream<Arguments> endpoints() {
    return matrix().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void exactStatusForEveryCaller(Endpoint e) {
    Agent anonymous = agent();
    anonymous.get("api/health/"); // picks up a csrftoken: "anonymous" still carries the CSRF proof
    Agent player = player(PLAYER);
    player(VICTIM);
    e.setup().accept(this);
    String body = e.body() == null ? null
        : e.body().replace("%T", tokenId).replace("%M", String.valueOf(lastMessageId())).replace("%P", pendingId);

    Map<String, Integer> expected = new HashMap<>();
    Map<String, Integer> actual = new HashMap<>();
    boolean needsSession = e.access() == Access.GM || e.access() == Access.PLAYER;
    // "Who am I" is public but has no answer for nobody.
    int anonymousOk = e.path().equals("api/auth/me/") ? 401 : e.ok();
    check("anonymous", needsSession ? 401 : anonymousOk, anonymous, e, body, Map.of(), expected, actual);
    check("player", e.access() == Access.GM ? 403 : e.ok(), player, e, body, Map.of(), expected, actual);
    if (e.write()) {
      Map<String, String> noHeader = new HashMap<>();
      noHeader.put("X-CSRFToken", null);
      check("gm without X-CSRFToken", 403, gm(), e, body, noHeader, expected, actual);
      check("gm with a foreign Origin", 403, gm(), e, body, Map.of("Origin", "http://evil.example"), expected, actual);
      check("gm with a wrong token", 403, gm(), e, body, Map.of("X-CSRFToken", "x".repeat(43)), expected, actual);
      check("gm cross-site fetch", 403, gm(), e, body, Map.of("Sec-Fetch-Site", "cross-site"), expected, actual);
      check("anonymous without X-CSRFToken", needsSession ? 401 : 403, anonymous, e, body, noHeader, expected, actual);
      // A player's move: the GM may call it, but no token is the GM's own (they move tokens as the GM).
      int gmOk = e.path().equals("api/table/move/") ? 403 : e.ok();
      check("gm with its own Origin", gmOk, gm(), e, body,
          Map.of("Origin", getBaseUri().toString().replaceAll("/$", "")), expected, actual);
    } else {
      check("gm", e.ok(), gm(), e, body, Map.of(), expected, actual);
    }
    assertEquals(expected, actual, e.toString());
  }

  private void check(String who, int status, Agent agent, Endpoint e, String body, Map<String, String> headers,
      Map<String, Integer> expected, Map<String, Integer> actual) {
    String before = fingerprint();
    Agent.Reply r = agent.send(e.method(), e.path().replace("%T", tokenId), body, headers);
    expected.put(who, status);
    actual.put(who, r.status());
    assertTrue(r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/json"),
        who + ": JSON, never HTML or a redirect: " + r);
    if (r.status() == 401 || r.status() == 403) {
      assertTrue(r.json().has("error"), r.body());
      assertEquals(before, fingerprint(), who + " was refused but something changed");
    }
  }

  /** Everything a write could change. */
  private String fingerprint() {
    StringBuilder sb = new StringBuilder();
    sb.append(charon.activeView().version()).append('|').append(charon.sessions().count()).append('|');
    charon.messages().export().forEach(m -> sb.append(m.key()).append(m.readBy()).append(','));
    charon.accounts().all().forEach(a -> sb.append(a.username).append(a.passwordHash).append(','));
    sb.append('|').append(charon.tokenLinks().all());
    return sb.toString();
  }

  private long lastMessageId() {
    return charon.messages().export().stream().mapToLong(m -> m.id()).max().orElse(0);
  }

  @Test
  void everyResourceMethodIsInTheMatrix() {
    List<Endpoint> rows = matrix();
    TreeSet<String> missing = new TreeSet<>();
    for (Object resource : new CharonApplication(charon).getInstances()) {
      Path classPath = resource.getClass().getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : resource.getClass().getMethods()) {
        String http = httpMethod(method);
        if (http == null) {
          continue;
        }
        Path methodPath = method.getAnnotation(Path.class);
        String template = ("api/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()) + "/")
            .replaceAll("/+", "/");
        // {name: regex} templates (the image path) match several segments; the last slash is optional.
        String regex = template.replaceAll("\\{[^}:]+:[^}]+}", ".+").replaceAll("\\{[^}]+}", "[^/]+") + "?";
        boolean covered = rows.stream().anyMatch(r -> r.method().equals(http) && r.path().matches(regex))
            || template.endsWith("stream/"); // streams: StreamAccessTest
        if (!covered) {
          missing.add(http + " " + template);
        }
      }
    }
    assertEquals(new TreeSet<>(), missing, "endpoints without a row in the access matrix");
  }

  private static String httpMethod(Method m) {
    for (var a : m.getAnnotations()) {
      HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
      if (h != null) {
        return h.value();
      }
    }
    return null;
  }

}
