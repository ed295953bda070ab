package dev.charon.campaign;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * An answer that clients revalidate: its ETag is derived from everything the body depends on (the
 * campaign's content version plus, e.g., the revealed rooms), so a matching {@code If-None-Match}
 * is answered 304 without building the body at all. {@code no-cache} makes browsers ask every
 * time, which is cheap, and never shows a stale map.
 */
public record Cacheable(String etag, MediaType type, Supplier<Object> body) {
  static final int ETAG_HEX_CHARS = 24;

  public static Cacheable json(Supplier<Object> body, Object... dependsOn) {
    return new Cacheable(tag(dependsOn), MediaType.APPLICATION_JSON_TYPE, body);
  }

  static String tag(Object... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Object p : parts) {
        d.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, ETAG_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public Response toResponse(Request request) {
    EntityTag tag = new EntityTag(etag);
    CacheControl revalidate = new CacheControl();
    revalidate.setNoCache(true);
    revalidate.setNoTransform(false);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.cacheControl(revalidate).tag(tag).build();
    }
    return Response.ok(body.get(), type).tag(tag).cacheControl(revalidate).build();
  }
}
