package dev.charon.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only way campaign code looks at the campaign folder: every existence check, directory listing
 * and file read of a load, of the version digest and of the image endpoint goes through here, so
 * one rule holds for all of them.
 *
 * <p>The rule: below the campaign root a symbolic link is never followed, whatever it points at (a
 * file or a folder, outside the campaign or inside it), and it is reported as a problem naming the
 * link; a path that lies outside the root, or whose real path does, is never opened. Links are
 * refused outright instead of resolved and checked: a campaign never needs one (copy the file), and
 * a link that points inside today can be pointed at {@code /proc/self/environ} tomorrow. Listings
 * look at each entry without following it, and files are opened with {@code O_NOFOLLOW}.
 *
 * <p>The root itself may be reached through a link (a linked home folder, {@code /tmp} on macOS):
 * it is resolved once, and the rule applies to everything below it.
 */
final class CampaignFiles {
  /** What an entry is, looked at without following links. */
  enum Kind { DIRECTORY, FILE, LINK, OTHER, MISSING }

  /** One entry of a listing. */
  record Entry(Path path, Kind kind, BasicFileAttributes attributes) {}

  /** Where refusals and read errors go: a load's problem list, or nowhere (digests, serving). */
  @FunctionalInterface
  interface Report {
    void problem(String relativePath, String message);
  }

  private static final Report QUIET = (file, message) -> {};

  /** The root as configured (absolute, normalised): problems and URLs are relative to it. */
  final Path root;
  private final Path realRoot;
  private final Report report;
  /**
   * Folders below the root already found to be real folders inside it, so a load looks at each
   * folder on a path once, not once per file. One instance serves one load or one request.
   */
  private final Set<Path> cleanDirectories = new HashSet<>();

  private CampaignFiles(Path root, Report report) {
    this.root = root.toAbsolutePath().normalize();
    this.report = report;
    Path real;
    try {
      real = this.root.toRealPath();
    } catch (IOException e) {
      real = this.root; // a missing root: nothing below it is ever read
    }
    this.realRoot = real;
  }

  /** For a load: refused links and unreadable files become problems. */
  static CampaignFiles reporting(Path root, Problems problems) {
    return new CampaignFiles(root, (file, message) -> problems.add(file, 0, message));
  }

  /** For digests and requests: the same rule, nothing reported (the load reported it). */
  static CampaignFiles quiet(Path root) {
    return new CampaignFiles(root, QUIET);
  }

  /** The path as problems and URLs name it: relative to the campaign root, with forward slashes. */
  String rel(Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Hidden entries (.git, editor swap files) and Python caches are never campaign content. */
  static boolean ignored(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".") || name.equals("__pycache__");
  }

  boolean isDirectory(Path p) {
    return kind(p) == Kind.DIRECTORY;
  }

  boolean isFile(Path p) {
    return kind(p) == Kind.FILE;
  }

  /**
   * What {@code p} is under the rule: {@link Kind#MISSING} when it does not exist, lies outside the
   * root or has a link on its way down from the root (that link is reported), otherwise what the
   * entry itself is, with a link reported and never followed.
   */
  Kind kind(Path p) {
    Path path = p.toAbsolutePath().normalize();
    if (path.equals(root)) {
      return Files.isDirectory(root) ? Kind.DIRECTORY : Kind.MISSING;
    }
    if (!path.startsWith(root)) {
      report.problem(rel(path), "lies outside the campaign folder; it is not read");
      return Kind.MISSING;
    }
    // Start below the deepest folder already found clean; every step down is looked at unfollowed.
    Path at = path.getParent();
    while (!at.equals(root) && !cleanDirectories.contains(at)) {
      at = at.getParent();
    }
    Kind kind = Kind.DIRECTORY;
    for (Path name : at.relativize(path)) {
      if (kind != Kind.DIRECTORY) {
        return Kind.MISSING;
      }
      at = at.resolve(name);
      kind = entry(at).kind();
      if (kind == Kind.LINK) {
        refuseLink(at);
        return Kind.MISSING;
      }
      if (kind == Kind.DIRECTORY && !cleanDirectories.contains(at)) {
        // Belt and braces, once per folder: with no link on the way down the real path cannot
        // leave the root, and a file in a clean folder that is not a link cannot either, so files
        // are not resolved one by one.
        if (!realPathInside(at)) {
          report.problem(rel(at), "resolves to a place outside the campaign folder; it is not read");
          return Kind.MISSING;
        }
        cleanDirectories.add(at);
      }
    }
    return kind;
  }

