package dev.charon.campaign;

import dev.charon.web.ApiError;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serving {@code GET api/campaign/images/<path>}. A path is served only when it is, letter for
 * letter, one of the images indexed at load time ({@link Campaign#images()}), and it still passes
 * the rule of {@link CampaignFiles} now (no symbolic link on its path, nothing outside the
 * campaign). Everything else is a JSON 400 or 404, so no request can read a byte outside the
 * campaign's image folders.
 */
public final class CampaignImages {
  /** Larger files are not served (campaign images are portraits and map plans). */
  public static final long MAX_IMAGE_BYTES = 16L * 1024 * 1024;
  static final int MAX_PATH_CHARS = 512;
  /** Escapes that only an attack needs: encoded dots, slashes, backslashes and NUL. */
  private static final Pattern HOSTILE_ESCAPE = Pattern.compile("(?i)%(2e|2f|5c|00)");
  private static final Map<String, String> TYPES = Map.of(
      "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");

  private final CampaignHolder holder;

  public CampaignImages(CampaignHolder holder) {
    this.holder = holder;
  }

  /** A file to send, with its type and the ETag it is revalidated by. */
  public record Image(Path file, MediaType type, String etag) {}

  /** @param encodedPath the path after {@code images/} as it came in, still percent-encoded */
  public Image find(String encodedPath) {
    if (encodedPath == null || encodedPath.isEmpty() || encodedPath.length() > MAX_PATH_CHARS
        || HOSTILE_ESCAPE.matcher(encodedPath).find()) {
      throw ApiError.badRequest("path", "Invalid image path");
    }
    String rel = decode(encodedPath);
    if (rel.startsWith("/") || rel.contains("\\") || rel.contains("\0") || rel.contains("//") || rel.contains(":")) {
      throw ApiError.badRequest("path", "Invalid image path");
    }
    for (String segment : rel.split("/")) {
      if (segment.equals(".") || segment.equals("..") || segment.isEmpty()) {
        throw ApiError.badRequest("path", "Invalid image path");
      }
    }
    Campaign c = holder.current();
    if (!c.images().contains(rel) || c.root().isEmpty()) {
      throw ApiError.notFound("path", "Image not found");
    }
    Path file = c.root().get().resolve(rel).normalize();
    // Checked again now, by the load's rule (CampaignFiles): the file may have been replaced by a
    // link, or a folder on its way by a linked folder, since the campaign loaded.
    BasicFileAttributes a = CampaignFiles.quiet(c.root().get()).attributes(file)
        .filter(attributes -> attributes.size() <= MAX_IMAGE_BYTES)
        .orElseThrow(() -> ApiError.notFound("path", "Image not found"));
    String ext = rel.substring(rel.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return new Image(file, MediaType.valueOf(TYPES.get(ext)),
        Cacheable.tag("image", c.contentVersion(), rel, a.size(), a.lastModifiedTime()));
  }

  /** The bytes of a found image, read again under the campaign's file rule (no link followed). */
  java.util.Optional<byte[]> read(Image image) {
    return holder.current().root().flatMap(root -> CampaignFiles.quiet(root).read(image.file(), MAX_IMAGE_BYTES));
  }

  /** Percent-decoding of a path (a '+' stays a '+': that is form encoding, not path encoding). */
  static String decode(String s) {
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '%') {
        if (i + 2 >= s.length()) {
          throw ApiError.badRequest("path", "Invalid image path");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw ApiError.badRequest("path", "Invalid image path");
        }
        out[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (ch < 0x80) {
        out[n++] = (byte) ch;
      } else {
        byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
        out = java.util.Arrays.copyOf(out, out.length + b.length);
        System.arraycopy(b, 0, out, n, b.length);
        n += b.length;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
