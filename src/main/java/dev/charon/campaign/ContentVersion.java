package dev.charon.campaign;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Digests of a campaign folder. {@link #of} hashes every file's path and bytes: the same files
 * give the same version after a restart, so clients' ETags stay valid. {@link #fingerprint} only
 * hashes paths, sizes and modification times: cheap enough to poll every few seconds.
 * Hidden files and folders (.git, editor swap files) count for neither. The folder is walked under
 * the rule of {@link CampaignFiles}: a symbolic link counts by its own text, and what it points at
 * is never read.
 */
final class ContentVersion {
  /** Bigger files are hashed by size and modification time instead of their bytes. */
  static final long MAX_HASHED_FILE_BYTES = 8L * 1024 * 1024;
  static final int VERSION_HEX_CHARS = 16;
  static final int MAX_WALK_DEPTH = 24;
  private static final byte[] UNREADABLE = "unreadable".getBytes(StandardCharsets.UTF_8);

  private ContentVersion() {}

  static String of(Path root) {
    CampaignFiles files = CampaignFiles.quiet(root);
    MessageDigest d = sha256();
    for (CampaignFiles.Entry e : entries(files)) {
      d.update(files.rel(e.path()).getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      if (e.kind() == CampaignFiles.Kind.LINK) {
        // A link counts by its text (it is refused, so what it points at is never read).
        d.update(("link:" + files.linkText(e.path()).orElse("")).getBytes(StandardCharsets.UTF_8));
      } else if (e.attributes().size() > MAX_HASHED_FILE_BYTES) {
        d.update((e.attributes().size() + ":" + e.attributes().lastModifiedTime().toMillis())
            .getBytes(StandardCharsets.UTF_8));
      } else {
        d.update(files.read(e.path(), MAX_HASHED_FILE_BYTES).orElse(UNREADABLE));
      }
      d.update((byte) 0);
    }
    return HexFormat.of().formatHex(d.digest()).substring(0, VERSION_HEX_CHARS);
  }

  static String fingerprint(Path root) {
    CampaignFiles files = CampaignFiles.quiet(root);
    MessageDigest d = sha256();
    for (CampaignFiles.Entry e : entries(files)) {
      BasicFileAttributes a = e.attributes();
      String link = e.kind() == CampaignFiles.Kind.LINK ? "|" + files.linkText(e.path()).orElse("") : "";
      d.update((files.rel(e.path()) + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + link + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * Regular files and links (read as links: adding one must trigger a reload, which reports it),
   * hidden ones excluded; a file that vanished mid-walk simply is not there.
   */
  private static List<CampaignFiles.Entry> entries(CampaignFiles files) {
    return files.tree(files.root, MAX_WALK_DEPTH).stream()
        .filter(e -> e.attributes() != null
            && (e.kind() == CampaignFiles.Kind.FILE || e.kind() == CampaignFiles.Kind.LINK))
        // Sorted by whole path, as before, so a folder keeps its version across this change.
        .sorted(Comparator.comparing(CampaignFiles.Entry::path))
        .toList();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
