package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Symbolic links in a campaign folder are refused, whatever they point at: the demo campaign with
 * links to a secret file beside it, to folders outside it, to {@code /proc/self/environ}, and to
 * files and folders inside it. Each is a problem naming the link; the rest of the campaign loads;
 * no answer of the API, the GM's or a player's, carries a byte from behind a link.
 */
class CampaignLinksTest extends CampaignApiTest {
  static final String SECRET = "SECRET-BEHIND-A-LINK-7f3a";
  /** A legacy-mode terminal (per-terminal inbox/ and sent/ folders) added to the demo. */
  static final String DOCK = "galaxy/styx-gate/waystation-nine/comms/dock";
  static final String SECRET_MD =
      "---\nsubject: \"" + SECRET + "\"\nfrom: \"" + SECRET + "\"\n---\n" + SECRET + " body\n";

  static final Set<String> LINKS = Set.of(
      "galaxy/styx-gate/location.yaml",                       // a YAML file outside
      "galaxy/styx-gate/annex",                               // a location folder outside
      "galaxy/charybdis-drift/ossuary/tethys-relay/map",      // a folder in the middle of map/relay.yaml
      "campaign/crew.yaml",
      "campaign/sessions/session-003.md",
      DOCK + "/inbox/charon/010_env.md",                      // the server's environment
      DOCK + "/inbox/charon/011_secret.md",                   // a Markdown file outside
      DOCK + "/inbox/charon/012_again.md",                    // a file inside the campaign
      DOCK + "/inbox/archive",                                // a contact folder outside
      DOCK + "/sent");                                        // a folder inside the campaign

  Path outside;

