package dev.charon.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.Fixture;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three map endpoints against the original's fixture campaign (bridge.md §8 and §11): every
 * system, route, nebula, body, moon, station and marker is served, with the computed fields the
 * original observed, except that moons are counted apart instead of as surface facilities.
 */
class FixtureMapsApiTest extends ApiTestBase {
  @Override
  protected Campaign campaign() {
    return Fixture.campaign();
  }

  private JsonNode ok(String path) {
    Agent.Reply r = agent().get(path);
    assertEquals(200, r.status(), path + ": " + r);
    return r.json();
  }

  private static List<String> texts(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void starMapServesEverySystemRouteAndNebulaWithHasSystemMapAsObserved() {
    JsonNode m = ok("api/star-map/");
    assertEquals(14, m.get("systems").size());
    assertEquals(8, m.get("routes").size(), "all 8 routes, the two short ones included");
    assertEquals(1, m.get("nebulae").size());
    Map<String, Boolean> hasMap = new LinkedHashMap<>();
    m.get("systems").forEach(s -> hasMap.put(s.get("name").asText(), s.get("has_system_map").asBoolean()));
    List<String> withMap = hasMap.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    assertEquals(List.of("Sol", "Proxima Centauri", "Tau Ceti", "Epsilon Eridani", "Ross 128", "Luyten's Star",
        "TRAPPIST-1"), withMap);
    assertFalse(hasMap.get("Kepler-442"), "a slug without system_map.yaml");
    JsonNode sol = m.get("systems").get(0);
    assertEquals("sol", sol.get("id").asText());
    assertEquals("sol", sol.get("location_slug").asText());
    assertEquals(List.of(0, 0, 0), List.of(sol.get("position").get(0).asInt(), sol.get("position").get(1).asInt(),
        sol.get("position").get(2).asInt()));
    assertEquals(0xFFFFAA, sol.get("color").asInt());
    assertEquals(2.5, sol.get("size").asDouble());
    assertEquals("Earth's home system", sol.get("info").get("description").asText());
    assertEquals("distant-star-1", m.get("systems").get(10).get("id").asText(), "no slug: an id from the name");
    assertFalse(m.get("systems").get(8).has("location_slug"), "LV-426 has none");
    JsonNode route = m.get("routes").get(0);
    assertEquals("Sol", route.get("from").asText());
    assertEquals("proxima-centauri", route.get("to_id").asText());
    assertEquals(18, route.get("travel_time_days").asInt());
    JsonNode veil = m.get("nebulae").get(0);
    assertEquals("The Veil", veil.get("name").asText());
    assertEquals(3500, veil.get("particle_count").asInt());
    assertEquals(0.14, veil.get("opacity").asDouble());
    assertEquals("emission", veil.get("type").asText());
    assertEquals(75, m.get("camera").get("fov").asInt());
    assertEquals(0x222244, m.get("ambient_light").get("color").asInt());
  }

  @Test
  void systemMapsServeAllTwentyFiveBodiesWithOrbitMapFlagsAndCountsMoonsApart() {
    List<String> systems = List.of("sol", "proxima-centauri", "tau-ceti", "epsilon-eridani", "ross-128", "luyten-star",
        "trappist-1");
    Map<String, String> computed = new LinkedHashMap<>();
    int bodies = 0;
    int belts = 0;
    for (String s : systems) {
      JsonNode m = ok("api/system-map/" + s + "/");
      assertEquals(s, m.get("system_slug").asText());
      for (JsonNode b : m.get("bodies")) {
        bodies++;
        if (b.get("type").asText().equals("asteroid_belt")) {
          belts++;
          assertFalse(b.has("orbital_radius"), "a belt has none; nothing makes one up");
        }
        computed.put(b.get("name").asText(), b.get("has_orbit_map").asBoolean() + " "
            + b.get("surface_facility_count").asInt() + "/" + b.get("orbital_station_count").asInt() + "/"
            + b.get("moon_count").asInt());
      }
    }
    assertEquals(25, bodies);
    assertEquals(2, belts);
    Map<String, String> expected = new LinkedHashMap<>();
    // has_orbit_map surface/orbital/moons. The original: Earth 3/0 (Luna as surface), Tau Ceti e 3/1
    // (Phoebe, Selene as surface), Tau Ceti f 1/0 (Verdant).
    expected.put("Earth", "true 2/0/1");
    expected.put("Saturn", "true 0/0/0");
    expected.put("Tau Ceti e", "true 1/1/2");
    expected.put("Tau Ceti f", "true 0/0/1");
    expected.put("Proxima b", "false 1/1/0");
    expected.put("Ross 128 b", "false 1/0/0");
    expected.put("Luyten b", "false 1/0/0");
    expected.put("TRAPPIST-1d", "false 0/1/0");
    expected.put("TRAPPIST-1e", "false 1/1/0");
    expected.forEach((name, want) -> assertEquals(want, computed.get(name), name));
    long withOrbitMap = computed.values().stream().filter(v -> v.startsWith("true")).count();
    assertEquals(4, withOrbitMap, "only Earth, Saturn, Tau Ceti e and f (the files claim it for 9): " + computed);
    assertEquals("false 0/0/0", computed.get("Mars"), "a slug without a directory");
    assertEquals("false 0/0/0", computed.get("Jupiter"), "no slug");
    JsonNode sol = ok("api/system-map/sol/");
    assertEquals("Sol", sol.get("star").get("name").asText());
    assertEquals(0xFFF8DC, sol.get("star").get("light_color").asInt());
    assertEquals(List.of("mercury", "venus", "earth", "mars", "jupiter", "saturn"), texts(sol.get("bodies"), "id"));
    JsonNode saturn = sol.get("bodies").get(5);
    assertTrue(saturn.get("has_rings").asBoolean());
    assertEquals(4.2, saturn.get("ring_inner").asDouble());
    assertEquals("Ringed gas giant with major settlements on Titan", saturn.get("info").get("description").asText());
    assertEquals(List.of(60, 300), List.of(sol.get("camera").get("zoom_limits").get(0).asInt(),
        sol.get("camera").get("zoom_limits").get(1).asInt()));
  }

  @Test
  void orbitMapsServeEightMoonsSevenStationsAndTenMarkersWithIds() {
    int moons = 0;
    int stations = 0;
    int markers = 0;
    for (String path : List.of("sol/earth", "sol/saturn", "tau-ceti/tau-ceti-e", "tau-ceti/tau-ceti-f")) {
      JsonNode m = ok("api/orbit-map/" + path + "/");
      assertEquals(path, m.get("system_slug").asText() + "/" + m.get("body_slug").asText());
      moons += m.get("moons").size();
      stations += m.get("orbital_stations").size();
      markers += m.get("surface_markers").size();
      for (String list : List.of("moons", "orbital_stations", "surface_markers")) {
        m.get(list).forEach(e -> assertFalse(e.get("id").asText().isEmpty(), path + " " + list + ": " + e));
      }
    }
    assertEquals(8, moons);
    assertEquals(7, stations);
    assertEquals(10, markers);
    JsonNode earth = ok("api/orbit-map/sol/earth/");
    assertEquals("Earth", earth.get("planet").get("name").asText());
    assertEquals(23.5, earth.get("planet").get("axial_tilt").asDouble());
    assertEquals("terrestrial_oceanic", earth.get("planet").get("texture_config").get("type").asText());
    assertEquals(0x4682B4, earth.get("planet").get("texture_config").get("primary_color").asInt());
    assertNull(earth.get("planet").get("texture"), "the fixture has no texture files");
    assertEquals("luna", earth.get("moons").get(0).get("id").asText());
    assertEquals(39.79, earth.get("surface_markers").get(0).get("latitude").asDouble());
    JsonNode saturn = ok("api/orbit-map/sol/saturn/");
    assertTrue(saturn.get("planet").has("rings"));
  }

  @Test
  void theFixturesMissingTexturesAreProblemsAndLeftOut() {
    // Two crew portraits point at missing files; the orbit maps name four textures the fixture lacks
    // (the original's canvas crashed on them). Nothing else in the maps is a problem.
    JsonNode problems = getJson("api/gm/campaign/problems/");
    assertEquals(6, problems.get("count").asInt(), problems.toString());
    List<String> textures = new ArrayList<>();
    problems.get("problems").forEach(p -> {
      if (p.get("file").asText().endsWith("orbit_map.yaml")) {
        textures.add(p.get("file").asText() + ":" + p.get("line").asInt() + " " + p.get("message").asText());
      }
    });
    assertEquals(List.of(
        "galaxy/sol/saturn/orbit_map.yaml:5 orbit map.planet: 'texture' '/textures/gas/Gas Giant-EQUIRECTANGULAR-5-"
            + "2048x1024.png' not found in the campaign folder (looked for 'textures/gas/Gas Giant-EQUIRECTANGULAR-5-"
            + "2048x1024.png'); it is left out"), textures.subList(0, 1));
    assertEquals(4, textures.size(), textures.toString());
    assertFalse(ok("api/orbit-map/sol/saturn/").get("planet").has("texture"));
    assertFalse(ok("api/orbit-map/sol/saturn/").get("moons").get(0).has("texture"));
  }

  @Test
  void unknownSystemsAndBodiesAre404JsonWithTheField() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("api/system-map/kepler-442/", "system"); // a slug without a system map
    cases.put("api/system-map/nowhere/", "system");
    cases.put("api/system-map/%2e%2e/", "system");
    cases.put("api/system-map/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", null); // %2F: the container's own refusal
    cases.put("api/orbit-map/sol/luna/", "body"); // a moon: it has no orbit map of its own
    cases.put("api/orbit-map/sol/mars/", "body");
    cases.put("api/orbit-map/nowhere/earth/", "system");
    cases.put("api/orbit-map/sol/" + "x".repeat(3000) + "/", "body");
    cases.forEach((path, field) -> {
      Agent.Reply r = agent().get(path);
      if (field == null && r.status() == 500 && r.body().isEmpty()) {
        return; // Grizzly refuses an encoded slash itself, before Jersey (Tomcat: 400); see CampaignImageEndpointTest
      }
      assertEquals(404, r.status(), path + " -> " + r);
      assertTrue(r.header("Content-Type").startsWith("application/json"), path);
      assertTrue(r.json().has("error"), path + " -> " + r);
      if (field != null) {
        assertEquals(field, r.json().path("field").asText(), path);
      }
    });
  }
}
