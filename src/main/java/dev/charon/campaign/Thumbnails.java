package dev.charon.campaign;

import dev.charon.web.ApiError;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Campaign images scaled down to the size a screen shows them: the GM console lists portraits
 * and tokens as 30-40 px thumbnails, and sending each 512×512 original (100 kB) for that was most
 * of the console's first load. Scaled once per image, width and campaign version, and kept (a
 * small LRU: thumbnails are a few kB). PNG when the picture has transparency (token art), JPEG
 * otherwise; the original whenever the thumbnail would not be smaller.
 */
public final class Thumbnails {
  /** The widths asked for: a 32 px thumbnail at 2x, and a 64 px one at 2x. Any other is a 400. */
  public static final Set<Integer> WIDTHS_PX = Set.of(64, 128);
  /** Bigger pictures are not decoded for a thumbnail (a 16 MB PNG can hold a 1-gigapixel bomb). */
  static final long MAX_SOURCE_PIXELS = 40_000_000L;
  static final int CACHE_ENTRIES = 512;

  public record Thumbnail(byte[] bytes, String type, String etag) {}

  private final Map<String, Thumbnail> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Thumbnail> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  /** @return the width asked for, or empty for the original; a 400 for anything but an allowed width */
  public static Optional<Integer> width(String w) {
    if (w == null) {
      return Optional.empty();
    }
    try {
      int px = Integer.parseInt(w);
      if (WIDTHS_PX.contains(px)) {
        return Optional.of(px);
      }
    } catch (NumberFormatException e) {
      // the same answer as for a width that is not offered
    }
    throw ApiError.badRequest("w", "w must be one of " + WIDTHS_PX.stream().sorted().toList());
  }

  /**
   * The image scaled to a width, or empty when the original should be sent as it is: already that
   * narrow, a format the JDK cannot read (WebP), too many pixels, or an unreadable file.
   */
  public Optional<Thumbnail> of(CampaignImages images, CampaignImages.Image image, int widthPx) {
    String key = image.etag() + "/" + widthPx;
    synchronized (cache) {
      Thumbnail cached = cache.get(key);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    Optional<Thumbnail> made = images.read(image).flatMap(bytes -> scale(bytes, widthPx))
        .map(t -> new Thumbnail(t.bytes(), t.type(), image.etag() + "-w" + widthPx));
    made.ifPresent(t -> {
      synchronized (cache) {
        cache.put(key, t);
      }
    });
    return made;
  }

  /** @return PNG when the picture has transparency (token art), else JPEG; empty when not smaller than the file */
  static Optional<Thumbnail> scale(byte[] file, int widthPx) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(file))) {
      if (in == null) {
        return Optional.empty();
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w <= widthPx || (long) w * h > MAX_SOURCE_PIXELS) {
          return Optional.empty();
        }
        BufferedImage source = reader.read(0);
        int height = Math.max(1, Math.round((float) h * widthPx / w));
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(widthPx, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
          g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
          g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
          // in halves, so a big reduction still averages every source pixel instead of skipping most
          BufferedImage step = source;
          int sw = w;
          int sh = h;
          while (sw / 2 >= widthPx) {
            sw /= 2;
            sh = Math.max(1, sh / 2);
            BufferedImage half = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_ARGB);
            Graphics2D hg = half.createGraphics();
            hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hg.drawImage(step, 0, 0, sw, sh, null);
            hg.dispose();
            step = half;
          }
          g.drawImage(step, 0, 0, widthPx, height, null);
        } finally {
          g.dispose();
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageIO.write(out, alpha ? "png" : "jpeg", encoded);
        if (encoded.size() >= file.length) {
          return Optional.empty(); // a small, well-packed original is the better file to send
        }
        return Optional.of(new Thumbnail(encoded.toByteArray(), alpha ? "image/png" : "image/jpeg", ""));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // a broken or odd file: the original is sent and the browser decides
      return Optional.empty();
    }
  }
}
