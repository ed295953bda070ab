package dev.charon.activeview;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One or more SSE frames rendered to bytes once, when the event is made, and then written as
 * they are to every subscriber by {@link FrameWriter}. Jersey's own event writer would encode
 * the JSON again and scan it for line breaks for every subscriber; at a thousand subscribers
 * that is a thousand encodings of the same event.
 *
 * <p>It is an {@link OutboundSseEvent}, so it travels through the {@link
 * jakarta.ws.rs.sse.SseBroadcaster} like any other event. Several frames queued for one slow
 * subscriber are {@linkplain #concat concatenated} and leave in one write.
 */
public final class Frame implements OutboundSseEvent {
  private final byte[] bytes;
  private final String name;
  private final String id;
  private final String comment;
  private final String data;
  private final long retryMillis;
  private final long version;

  private Frame(byte[] bytes, String name, String id, String comment, String data, long retryMillis) {
    this.bytes = bytes;
    this.name = name;
    this.id = id;
    this.comment = comment;
    this.data = data;
    this.retryMillis = retryMillis;
    // Parsed once here: every subscriber's queue compares versions.
    this.version = id == null ? NO_VERSION : parseVersion(id);
  }

  /** The version of a frame without a numeric id (a comment, an auth event). */
  static final long NO_VERSION = Long.MIN_VALUE;

  private static long parseVersion(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return NO_VERSION;
    }
  }

  /** The state version this frame brings a stream up to, or {@link #NO_VERSION}. */
  long version() {
    return version;
  }

  /**
   * A named event. {@code id} may be null (no {@code id:} line, so the browser keeps its last
   * event id); {@code retryMillis} below zero sends no {@code retry:} hint.
   */
  public static Frame event(String name, String id, String data, long retryMillis) {
    StringBuilder s = new StringBuilder(data.length() + 64);
    // The field order of Jersey's own writer, so the wire looks the same as before.
    s.append("event: ").append(oneLine(name)).append('\n');
    if (id != null) {
      s.append("id: ").append(oneLine(id)).append('\n');
    }
    if (retryMillis >= 0) {
      s.append("retry: ").append(retryMillis).append('\n');
    }
    // A line break inside the data would end the field; SSE carries it as another data line.
    for (String line : data.split("\r\n|\r|\n", -1)) {
      s.append("data: ").append(line).append('\n');
    }
    s.append('\n');
    return new Frame(s.toString().getBytes(StandardCharsets.UTF_8), name, id, null, data, retryMillis);
  }

  /** A comment frame (a heartbeat): browsers ignore it, proxies and dead sockets notice it. */
  public static Frame comment(String comment) {
    byte[] bytes = (": " + oneLine(comment) + "\n\n").getBytes(StandardCharsets.UTF_8);
    return new Frame(bytes, null, null, comment, null, -1);
  }

  /** The frames in order, as one write; the id of the result is the id of the last with one. */
  static Frame concat(List<Frame> frames) {
    if (frames.size() == 1) {
      return frames.get(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(frames.stream().mapToInt(f -> f.bytes.length).sum());
    String lastId = null;
    for (Frame f : frames) {
      out.writeBytes(f.bytes);
      if (f.id != null) {
        lastId = f.id;
      }
    }
    return new Frame(out.toByteArray(), null, lastId, null, null, -1);
  }

  private static String oneLine(String s) {
    return s.replace("\r", "").replace("\n", "");
  }

  /** The wire bytes; never modified after construction, so one array serves every subscriber. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getComment() {
    return comment;
  }

  @Override
  public long getReconnectDelay() {
    return retryMillis;
  }

  @Override
  public boolean isReconnectDelaySet() {
    return retryMillis >= 0;
  }

  @Override
  public Class<?> getType() {
    return String.class;
  }

  @Override
  public Type getGenericType() {
    return String.class;
  }

  @Override
  public MediaType getMediaType() {
    return MediaType.TEXT_PLAIN_TYPE;
  }

  @Override
  public Object getData() {
    return data;
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
