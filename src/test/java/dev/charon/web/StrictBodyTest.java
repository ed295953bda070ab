package dev.charon.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.TableSetups;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict reading of request bodies ({@link Body}), over every write endpoint of the API: JSON
 * with trailing garbage, an empty body where fields are required, {@code null} for any field, an
 * enum value padded or in the wrong case, a body that is not declared {@code application/json},
 * a duplicate key. Each must get a 400/415 JSON error (naming the field where there is one), and
 * leave everything as it was: the state and its version, messages, accounts and sessions; no
 * frame reaches a stream. Each endpoint's valid body is sent last and must still be accepted, as
 * the SPA sends it. {@link #everyWriteEndpointIsInTheTable} fails when a write is added without a row.
 */
class StrictBodyTest extends ApiTestBase {
  private static final String PLAYER = "pia";
  private static final String VICTIM = "victor";
  private static final String JSON_TYPE = "application/json";

  /**
   * One write endpoint.
   *
   * @param valid a body that is accepted and changes something (null: the endpoint takes no fields)
   * @param ok the status of the valid body
   * @param fields every field the endpoint reads: each is sent as null
   * @param exact the enum fields of {@code valid}: each is sent padded and in the other case
   * @param extra further bad bodies of this endpoint, each with the field the error must name
   * @param caller who sends the requests
   */
  record Endpoint(String method, String path, String valid, int ok, List<String> fields, List<String> exact,
      Map<String, String> extra, Consumer<StrictBodyTest> setup, Function<StrictBodyTest, Agent> caller) {
    boolean takesFields() {
      return valid != null;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** One bad request and what it must get. */
  record Bad(String name, String contentType, String body, int status, String field) {}

  String tokenId = "";
  String pendingId = "";
  Agent player;
  Agent anonymous;

  static Endpoint post(String path, String valid, List<String> fields, List<String> exact, Map<String, String> extra,
      Consumer<StrictBodyTest> setup) {
    return new Endpoint("POST", path, valid, 200, fields, exact, extra, setup, StrictBodyTest::gm);
  }

  static Endpoint noFields(String method, String path, int ok, Consumer<StrictBodyTest> setup,
      Function<StrictBodyTest, Agent> caller) {
    return new Endpoint(method, path, null, ok, List.of(), List.of(), Map.of(), setup, caller);
  }

  static Consumer<StrictBodyTest> none() {
    return t -> { };
  }

  static Consumer<StrictBodyTest> onShip() {
    return TableSetups::onShip;
  }

  static Consumer<StrictBodyTest> withToken() {
    return t -> t.tokenId = TableSetups.withToken(t);
  }

  /** Two tokens in a turn order (so next and previous change something). */
  static Consumer<StrictBodyTest> withOrder() {
    return t -> t.tokenId = TableSetups.withOrder(t);
  }

  static Consumer<StrictBodyTest> withLinkedToken() {
    return t -> {
      t.tokenId = TableSetups.withToken(t);
      t.postOk("api/gm/table/links/", "{\"username\":\"" + PLAYER + "\",\"token_id\":\"" + t.tokenId + "\"}");
    };
  }

  /** The player's token in a revealed room, with player movement on. */
  static Consumer<StrictBodyTest> withMovableToken() {
    return t -> {
      withLinkedToken().accept(t);
      t.postOk("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}");
      t.postOk("api/gm/table/player-movement/", "{\"enabled\":true}");
    };
  }

  static Consumer<StrictBodyTest> charonQuery() {
    return TableSetups::charonQuery;
  }

  static Consumer<StrictBodyTest> withDraft() {
    return t -> t.pendingId = TableSetups.withDraft(t);
  }

  static Consumer<StrictBodyTest> withMessage() {
    return TableSetups::withMessage;
  }

  static Consumer<StrictBodyTest> withOverlay() {
    return t -> t.postOk("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}");
  }

  static List<Endpoint> table() {
    List<Endpoint> t = new ArrayList<>();
    // The 17 state writes of the active view
    t.add(post("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}",
        List.of("view_type", "location_slug", "view_slug", "reset"), List.of("view_type"),
        Map.of("{\"location_slug\":\"\"}", "view_type"), onShip()));
    t.add(post("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}",
        List.of("location_slug", "terminal_slug"), List.of(),
        Map.of("{}", "location_slug", "{\"location_slug\":\"testship\"}", "terminal_slug"), none()));
    t.add(noFields("POST", "api/terminal/hide/", 200, withOverlay(), StrictBodyTest::gm));
    t.add(post("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}", List.of("mode"), List.of("mode"),
        Map.of("{}", "mode"), none()));
    t.add(post("api/gm/charon/location/", "{\"location_path\":\"sys/testship\"}", List.of("location_path"), List.of(),
        Map.of("{}", "location_path"), none()));
    t.add(post("api/gm/charon/toggle-dialog/", "{\"open\":true}", List.of("open"), List.of(), Map.of(), none()));
    t.add(post("api/gm/encounter/switch-level/", "{\"deck_id\":\"deck_b\"}", List.of("deck_id", "level"), List.of(),
        Map.of("{}", "deck_id"), onShip()));
    // Staged changes (each action's body is read by its endpoint's own code) and undo
    t.add(post("api/gm/batch/", "{\"actions\":[{\"action\":\"toggle-room\",\"body\":{\"room_id\":\"bridge\"}}]}",
        List.of("actions"), List.of(), Map.of("{}", "actions", "{\"actions\":[]}", "actions",
            "{\"actions\":[{\"action\":\"toggle-room\",\"body\":{\"room_id\":null}}]}", "actions[0].room_id",
            "{\"actions\":[{\"action\":\"toggle-room\",\"body\":{\"room_id\":\"bridge\",\"visible\":\"yes\"}}]}",
            "actions[0].visible"), onShip()));
    t.add(noFields("POST", "api/gm/undo/", 200, onShip(), StrictBodyTest::gm));
    t.add(post("api/gm/encounter/toggle-room/", "{\"room_id\":\"bridge\",\"visible\":true}",
        List.of("room_id", "visible"), List.of(), Map.of("{}", "room_id"), onShip()));
    t.add(post("api/gm/encounter/room-visibility/", "{\"room_visibility\":{\"cargo\":true}}",
        List.of("room_visibility", "all", "deck_id"), List.of(),
        Map.of("{}", "room_visibility", "{\"room_visibility\":{\"cargo\":null}}", "room_visibility"), onShip()));
    t.add(post("api/gm/encounter/set-door-status/", "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"LOCKED\"}",
        List.of("connection_id", "door_status"), List.of("door_status"),
        Map.of("{\"connection_id\":\"c_bridge_cargo\"}", "door_status",
            "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"\"}", "door_status"), onShip()));
    t.add(post("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"Xeno\",\"x\":70,\"y\":5}",
        List.of("type", "name", "x", "y", "image_url", "deck_id"), List.of("type"), Map.of(), onShip()));
    t.add(post("api/gm/encounter/move-token/", "{\"token_id\":\"%T\",\"x\":61,\"y\":4}",
        List.of("token_id", "x", "y", "deck_id"), List.of(), Map.of(), withToken()));
    t.add(post("api/gm/encounter/remove-token/", "{\"token_id\":\"%T\"}", List.of("token_id"), List.of(),
        Map.of("{}", "token_id"), withToken()));
    t.add(post("api/gm/encounter/update-token-status/", "{\"token_id\":\"%T\",\"add\":\"wounded\"}",
        List.of("token_id", "status", "add", "remove"), List.of("add"),
        Map.of("{\"token_id\":\"%T\",\"status\":[\" wounded \"]}", "status",
            "{\"token_id\":\"%T\",\"status\":[null]}", "status",
            "{\"token_id\":\"%T\",\"remove\":\"WOUNDED\"}", "remove"), withToken()));
    t.add(post("api/gm/encounter/clear-tokens/", "{}", List.of("deck_id"), List.of(), Map.of(), withToken()));
    t.add(post("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"vance\",\"visible\":true}",
        List.of("npc_id", "visible"), List.of(), Map.of("{}", "npc_id"), none()));
    t.add(post("api/gm/encounter/initiative/set/", "{\"order\":[\"%T\"]}", List.of("order"), List.of(),
        Map.of("{}", "order", "{\"order\":\"%T\"}", "order", "{\"order\":[\"%T\",\"%T\"]}", "order"), withToken()));
    t.add(noFields("POST", "api/gm/encounter/initiative/next/", 200, withOrder(), StrictBodyTest::gm));
    t.add(noFields("POST", "api/gm/encounter/initiative/previous/", 200, withOrder(), StrictBodyTest::gm));
    t.add(noFields("POST", "api/gm/encounter/initiative/clear/", 200, withOrder(), StrictBodyTest::gm));
    t.add(post("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"status\":\"DAMAGED\"}",
        List.of("system", "status", "condition", "info"), List.of("system", "status"),
        Map.of("{\"system\":\"engines\"}", "status", "{}", "system"), none()));
    // BRIDGE (the test campaign has no sessions: a well-formed log-visible is a 404)
    t.add(post("api/gm/bridge/navigate/", "{\"tab\":\"LOGS\",\"level\":\"galaxy\"}",
        List.of("tab", "level", "system", "body", "station"), List.of("tab", "level"), Map.of("{}", "tab"), none()));
    t.add(post("api/gm/bridge/explore/", "{\"enabled\":true}", List.of("enabled"), List.of(),
        Map.of("{}", "enabled"), none()));
    t.add(post("api/gm/bridge/npc-known/", "{\"npc_id\":\"vance\",\"known\":true}", List.of("npc_id", "known"),
        List.of(), Map.of("{}", "npc_id", "{\"npc_id\":\"vance\"}", "known"), none()));
    t.add(new Endpoint("POST", "api/gm/bridge/log-visible/", "{\"session\":\"session-001.md\",\"visible\":true}", 404,
        List.of("session", "visible"), List.of(), Map.of("{}", "session"), none(), StrictBodyTest::gm));
    t.add(new Endpoint("POST", "api/bridge/navigate/", "{\"tab\":\"LOGS\"}", 200,
        List.of("tab", "level", "system", "body", "station"), List.of("tab"), Map.of("{}", "tab"), t2 -> {
          t2.postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
          t2.postOk("api/gm/bridge/explore/", "{\"enabled\":true}");
        }, t2 -> t2.anonymous));
    // Messages
    t.add(post("api/gm/broadcast/", "{\"content\":\"Hull breach\",\"priority\":\"HIGH\"}",
        List.of("content", "sender", "priority", "recipients"), List.of("priority"),
        Map.of("{\"content\":\"Hull breach\",\"priority\":\"\"}", "priority", "{\"priority\":\"HIGH\"}", "content"),
        none()));
    t.add(new Endpoint("POST", "api/messages/read/", "{\"ids\":[%M]}", 200, List.of("ids"), List.of(),
        Map.of("{}", "ids"), withMessage(), t2 -> t2.player));
    t.add(post("api/gm/messages/import/", "{\"messages\":[{\"key\":\"0b0e9f55-7e69-4f7e-9d53-3c1f1c8c0a11\","
        + "\"content\":\"old\",\"created_at\":\"2183-07-01T08:00:00Z\"}]}",
        List.of("format", "format_version", "messages"), List.of(), Map.of("{}", "messages"), none()));
    // CHARON
    t.add(new Endpoint("POST", "api/charon/story/submit/", "{\"query\":\"hello?\"}", 202, List.of("query"), List.of(),
        Map.of("{}", "query"), charonQuery(), t2 -> t2.anonymous));
    t.add(new Endpoint("POST", "api/gm/charon/channels/", "{\"channel\":\"ops\"}", 201, List.of("channel"), List.of(),
        Map.of("{}", "channel", "{\"channel\":\"<b>\"}", "channel"), none(), StrictBodyTest::gm));
    t.add(post("api/gm/charon/active-channel/", "{\"channel\":\"bridge\"}", List.of("channel"), List.of(),
        Map.of("{}", "channel"), none()));
    t.add(post("api/gm/charon/story/send/", "{\"content\":\"NOMINAL.\"}", List.of("content", "reply_to"), List.of(),
        Map.of("{}", "content", "{\"content\":\" \"}", "content"), none()));
    t.add(new Endpoint("POST", "api/gm/charon/story/generate/", "{\"prompt\":\"report\"}", 202,
        List.of("prompt", "context_override", "query_id"), List.of(), Map.of("{}", "prompt"), none(), StrictBodyTest::gm));
    t.add(new Endpoint("POST", "api/gm/charon/story/regenerate/", "{\"pending_id\":\"%P\"}", 202,
        List.of("pending_id"), List.of(), Map.of("{}", "pending_id"), withDraft(), StrictBodyTest::gm));
    t.add(post("api/gm/charon/story/approve/", "{\"pending_id\":\"%P\"}", List.of("pending_id", "modified_content"),
        List.of(), Map.of("{}", "pending_id", "{\"pending_id\":\"%P\",\"modified_content\":\"  \"}", "modified_content"),
        withDraft()));
    t.add(post("api/gm/charon/story/reject/", "{\"pending_id\":\"%P\"}", List.of("pending_id"), List.of(),
        Map.of("{}", "pending_id"), withDraft()));
    t.add(noFields("POST", "api/gm/charon/story/mark-read/", 200, none(), StrictBodyTest::gm));
    t.add(noFields("POST", "api/gm/charon/story/clear/", 200, none(), StrictBodyTest::gm));
    // At the table
    t.add(post("api/gm/table/links/", "{\"username\":\"" + PLAYER + "\",\"token_id\":\"%T\"}",
        List.of("username", "token_id", "crew_id"), List.of(),
        Map.of("{}", "username", "{\"username\":\"" + PLAYER + "\"}", "token_id"), withToken()));
    t.add(noFields("DELETE", "api/gm/table/links/token/%T/", 200, withLinkedToken(), StrictBodyTest::gm));
    t.add(noFields("DELETE", "api/gm/table/links/crew/rook/", 404, none(), StrictBodyTest::gm));
    t.add(post("api/gm/table/player-movement/", "{\"enabled\":true}", List.of("enabled"), List.of(),
        Map.of("{}", "enabled"), none()));
    // Projector and legend
    t.add(post("api/gm/projector/",
        "{\"enabled\":true,\"location_slug\":\"a\",\"deck_id\":\"b\",\"x\":1,\"y\":2,\"width\":300,\"height\":200}",
        List.of("enabled", "location_slug", "deck_id", "x", "y", "width", "height"), List.of(),
        Map.of("{}", "enabled", "{\"enabled\":true}", "x", "{\"enabled\":true,\"x\":1,\"y\":2,\"width\":0,\"height\":2}",
            "width"), none()));
    t.add(post("api/gm/legend/", "{\"visible\":true}", List.of("visible"), List.of(), Map.of("{}", "visible"), none()));
    t.add(new Endpoint("POST", "api/table/move/", "{\"token_id\":\"%T\",\"x\":5,\"y\":6}", 200,
        List.of("token_id", "x", "y"), List.of(), Map.of("{}", "token_id", "{\"token_id\":\"%T\",\"x\":5}", "y"),
        withMovableToken(), t2 -> t2.player));
    // Accounts and sessions
    t.add(new Endpoint("POST", "api/gm/players/", "{\"username\":\"newbie\",\"password\":\"long enough\"}", 201,
        List.of("username", "password"), List.of(), Map.of(), none(), StrictBodyTest::gm));
    t.add(post("api/gm/players/" + VICTIM + "/password/", "{\"password\":\"another secret\"}", List.of("password"),
        List.of(), Map.of("{}", "password"), none()));
    t.add(noFields("DELETE", "api/gm/players/" + VICTIM + "/", 200, none(), StrictBodyTest::gm));
    t.add(new Endpoint("POST", "api/auth/login/", "{\"username\":\"" + VICTIM + "\",\"password\":\"" + VICTIM
        + "-password\"}", 200, List.of("username", "password"), List.of(), Map.of(), none(), t2 -> t2.anonymous));
    t.add(noFields("POST", "api/auth/logout/", 200, none(), t2 -> t2.player));
    // The test campaign is built in code: there is no folder to reload, so a readable request gets 409.
    t.add(noFields("POST", "api/gm/campaign/reload/", 409, none(), StrictBodyTest::gm));
    return t;
  }

  static Stream<Arguments> endpoints() {
    return table().stream().map(Arguments::of);
  }

  /** The bad requests for one endpoint, built from its valid body (ids filled in). */
  static List<Bad> badRequests(Endpoint e, String validBody) {
    List<Bad> bad = new ArrayList<>();
    String valid = e.takesFields() ? validBody : "{}";
    bad.add(new Bad("trailing garbage", JSON_TYPE, valid + " garbage", 400, null));
    bad.add(new Bad("a second object", JSON_TYPE, valid + " {}", 400, null));
    bad.add(new Bad("a trailing bracket", JSON_TYPE, valid + "}", 400, null));
    bad.add(new Bad("text/plain", "text/plain", valid, 415, null));
    bad.add(new Bad("text/plain, no body", "text/plain", "", 415, null));
    bad.add(new Bad("a form", "application/x-www-form-urlencoded", valid, 415, null));
    bad.add(new Bad("no Content-Type", null, valid, 415, null));
    bad.add(new Bad("JSON in Latin-1", "application/json; charset=ISO-8859-1", valid, 415, null));
    bad.add(new Bad("a malformed Content-Type", "application/", valid, 415, null));
    bad.add(new Bad("a malformed Content-Type, no body", "application/json; charset", "", 415, null));
    bad.add(new Bad("the literal null", JSON_TYPE, "null", 400, null));
    bad.add(new Bad("an array", JSON_TYPE, "[" + valid + "]", 400, null));
    bad.add(new Bad("only whitespace", JSON_TYPE, " \n", 400, null));
    if (!e.takesFields()) {
      bad.add(new Bad("not JSON", JSON_TYPE, "garbage", 400, null));
      if (e.method().equals(HttpMethod.DELETE)) {
        // The test container (Grizzly) refuses any DELETE with a payload itself, with a bare 400,
        // before the application sees it; Tomcat and Payara pass it on to Body.none.
        bad.removeIf(b -> !b.body().isEmpty());
      }
      return bad;
    }
    bad.add(new Bad("an empty body", JSON_TYPE, "", 400, null));
    bad.add(new Bad("an empty body without Content-Type", null, "", 400, null));
    for (String field : e.fields()) {
      ObjectNode body = object(valid);
      body.set(field, NullNode.instance);
      bad.add(new Bad(field + ": null", JSON_TYPE, body.toString(), 400, field));
    }
    ObjectNode parsed = object(valid);
    Iterator<String> names = parsed.fieldNames();
    if (names.hasNext()) {
      String first = names.next();
      String duplicate = "{\"" + first + "\":" + parsed.get(first) + "," + valid.substring(1);
      bad.add(new Bad("duplicate " + first, JSON_TYPE, duplicate, 400, first));
    }
    for (String field : e.exact()) {
      String value = parsed.get(field).textValue();
      String otherCase = value.equals(value.toUpperCase(Locale.ROOT))
          ? value.toLowerCase(Locale.ROOT) : value.toUpperCase(Locale.ROOT);
      String padded = object(valid).put(field, " " + value + " ").toString();
      bad.add(new Bad(field + " padded", JSON_TYPE, padded, 400, field));
      bad.add(new Bad(field + " in the other case", JSON_TYPE, object(valid).put(field, otherCase).toString(), 400,
          field));
    }
    e.extra().forEach((body, field) -> bad.add(new Bad(body, JSON_TYPE, body, 400, field)));
    return bad;
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }

  private void prepare(Endpoint e) {
    anonymous = agent();
    anonymous.get("api/health/"); // picks up a csrftoken, as the login page does
    player = player(PLAYER);
    player(VICTIM);
    e.setup().accept(this);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void badBodiesAreRefusedAndChangeNothing(Endpoint e) {
    prepare(e);
    Agent caller = e.caller().apply(this);
    try (SseClient gmStream = stream("api/gm/active-view/stream/")) {
      long before = charon.activeView().version();
      String fingerprint = fingerprint();
      List<Executable> checks = new ArrayList<>();
      for (Bad bad : badRequests(e, resolve(e.valid()))) {
        Agent.Reply r = send(caller, e, bad.contentType(), bad.body());
        String changed = fingerprint();
        checks.add(() -> {
          String what = e + " with " + bad.name() + ": " + r;
          assertEquals(bad.status(), r.status(), what);
          assertTrue(String.valueOf(r.header("Content-Type")).startsWith("application/json"), what);
          JsonNode error = r.json();
          assertTrue(error.hasNonNull("error"), what);
          assertEquals(bad.field(), error.path("field").asText(null), what);
          assertEquals(fingerprint, changed, what + " changed something");
        });
      }
      assertAll(e.toString(), checks);
      assertEquals(before, charon.activeView().version(), "no version was made");
      // The next accepted write is the very next version, and the stream saw nothing in between.
      long fence = postOk("api/gm/charon/toggle-dialog/", "{}").get("version").asLong();
      assertEquals(before + 1, fence);
      gmStream.awaitVersion(fence);
      assertEquals(List.of(before, fence), gmStream.versions, "no frame for a refused write");
    }
    // The body the SPA sends is still accepted.
    String spaBody = e.takesFields() ? e.valid() : e.method().equals("DELETE") ? null : "{}";
    Agent.Reply r = send(caller, e, spaBody == null ? null : JSON_TYPE, spaBody);
    assertEquals(e.ok(), r.status(), e + " with its valid body: " + r);
  }

  /** Hiding the overlay, logging out, ...: no body at all, an empty JSON body and {} all mean the same. */
  @Test
  void anEndpointWithoutFieldsTakesNoBodyAnEmptyBodyOrAnEmptyObject() {
    for (String[] form : new String[][] {{null, null}, {JSON_TYPE, ""}, {JSON_TYPE, "{}"},
        {"application/json; charset=UTF-8", "{\"ignored\":1}"}}) {
      withOverlay().accept(this);
      long before = charon.activeView().version();
      Agent.Reply r = send(gm(), noFields("POST", "api/terminal/hide/", 200, none(), StrictBodyTest::gm),
          form[0], form[1]);
      assertEquals(200, r.status(), String.join(" ", String.valueOf(form[0]), String.valueOf(form[1])) + ": " + r);
      assertEquals(before + 1, r.json().get("version").asLong());
    }
  }

  @Test
  void jsonWithAUtf8CharsetIsAccepted() {
    Agent.Reply r = send(gm(), table().get(0), "application/json;charset=utf-8", "{\"view_type\":\"BRIDGE\"}");
    assertEquals(200, r.status(), r.toString());
  }

  @Test
  void everyWriteEndpointIsInTheTable() {
    List<Endpoint> rows = table();
    TreeSet<String> missing = new TreeSet<>();
    for (Object resource : new CharonApplication(charon).getInstances()) {
      Path classPath = resource.getClass().getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : resource.getClass().getMethods()) {
        String http = httpMethod(method);
        if (http == null || http.equals(HttpMethod.GET) || http.equals(HttpMethod.HEAD)) {
          continue;
        }
        Path methodPath = method.getAnnotation(Path.class);
        String template = ("api/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()) + "/")
            .replaceAll("/+", "/");
        String regex = template.replaceAll("\\{[^}]+}", "[^/]+");
        if (rows.stream().noneMatch(r -> r.method().equals(http) && r.path().matches(regex))) {
          missing.add(http + " " + template);
        }
      }
    }
    assertEquals(new TreeSet<>(), missing, "write endpoints without a row in the strict-body table");
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

  private Agent.Reply send(Agent caller, Endpoint e, String contentType, String body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", contentType); // null: the agent sends none
    return caller.send(e.method(), resolve(e.path()), resolve(body), headers);
  }

  /** Fills in the ids the setup made: %T the token, %M the newest message. */
  private String resolve(String body) {
    return body == null ? null
        : body.replace("%T", tokenId).replace("%M", String.valueOf(lastMessageId())).replace("%P", pendingId);
  }

  /**
   * Everything a write could change: the GM's whole state (with its version), messages, accounts
   * and sessions (a new password ends the victim's session, so the count shows it).
   */
  private String fingerprint() {
    StringBuilder sb = new StringBuilder();
    sb.append(getJson("api/gm/active-view/")).append('|').append(charon.sessions().count()).append('|');
    charon.messages().export().forEach(m -> sb.append(m.key()).append(m.readBy()).append(','));
    charon.accounts().all().forEach(a -> sb.append(a.username()).append(','));
    sb.append('|').append(charon.tokenLinks().all());
    return sb.toString();
  }

  private long lastMessageId() {
    return charon.messages().export().stream().mapToLong(m -> m.id()).max().orElse(0);
  }
}
