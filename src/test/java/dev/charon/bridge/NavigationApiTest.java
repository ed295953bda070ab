package dev.charon.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.Fixture;
import dev.charon.security.AccessTable;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The BRIDGE navigation is shared state: the GM's choice of tab, level and selection reaches every
 * screen, checked against the campaign's maps; the shared terminal may navigate only while the GM
 * lets the players explore, and then the GM sees what the table sees.
 */
class NavigationApiTest extends ApiTestBase {
  @Override
  protected Campaign campaign() {
    return Fixture.campaign();
  }

  private static String map(JsonNode state) {
    JsonNode m = state.get("bridge_map");
    return state.get("bridge_tab").asText() + " " + m.get("level").asText() + " " + m.get("system").asText() + "/"
        + m.get("body").asText() + "/" + m.get("station").asText() + (state.get("bridge_explore").asBoolean()
        ? " explore" : "");
  }

  private String navigate(String body) {
    postOk("api/gm/bridge/navigate/", body);
    return map(getJson("api/active-view/"));
  }

  @Test
  void bothProjectionsStartAtTheGalaxyOnTheMapTab() {
    assertEquals("MAP galaxy //", map(getJson("api/active-view/")));
    assertEquals(map(getJson("api/active-view/")), map(getJson("api/gm/active-view/")));
  }

  @Test
  void theGmDivesAndClimbsAndEveryScreenFollows() {
    try (SseClient player = new SseClient(uri("api/active-view/stream/")); SseClient gm = stream("api/gm/active-view/stream/")) {
      player.awaitOpen();
      assertEquals("MAP galaxy sol//", navigate("{\"system\":\"sol\"}"));
      assertEquals("MAP system sol//", navigate("{\"level\":\"system\"}"));
      assertEquals("MAP system sol/earth/", navigate("{\"body\":\"earth\"}"));
      assertEquals("MAP orbit sol/earth/", navigate("{\"level\":\"orbit\"}"));
      assertEquals("MAP orbit sol/earth/luna", navigate("{\"station\":\"luna\"}"));
      assertEquals("MAP orbit sol/earth/research-base-alpha", navigate("{\"station\":\"research-base-alpha\"}"));
      assertEquals("MAP orbit sol/earth/", navigate("{\"station\":\"\"}"));
      assertEquals("MAP orbit sol/saturn/", navigate("{\"body\":\"saturn\"}"));
      assertEquals("MAP system sol/saturn/", navigate("{\"level\":\"system\"}"), "back: the body stays selected");
      assertEquals("MAP galaxy sol//", navigate("{\"level\":\"galaxy\"}"), "back: the system stays selected");
      assertEquals("MAP system tau-ceti/tau-ceti-f/", navigate("{\"level\":\"system\",\"system\":\"tau-ceti\","
          + "\"body\":\"tau-ceti-f\"}"));
      assertEquals("MAP orbit tau-ceti/tau-ceti-e/selene", navigate("{\"level\":\"orbit\",\"body\":\"tau-ceti-e\","
          + "\"station\":\"selene\"}"));
      assertEquals("LOGS orbit tau-ceti/tau-ceti-e/selene", navigate("{\"tab\":\"LOGS\"}"));
      long version = charon.activeView().version();
      player.awaitVersion(version);
      gm.awaitVersion(version);
      assertEquals("LOGS orbit tau-ceti/tau-ceti-e/selene", map(player.state()));
      assertEquals(map(player.state()), map(gm.state()), "the GM sees what the table sees");
      assertEquals("LOGS galaxy kepler-442//", navigate("{\"level\":\"galaxy\",\"system\":\"kepler-442\"}"),
          "a system without a map can be selected on the star map");
      assertEquals("LOGS galaxy distant-star-1//", navigate("{\"system\":\"distant-star-1\"}"));
    }
  }

