package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.campaign.CommTerminal.TerminalMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small broken campaigns: every problem is reported once with file and line, and never fatal. */
class CampaignValidationTest {
  @TempDir
  Path root;

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Campaign load() {
    return CampaignLoader.loadFolder(root);
  }

  private static Problem only(Campaign c, String fragment) {
    List<Problem> matching = c.problems().stream().filter(p -> p.message().contains(fragment)).toList();
    assertEquals(1, matching.size(), "expected one problem containing '" + fragment + "' in " + c.problems());
    return matching.get(0);
  }

  private static final String GRID = "grid: {width: 10, height: 8}\n";

  private static String room(String id, int x, int y, int w, int h) {
    return "  - {id: " + id + ", name: " + id + ", x: " + x + ", y: " + y + ", width: " + w + ", height: " + h + "}\n";
  }

  @Test
  void malformedYamlIsReportedWithItsLineAndTheRestLoads() throws IOException {
    write("galaxy/sol/location.yaml", "name: Sol\ntype: system\n");
    write("galaxy/sol/bad/location.yaml", "name: Bad\ntype: station\ndescription: [unclosed\n");
    write("galaxy/sol/good/location.yaml", "name: Good\ntype: station\n");
    Campaign c = load();
    Problem p = only(c, "malformed YAML");
    assertEquals("galaxy/sol/bad/location.yaml", p.file());
    assertTrue(p.line() >= 3, "line " + p.line());
    assertEquals("bad", c.location("bad").orElseThrow().name(), "the directory still loads, named after itself");
    assertEquals("Good", c.location("good").orElseThrow().name());
  }

  @Test
  void overlappingRoomsAndRoomsOutsideTheGridAreReported() throws IOException {
    write("galaxy/ship/location.yaml", "name: Ship\ntype: ship\n");
    write("galaxy/ship/map/deck.yaml", GRID + "rooms:\n" + room("a", 0, 0, 4, 4) + room("b", 3, 3, 2, 2)
        + room("c", 8, 6, 4, 4));
    Campaign c = load();
    Problem overlap = only(c, "overlaps");
    assertEquals("galaxy/ship/map/deck.yaml", overlap.file());
    assertEquals(4, overlap.line(), "the line of room b");
    assertTrue(overlap.message().contains("'b'") && overlap.message().contains("'a'"));
    Problem outside = only(c, "outside");
    assertEquals(5, outside.line(), "the line of room c");
    assertEquals(3, c.location("ship").orElseThrow().map().orElseThrow().allRooms().size(), "rooms are kept");
  }

  @Test
  void connectionsAndDoorsToMissingRoomsAreDropped() throws IOException {
    write("galaxy/ship/map/deck.yaml", GRID + "rooms:\n" + room("a", 0, 0, 2, 2) + room("b", 4, 0, 2, 2)
        + "connections:\n  - {id: ab, from: a, to: b, door_type: standard, door_status: open}\n"
        + "  - {id: ax, from: a, to: ghost}\n  - {id: bad, from: a, to: b, door_status: AJAR}\n");
    write("galaxy/old/map/old.yaml", GRID + "rooms:\n" + room("a", 0, 0, 2, 2) + room("b", 4, 0, 2, 2)
        + "doors:\n  - {id: d1, type: airlock, room_a: a, room_b: b, status: LOCKED}\n"
        + "  - {id: d2, type: standard, room_a: a}\n  - {id: d3, room_a: a, room_b: nowhere}\n");
    Campaign c = load();
    Deck ship = c.location("ship").orElseThrow().map().orElseThrow().defaultDeck();
    assertEquals(List.of(new Deck.Connection("ab", "a", "b", "standard", "OPEN"),
        new Deck.Connection("bad", "a", "b", "", "CLOSED")), ship.connections());
    assertEquals("galaxy/ship/map/deck.yaml", only(c, "missing room 'ghost'").file());
    only(c, "AJAR");
    Deck old = c.location("old").orElseThrow().map().orElseThrow().defaultDeck();
    assertEquals(List.of(new Deck.Connection("d1", "a", "b", "airlock", "LOCKED")), old.connections());
    only(c, "'room_a' and 'room_b'");
    only(c, "missing room 'nowhere'");
  }