  @Override
  void prepare(Path root) throws IOException {
    outside = root.getParent().resolve("outside");
    write(outside.resolve("secret.md"), SECRET_MD);
    write(outside.resolve("location.yaml"), "name: \"" + SECRET + "\"\ndescription: \"" + SECRET + "\"\n");
    write(outside.resolve("crew.yaml"), "crew:\n  - id: \"" + SECRET + "\"\n    name: \"" + SECRET + "\"\n");
    write(outside.resolve("archive/020_old.md"), SECRET_MD);
    write(outside.resolve("annex/location.yaml"), "name: \"" + SECRET + "\"\n");
    write(outside.resolve("relaymap/relay.yaml"), "grid: {width: 4, height: 4}\nrooms:\n"
        + "  - {id: r1, name: \"" + SECRET + "\", x: 0, y: 0, width: 2, height: 2}\n");

    write(root.resolve(DOCK + "/terminal.yaml"), "name: \"Dock Terminal\"\nowner: \"Dockmaster\"\n");
    write(root.resolve(DOCK + "/inbox/charon/001_hello.md"),
        "---\nsubject: \"Berth assigned\"\nfrom: \"Charon\"\n---\nBerth four is yours.\n");
    link(root.resolve(DOCK + "/inbox/charon/010_env.md"), Path.of("/proc/self/environ"));
    link(root.resolve(DOCK + "/inbox/charon/011_secret.md"), outside.resolve("secret.md"));
    link(root.resolve(DOCK + "/inbox/charon/012_again.md"), Path.of("001_hello.md"));
    link(root.resolve(DOCK + "/inbox/archive"), outside.resolve("archive"));
    link(root.resolve(DOCK + "/sent"), Path.of("inbox"));

    replaceWithLink(root.resolve("galaxy/styx-gate/location.yaml"), outside.resolve("location.yaml"));
    link(root.resolve("galaxy/styx-gate/annex"), outside.resolve("annex"));
    Path relayMap = root.resolve("galaxy/charybdis-drift/ossuary/tethys-relay/map");
    try (Stream<Path> s = Files.walk(relayMap)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    link(relayMap, outside.resolve("relaymap"));
    replaceWithLink(root.resolve("campaign/crew.yaml"), outside.resolve("crew.yaml"));
    link(root.resolve("campaign/sessions/session-003.md"), outside.resolve("secret.md"));
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static void link(Path link, Path target) throws IOException {
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, target);
  }

  private static void replaceWithLink(Path file, Path target) throws IOException {
    Files.delete(file);
    Files.createSymbolicLink(file, target);
  }

  /** What must never appear in an answer: the secret, and the test JVM's own environment. */
  private static List<String> forbidden() {
    List<String> out = new ArrayList<>(List.of(SECRET));
    String path = System.getenv("PATH");
    if (path != null && !path.isEmpty()) {
      out.add("PATH=" + path);
    }
    return out;
  }

  private void assertClean(String what, String text) {
    for (String f : forbidden()) {
      assertFalse(text.contains(f), what + " carries '" + f + "' from behind a link:\n" + text);
    }
  }

  private String getAsGm(String path) {
    Response r = api(path).request().get();
    assertTrue(r.getStatus() == 200 || r.getStatus() == 404, path + " answered " + r.getStatus());
    return r.readEntity(String.class);
  }

  @Test
  void everyLinkIsAProblemNamingItAndNothingElseIs() {
    List<Problem> problems = charon.campaign().current().problems();
    assertEquals(new TreeSet<>(LINKS),
        problems.stream().map(Problem::file).collect(Collectors.toCollection(TreeSet::new)), problems.toString());
    for (Problem p : problems) {
      assertTrue(p.message().contains("symbolic link"), p.toString());
    }
    assertTrue(problem(DOCK + "/inbox/charon/010_env.md").message().contains("outside"));
    assertTrue(problem(DOCK + "/inbox/charon/012_again.md").message().contains("inside"),
        "a link that points inside the campaign is refused too");
    assertTrue(problem(DOCK + "/sent").message().contains("inside"));
  }

  private Problem problem(String file) {
    return charon.campaign().current().problems().stream().filter(p -> p.file().equals(file)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem for " + file));
  }

  @Test
  void aRefusedFileNeverStopsTheRestLoading() {
    Campaign c = charon.campaign().current();
    CommTerminal dock = c.location("waystation-nine").orElseThrow().terminal("dock").orElseThrow();
    assertEquals("Dock Terminal", dock.name());
    assertEquals(List.of("001_hello.md"), dock.inbox().stream().map(CommTerminal.TerminalMessage::messageId).toList());
    assertEquals(List.of(), dock.sent());
    assertEquals("styx-gate", c.location("styx-gate").orElseThrow().name(), "named after its folder");
    assertEquals("Waystation Nine", c.location("waystation-nine").orElseThrow().name());
    assertTrue(c.location("annex").isEmpty());
    assertTrue(c.location("tethys-relay").orElseThrow().map().isEmpty());
    assertTrue(c.location("msv-cormorant").orElseThrow().map().isPresent());
    assertEquals(5, c.npcs().size());
    assertEquals(List.of(), c.crew());
    assertEquals(2, c.sessions().size());
    assertClean("the loaded campaign", c.toString());
  }

  @Test
  void noAnswerCarriesAByteFromBehindALink() throws IOException {
    List<String> gmReads = List.of("gm/locations/", "gm/terminal/waystation-nine/dock/",
        "gm/encounter-map/tethys-relay/", "gm/encounter-map/tethys-relay/all-decks/", "gm/encounter/token-images/",
        "ship-status/", "gm/campaign/problems/", "gm/active-view/", "active-view/");
    for (String path : gmReads) {
      assertClean(path, getAsGm(path));
    }
    // The GM puts the linked map's location on screen and shows the terminal (a view switch closes
    // the overlay, so in this order): now players may read both.
    postOk("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"tethys-relay\"}");
    postOk("api/gm/show-terminal/", "{\"location_slug\":\"waystation-nine\",\"terminal_slug\":\"dock\"}");
    Response terminal = anonymous().path("api/terminal/waystation-nine/dock/").request().get();
    assertEquals(200, terminal.getStatus());
    String text = terminal.readEntity(String.class);
    assertTrue(text.contains("Berth four is yours."), text);
    assertClean("the player's terminal", text);
    Response map = anonymous().path("api/encounter-map/tethys-relay/").request().get();
    assertEquals(404, map.getStatus(), "the map behind the link was never loaded");
    assertClean("the player's map", map.readEntity(String.class));
    for (String path : List.of("active-view/", "gm/active-view/", "gm/terminal/waystation-nine/dock/")) {
      assertClean(path, getAsGm(path));
    }
    assertClean("the player's active view", anonymous().path("api/active-view/").request().get(String.class));
  }

  @Test
  void aLinkAddedLaterIsRefusedWhenTheWatcherReloads() throws IOException {
    CampaignReloader reloader = charon.campaignReloader();
    assertFalse(reloader.poll(), "nothing changed");
    link(campaignRoot.resolve(DOCK + "/inbox/charon/013_late.md"), outside.resolve("secret.md"));
    String captain = "galaxy/charybdis-drift/ossuary/msv-cormorant/comms/messages/001_docking_slot.md";
    replaceWithLink(campaignRoot.resolve(captain), outside.resolve("secret.md"));
    assertFalse(reloader.poll(), "the first poll that sees a change waits for the folder to settle");
    assertTrue(reloader.poll(), "a new link changes the folder's fingerprint, so it is reloaded");

    JsonNode problems = JSON.readTree(getAsGm("gm/campaign/problems/"));
    Set<String> files = new TreeSet<>();
    problems.get("problems").forEach(p -> files.add(p.get("file").asText()));
    assertTrue(files.contains(DOCK + "/inbox/charon/013_late.md"), files.toString());
    assertTrue(files.contains(captain), files.toString());
    assertClean("the dock terminal", getAsGm("gm/terminal/waystation-nine/dock/"));
    String captains = getAsGm("gm/terminal/msv-cormorant/captains_terminal/");
    assertClean("the captain's terminal", captains);
    assertTrue(captains.contains("cmr_msg_002"), "the other messages still load");
    assertFalse(captains.contains("cmr_msg_001"));
  }

  @Test
  void aReloadOverTheApiRefusesANewLinkTheSameWay() throws IOException {
    link(campaignRoot.resolve("galaxy/styx-gate/waystation-nine/map/deck.yaml"),
        outside.resolve("relaymap/relay.yaml"));
    Response r = post("api/gm/campaign/reload/", "");
    assertEquals(200, r.getStatus());
    assertTrue(charon.campaign().current().problems().stream()
        .anyMatch(p -> p.file().equals("galaxy/styx-gate/waystation-nine/map/deck.yaml")
            && p.message().contains("symbolic link")));
    assertTrue(charon.campaign().current().location("waystation-nine").orElseThrow().map().isEmpty());
    assertClean("the GM's map", getAsGm("gm/encounter-map/waystation-nine/"));
  }

  @Test
  void theVersionNeverReadsWhatALinkPointsAt() throws IOException {
    String before = ContentVersion.of(campaignRoot);
    String fingerprint = ContentVersion.fingerprint(campaignRoot);
    Files.writeString(outside.resolve("secret.md"), SECRET_MD + "changed\n");
    assertEquals(before, ContentVersion.of(campaignRoot));
    assertEquals(fingerprint, ContentVersion.fingerprint(campaignRoot));
  }
}
