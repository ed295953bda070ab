package dev.charon.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignLoader;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Map files a GM (or a generator) got wrong: wrong types, NaN and Infinity, huge numbers, 10,000
 * bodies, textures outside the folder, hostile text, malformed YAML. Each bad value is a campaign
 * problem with file and line and is left out or clamped; the rest of the file is served; no answer
 * is ever a 500. Also: ETags, and a reload that picks up an edit.
 */
class BrokenMapsApiTest extends ApiTestBase {
  static final String HOSTILE = "</script><img src=x onerror=alert(1)>\"'&\u202E";
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
  static final int GENERATED_BODIES = 10_000;

  Path dir;
  Path root;

  @Override
  protected Campaign campaign() {
    try {
      dir = Files.createTempDirectory("charon-broken-maps");
      root = dir.resolve("campaign");
      Files.writeString(dir.resolve("secret.png"), "SECRET-OUTSIDE");
      write("galaxy/star_map.yaml", """
          camera:
            position: [0, 0, .inf]
            fov: 500
          ambient_light: "bright"
          systems:
            - name: "Alpha"
              location_slug: "alpha"
              position: [1, 2, 3]
              size: .nan
              color: 0x1000000
            - name: "%s"
              position: [-99999999999999999999999, 0, 0]
              size: "large"
              location_slug: "../../etc"
              info:
                description: "%s"
                nested: {a: 1}
            - "not a mapping"
            - name: "Beta"
              location_slug: "beta"
              position: [5, 5, 5]
              colour: 0xFFFFFF
            - name: "Gamma"
              position: "here"
            - name: "Delta"
              position: [1e400, 0, 0]
            - position: [0, 0, 1]
          routes:
            - {from: "Alpha", to: "Nowhere"}
            - {from: "Alpha", to: "Beta", travel_time_days: -5}
          nebulae:
            - {name: "Fog", position: [0, 0, 0], particle_count: 5000000, opacity: 7, size: 12.5}
          """.formatted(HOSTILE.replace("\"", "\\\""), HOSTILE.replace("\"", "\\\"")));
      write("galaxy/alpha/location.yaml", "name: Alpha\ntype: system\n");
      write("galaxy/alpha/system_map.yaml", """
          star: {name: "Alpha", size: -3, color: "#ffaa00"}
          bodies:
            - name: "Big"
              location_slug: "big"
              orbital_radius: 40
              orbital_period: 0
              inclination: 9999
              has_orbit_map: false
            - name: "Small"
              orbital_radius: [1, 2]
              orbital_period: .nan
          """);
      write("galaxy/alpha/big/location.yaml", "name: Big\ntype: planet\n");
      write("galaxy/alpha/big/moonlet/location.yaml", "name: Moonlet\ntype: Moon\n");
      write("galaxy/alpha/big/dock/location.yaml", "name: Dock\ntype: station\nis_orbital: true\n");
      write("galaxy/alpha/big/camp/location.yaml", "name: Camp\ntype: base\n");
      write("galaxy/alpha/big/orbit_map.yaml", """
          planet:
            name: "Big"
            texture: "/textures/rock/Rock-EQUIRECTANGULAR-1-2048x1024.png"
            rings: {texture: "../../../secret.png"}
          moons:
            - {name: "Moonlet", location_slug: "moonlet", texture: "/etc/passwd"}
            - {name: "Other", texture: "file:///etc/hostname.png"}
            - {name: "Third", texture: "http://evil.example/x.png"}
            - {name: "Fourth", texture: "textures/missing.png"}
            - {name: "Fifth", texture: "/data/../secret.png"}
            - {name: "Sixth", texture: "/textures/rock/link.png"}
          orbital_stations:
            - {name: "Dock", location_slug: "dock", orbital_period: -1}
          surface_markers:
            - {name: "Camp", location_slug: "camp", latitude: 123, longitude: -720}
          """);
      Files.createDirectories(root.resolve("textures/rock"));
      Files.write(root.resolve("textures/rock/Rock-EQUIRECTANGULAR-1-2048x1024.png"), PNG);
      Files.write(root.resolve("textures/rock/Bump-EQUIRECTANGULAR-1-2048x1024.png"), PNG);
      Files.createSymbolicLink(root.resolve("textures/rock/link.png"), dir.resolve("secret.png"));
      StringBuilder many = new StringBuilder("bodies:\n");
      for (int i = 0; i < GENERATED_BODIES; i++) {
        many.append("  - {name: \"B").append(i).append("\", orbital_radius: ").append(i).append(", size: .nan}\n");
      }
      write("galaxy/beta/system_map.yaml", many.toString());
      write("galaxy/gamma/system_map.yaml", "bodies: [\n  - broken: {\n");
      write("galaxy/delta/system_map.yaml", "- just\n- a list\n");
      // YAML's .nan anywhere in a campaign is one bad value, not a malformed file.
      write("charon/context.yaml", "name: \"MU-TH-UR\"\ntemperature: .nan\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CampaignLoader.loadFolder(root);
  }

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @AfterEach
  void deleteFolder() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private JsonNode ok(String path) {
    Agent.Reply r = agent().get(path);
    assertEquals(200, r.status(), path + ": " + r);
    assertFalse(r.body().contains("SECRET-OUTSIDE"), path);
    return r.json();
  }

  private List<String> problems(String file) {
    List<String> out = new ArrayList<>();
    getJson("api/gm/campaign/problems/").get("problems").forEach(p -> {
      if (p.get("file").asText().equals(file)) {
        out.add(p.get("line").asInt() + " " + p.get("message").asText());
      }
    });
    return out;
  }

  private static boolean has(List<String> problems, String lineAndText) {
    return problems.stream().anyMatch(p -> p.startsWith(lineAndText.substring(0, lineAndText.indexOf(' ') + 1))
        && p.contains(lineAndText.substring(lineAndText.indexOf(' ') + 1)));
  }

  @Test
  void badValuesInTheStarMapAreLeftOutOrClampedEachAProblemWithItsLine() {
    JsonNode m = ok("api/star-map/");
    assertEquals(4, m.get("systems").size(), "not a mapping, or without a usable position: left out");
    JsonNode alpha = m.get("systems").get(0);
    assertFalse(alpha.has("size"), "NaN is left out");
    assertFalse(alpha.has("color"), "0x1000000 is no colour");
    assertTrue(alpha.get("has_system_map").asBoolean());
    JsonNode hostile = m.get("systems").get(1);
    assertEquals(HOSTILE, hostile.get("name").asText(), "text is served as it is written, as JSON text");
    assertEquals(HOSTILE, hostile.get("info").get("description").asText());
    assertFalse(hostile.get("info").has("nested"));
    assertEquals(-100_000, hostile.get("position").get(0).asInt(), "a huge number is clamped");
    assertFalse(hostile.has("location_slug"), "'../../etc' is no directory name");
    assertFalse(hostile.get("has_system_map").asBoolean());
    assertEquals("system-4", m.get("systems").get(3).get("id").asText(), "no name, no slug");
    assertFalse(m.get("camera").has("position"));
    assertEquals(179, m.get("camera").get("fov").asInt(), "clamped");
    assertFalse(m.has("ambient_light"));
    assertEquals(1, m.get("routes").size(), "a route to a system the map lacks is left out");
    assertEquals(0, m.get("routes").get(0).get("travel_time_days").asInt());
    JsonNode fog = m.get("nebulae").get(0);
    assertEquals(20_000, fog.get("particle_count").asInt());
    assertEquals(1.0, fog.get("opacity").asDouble());

    List<String> p = problems("galaxy/star_map.yaml");
    assertTrue(has(p, "2 star map.camera: 'position' is too large"), p.toString());
    assertTrue(has(p, "2 star map.camera: 'fov' is '500', outside 1 to 179; 179 is used"), p.toString());
    assertTrue(has(p, "1 star map: 'ambient_light' should be a colour"), p.toString());
    assertTrue(has(p, "6 systems[0] 'Alpha': 'size' is NaN; it is left out"), p.toString());
    assertTrue(has(p, "6 systems[0] 'Alpha': 'color' should be a colour"), p.toString());
    assertTrue(has(p, "11 systems[1] '</script><img src=x onerror=alert(1)>\"'&…': 'position' is "
        + "'-99999999999999999999999', outside -100000 to 100000; -100000 is used"), p.toString());
    assertTrue(has(p, "23 systems[3] 'Gamma': 'position' should be a list of 3 numbers"), p.toString());
    assertTrue(has(p, "23 systems[3] 'Gamma': 'position' is missing or unusable; the entry cannot be drawn"), p.toString());
    assertTrue(has(p, "25 systems[4] 'Delta': 'position' is too large"), p.toString());
    assertTrue(has(p, "27 systems[5]: 'name' is missing or unusable"), p.toString());
    assertTrue(has(p, "11 systems[1] '</script><img src=x onerror=alert(1)>\"'&…': 'size' should be a number"),
        p.toString());
    assertTrue(has(p, "11 'location_slug' '../../etc' is not a directory name"), p.toString());
    assertTrue(has(p, "16 systems[1]"), p.toString()); // info.nested, on the line of info
    assertTrue(has(p, "6 star map: 1 entry of 'systems' is not a mapping"), p.toString());
    assertTrue(has(p, "19 systems[2] 'Beta': unknown field 'colour' ignored"), p.toString());
    assertTrue(has(p, "29 routes[0] joins 'Alpha' and 'Nowhere'"), p.toString());
    assertTrue(has(p, "30 routes[1]: 'travel_time_days' is '-5', outside 0 to"), p.toString());
    assertTrue(has(p, "32 nebulae[0] 'Fog': 'particle_count' is '5000000', outside 0 to 20000"), p.toString());
  }

  @Test
  void aSystemMapKeepsWhatIsUsableAndCountsMoonsApart() {
    JsonNode m = ok("api/system-map/alpha/");
    assertEquals(0xFFAA00, m.get("star").get("color").asInt(), "#ffaa00 is a colour too");
    assertEquals(0, m.get("star").get("size").asInt(), "clamped to 0");
    JsonNode big = m.get("bodies").get(0);
    assertFalse(big.has("orbital_period"), "a period of 0 is left out");
    assertEquals(180, big.get("inclination").asInt());
    assertTrue(big.get("has_orbit_map").asBoolean(), "computed from the file, not the file's claim");
    assertEquals(1, big.get("surface_facility_count").asInt());
    assertEquals(1, big.get("orbital_station_count").asInt());
    assertEquals(1, big.get("moon_count").asInt(), "type: Moon, any case");
    JsonNode small = m.get("bodies").get(1);
    assertEquals("small", small.get("id").asText());
    assertFalse(small.has("orbital_radius"));
    assertFalse(small.has("orbital_period"));
    assertFalse(small.get("has_orbit_map").asBoolean());
    List<String> p = problems("galaxy/alpha/system_map.yaml");
    assertTrue(has(p, "1 system map.star: 'size' is '-3', outside 0 to 10000; 0 is used"), p.toString());
    assertTrue(has(p, "3 bodies[0] 'Big': 'orbital_period' must be above 0"), p.toString());
    assertTrue(has(p, "9 bodies[1] 'Small': 'orbital_radius' should be a number, not a list"), p.toString());
    assertTrue(has(p, "9 bodies[1] 'Small': 'orbital_period' is NaN"), p.toString());
  }

  @Test
  void texturesInsideTheFolderAreServedAndEveryOtherPathIsRefused() {
    JsonNode m = ok("api/orbit-map/alpha/big/");
    String texture = m.get("planet").get("texture").asText();
    assertEquals("api/campaign/images/textures/rock/Rock-EQUIRECTANGULAR-1-2048x1024.png", texture);
    assertEquals("api/campaign/images/textures/rock/Bump-EQUIRECTANGULAR-1-2048x1024.png",
        m.get("planet").get("normal_map").asText(), "the bump map beside it, as the original derived it");
    Agent.Reply image = agent().get(texture);
    assertEquals(200, image.status());
    assertEquals("image/png", image.header("Content-Type"));
    assertFalse(m.get("planet").get("rings").has("texture"));
    m.get("moons").forEach(moon -> assertFalse(moon.has("texture"), moon.toString()));
    List<String> p = problems("galaxy/alpha/big/orbit_map.yaml");
    assertTrue(has(p, "4 orbit map.planet.rings: 'texture' '../../../secret.png' leaves the campaign folder"), p.toString());
    assertTrue(has(p, "6 moons[0] 'Moonlet': 'texture' '/etc/passwd' lies outside the campaign folder"), p.toString());
    assertTrue(has(p, "7 moons[1] 'Other': 'texture' 'file:///etc/hostname.png' is not a path inside"), p.toString());
    assertTrue(has(p, "8 moons[2] 'Third': 'texture' 'http://evil.example/x.png' is not a path inside"), p.toString());
    assertTrue(has(p, "9 moons[3] 'Fourth': 'texture' 'textures/missing.png' not found"), p.toString());
    assertTrue(has(p, "10 moons[4] 'Fifth': 'texture' '/data/../secret.png' leaves the campaign folder"), p.toString());
    assertTrue(has(p, "11 moons[5] 'Sixth': 'texture' '/textures/rock/link.png' not found"), p.toString());
    assertTrue(problems("textures/rock/link.png").get(0).contains("is a symbolic link"));
    assertEquals(90, m.get("surface_markers").get(0).get("latitude").asInt());
    assertEquals(-180, m.get("surface_markers").get(0).get("longitude").asInt());
  }

  @Test
  void tenThousandBodiesAreCutToAThousandWithFewProblemsAndNoError() {
    JsonNode m = ok("api/system-map/beta/");
    assertEquals(1000, m.get("bodies").size());
    assertEquals("b999", m.get("bodies").get(999).get("id").asText());
    List<String> p = problems("galaxy/beta/system_map.yaml");
    assertTrue(p.size() <= 26, "capped per file: " + p.size());
    assertTrue(has(p, "2 system map: 'bodies' has 10000 entries; only the first 1000 are used"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.matches("0 \\d+ more problems in this file are not listed")), p.toString());
  }

  @Test
  void malformedOrMisshapenFilesAreProblemsAnd404sNever500s() {
    for (String path : List.of("api/system-map/gamma/", "api/system-map/delta/", "api/orbit-map/alpha/nowhere/",
        "api/orbit-map/beta/b1/")) {
      Agent.Reply r = agent().get(path);
      assertEquals(404, r.status(), path + " " + r);
      assertTrue(r.json().has("error"));
    }
    assertFalse(problems("galaxy/gamma/system_map.yaml").isEmpty());
    assertTrue(has(problems("galaxy/delta/system_map.yaml"), "1 expected a YAML mapping"));
    JsonNode star = ok("api/star-map/");
    star.get("systems").forEach(s -> assertFalse(s.get("has_system_map").asBoolean() && s.get("id").asText()
        .equals("gamma")));
  }

  @Test
  void aNanOutsideTheMapsIsOneBadValueNotAMalformedFile() {
    assertEquals("MU-TH-UR", charon.campaign().current().charon().name());
    assertEquals(0.7, charon.campaign().current().charon().temperature(), "the default");
    assertTrue(has(problems("charon/context.yaml"), "1 'temperature' should be a finite number"));
  }

  @Test
  void mapsAreRevalidatedByEtagAndAReloadPicksUpAnEdit() throws IOException {
    Agent gm = agent();
    Agent.Reply first = gm.get("api/system-map/alpha/");
    String etag = first.header("ETag");
    assertTrue(etag != null && !etag.isEmpty());
    assertTrue(first.header("Cache-Control").contains("no-cache"));
    assertEquals(304, gm.send("GET", "api/system-map/alpha/", null, Map.of("If-None-Match", etag)).status());
    Path file = root.resolve("galaxy/alpha/system_map.yaml");
    Files.writeString(file, Files.readString(file).replace("name: \"Small\"", "name: \"Smaller\""));
    Map<?, ?> answer = charon.campaignReloader().reload();
    assertEquals(true, answer.get("success"));
    Agent.Reply after = gm.send("GET", "api/system-map/alpha/", null, Map.of("If-None-Match", etag));
    assertEquals(200, after.status());
    assertNotEquals(etag, after.header("ETag"));
    assertEquals("Smaller", after.json().get("bodies").get(1).get("name").asText());
    assertEquals("smaller", after.json().get("bodies").get(1).get("id").asText());
  }
}
