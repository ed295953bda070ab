package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language-model server on a real socket (127.0.0.1, a free port, its own threads) that speaks
 * both wire formats CHARON uses: Anthropic Messages ({@code POST .../v1/messages}) and OpenAI chat
 * completions ({@code POST .../v1/chat/completions}), each streamed as server-sent events when the
 * request asks for {@code "stream": true} and as one JSON answer otherwise.
 *
 * <p>Each test scripts the answer with {@link #reply(Reply)}: the text and how it is cut into
 * chunks, the delays, an HTTP error, junk, a hang, a stream that stops early. Every request is
 * recorded (path, headers, parsed body) with the {@link System#nanoTime()} at which each text chunk
 * was written and flushed, so a test can measure how long a chunk takes to reach the GM.
 */
public final class FakeModelServer implements AutoCloseable {
  public static final String ANTHROPIC = "anthropic";
  public static final String OPENAI = "openai";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a {@link Reply} does. */
  public enum Kind { TEXT, STATUS, RAW, HANG }

  /**
   * One scripted answer, used for every request until the next {@link #reply(Reply)}.
   *
   * @param hangAfterChunks after this many text chunks the stream goes quiet until the server is
   *     closed (-1: never)
   * @param endAfterChunks after this many text chunks the stream ends cleanly without its end
   *     events (-1: never)
   * @param stopReason the stop reason sent at the end; null for the provider's usual one
   */
  public record Reply(Kind kind, List<String> chunks, Duration firstChunkDelay, Duration chunkDelay, int status,
      String contentType, String body, int hangAfterChunks, int endAfterChunks, String stopReason) {

    public Reply {
      chunks = List.copyOf(chunks);
    }

    /** A text answer in exactly these chunks (none: an empty answer). */
    public static Reply text(String... chunks) {
      return new Reply(Kind.TEXT, Arrays.asList(chunks), Duration.ZERO, Duration.ZERO, 200, null, null, -1, -1, null);
    }

    /** A text answer cut into chunks of {@code chunkChars} characters. */
    public static Reply split(String text, int chunkChars) {
      List<String> chunks = new ArrayList<>();
      for (int i = 0; i < text.length(); i += chunkChars) {
        chunks.add(text.substring(i, Math.min(text.length(), i + chunkChars)));
      }
      return text(chunks.toArray(String[]::new));
    }

    /** An HTTP error with this JSON (or any) body. */
    public static Reply status(int status, String body) {
      return new Reply(Kind.STATUS, List.of(), Duration.ZERO, Duration.ZERO, status, "application/json", body, -1,
          -1, null);
    }

    /** A 200 answer with this body, whatever the request asked for: not JSON, the wrong shape, junk events. */
    public static Reply raw(String contentType, String body) {
      return new Reply(Kind.RAW, List.of(), Duration.ZERO, Duration.ZERO, 200, contentType, body, -1, -1, null);
    }

    /** Reads the request and never answers, not even the headers, until the server is closed. */
    public static Reply hang() {
      return new Reply(Kind.HANG, List.of(), Duration.ZERO, Duration.ZERO, 0, null, null, -1, -1, null);
    }

    /** Waits this long after the stream's opening events before the first text chunk. */
    public Reply firstChunkDelay(Duration delay) {
      return new Reply(kind, chunks, delay, chunkDelay, status, contentType, body, hangAfterChunks, endAfterChunks,
          stopReason);
    }

    /** Waits this long between text chunks. */
    public Reply chunkDelay(Duration delay) {
      return new Reply(kind, chunks, firstChunkDelay, delay, status, contentType, body, hangAfterChunks,
          endAfterChunks, stopReason);
    }

    /** Sends this many chunks, then nothing more until the server is closed. */
    public Reply hangAfter(int chunkCount) {
      return new Reply(kind, chunks, firstChunkDelay, chunkDelay, status, contentType, body, chunkCount,
          endAfterChunks, stopReason);
    }

    /** Sends this many chunks, then ends the response without the stream's end events. */
    public Reply endAfter(int chunkCount) {
      return new Reply(kind, chunks, firstChunkDelay, chunkDelay, status, contentType, body, hangAfterChunks,
          chunkCount, stopReason);
    }

    public Reply stopReason(String reason) {
      return new Reply(kind, chunks, firstChunkDelay, chunkDelay, status, contentType, body, hangAfterChunks,
          endAfterChunks, reason);
    }
  }

  /**
   * One request as received.
   *
   * @param headers by lower-case name
   * @param body the parsed JSON body ({@link MissingNode} if it was not JSON)
   * @param chunkNanos when each text chunk of the answer was written and flushed, in order
   */
  public record Request(String path, Map<String, List<String>> headers, JsonNode body, List<Long> chunkNanos) {
    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Reply reply = Reply.text("Acknowledged.");

  private FakeModelServer() throws IOException {
    AtomicInteger count = new AtomicInteger();
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-model-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeModelServer start() {
    try {
      return new FakeModelServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the fake model server", e);
    }
  }

  /** What to put into {@code charon.model.base.url} for {@value #ANTHROPIC} or {@value #OPENAI}. */
  public String baseUrl(String provider) {
    if (!provider.equals(ANTHROPIC) && !provider.equals(OPENAI)) {
      throw new IllegalArgumentException("no such provider: " + provider);
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** How every following request is answered. */
  public void reply(Reply next) {
    reply = Objects.requireNonNull(next);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The only request so far; fails if there were none or several. */
  public Request request() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests.size());
    }
    return requests.get(0);
  }

  /** Waits until at least {@code count} requests have arrived. */
  public void awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " requests within " + timeout + ", got " + requests.size());
        }
        TimeUnit.NANOSECONDS.timedWait(requests, left);
      }
    }
  }

  /** Ends every hang, closes every connection and the socket. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body;
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        body = MissingNode.getInstance();
      }
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
          List.copyOf(values)));
      String path = exchange.getRequestURI().getPath();
      Request request = new Request(path, headers, body == null ? MissingNode.getInstance() : body,
          new CopyOnWriteArrayList<>());
      synchronized (requests) {
        requests.add(request);
        requests.notifyAll();
      }
      String provider = path.endsWith("/v1/messages") ? ANTHROPIC
          : path.endsWith("/v1/chat/completions") ? OPENAI : null;
      Reply script = reply;
      if (provider == null || !exchange.getRequestMethod().equals("POST")) {
        send(exchange, 404, "application/json", "{\"error\":{\"message\":\"no such route: " + path + "\"}}");
      } else if (script.kind() == Kind.HANG) {
        closed.await();
      } else if (script.kind() == Kind.STATUS || script.kind() == Kind.RAW) {
        send(exchange, script.status(), script.contentType(), script.body());
      } else if (request.body().path("stream").asBoolean(false)) {
        stream(exchange, provider, script, request);
      } else {
        send(exchange, 200, "application/json", whole(provider, script, request.body().path("model").asText()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is closing
    } catch (IOException e) {
      // the client went away; nothing to answer
    } finally {
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private void stream(HttpExchange exchange, String provider, Reply script, Request request)
      throws IOException, InterruptedException {
    String model = request.body().path("model").asText();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0); // chunked: each flush goes out at once
    OutputStream out = exchange.getResponseBody();
    boolean anthropic = provider.equals(ANTHROPIC);
    if (anthropic) {
      event(out, "message_start", object().<ObjectNode>set("message", object().put("id", "msg_fake")
          .put("type", "message").put("role", "assistant").put("model", model).putNull("stop_reason")
          .<ObjectNode>set("content", JSON.createArrayNode())
          .set("usage", object().put("input_tokens", 12).put("output_tokens", 1))).put("type", "message_start"));
      event(out, "content_block_start", object().put("type", "content_block_start").put("index", 0)
          .set("content_block", object().put("type", "text").put("text", "")));
    } else {
      data(out, openAiChunk(model, object().put("role", "assistant").put("content", ""), null));
    }
    if (!pause(script.firstChunkDelay())) {
      return;
    }
    List<String> chunks = script.chunks();
    for (int i = 0; i <= chunks.size(); i++) {
      if (i == script.hangAfterChunks()) {
        closed.await();
        return;
      }
      if (i == script.endAfterChunks()) {
        return;
      }
      if (i == chunks.size()) {
        break;
      }
      if (i > 0 && !pause(script.chunkDelay())) {
        return;
      }
      if (anthropic) {
        event(out, "content_block_delta", object().put("type", "content_block_delta").put("index", 0)
            .set("delta", object().put("type", "text_delta").put("text", chunks.get(i))));
      } else {
        data(out, openAiChunk(model, object().put("content", chunks.get(i)), null));
      }
      request.chunkNanos().add(System.nanoTime());
    }
    int outputTokens = chunks.size();
    if (anthropic) {
      event(out, "content_block_stop", object().put("type", "content_block_stop").put("index", 0));
      event(out, "message_delta", object().put("type", "message_delta")
          .<ObjectNode>set("delta", object().put("stop_reason", stop(script, "end_turn")).putNull("stop_sequence"))
          .set("usage", object().put("output_tokens", outputTokens)));
      event(out, "message_stop", object().put("type", "message_stop"));
    } else {
      data(out, openAiChunk(model, object(), stop(script, "stop")));
      data(out, object().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("model", model)
          .<ObjectNode>set("choices", JSON.createArrayNode())
          .set("usage", object().put("prompt_tokens", 12).put("completion_tokens", outputTokens)
              .put("total_tokens", 12 + outputTokens)).toString());
      data(out, "[DONE]");
    }
  }

  private static String whole(String provider, Reply script, String model) {
    String text = String.join("", script.chunks());
    if (provider.equals(ANTHROPIC)) {
      ObjectNode answer = object().put("id", "msg_fake").put("type", "message").put("role", "assistant")
          .put("model", model).put("stop_reason", stop(script, "end_turn")).putNull("stop_sequence");
      answer.putArray("content").addObject().put("type", "text").put("text", text);
      answer.set("usage", object().put("input_tokens", 12).put("output_tokens", script.chunks().size()));
      return answer.toString();
    }
    ObjectNode answer = object().put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 0)
        .put("model", model);
    answer.putArray("choices").addObject().put("index", 0).put("finish_reason", stop(script, "stop"))
        .set("message", object().put("role", "assistant").put("content", text));
    answer.set("usage", object().put("prompt_tokens", 12).put("completion_tokens", script.chunks().size())
        .put("total_tokens", 12 + script.chunks().size()));
    return answer.toString();
  }

  private static String openAiChunk(String model, ObjectNode delta, String finishReason) {
    ObjectNode chunk = object().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 0)
        .put("model", model);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return chunk.toString();
  }

  private static String stop(Reply script, String usual) {
    return script.stopReason() == null ? usual : script.stopReason();
  }

  private static void event(OutputStream out, String name, ObjectNode data) throws IOException {
    write(out, "event: " + name + "\ndata: " + data + "\n\n");
  }

  private static void data(OutputStream out, String data) throws IOException {
    write(out, "data: " + data + "\n\n");
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** @return false if the server closed while waiting */
  private boolean pause(Duration delay) throws InterruptedException {
    return delay.isZero() || !closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