  /**
   * Everything in a directory except hidden entries, sorted by name so nothing depends on the file
   * system's order. Links are reported here and listed as {@link Kind#LINK}; callers skip them.
   */
  List<Entry> list(Path dir) {
    List<Entry> out = new ArrayList<>();
    if (!isDirectory(dir)) {
      return out;
    }
    // A directory stream does not follow the links it lists; each entry is looked at with NOFOLLOW.
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (!ignored(p)) {
          out.add(entry(p));
        }
      }
    } catch (IOException | RuntimeException e) {
      report.problem(rel(dir), "cannot list directory: " + e.getMessage());
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    out.stream().filter(e -> e.kind() == Kind.LINK).forEach(e -> refuseLink(e.path()));
    return out;
  }

  /** Sub-directories, sorted by name; links to directories are reported, not followed. */
  List<Path> subdirectories(Path dir) {
    return list(dir).stream().filter(e -> e.kind() == Kind.DIRECTORY).map(Entry::path).toList();
  }

  /** Regular files with one of the extensions (lower case, without dot), sorted by name. */
  List<Path> files(Path dir, String... extensions) {
    return list(dir).stream().filter(e -> e.kind() == Kind.FILE && LoadContext.hasExtension(e.path(), extensions))
        .map(Entry::path).toList();
  }

  /**
   * Every entry that is not a directory below {@code dir}, down to {@code maxDepth} levels of
   * sub-directories, depth first in name order. Linked directories are not entered.
   */
  List<Entry> tree(Path dir, int maxDepth) {
    List<Entry> out = new ArrayList<>();
    tree(dir, maxDepth, out);
    return out;
  }

  private void tree(Path dir, int depthLeft, List<Entry> out) {
    for (Entry e : list(dir)) {
      if (e.kind() != Kind.DIRECTORY) {
        out.add(e);
      } else if (depthLeft > 1) {
        tree(e.path(), depthLeft - 1, out);
      }
    }
  }

  /**
   * The bytes of a regular file under the rule, at most {@code maxBytes} of them; empty (and
   * reported) when refused, too large or unreadable, empty without a report when missing.
   */
  Optional<byte[]> read(Path file, long maxBytes) {
    Kind kind = kind(file);
    if (kind == Kind.MISSING) {
      return Optional.empty();
    }
    if (kind != Kind.FILE) {
      report.problem(rel(file), "is not a regular file; ignored");
      return Optional.empty();
    }
    // NOFOLLOW_LINKS opens with O_NOFOLLOW: should the file be swapped for a link after the check
    // above, the open fails instead of reading the link's target. The read is bounded whatever the
    // size said, so a file that grows while it is read never fills the heap.
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        report.problem(rel(file), "file is larger than " + maxBytes + " bytes; ignored");
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      report.problem(rel(file), "cannot read file: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The target a link names, as written (the link is read, its target is not touched). */
  Optional<String> linkText(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The attributes of a file the rule allows (size, modification time), read without following links. */
  Optional<BasicFileAttributes> attributes(Path file) {
    return isFile(file) ? Optional.ofNullable(entry(file).attributes()) : Optional.empty();
  }

  private static Entry entry(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Kind kind = a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.DIRECTORY
          : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
      return new Entry(p, kind, a);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return new Entry(p, Kind.MISSING, null);
    } catch (IOException | RuntimeException e) {
      return new Entry(p, Kind.OTHER, null);
    }
  }

  private boolean realPathInside(Path p) {
    try {
      return p.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  private void refuseLink(Path link) {
    // Where it points is worked out from the link's text alone: its target is never looked at.
    String where = linkText(link).map(t -> {
      Path target = link.getParent().resolve(t).normalize();
      return target.startsWith(root) || target.startsWith(realRoot) ? " (it points inside the campaign)"
          : " to something outside the campaign";
    }).orElse("");
    report.problem(rel(link), "is a symbolic link" + where + "; links are never followed, so it is ignored "
        + "(put the file itself in the campaign folder)");
  }
}
