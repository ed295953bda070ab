package dev.charon.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reads a campaign folder into one immutable {@link Campaign}, or, when no folder is configured,
 * the demo campaign shipped in the WAR (extracted into {@code <data dir>/demo-campaign/} first,
 * replacing what is there, so images can be served from disk and a GM can look at real files).
 *
 * <p>Loading never fails because of content: every unusable file or entry becomes a
 * {@link Problem} and the rest loads. Only an unreadable campaign root is an error.
 */
public final class CampaignLoader {
  private static final Logger LOG = Logger.getLogger(CampaignLoader.class.getName());

  /** Classpath folder of the demo campaign and its list of files (a WAR cannot be listed). */
  static final String DEMO_RESOURCE = "/demo-campaign/";
  static final String DEMO_INDEX = "files.txt";
  public static final String DEMO_DIR_NAME = "demo-campaign";

  private CampaignLoader() {}

  /**
   * @param directory the configured campaign folder; empty means the demo campaign
   * @param dataDir where the demo campaign is extracted
   */
  public static Campaign load(Optional<Path> directory, Path dataDir) {
    Path root = directory.orElseGet(() -> extractDemo(dataDir.resolve(DEMO_DIR_NAME)));
    return loadFolder(root);
  }

  /** Loads one folder (with {@code galaxy/} and {@code campaign/} in it). */
  public static Campaign loadFolder(Path folder) {
    long started = System.nanoTime();
    Path root = folder.toAbsolutePath().normalize();
    LoadContext ctx = new LoadContext(root);
    if (!ctx.files.isDirectory(root)) {
      ctx.problems.add("", 0, "campaign folder " + root + " does not exist");
      return new Campaign(List.of(), java.util.Map.of(), List.of(), Optional.empty(), ctx.problems.list(), "missing",
          List.of(), java.util.Set.of(), Optional.of(root), CharonContext.DEFAULT);
    }
    // Image folders first: maps and portraits are checked against the index.
    ctx.images.scanTreeFolders();
    List<Location> roots = new LocationLoader(ctx).loadGalaxy();
    RosterLoader roster = new RosterLoader(ctx);
    var npcs = roster.npcs();
    var crew = roster.crew();
    var ship = roster.ship();
    var sessions = roster.sessions();
    var charon = roster.charonContext();
    // After the locations (counts of a body's child locations) and before the image list is taken
    // (the textures the maps name join it).
    BridgeMaps maps = new BridgeMapLoader(ctx, roots).load();
    String version = ContentVersion.of(root);
    Campaign campaign = new Campaign(roots, npcs, crew, ship, ctx.problems.list(), version, sessions,
        ctx.images.all(), Optional.of(root), charon, maps);
    LOG.info(() -> String.format("campaign %s loaded in %d ms: %d locations, %d NPCs, %d problems, version %s",
        root, (System.nanoTime() - started) / 1_000_000, campaign.allLocations().size(), npcs.size(),
        campaign.problems().size(), version));
    return campaign;
  }

  /** Replaces {@code target} with the demo campaign from the classpath and returns it. */
  static Path extractDemo(Path target) {
    try {
      deleteTree(target);
      for (String rel : demoFiles()) {
        Path out = target.resolve(rel).normalize();
        if (!out.startsWith(target)) {
          throw new IllegalStateException("demo index entry leaves the folder: " + rel);
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = CampaignLoader.class.getResourceAsStream(DEMO_RESOURCE + rel)) {
          if (in == null) {
            throw new IllegalStateException("demo campaign file missing from the build: " + rel);
          }
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      LOG.info("demo campaign extracted to " + target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the demo campaign to " + target, e);
    }
  }

  /** The demo's files relative to its folder, from the index committed beside them. */
  static List<String> demoFiles() throws IOException {
    try (InputStream in = CampaignLoader.class.getResourceAsStream(DEMO_RESOURCE + DEMO_INDEX)) {
      if (in == null) {
        throw new IllegalStateException("the demo campaign index " + DEMO_RESOURCE + DEMO_INDEX + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }

  /** Deletes a folder tree without following symbolic links out of it. */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
