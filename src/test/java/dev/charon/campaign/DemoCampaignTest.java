package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.campaign.Deck.Connection;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCampaignTest {
  static final Path SOURCE = Path.of("src/main/resources/demo-campaign");

  @TempDir
  Path dataDir;

  private Campaign demo() {
    return CampaignLoader.load(Optional.empty(), dataDir);
  }

  @Test
  void demoLoadsWithoutAnyProblem() {
    Campaign c = demo();
    assertEquals(List.of(), c.problems(), "the demo campaign must be clean");
    assertEquals(Optional.of(dataDir.resolve("demo-campaign").toAbsolutePath().normalize()), c.root());
  }

  @Test
  void demoBridgeMapsReachFromTheGalaxyToOssuarysOrbit() {
    BridgeMaps maps = demo().maps();
    StarMap star = maps.starMap().orElseThrow();
    assertEquals(List.of("charybdis-drift", "styx-gate"), star.systems().stream().map(StarMap.StarSystem::id).toList());
    assertTrue(star.system("charybdis-drift").orElseThrow().hasSystemMap());
    SystemMap.Body ossuary = maps.systemMap("charybdis-drift").orElseThrow().body("ossuary").orElseThrow();
    assertTrue(ossuary.hasOrbitMap());
    // The derelict drifts off the relay: listed among the orbit map's stations, it counts as orbital.
    assertEquals(List.of(0, 2, 1), List.of(ossuary.surfaceFacilityCount(), ossuary.orbitalStationCount(),
        ossuary.moonCount()));
    assertEquals(List.of("tithe", "tethys-relay", "msv-cormorant"), maps.orbitMap("charybdis-drift", "ossuary")
        .orElseThrow().elements().stream().map(OrbitMap.Element::id).toList());
  }

  @Test
  void demoShipsItsOwnCharonPersonality() {
    CharonContext ctx = demo().charon();
    assertEquals("LARK", ctx.name());
    assertEquals(160, ctx.maxResponseTokens());
    assertEquals(4, ctx.fallbackResponses().size());
  }

  @Test
  void indexListsExactlyTheFilesOfTheDemoFolder() throws IOException {
    Set<String> onDisk;
    try (Stream<Path> s = Files.walk(SOURCE)) {
      onDisk = s.filter(Files::isRegularFile).map(p -> SOURCE.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals(CampaignLoader.DEMO_INDEX)).collect(Collectors.toSet());
    }
    assertEquals(onDisk, Set.copyOf(CampaignLoader.demoFiles()),
        "src/main/resources/demo-campaign/files.txt is stale: regenerate it (command in its header)");
  }

  @Test
  void extractionReplacesWhatWasThere() throws IOException {
    Path target = dataDir.resolve("demo-campaign");
    Files.createDirectories(target.resolve("galaxy/leftover"));
    Files.writeString(target.resolve("galaxy/leftover/location.yaml"), "name: Old");
    Campaign c = demo();
    assertTrue(c.location("leftover").isEmpty(), "an old extraction must not survive");
    assertTrue(Files.isRegularFile(target.resolve("LICENSE.md")));
    assertTrue(Files.readString(target.resolve("LICENSE.md")).contains("CC BY 4.0"));
  }

  @Test
  void shipHasTwoDecksWithFifteenOrMoreRoomsAndEveryDoorState() {
    Location ship = demo().location("msv-cormorant").orElseThrow();
    assertEquals("ship", ship.type());
    EncounterMap map = ship.map().orElseThrow();
    assertTrue(map.multiDeck());
    assertEquals(2, map.decks().size());
    assertTrue(map.allRooms().size() >= 15, "rooms: " + map.allRooms().size());
    map.decks().forEach(d -> assertTrue(d.grid().isPresent(), d.id()));
    List<Connection> doors = map.decks().stream().flatMap(d -> d.connections().stream()).toList();
    assertEquals(Set.of("OPEN", "CLOSED", "LOCKED", "SEALED", "DAMAGED"),
        doors.stream().map(Connection::doorStatus).collect(Collectors.toSet()));
    assertTrue(doors.stream().map(Connection::doorType).collect(Collectors.toSet())
        .containsAll(Set.of("standard", "airlock", "blast_door", "emergency", "open")));
    map.decks().forEach(d -> {
      assertFalse(d.terminals().isEmpty(), "terminals on " + d.id());
      assertFalse(d.poi().isEmpty(), "points of interest on " + d.id());
    });
  }

  @Test
  void galaxyIsSystemPlanetStationAndShip() {
    Campaign c = demo();
    assertEquals(List.of("charybdis-drift", "ossuary", "tethys-relay"), c.location("tethys-relay").orElseThrow().path());
    assertEquals("system", c.location("charybdis-drift").orElseThrow().type());
    assertEquals("planet", c.location("ossuary").orElseThrow().type());
    assertEquals("moon", c.location("tithe").orElseThrow().type());
    Location relay = c.location("tethys-relay").orElseThrow();
    assertEquals("station", relay.type());
    assertFalse(relay.map().orElseThrow().multiDeck());
    assertEquals(6, relay.map().orElseThrow().allRooms().size());
  }

  @Test
  void everyNpcAndCrewMemberHasOurOwnSmallPortrait() throws IOException {
    Campaign c = demo();
    assertTrue(c.npcs().size() >= 4);
    Path root = c.root().orElseThrow();
    for (Npc npc : c.npcs().values()) {
      checkPortrait(root, npc.portraitUrl(), npc.id());
    }
    assertTrue(c.crew().size() >= 3);
    for (CrewMember m : c.crew()) {
      checkPortrait(root, m.portraitUrl(), m.id());
    }
  }

  private static void checkPortrait(Path root, String url, String who) throws IOException {
    assertTrue(url.startsWith(ImageIndex.URL_PREFIX) && url.endsWith(".png"), who + ": " + url);
    Path file = root.resolve(url.substring(ImageIndex.URL_PREFIX.length()));
    assertTrue(Files.size(file) < 60 * 1024, who + " portrait is too big");
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(220, image.getWidth(), who);
    assertEquals(300, image.getHeight(), who);
  }

  @Test
  void shipAndTwoCommTerminalsWithCentralMail() {
    Campaign c = demo();
    Ship ship = c.ship().orElseThrow();
    assertTrue(ship.systems().keySet().containsAll(Set.of("life_support", "engines", "weapons", "comms")));
    assertTrue(ship.systems().size() >= 5);
    Location cormorant = c.location("msv-cormorant").orElseThrow();
    assertEquals(2, cormorant.terminals().size());
    for (CommTerminal t : cormorant.terminals()) {
      assertTrue(t.inbox().size() >= 2 && t.sent().size() >= 2, t.slug());
    }
    assertEquals(2, c.sessions().size());
    assertEquals(2, c.sessions().get(0).number());
  }
}