  @Test
  void aSelectionTheMapsDoNotHaveIsRefusedWithItsFieldAndChangesNothing() {
    navigate("{\"level\":\"system\",\"system\":\"sol\",\"body\":\"earth\"}");
    long version = charon.activeView().version();
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{}", "400 tab");
    cases.put("{\"tab\":\"map\"}", "400 tab");
    cases.put("{\"tab\":\"BRIDGE\"}", "400 tab");
    cases.put("{\"level\":\"planet\"}", "400 level");
    cases.put("{\"level\":\"System\"}", "400 level");
    cases.put("{\"system\":5}", "400 system");
    cases.put("{\"station\":null}", "400 station");
    cases.put("{\"system\":\"nowhere\"}", "404 system");
    cases.put("{\"level\":\"system\",\"system\":\"\"}", "400 system");
    cases.put("{\"level\":\"system\",\"system\":\"kepler-442\"}", "404 system");
    cases.put("{\"level\":\"system\",\"system\":\"lv-426\"}", "404 system");
    cases.put("{\"level\":\"orbit\",\"body\":\"\"}", "400 body");
    cases.put("{\"level\":\"orbit\",\"body\":\"mars\"}", "404 body");
    cases.put("{\"level\":\"orbit\",\"body\":\"jupiter\"}", "404 body");
    cases.put("{\"body\":\"tau-ceti-e\"}", "400 body");
    cases.put("{\"body\":\"luna\"}", "404 body");
    cases.put("{\"body\":\"nothing\"}", "404 body");
    cases.put("{\"level\":\"galaxy\",\"body\":\"earth\"}", "400 body");
    cases.put("{\"station\":\"luna\"}", "400 station");
    cases.put("{\"level\":\"orbit\",\"station\":\"titan\"}", "404 station");
    cases.put("{\"level\":\"orbit\",\"station\":\"" + "x".repeat(201) + "\"}", "400 station");
    cases.put("{\"system\":\"sol\\u0000\"}", "400 system");
    cases.forEach((body, expected) -> {
      Agent.Reply r = gm().post("api/gm/bridge/navigate/", body);
      assertEquals(expected, r.status() + " " + r.json().path("field").asText(), body + " -> " + r);
      assertTrue(r.json().has("error"));
    });
    assertEquals(version, charon.activeView().version(), "no refused request made a version");
    assertEquals("MAP system sol/earth/", map(getJson("api/active-view/")));
  }

  @Test
  void theSharedTerminalNavigatesOnlyWhileTheGmLetsThePlayersExplore() {
    Agent terminal = agent();
    terminal.get("api/active-view/"); // the CSRF cookie, as the SPA gets it
    String select = "{\"system\":\"tau-ceti\"}";
    assertEquals(409, terminal.post("api/bridge/navigate/", select).status(), "explore is off");
    postOk("api/gm/bridge/explore/", "{\"enabled\":true}");
    assertEquals(409, terminal.post("api/bridge/navigate/", select).status(), "BRIDGE is not on screen");
    postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
    try (SseClient gm = stream("api/gm/active-view/stream/")) {
      Agent.Reply r = terminal.post("api/bridge/navigate/", select);
      assertEquals(200, r.status(), r.toString());
      gm.awaitVersion(r.json().get("version").asLong());
      assertEquals("MAP galaxy tau-ceti// explore", map(gm.state()), "the GM console shows what the players chose");
    }
    Agent.Reply unknown = terminal.post("api/bridge/navigate/", "{\"system\":\"nowhere\"}");
    assertEquals("404 system", unknown.status() + " " + unknown.json().path("field").asText());
    assertEquals(403, terminal.send("POST", "api/bridge/navigate/", select, Map.of("Origin", "http://evil.example"))
        .status(), "a public write still needs the CSRF proof");
    assertTrue(AccessTable.rateLimitedPerAddress("POST", "bridge/navigate/"), "rate-limited like other public writes");
    assertEquals(401, terminal.post("api/gm/bridge/navigate/", select).status(), "the GM's route stays the GM's");
    assertEquals(401, terminal.post("api/gm/bridge/explore/", "{\"enabled\":true}").status());
    postOk("api/gm/bridge/explore/", "{\"enabled\":false}");
    assertEquals(409, terminal.post("api/bridge/navigate/", "{\"system\":\"sol\"}").status());
    assertEquals("MAP galaxy tau-ceti//", map(getJson("api/active-view/")));
    assertEquals(400, gm().post("api/gm/bridge/explore/", "{}").status());
    assertEquals(400, gm().post("api/gm/bridge/explore/", "{\"enabled\":\"yes\"}").status());
  }

  @Test
  void aRepeatedNavigationIsANoOpWithoutAnEvent() {
    long v = postOk("api/gm/bridge/navigate/", "{\"tab\":\"STATUS\"}").get("version").asLong();
    assertEquals(v, postOk("api/gm/bridge/navigate/", "{\"tab\":\"STATUS\"}").get("version").asLong());
    JsonNode answer = postOk("api/gm/bridge/navigate/", "{\"tab\":\"MAP\",\"system\":\"sol\"}");
    assertEquals(v + 1, answer.get("version").asLong());
    assertEquals("MAP", answer.get("bridge_tab").asText());
    assertEquals("sol", answer.get("bridge_map").get("system").asText());
    assertFalse(answer.has("bridge_explore"));
  }
}
