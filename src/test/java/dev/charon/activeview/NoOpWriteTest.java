package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A write that changes nothing succeeds with the current version and pushes nothing: no version
 * is used and no screen gets a frame. Each case writes what the state already holds, then makes
 * one real change as a fence: the next frame every stream receives must be that change, with the
 * version right after the one held before the no-op.
 */
class NoOpWriteTest extends ApiTestBase {
  private static final String FENCE_PATH = "api/gm/charon/toggle-dialog/";

  record Case(String name, String path, String body, String answerKey, Consumer<NoOpWriteTest> setup) {
    @Override
    public String toString() {
      return name;
    }
  }

  String tokenId = "";

  static Stream<Arguments> noOps() {
    Consumer<NoOpWriteTest> none = t -> { };
    Consumer<NoOpWriteTest> onShip = NoOpWriteTest::enterShip;
    Consumer<NoOpWriteTest> withToken = t -> {
      t.enterShip();
      t.tokenId = t.postOk("api/gm/encounter/place-token/", "{\"type\":\"npc\",\"name\":\"Ash\",\"x\":2,\"y\":3}")
          .get("token_id").asText();
    };
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("hide when nothing is shown", "api/terminal/hide/", "{}", "success", none));
    cases.add(new Case("show the terminal on screen", "api/gm/show-terminal/",
        "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}", "overlay_terminal_slug",
        t -> t.postOk("api/gm/show-terminal/", "{\"location_slug\":\"testship\",\"terminal_slug\":\"ops\"}")));
    cases.add(new Case("switch to the view on screen", "api/gm/switch-view/",
        "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"testship\"}", "location_slug", onShip));
    cases.add(new Case("the current CHARON mode", "api/gm/charon/mode/", "{\"mode\":\"DISPLAY\"}", "mode", none));
    cases.add(new Case("the current CHARON location", "api/gm/charon/location/", "{\"location_path\":\"\"}",
        "location_path", none));
    cases.add(new Case("close the closed dialog", "api/gm/charon/toggle-dialog/", "{\"open\":false}",
        "charon_dialog_open", none));
    cases.add(new Case("the deck on screen", "api/gm/encounter/switch-level/", "{\"deck_id\":\"deck_a\"}", "deck_id",
        onShip));
    cases.add(new Case("hide a hidden room", "api/gm/encounter/toggle-room/",
        "{\"room_id\":\"bridge\",\"visible\":false}", "room_visibility", onShip));
    cases.add(new Case("hide all when all are hidden", "api/gm/encounter/room-visibility/", "{\"all\":false}",
        "room_visibility", onShip));
    cases.add(new Case("a door to its status", "api/gm/encounter/set-door-status/",
        "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"OPEN\"}", "all_door_status", t -> {
          t.enterShip();
          t.postOk("api/gm/encounter/set-door-status/",
              "{\"connection_id\":\"c_bridge_cargo\",\"door_status\":\"OPEN\"}");
        }));
    cases.add(new Case("a token to its own cell", "api/gm/encounter/move-token/",
        "{\"token_id\":\"%T\",\"x\":2,\"y\":3}", "token", withToken));
    cases.add(new Case("remove a status the token lacks", "api/gm/encounter/update-token-status/",
        "{\"token_id\":\"%T\",\"remove\":\"dead\"}", "token", withToken));
    cases.add(new Case("clear when there are no tokens", "api/gm/encounter/clear-tokens/", "{}", "tokens", onShip));
    cases.add(new Case("show a shown portrait", "api/gm/encounter/toggle-portrait/",
        "{\"npc_id\":\"vance\",\"visible\":true}", "active_portraits",
        t -> t.postOk("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"vance\",\"visible\":true}")));
    cases.add(new Case("a ship system to its override", "api/gm/ship-status/toggle/",
        "{\"system\":\"engines\",\"status\":\"DAMAGED\"}", "override",
        t -> t.postOk("api/gm/ship-status/toggle/", "{\"system\":\"engines\",\"status\":\"DAMAGED\"}")));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noOps")
  void aWriteThatChangesNothingAnswersTheCurrentVersionAndPushesNothing(Case c) {
    c.setup().accept(this);
    try (SseClient gm = stream("api/gm/active-view/stream/");
        SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      player.awaitOpen();
      long before = gm.lastVersion();
      assertEquals(before, player.lastVersion());
      JsonNode answer = postOk(c.path(), c.body().replace("%T", tokenId));
      assertEquals(true, answer.get("success").asBoolean(), answer.toString());
      assertEquals(before, answer.get("version").asLong(), "the version that already holds it: " + answer);
      assertTrue(answer.has(c.answerKey()), "the answer still carries its details: " + answer);
      assertEquals(before, getJson("api/gm/active-view/").get("version").asLong());
      assertOnlyTheFenceFollows(before, gm, player);
    }
  }

  /** A shared terminal closing an overlay that is already closed, over and over (measured: 3,000 events). */
  @Test
  void aScreenRepeatingHideMakesNoVersions() {
    Agent screen = agent();
    screen.get("api/auth/me/"); // the CSRF cookie, as a page load gets it
    try (SseClient gm = stream("api/gm/active-view/stream/");
        SseClient player = new SseClient(uri("api/active-view/stream/"))) {
      player.awaitOpen();
      long before = gm.lastVersion();
      // As many as one address may send in a window (security.Throttle limits public writes).
      for (int i = 0; i < dev.charon.security.SecurityFilter.MAX_PUBLIC_WRITES_PER_WINDOW; i++) {
        Agent.Reply r = screen.post("api/terminal/hide/", "{}");
        assertEquals(200, r.status(), r.toString());
        assertEquals(before, r.json().get("version").asLong(), r.toString());
      }
      assertOnlyTheFenceFollows(before, gm, player);
    }
  }

  /** Makes one real change and checks it is the only frame each stream got after its snapshot. */
  private void assertOnlyTheFenceFollows(long before, SseClient... streams) {
    JsonNode fence = postOk(FENCE_PATH, "{}");
    assertEquals(before + 1, fence.get("version").asLong(), "the no-op used no version");
    for (SseClient s : streams) {
      s.awaitVersion(before + 1);
      List<SseClient.Frame> frames = s.activeviewFrames();
      assertEquals(2, frames.size(), "the snapshot, then only the fence: " + frames);
      assertEquals(Long.toString(before + 1), frames.get(1).id());
      try {
        JsonNode data = JSON.readTree(frames.get(1).data());
        assertEquals(before, data.get("base").asLong());
        Set<String> changed = new TreeSet<>();
        data.get("patch").fieldNames().forEachRemaining(changed::add);
        assertEquals(Set.of("charon_dialog_open"), changed, "the fence's change: " + data);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
