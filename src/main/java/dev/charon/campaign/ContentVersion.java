package dev.charon.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Digests of a campaign folder. {@link #of} hashes every file's path and bytes: the same files
 * give the same version after a restart, so clients' ETags stay valid. {@link #fingerprint} only
 * hashes paths, sizes and modification times: cheap enough to poll every few seconds.
 * Hidden files and folders (.git, editor swap files) count for neither.
 */
final class ContentVersion {
  /** Bigger files are hashed by size and modification time instead of their bytes. */
  static final long MAX_HASHED_FILE_BYTES = 8L * 1024 * 1024;
  static final int VERSION_HEX_CHARS = 16;
  static final int MAX_WALK_DEPTH = 24;

  private ContentVersion() {}

  static String of(Path root) {
    MessageDigest d = sha256();
    for (Path f : files(root)) {
      try {
        d.update(rel(root, f).getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        long size = Files.size(f);
        if (size > MAX_HASHED_FILE_BYTES) {
          d.update((size + ":" + Files.getLastModifiedTime(f).toMillis()).getBytes(StandardCharsets.UTF_8));
        } else {
          d.update(Files.readAllBytes(f));
        }
        d.update((byte) 0);
      } catch (IOException e) {
        d.update(("unreadable:" + rel(root, f)).getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(d.digest()).substring(0, VERSION_HEX_CHARS);
  }

  static String fingerprint(Path root) {
    MessageDigest d = sha256();
    for (Path f : files(root)) {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        d.update((rel(root, f) + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        d.update(("gone:" + rel(root, f)).getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static List<Path> files(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root, MAX_WALK_DEPTH)) {
      return s.filter(p -> !p.equals(root) && !hidden(root, p) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      // A file vanished mid-walk (an editor saving): the next poll sees the settled folder.
      return List.of();
    }
  }

  private static boolean hidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      String n = part.toString();
      if (n.startsWith(".") || n.equals("__pycache__")) {
        return true;
      }
    }
    return false;
  }

  private static String rel(Path root, Path f) {
    return root.relativize(f).toString().replace('\\', '/');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
