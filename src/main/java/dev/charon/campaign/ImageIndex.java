package dev.charon.campaign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The images a campaign may serve, found at load time: image files (by extension) in the image
 * folders below, under the one rule of {@link CampaignFiles} (no symbolic links, nothing outside the
 * campaign). {@code GET api/campaign/images/<path>} serves nothing else, so a request can never name
 * its way out of this list.
 *
 * <p>Image folders: {@code campaign/NPCs/images/} and {@code campaign/images/} (with
 * sub-folders), every location's {@code map/} and {@code maps/} folder, and {@code static/} (the
 * original's {@code /static/...} portraits, looked up under the campaign root).
 */
final class ImageIndex {
  /** The URL prefix of every campaign image, relative to the context root (no leading slash). */
  static final String URL_PREFIX = "api/campaign/images/";
  static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "webp");
  /** Folders (relative to the root) scanned with their sub-folders. */
  static final List<String> TREE_FOLDERS = List.of("campaign/NPCs/images", "campaign/images", "static");
  /** Sub-folders deeper than this are not scanned (a guard against pathological trees). */
  static final int MAX_FOLDER_DEPTH = 8;

  private final CampaignFiles files;
  private final Problems problems;
  private final SortedSet<String> images = new TreeSet<>();

  ImageIndex(CampaignFiles files, Problems problems) {
    this.files = files;
    this.problems = problems;
  }

  void scanTreeFolders() {
    for (String folder : TREE_FOLDERS) {
      files.tree(files.root.resolve(folder), MAX_FOLDER_DEPTH).forEach(this::consider);
    }
  }

  /** A location's map folder: its images only, no sub-folders. */
  void scanFolder(Path dir) {
    files.list(dir).forEach(this::consider);
  }

  /** Links were reported by the listing (the rule of {@link CampaignFiles}); they are never indexed. */
  private void consider(CampaignFiles.Entry e) {
    if (e.kind() == CampaignFiles.Kind.FILE && isImageName(e.path().getFileName().toString())) {
      images.add(rel(e.path()));
    }
  }

  static boolean isImageName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(lower.substring(dot + 1));
  }

  String rel(Path p) {
    return files.rel(p);
  }

  boolean contains(String rel) {
    return images.contains(rel);
  }

  Set<String> all() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(images));
  }

  /**
   * Turns a portrait as written in the data into our URL, or "" (reported) when it names no
   * served image. Accepted forms: {@code /data/<path>} (the original's URL of the data root),
   * {@code /static/<path>} (looked up as {@code static/<path>}), {@code api/campaign/images/<path>},
   * or a path relative to the campaign root.
   */
  String portraitUrl(String written, String file, int line, String who) {
    if (written == null || written.isBlank()) {
      return "";
    }
    String w = written.strip();
    String rel;
    if (w.startsWith("/data/")) {
      rel = w.substring("/data/".length());
    } else if (w.startsWith("/static/")) {
      rel = w.substring(1);
    } else if (w.startsWith(URL_PREFIX)) {
      rel = w.substring(URL_PREFIX.length());
    } else if (w.startsWith("/") || w.contains("://") || w.startsWith("\\")) {
      problems.add(file, line, who + ": portrait '" + w + "' is outside the campaign; use a path such as "
          + "campaign/NPCs/images/<file>.png");
      return "";
    } else {
      rel = w;
    }
    if (contains(rel)) {
      return url(rel);
    }
    problems.add(file, line, who + ": portrait '" + w + "' not found (looked for " + rel
        + " in the campaign's image folders)");
    return "";
  }

  /**
   * A texture of the 3D maps as written in {@code orbit_map.yaml}, as a path relative to the campaign
   * root, indexed so that {@code api/campaign/images/} serves it. Accepted forms: {@code /textures/<path>}
   * (the original's URL, looked up as {@code textures/<path>} in the campaign folder), {@code /data/<path>},
   * our own {@code api/campaign/images/<path>}, or a path relative to the campaign root. Refused, with
   * {@code problem} told why: anything with a scheme ({@code http:}, {@code file:}, {@code data:}), another
   * absolute path, a {@code ..} segment (it would leave the folder), a file that is not an image, missing,
   * reached through a symbolic link (the rule of {@link CampaignFiles}) or larger than the image endpoint serves.
   */
  Optional<String> texture(String written, Consumer<String> problem) {
    String w = written.strip();
    String quoted = MapFields.quote(w, MapFields.QUOTED_PATH_CHARS);
    if (w.contains(":") || w.contains("\\") || w.contains("\0")) {
      problem.accept(quoted + " is not a path inside the campaign folder");
      return Optional.empty();
    }
    String rel;
    if (w.startsWith("/textures/")) {
      rel = w.substring(1);
    } else if (w.startsWith("/data/")) {
      rel = w.substring("/data/".length());
    } else if (w.startsWith(URL_PREFIX)) {
      rel = w.substring(URL_PREFIX.length());
    } else if (w.startsWith("/")) {
      problem.accept(quoted + " lies outside the campaign folder (write /textures/<file> or a path inside the "
          + "campaign)");
      return Optional.empty();
    } else {
      rel = w;
    }
    for (String segment : rel.split("/", -1)) {
      if (segment.equals("..")) {
        problem.accept(quoted + " leaves the campaign folder");
        return Optional.empty();
      }
      if (segment.isEmpty() || segment.equals(".")) {
        problem.accept(quoted + " is not a plain path (empty or '.' segment)");
        return Optional.empty();
      }
    }
    if (!isImageName(rel)) {
      problem.accept(quoted + " is not an image (" + String.join(", ", EXTENSIONS) + ")");
      return Optional.empty();
    }
    if (indexFile(rel)) {
      return Optional.of(rel);
    }
    problem.accept(quoted + " not found in the campaign folder (looked for "
        + MapFields.quote(rel, MapFields.QUOTED_PATH_CHARS) + ")");
    return Optional.empty();
  }

  /**
   * Indexes an image file the maps name, if it is one: a regular file inside the campaign (no link on
   * its way), with an image extension, small enough to serve.
   */
  boolean indexFile(String rel) {
    if (contains(rel)) {
      return true;
    }
    Path p = files.root.resolve(rel).normalize();
    if (!p.startsWith(files.root) || !isImageName(p.getFileName().toString())) {
      return false;
    }
    boolean ok = files.attributes(p).filter(a -> a.size() <= CampaignImages.MAX_IMAGE_BYTES).isPresent();
    if (ok) {
      images.add(rel);
    }
    return ok;
  }

  /** The URL of an indexed image; each path segment percent-encoded. */
  static String url(String rel) {
    StringBuilder b = new StringBuilder(URL_PREFIX);
    String[] segments = rel.split("/");
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        b.append('/');
      }
      for (byte c : segments[i].getBytes(StandardCharsets.UTF_8)) {
        int ch = c & 0xff;
        if (Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
          b.append((char) ch);
        } else {
          b.append('%').append(String.format("%02X", ch));
        }
      }
    }
    return b.toString();
  }
}
