package dev.charon.campaign;

import java.nio.file.Files;
import java.nio.file.Path;

/** The original's campaign in ../shared, read in place (never copied into the project). */
public final class Fixture {
  private Fixture() {}

  public static Path root() {
    String shared = System.getProperty("charon.shared.dir", "../shared");
    Path root = Path.of(shared, "fixtures", "mothership-campaign").toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("fixture not found at " + root + " (set charon.shared.dir)");
    }
    return root;
  }

  private static Campaign loaded;

  public static synchronized Campaign campaign() {
    if (loaded == null) {
      loaded = CampaignLoader.loadFolder(root());
    }
    return loaded;
  }
}