  @Test
  void duplicateSlugsKeepTheFirstBySortedPath() throws IOException {
    write("galaxy/alpha/deck_1/location.yaml", "name: First\ntype: deck\n");
    write("galaxy/beta/deck_1/location.yaml", "name: Second\ntype: deck\n");
    write("galaxy/beta/deck_1/inner/location.yaml", "name: Inner\n");
    Campaign c = load();
    assertEquals("First", c.location("deck_1").orElseThrow().name());
    assertEquals(List.of("alpha", "deck_1"), c.location("deck_1").orElseThrow().path());
    Problem p = only(c, "duplicate location slug");
    assertEquals("galaxy/beta/deck_1", p.file());
    assertTrue(p.message().contains("galaxy/alpha/deck_1"));
    assertTrue(c.location("inner").isEmpty(), "the duplicate's sub-tree is left out");
  }

  @Test
  void roomIdsMustBeUniqueAcrossDecks() throws IOException {
    write("galaxy/ship/map/manifest.yaml", "decks:\n  - {id: up, file: up.yaml, level: 1}\n"
        + "  - {id: down, file: down.yaml, level: 2, default: true}\n");
    write("galaxy/ship/map/up.yaml", GRID + "rooms:\n" + room("hall", 0, 0, 2, 2));
    write("galaxy/ship/map/down.yaml", GRID + "rooms:\n" + room("hall", 0, 0, 2, 2) + room("hold", 3, 3, 2, 2));
    Campaign c = load();
    EncounterMap map = c.location("ship").orElseThrow().map().orElseThrow();
    assertEquals("down", map.defaultDeckId());
    assertEquals(List.of("up", "down"), map.decks().stream().map(Deck::id).toList());
    assertEquals("galaxy/ship/map/down.yaml", only(c, "room id 'hall' is used on deck 'up' and on deck 'down'").file());
  }

  @Test
  void brokenManifestGivesNoMapRatherThanAnArbitraryDeck() throws IOException {
    write("galaxy/ship/map/manifest.yaml", "decks:\n  - {id: up, file: missing.yaml}\n");
    write("galaxy/ship/map/zzz.yaml", GRID + "rooms:\n" + room("a", 0, 0, 2, 2));
    Campaign c = load();
    assertTrue(c.location("ship").orElseThrow().map().isEmpty());
    only(c, "file 'missing.yaml' not found");
    only(c, "no deck that loads");
  }

