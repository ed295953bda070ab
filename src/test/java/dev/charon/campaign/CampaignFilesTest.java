package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule for the campaign folder (CampaignFiles): no link below the root is followed. */
class CampaignFilesTest {
  static final String SECRET = "SECRET-BEHIND-A-LINKED-FOLDER";

  @TempDir
  Path temp;

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static boolean hasProblem(Campaign c, String file) {
    return c.problems().stream().anyMatch(p -> p.file().equals(file) && p.message().contains("symbolic link"));
  }

  @Test
  void aLinkedFolderOnAPathTheLoaderNamesIsNeverEntered() throws IOException {
    // galaxy/ and campaign/ are looked up by name, not found by listing: the link is in the middle
    // of galaxy/<location>/location.yaml and campaign/npcs.yaml.
    Path outside = temp.resolve("outside");
    write(outside.resolve("galaxy/vault/location.yaml"), "name: \"" + SECRET + "\"\n");
    write(outside.resolve("campaign/npcs.yaml"), "npcs:\n  - {id: spy, name: \"" + SECRET + "\"}\n");
    write(outside.resolve("campaign/ship.yaml"), "ship:\n  name: \"" + SECRET + "\"\n");
    Path root = temp.resolve("campaign-folder");
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("galaxy"), outside.resolve("galaxy"));
    Files.createSymbolicLink(root.resolve("campaign"), outside.resolve("campaign"));

    Campaign c = CampaignLoader.loadFolder(root);
    assertTrue(hasProblem(c, "galaxy"), c.problems().toString());
    assertTrue(hasProblem(c, "campaign"), c.problems().toString());
    assertEquals(List.of(), c.allLocations());
    assertTrue(c.npcs().isEmpty());
    assertTrue(c.ship().isEmpty());
    assertFalse(c.toString().contains(SECRET));
  }

  @Test
  void anImageLinkThatPointsInsideTheCampaignIsRefusedToo() throws IOException {
    Path root = CampaignLoader.extractDemo(temp.resolve("demo-campaign"));
    Files.createSymbolicLink(root.resolve("campaign/images/crew/copy.png"), Path.of("sable_ng.png"));
    Campaign c = CampaignLoader.loadFolder(root);
    assertTrue(hasProblem(c, "campaign/images/crew/copy.png"), c.problems().toString());
    assertFalse(c.images().contains("campaign/images/crew/copy.png"));
    assertTrue(c.images().contains("campaign/images/crew/sable_ng.png"));
  }

  @Test
  void aCampaignFolderReachedThroughALinkLoadsCleanly() throws IOException {
    // /tmp on macOS, a linked home folder: the root itself may be a link; the rule starts below it.
    Path real = CampaignLoader.extractDemo(temp.resolve("real/demo-campaign"));
    Files.createSymbolicLink(temp.resolve("alias"), temp.resolve("real"));
    Campaign direct = CampaignLoader.loadFolder(real);
    Campaign linked = CampaignLoader.loadFolder(temp.resolve("alias/demo-campaign"));
    assertEquals(List.of(), linked.problems());
    assertEquals(direct.allLocations().size(), linked.allLocations().size());
    assertEquals(direct.images(), linked.images());
    assertEquals(direct.contentVersion(), linked.contentVersion());
  }

  /** Every other class of the package would be a way round the rule. */
  @Test
  void onlyCampaignFilesTouchesTheCampaignFolder() throws IOException {
    Pattern fileAccess = Pattern.compile(
        "\\bFiles\\.|FileInputStream|FileReader|RandomAccessFile|FileChannel|new File\\(|Scanner\\(|\\.toRealPath\\(");
    try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/charon/campaign"))) {
      for (Path source : sources.toList()) {
        String name = source.getFileName().toString();
        String text = Files.readString(source);
        if (name.equals("CampaignFiles.java")) {
          continue;
        }
        if (name.equals("CampaignLoader.java")) {
          // Writing the bundled demo into the data folder is not reading a campaign.
          text = text.substring(0, text.indexOf("static Path extractDemo("));
        }
        assertFalse(fileAccess.matcher(text).find(), name + " touches files itself; use CampaignFiles");
      }
    }
  }
}
