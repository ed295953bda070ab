package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real SSE client over a socket, for tests: reads frames in a thread, keeps every
 * {@code activeview} event, and rebuilds the state exactly as the browser does (a snapshot,
 * then JSON merge patches). Waits are condition-based, never fixed sleeps.
 */
public final class SseClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One parsed frame. */
  public record Frame(String event, String id, String data, Long retry) {}

  public final List<Frame> frames = new CopyOnWriteArrayList<>();
  /** System.nanoTime() at which each frame of {@link #frames} was complete, same index. */
  public final List<Long> frameNanos = new CopyOnWriteArrayList<>();
  public final List<String> comments = new CopyOnWriteArrayList<>();
  public final List<Long> versions = new CopyOnWriteArrayList<>();
  /** System.nanoTime() at which the frame of each version was complete. */
  public final Map<Long, Long> versionNanos = new java.util.concurrent.ConcurrentHashMap<>();
  public volatile HttpResponse<Stream<String>> response;
  private ObjectNode state; // guarded by this
  private volatile boolean ended;
  private volatile Throwable failure;
  private final Thread reader;
  private final Object signal = new Object();

  public SseClient(URI uri) {
    this(uri, Map.of());
  }

  public SseClient(URI uri, Map<String, String> headers) {
    this(uri, headers, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** @param client the client to read with (one that trusts a test's own certificate, for HTTPS) */
  public SseClient(URI uri, Map<String, String> headers, HttpClient client) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    headers.forEach(b::header);
    HttpRequest request = b.build();
    reader = new Thread(() -> {
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        signal();
        read(response.body().iterator());
      } catch (Throwable t) {
        failure = t;
      } finally {
        ended = true;
        signal();
      }
    }, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Iterator<String> lines) {
    String event = null;
    String id = null;
    Long retry = null;
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (data.length() > 0 || event != null) {
          Frame f = new Frame(event, id, data.toString(), retry);
          long arrived = System.nanoTime();
          frameNanos.add(arrived);
          frames.add(f);
          if ("activeview".equals(event)) {
            accept(f, arrived);
          }
          signal();
        }
        event = null;
        id = null;
        retry = null;
        data.setLength(0);
      } else if (line.startsWith(":")) {
        comments.add(line.substring(1).trim());
        signal();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      } else if (line.startsWith("retry:")) {
        retry = Long.parseLong(line.substring(6).trim());
      } else if (line.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
      }
    }
  }

  private void accept(Frame f, long arrivedNanos) {
    try {
      JsonNode node = JSON.readTree(f.data());
      long version = node.get("version").asLong();
      synchronized (this) {
        if (node.has("patch")) {
          // In place: copying a state with thousands of tokens per event would dominate the test.
          patchInPlace(state, node.get("patch"));
          state.set("version", node.get("version"));
        } else {
          state = (ObjectNode) node;
        }
      }
      versionNanos.putIfAbsent(version, arrivedNanos);
      versions.add(version);
    } catch (Exception e) {
      failure = e;
    }
  }

  private static void patchInPlace(ObjectNode target, JsonNode patch) {
    patch.fields().forEachRemaining(e -> {
      JsonNode current = target.get(e.getKey());
      if (e.getValue().isNull()) {
        target.remove(e.getKey());
      } else if (e.getValue().isObject() && current != null && current.isObject()) {
        patchInPlace((ObjectNode) current, e.getValue());
      } else {
        target.set(e.getKey(), applyPatch(null, e.getValue()));
      }
    });
  }

  /** JSON Merge Patch (RFC 7386), as the browser applies it. */
  public static JsonNode applyPatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
    patch.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), applyPatch(result.get(e.getKey()), e.getValue()));
      }
    });
    return result;
  }

  private void signal() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private static final long RECHECK_MILLIS = 20;

  /** Waits until the condition holds, or fails the test after the timeout. */
  public void await(String what, Predicate<SseClient> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      while (!condition.test(this)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what + " (frames=" + frames.size()
              + ", last version=" + lastVersion() + ", ended=" + ended + ", failure=" + failure + ")");
        }
        try {
          // Frames wake this at once; conditions about the server's state (a subscriber count)
          // change without a frame, so they are re-checked at least this often.
          signal.wait(Math.max(1, Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  public void awaitVersion(long version) {
    await("version " + version, c -> c.lastVersion() >= version, Duration.ofSeconds(20));
  }

  public void awaitOpen() {
    await("the first event", c -> !c.versions.isEmpty(), Duration.ofSeconds(10));
  }

  public long lastVersion() {
    return versions.isEmpty() ? -1 : versions.get(versions.size() - 1);
  }

  /** A copy of the state rebuilt from the stream so far. */
  public synchronized ObjectNode state() {
    return state == null ? null : state.deepCopy();
  }

  public boolean ended() {
    return ended;
  }

  public Throwable failure() {
    return failure;
  }

  public List<Frame> activeviewFrames() {
    List<Frame> out = new ArrayList<>();
    for (Frame f : frames) {
      if ("activeview".equals(f.event())) {
        out.add(f);
      }
    }
    return out;
  }

  @Override
  public void close() {
    reader.interrupt();
    if (response != null) {
      try {
        response.body().close();
      } catch (Exception ignored) {
        // closing a stream that is already gone
      }
    }
  }
}