  @Test
  void singleDeckMapIsTheFirstFileByNameAndLegacyImagesAreFound() throws IOException {
    write("galaxy/base/map/b_level.yaml", "name: B\ngrid_size_x: 30\ngrid_size_y: 20\n");
    write("galaxy/base/map/a_level.yaml", "name: A\ngrid_size_x: 30\ngrid_size_y: 20\n");
    Files.write(root.resolve("galaxy/base/map/a_level.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Campaign c = load();
    Deck deck = c.location("base").orElseThrow().map().orElseThrow().defaultDeck();
    assertEquals("A", deck.name());
    assertEquals("a_level", deck.id());
    assertTrue(deck.grid().isEmpty());
    assertEquals("api/campaign/images/galaxy/base/map/a_level.png", deck.imageUrl());
    only(c, "only a_level.yaml (first by name) is used");
  }

  @Test
  void missingImagesAndNpcsWithoutIdOrNameAreReported() throws IOException {
    write("campaign/npcs.yaml", "npcs:\n"
        + "  - {id: a, name: Anna, portrait: /data/campaign/NPCs/images/nobody.png}\n"
        + "  - {name: Nameless Id}\n"
        + "  - {id: b}\n"
        + "  - {id: a, name: Again}\n"
        + "  - {id: c, name: Remote, portrait: 'https://example.org/x.png'}\n");
    Campaign c = load();
    assertEquals(List.of("a", "b", "c"), List.copyOf(c.npcs().keySet()));
    assertEquals("", c.npc("a").orElseThrow().portraitUrl());
    assertEquals("Anna", c.npc("a").orElseThrow().name());
    assertEquals("b", c.npc("b").orElseThrow().name());
    Problem missing = only(c, "nobody.png");
    assertEquals("campaign/npcs.yaml", missing.file());
    assertEquals(2, missing.line());
    assertEquals(3, only(c, "has no id").line());
    assertEquals(4, only(c, "has no name").line());
    only(c, "used twice");
    only(c, "outside the campaign");
  }

  @Test
  void messagesWithoutOrWithOddTimestampsSortWithoutCrashing() throws IOException {
    write("galaxy/ship/comms/t/terminal.yaml", "owner: Commander\n");
    write("galaxy/ship/comms/messages/1.md", "---\nfrom: HQ\nto: Commander\nsubject: no time\n---\nfirst");
    write("galaxy/ship/comms/messages/2.md", "---\ntimestamp: 2183-07-01 08:00:00\nfrom: HQ\nto: Commander\n---\nx");
    write("galaxy/ship/comms/messages/3.md", "---\ntimestamp: \"sometime after the flood\"\nfrom: HQ\nto: commander\n---\n");
    write("galaxy/ship/comms/messages/4.md", "---\ntimestamp: \"2183-06-30T22:00\"\nfrom: HQ\nto: Commander Drake\n---\n");
    write("galaxy/ship/comms/messages/5.md", "---\nfrom: [unclosed\n---\nbody");
    write("galaxy/ship/comms/messages/6.md", "no front matter at all");
    Campaign c = load();
    CommTerminal t = c.location("ship").orElseThrow().terminal("t").orElseThrow();
    assertEquals(List.of("", "2183-07-01T08:00:00", "sometime after the flood"),
        t.inbox().stream().map(TerminalMessage::timestamp).toList());
    assertEquals(List.of("1.md", "2.md", "3.md"), t.inbox().stream().map(TerminalMessage::messageId).toList());
    assertEquals("first", t.inbox().get(0).content());
    Problem bad = only(c, "malformed YAML");
    assertEquals("galaxy/ship/comms/messages/5.md", bad.file());
    assertEquals(2, bad.line(), "front matter starts on line 2");
  }

  @Test
  void hiddenCachesReservedAndYamlLessDirectories() throws IOException {
    write("galaxy/.git/location.yaml", "name: Git\n");
    write("galaxy/__pycache__/location.yaml", "name: Cache\n");
    write("galaxy/sol/maps/location.yaml", "name: Maps\n");
    Files.createDirectories(root.resolve("galaxy/sol/empty-moon"));
    Campaign c = load();
    assertEquals(List.of("sol"), c.roots().stream().map(Location::slug).toList());
    Location moon = c.location("empty-moon").orElseThrow();
    assertEquals("empty-moon", moon.name());
    assertEquals("", moon.type());
    assertTrue(c.location("maps").isEmpty());
    assertEquals(List.of(), c.problems());
  }

  @Test
  void wrongTypesFallBackAndEachProblemIsReportedOnce() throws IOException {
    write("galaxy/ship/location.yaml", "name: [not, text]\ntype: ship\nempty_key:\n");
    write("galaxy/ship/map/deck.yaml", GRID + "rooms:\n  - {id: a, x: one, y: 0, width: 2, height: 2}\n  - just text\n");
    write("campaign/crew.yaml", "crew:\n  - {id: z, portrait: /static/portraits/z.png}\n  - {id: y, portrait: /static/portraits/z.png}\n");
    Campaign c = load();
    Location ship = c.location("ship").orElseThrow();
    assertEquals("ship", ship.name());
    assertTrue(ship.attributes().containsKey("empty_key"), "a key without value is kept as null");
    only(c, "'name' should be text");
    only(c, "'x' should be a whole number");
    only(c, "is not a mapping");
    assertEquals(2, c.problems().stream().filter(p -> p.message().contains("z.png")).count(), "one per entry");
    assertEquals(c.problems().size(), c.problems().stream().distinct().count());
  }

  @Test
  void aMissingFolderIsAProblemNotACrash() {
    Campaign c = CampaignLoader.loadFolder(root.resolve("nope"));
    assertFalse(c.problems().isEmpty());
    assertTrue(c.roots().isEmpty());
  }
}
