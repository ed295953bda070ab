package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.campaign.CommTerminal.TerminalMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The original's campaign (../shared/fixtures, read in place) loads with its real content. */
class FixtureCampaignTest {
  private final Campaign c = Fixture.campaign();

  /** data-format.md §8: every location with its type, in our walk order (siblings by name). */
  @Test
  void everyLocationOfTheInventoryWithItsType() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("anchor-system", "system");
    expected.put("anchor-system/veil-station", "station");
    expected.put("epsilon-eridani", "system");
    expected.put("kepler-442", "system");
    expected.put("kepler-442/kepler-442b", "planet");
    expected.put("kepler-442/kepler-442b/base_alpha", "station");
    expected.put("kepler-442/kepler-442b/base_beta", "station");
    expected.put("kepler-442/kepler-442c", "planet");
    expected.put("kepler-442/kepler-442c/ship_gamma", "ship");
    expected.put("kepler-442/kepler-442c/ship_gamma/deck_1", "ship");
    expected.put("kepler-442/kepler-442c/ship_gamma/deck_2", "ship");
    expected.put("luyten-star", "system");
    expected.put("luyten-star/luyten-b", "planet");
    expected.put("luyten-star/luyten-b/haven-city", "base");
    expected.put("proxima-centauri", "system");
    expected.put("proxima-centauri/proxima-b", "planet");
    expected.put("proxima-centauri/proxima-b/gateway-station", "station");
    expected.put("proxima-centauri/proxima-b/twilight-station", "base");
    expected.put("ross-128", "system");
    expected.put("ross-128/ross-128-b", "planet");
    expected.put("ross-128/ross-128-b/darkside-mines", "base");
    expected.put("sol", "system");
    expected.put("sol/earth", "planet");
    expected.put("sol/earth/luna", "moon");
    expected.put("sol/earth/research_base_alpha", "station");
    expected.put("sol/earth/uscss_morrigan", "ship");
    expected.put("sol/saturn", "planet");
    expected.put("tau-ceti", "system");
    expected.put("tau-ceti/tau-ceti-e", "planet");
    expected.put("tau-ceti/tau-ceti-e/new-terra-city", "base");
    expected.put("tau-ceti/tau-ceti-e/orbital-yards", "station");
    expected.put("tau-ceti/tau-ceti-e/phoebe", "moon");
    expected.put("tau-ceti/tau-ceti-e/selene", "moon");
    expected.put("tau-ceti/tau-ceti-f", "planet");
    expected.put("tau-ceti/tau-ceti-f/verdant", "moon");
    expected.put("trappist-1", "system");
    expected.put("trappist-1/trappist-1d", "planet");
    expected.put("trappist-1/trappist-1d/survey-station-delta", "station");
    expected.put("trappist-1/trappist-1e", "planet");
    expected.put("trappist-1/trappist-1e/eden-research", "base");
    expected.put("trappist-1/trappist-1e/orbital-research-platform", "station");
    Map<String, String> actual = new LinkedHashMap<>();
    c.allLocations().forEach(l -> actual.put(String.join("/", l.path()), l.type()));
    assertEquals(expected, actual);
    assertEquals("USCSS Morrigan", c.location("uscss_morrigan").orElseThrow().name());
    assertEquals("OPERATIONAL", c.location("uscss_morrigan").orElseThrow().status());
    assertEquals("In transit", c.location("uscss_morrigan").orElseThrow().attributes().get("coordinates"));
  }

  @Test
  void morriganHasBothDecksWithAllTwelveRoomsAndTheirDoors() {
    EncounterMap map = c.location("uscss_morrigan").orElseThrow().map().orElseThrow();
    assertTrue(map.multiDeck());
    assertEquals(2, map.totalDecks());
    assertEquals("deck_1", map.defaultDeckId());
    assertEquals(List.of("deck_1", "deck_2"), map.decks().stream().map(Deck::id).toList());
    Deck main = map.deck("deck_1").orElseThrow();
    Deck lower = map.deck("deck_2").orElseThrow();
    assertEquals("Main Deck", main.name());
    assertEquals(2, lower.level());
    assertEquals(new Deck.Grid(28, 18, 40), main.grid().orElseThrow());
    assertEquals(List.of("bridge", "crew_quarters", "medical", "engineering", "cargo_bay", "airlock_bay", "life_support"),
        main.rooms().stream().map(Deck.Room::id).toList());
    assertEquals(List.of("maintenance", "storage_a", "storage_b", "fuel_cells", "waste_processing"),
        lower.rooms().stream().map(Deck.Room::id).toList());
    assertEquals(12, map.allRooms().size());
    assertEquals(new Deck.Room("engineering", "ENGINEERING", 1, 7, 5, 4, "WARNING", "Main reactor and engine systems"),
        main.room("engineering").orElseThrow());
    assertEquals(7, main.connections().size());
    assertEquals(4, lower.connections().size());
    assertEquals(new Deck.Connection("conn_cargo_airlock", "cargo_bay", "airlock_bay", "airlock", "SEALED"),
        map.connection("conn_cargo_airlock").orElseThrow());
    assertEquals(new Deck.Connection("conn_storage_a_b", "storage_a", "storage_b", "standard", "LOCKED"),
        map.connection("conn_storage_a_b").orElseThrow());
    assertEquals(5, main.terminals().size());
    assertEquals(5, main.poi().size());
    assertEquals(2, lower.terminals().size());
    assertEquals(2, lower.poi().size());
    assertEquals(new Deck.Position(2.5, 2), main.terminals().get(0).position());
    assertEquals("", main.imageUrl(), "deck_layout.png matches no deck stem");
    assertEquals("USCSS Morrigan", map.manifest().get("name"));
  }

  @Test
  void charonContextIsReadWithItsTemperatureAndFallbacks() {
    CharonContext ctx = c.charon();
    assertEquals("CHARON", ctx.name());
    assertEquals(200, ctx.maxResponseTokens());
    assertEquals(0.7, ctx.temperature());
    assertEquals(5, ctx.fallbackResponses().size());
    assertTrue(ctx.systemPrompt().startsWith("You are CHARON, a computer terminal."), ctx.systemPrompt());
    assertEquals(List.of("Occasionally glitches mid-sentence", "Sometimes pauses before responding to sensitive queries"),
        ctx.quirks());
  }

  @Test
  void legacyMapsWithoutGridStillLoad() {
    for (String slug : List.of("base_alpha", "deck_1", "deck_2")) {
      EncounterMap map = c.location(slug).orElseThrow().map().orElseThrow();
      assertFalse(map.multiDeck(), slug);
      Deck deck = map.defaultDeck();
      assertTrue(deck.grid().isEmpty(), slug + " has no grid");
      assertTrue(deck.rooms().isEmpty(), slug);
      assertEquals("", deck.imageUrl(), slug);
    }
    assertEquals("main_facility", c.location("base_alpha").orElseThrow().map().orElseThrow().defaultDeckId());
    assertEquals("Main Facility", c.location("base_alpha").orElseThrow().map().orElseThrow().defaultDeck().name());
    assertTrue(c.location("ship_gamma").orElseThrow().map().isEmpty());
  }

  @Test
  void everyNpcWithItsPortraitOrNone() {
    Map<String, String> portraits = c.npcs().values().stream()
        .collect(Collectors.toMap(Npc::id, Npc::portraitUrl, (a, b) -> a, LinkedHashMap::new));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("lucia_vance", "api/campaign/images/campaign/NPCs/images/lucia_vance.png");
    expected.put("ewan_mcgregor", "api/campaign/images/campaign/NPCs/images/ewan_mcgregor.png");
    expected.put("dr_yuki_tanaka", "");
    expected.put("captain_harrow", "");
    assertEquals(expected, portraits);
    assertEquals("Captain Dex Harrow", c.npc("captain_harrow").orElseThrow().name());
    assertEquals("MISSING", c.npc("dr_yuki_tanaka").orElseThrow().status());
  }

  @Test
  void crewPortraitsUnderStaticAreReportedAndDropped() {
    Map<String, String> crew = c.crew().stream().collect(Collectors.toMap(CrewMember::id, CrewMember::portraitUrl));
    assertEquals("api/campaign/images/campaign/NPCs/images/lucia_vance.png", crew.get("elena_vasquez"));
    assertEquals("", crew.get("sarah_kim"));
    assertEquals("", crew.get("alex_novak"));
    assertEquals("Wrench", c.crew().get(1).details().get("callsign"));
    // Besides these two, the fixture's only problems are the four map textures it names but lacks.
    var crewProblems = c.problems().stream().filter(p -> p.file().equals("campaign/crew.yaml")).toList();
    assertEquals(2, crewProblems.size(), c.problems().toString());
    assertTrue(crewProblems.stream().allMatch(p -> p.line() > 0 && p.message().contains("/static/portraits/")));
    assertEquals(6, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().stream().filter(p -> !crewProblems.contains(p)).allMatch(p -> p.file().endsWith(
        "orbit_map.yaml") && p.line() > 0 && p.message().contains("'texture' '/textures/")), c.problems().toString());
  }

  @Test
  void morriganMailIsRoutedByExactOwner() {
    Location morrigan = c.location("uscss_morrigan").orElseThrow();
    CommTerminal bridge = morrigan.terminal("bridge_terminal").orElseThrow();
    CommTerminal engineering = morrigan.terminal("engineering_terminal").orElseThrow();
    assertEquals("Captain Morrison", bridge.owner());
    assertEquals("BRIDGE-001", bridge.terminalId());
    assertEquals("RESTRICTED", bridge.accessLevel());
    assertEquals(List.of("msg_station_001", "msg_eng_bridge_001", "msg_eng_bridge_002", "msg_eng_bridge_003"), ids(bridge.inbox()));
    assertEquals(List.of("msg_bridge_eng_001", "msg_bridge_all_001"), ids(bridge.sent()));
    assertEquals(List.of("msg_bridge_eng_001", "msg_ai_eng_001"), ids(engineering.inbox()));
    assertEquals(List.of("msg_eng_bridge_001", "msg_eng_bridge_002", "msg_eng_bridge_003"), ids(engineering.sent()));
    TerminalMessage first = bridge.inbox().get(0);
    assertEquals("2183-07-01T08:00:00", first.timestamp());
    assertEquals("inbox", first.folder());
    assertEquals("Station Control", first.contact());
    assertEquals("NORMAL", first.priority());
    assertTrue(first.read());
    assertTrue(first.content().startsWith("USCSS MORRIGAN, you are cleared for departure."));
    assertEquals("Chief Engineer Hayes", bridge.sent().get(0).contact());
    assertEquals("sent", bridge.sent().get(0).folder());
    assertEquals("msg_bridge_eng_001", engineering.sent().get(0).inReplyTo());
  }

  @Test
  void researchBaseUsesLegacyInboxAndSentFolders() {
    Location base = c.location("research_base_alpha").orElseThrow();
    assertEquals(List.of("commanders_terminal", "science_lab_07"), base.terminals().stream().map(CommTerminal::slug).toList());
    CommTerminal commander = base.terminal("commanders_terminal").orElseThrow();
    assertEquals("Commander Drake", commander.owner());
    assertEquals(List.of("msg_charon_001", "msg_chen_001", "msg_charon_002", "msg_chen_003"), ids(commander.inbox()));
    assertEquals(List.of("charon", "dr_chen", "charon", "dr_chen"),
        commander.inbox().stream().map(TerminalMessage::contact).toList());
    assertEquals(List.of("msg_drake_002"), ids(commander.sent()));
    assertFalse(commander.inbox().get(2).read());
    CommTerminal lab = base.terminal("science_lab_07").orElseThrow();
    assertEquals(List.of("msg_drake_002"), ids(lab.inbox()));
    assertEquals("commander_drake", lab.inbox().get(0).contact());
    assertEquals(List.of("msg_chen_001", "msg_chen_003"), ids(lab.sent()));
  }

  @Test
  void terminalsWithoutMessagesAndTheirOwners() {
    Location alpha = c.location("base_alpha").orElseThrow();
    assertEquals(List.of("Commander", "Dr. Chen", "Engineering", "Steven"),
        alpha.terminals().stream().map(CommTerminal::owner).toList());
    alpha.terminals().forEach(t -> assertTrue(t.inbox().isEmpty() && t.sent().isEmpty(), t.slug()));
    CommTerminal gamma = c.location("deck_1").orElseThrow().terminal("bridge_terminal").orElseThrow();
    assertEquals("CLASSIFIED", gamma.accessLevel());
    assertEquals("", gamma.name());
  }

  @Test
  void shipSessionsAndImages() {
    Ship ship = c.ship().orElseThrow();
    assertEquals("USCSS Morrigan", ship.name());
    assertEquals(List.of("life_support", "engines", "weapons", "comms"), List.copyOf(ship.systems().keySet()));
    assertEquals(new Ship.ShipSystem("STRESSED", 72, "Coolant pressure low"), ship.systems().get("engines"));
    assertEquals(List.of(3, 2, 1), c.sessions().stream().map(Session::number).toList());
    assertEquals("2183-03-14", c.sessions().get(2).date());
    assertEquals(List.of("campaign/NPCs/images/ewan_mcgregor.png", "campaign/NPCs/images/lucia_vance.png",
        "galaxy/sol/earth/uscss_morrigan/map/deck_layout.png"), List.copyOf(c.images()));
  }

  @Test
  void contentVersionIsStableForTheSameFiles() {
    assertEquals(c.contentVersion(), CampaignLoader.loadFolder(Fixture.root()).contentVersion());
  }

  private static List<String> ids(List<TerminalMessage> messages) {
    return messages.stream().map(TerminalMessage::messageId).toList();
  }
}
