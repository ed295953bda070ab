package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.computer.ModelPrompt.Turn;
import dev.charon.testing.FakeModelServer;
import dev.charon.testing.FakeModelServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The draft model against a real model server on a socket ({@link FakeModelServer}), for both
 * wire formats: what is sent, how text streams back, and that every way a server can misbehave
 * ends in a {@link ModelException} the GM can read, within the timeout, without the key.
 */
class StreamingDraftModelTest {
  private static final String KEY = "sk-test-7f3a9c1e-SECRET";
  private static final String MODEL = "fake-model-1";
  private static final ModelPrompt PROMPT = new ModelPrompt("You are CHARON, a ship AI. Be terse.",
      List.of(new Turn("user", "status report"), new Turn("assistant", "ALL SYSTEMS NOMINAL."),
          new Turn("user", "[GM PROMPT: the reactor is failing]")), 200, 0.4);
  /** Generous: the timeouts are 1 s, and the machine is shared. */
  private static final long MARGIN_MILLIS = 5_000;

  private FakeModelServer server;

  /** What one call did. */
  private record Outcome(String text, List<String> pieces, List<Long> pieceNanos, Exception error,
      long elapsedMillis) {
    String message() {
      assertNotNull(error, "expected the call to fail, it returned " + text);
      assertTrue(error instanceof ModelException, () -> "not a ModelException: " + error);
      return error.getMessage();
    }
  }

  @BeforeEach
  void start() {
    server = FakeModelServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DraftModel model(String provider, int timeoutSeconds) {
    return new ModelSettings(provider, Optional.of(server.baseUrl(provider)), Optional.of(MODEL), Optional.of(KEY),
        timeoutSeconds).create().orElseThrow();
  }

  private static Outcome call(DraftModel model) {
    List<String> pieces = new ArrayList<>();
    List<Long> nanos = new ArrayList<>();
    long start = System.nanoTime();
    String text = null;
    Exception error = null;
    try {
      text = model.complete(PROMPT, piece -> {
        nanos.add(System.nanoTime());
        pieces.add(piece);
      });
    } catch (ModelException | InterruptedException e) {
      error = e;
    }
    return new Outcome(text, pieces, nanos, error, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void streamedPiecesArriveInOrderAsTheServerWritesThemAndTheWholeTextIsReturned(String provider) {
    List<String> chunks = List.of("REACTOR ", "CORE ", "TEMPERATURE ", "CRITICAL. ", "EVACUATE ", "DECK 3.");
    server.reply(Reply.text(chunks.toArray(String[]::new))
        .firstChunkDelay(Duration.ofMillis(100)).chunkDelay(Duration.ofMillis(40)));

    Outcome outcome = call(model(provider, 10));

    assertNull(outcome.error(), () -> "failed: " + outcome.error());
    assertEquals(chunks, outcome.pieces());
    assertEquals(String.join("", chunks), outcome.text());
    // Each piece reaches onText soon after the server flushed it: it streams, it is not
    // collected until the end (the last chunk is 300 ms after the first here).
    List<Long> written = server.request().chunkNanos();
    assertEquals(chunks.size(), written.size());
    long worstMillis = 0;
    for (int i = 0; i < chunks.size(); i++) {
      worstMillis = Math.max(worstMillis, TimeUnit.NANOSECONDS.toMillis(outcome.pieceNanos().get(i) - written.get(i)));
    }
    System.out.printf("%s: chunk written -> onText, worst of %d: %d ms%n", provider, chunks.size(), worstMillis);
    assertTrue(worstMillis < 300, "a chunk took " + worstMillis + " ms from the socket to onText");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void theRequestCarriesTheSystemPromptTheTurnsInOrderTheLimitsTheModelAndTheKey(String provider) {
    server.reply(Reply.text("ACKNOWLEDGED."));

    Outcome outcome = call(model(provider, 10));

    assertEquals("ACKNOWLEDGED.", outcome.text());
    FakeModelServer.Request request = server.request();
    JsonNode body = request.body();
    assertEquals(MODEL, body.path("model").asText());
    assertEquals(200, body.path("max_tokens").asInt());
    assertEquals(0.4, body.path("temperature").asDouble(), 1e-9);
    assertTrue(body.path("stream").asBoolean(), "streamed");
    List<String> turns = new ArrayList<>();
    String system;
    if (provider.equals(FakeModelServer.ANTHROPIC)) {
      assertTrue(request.path().endsWith("/v1/messages"), request.path());
      assertEquals(KEY, request.header("x-api-key"));
      assertNotNull(request.header("anthropic-version"));
      system = text(body.path("system"));
      body.path("messages").forEach(m -> turns.add(m.path("role").asText() + ": " + text(m.path("content"))));
    } else {
      assertTrue(request.path().endsWith("/v1/chat/completions"), request.path());
      assertEquals("Bearer " + KEY, request.header("authorization"));
      JsonNode messages = body.path("messages");
      assertEquals("system", messages.path(0).path("role").asText());
      system = messages.path(0).path("content").asText();
      for (int i = 1; i < messages.size(); i++) {
        turns.add(messages.path(i).path("role").asText() + ": " + text(messages.path(i).path("content")));
      }
    }
    assertEquals(PROMPT.system(), system);
    assertEquals(List.of("user: status report", "assistant: ALL SYSTEMS NOMINAL.",
        "user: [GM PROMPT: the reactor is failing]"), turns);
  }

  /** A content field as text: a plain string or Anthropic's list of text blocks. */
  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(block -> text.append(block.path("text").asText()));
    return text.toString();
  }

  @Test
  void anOpenAiCompatibleServerWithoutAKeyGetsNoAuthorizationHeader() throws Exception {
    server.reply(Reply.text("OK."));
    DraftModel local = new ModelSettings("openai", Optional.of(server.baseUrl("openai")), Optional.of("llama3.2"),
        Optional.empty(), 10).create().orElseThrow();

    assertEquals("OK.", local.complete(PROMPT, piece -> { }));
    assertNull(server.request().header("authorization"));
    assertEquals(new ModelInfo(true, "openai", "llama3.2"), local.info());
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void httpErrorsBecomePlainMessagesThatNameWhatToCheck(String provider) {
    DraftModel model = model(provider, 10);
    server.reply(Reply.status(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
        + "\"message\":\"invalid x-api-key\"}}"));
    String unauthorized = call(model).message();
    assertTrue(unauthorized.startsWith("The model server answered 401: check charon.model.api.key"), unauthorized);
    assertTrue(unauthorized.contains("invalid x-api-key"), unauthorized);

    server.reply(Reply.status(429, "{\"error\":{\"message\":\"Rate limit reached\"}}"));
    String limited = call(model).message();
    assertTrue(limited.startsWith("The model server answered 429: too many requests"), limited);

    server.reply(Reply.status(500, "<html><body>Internal Server Error</body></html>"));
    String broken = call(model).message();
    assertEquals("The model server answered 500: it is failing or overloaded; try again later", broken);

    server.reply(Reply.status(404, "{\"error\":\"model 'fake-model-1' not found\"}"));
    String missing = call(model).message();
    assertTrue(missing.startsWith("The model server answered 404: check charon.model.name"), missing);
    assertTrue(missing.contains("model 'fake-model-1' not found"), missing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void theKeyNeverAppearsInAMessageEvenWhenTheServerEchoesIt(String provider) {
    DraftModel model = model(provider, 10);
    server.reply(Reply.status(401, "{\"error\":{\"message\":\"key " + KEY + " is not valid\"}}"));
    String quoted = call(model).message();
    assertFalse(quoted.contains(KEY), quoted);
    assertTrue(quoted.contains("key [key] is not valid"), quoted);

    // A proxy that echoes the request: not the server's error text, so none of it is quoted.
    server.reply(Reply.status(400, "POST /v1/messages\nx-api-key: " + KEY + "\nAuthorization: Bearer " + KEY));
    String echoed = call(model).message();
    assertFalse(echoed.contains(KEY), echoed);
    assertEquals("The model server answered 400: it refused the request", echoed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void aServerSlowerThanTheTimeoutEndsTheCallAtTheTimeout(String provider) {
    server.reply(Reply.text("TOO", " LATE").firstChunkDelay(Duration.ofSeconds(30)));

    Outcome outcome = call(model(provider, 1));

    assertEquals("The model did not answer within 1 s", outcome.message());
    assertTrue(outcome.elapsedMillis() >= 900, outcome.elapsedMillis() + " ms");
    assertTrue(outcome.elapsedMillis() < 1_000 + MARGIN_MILLIS, outcome.elapsedMillis() + " ms");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void aModelThatSendsOneTokenAMinuteDoesNotHoldTheThreadPastTheTimeout(String provider) {
    server.reply(Reply.text("SLOW", " TOKENS", " FOREVER").chunkDelay(Duration.ofSeconds(60)));

    Outcome outcome = call(model(provider, 1));

    assertEquals("The model did not finish its answer within 1 s", outcome.message());
    assertEquals(List.of("SLOW"), outcome.pieces());
    assertTrue(outcome.elapsedMillis() < 1_000 + MARGIN_MILLIS, outcome.elapsedMillis() + " ms");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void aServerThatNeverAnswersEndsTheCallAtTheTimeout(String provider) {
    server.reply(Reply.hang());

    Outcome outcome = call(model(provider, 1));

    assertEquals("The model did not answer within 1 s", outcome.message());
    assertTrue(outcome.elapsedMillis() < 1_000 + MARGIN_MILLIS, outcome.elapsedMillis() + " ms");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void aStreamThatHangsMidwayEndsAtTheTimeoutAndIsLetGo(String provider) {
    server.reply(Reply.text("PARTIAL", " ANSWER", " NEVER", " ENDS").hangAfter(2));

    Outcome outcome = call(model(provider, 1));

    assertEquals("The model did not finish its answer within 1 s", outcome.message());
    assertEquals(List.of("PARTIAL", " ANSWER"), outcome.pieces());
    assertTrue(outcome.elapsedMillis() < 1_000 + MARGIN_MILLIS, outcome.elapsedMillis() + " ms");
    // The server is still hanging; the library's reading thread must not be left blocked on it.
    await(() -> threadsReading() == 0, Duration.ofSeconds(3), "a thread still reads the abandoned stream");
  }

  /** Threads blocked in the library's event-stream parser: one per open model stream. */
  private static long threadsReading() {
    return Thread.getAllStackTraces().values().stream()
        .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().endsWith("ServerSentEventParser")))
        .count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void aStreamThatEndsWithoutItsEndIsAFailureAtOnceNotAShortAnswer(String provider) {
    server.reply(Reply.text("THE DOOR CODE IS", " 4", "471").endAfter(2));

    Outcome outcome = call(model(provider, 20));

    assertEquals("The model's answer broke off before it was complete", outcome.message());
    assertTrue(outcome.elapsedMillis() < MARGIN_MILLIS, outcome.elapsedMillis() + " ms: it waited for the timeout");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void junkInsteadOfAModelAnswerIsAFailure(String provider) {
    DraftModel model = model(provider, 20);
    server.reply(Reply.raw("application/json", "this is not json"));
    String notAStream = call(model).message();
    assertTrue(notAStream.contains("not with a stream of model text: check charon.model.base.url"), notAStream);

    server.reply(Reply.raw("text/event-stream", provider.equals("anthropic")
        ? "event: message_start\ndata: {not json\n\nevent: content_block_delta\ndata: [1,2,3]\n\n"
        : "data: {not json\n\ndata: [1,2,3]\n\n"));
    String junkEvents = call(model).message();
    assertTrue(junkEvents.contains("sent something that is not a model answer"), junkEvents);

    // Well-formed JSON of the wrong shape, ended properly: no text comes of it.
    server.reply(Reply.raw("text/event-stream", provider.equals("anthropic")
        ? "event: message_stop\ndata: {\"type\":\"message_stop\",\"foo\":1}\n\n"
        : "data: {\"foo\":1}\n\ndata: [DONE]\n\n"));
    String wrongShape = call(model).message();
    assertTrue(wrongShape.startsWith("The model returned no text"), wrongShape);
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void anEmptyAnswerOrARefusalIsAFailure(String provider) {
    DraftModel model = model(provider, 10);
    server.reply(Reply.text());
    assertEquals("The model returned no text", call(model).message());

    server.reply(Reply.text("  ", "\n"));
    assertEquals("The model returned no text", call(model).message());

    server.reply(Reply.text().stopReason(provider.equals("anthropic") ? "refusal" : "content_filter"));
    assertEquals("The model returned no text (it may have declined to answer)", call(model).message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic", "openai"})
  void interruptingTheCallingThreadEndsTheCallPromptlyAndLetsTheStreamGo(String provider) throws Exception {
    server.reply(Reply.text("FIRST", " NEVER").hangAfter(1));
    DraftModel model = model(provider, 60);
    CountDownLatch streaming = new CountDownLatch(1);
    AtomicReference<Exception> error = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        model.complete(PROMPT, piece -> streaming.countDown());
      } catch (ModelException | InterruptedException e) {
        error.set(e);
      }
    }, "model-caller");
    caller.start();
    assertTrue(streaming.await(5, TimeUnit.SECONDS), "no text streamed");

    long interrupted = System.nanoTime();
    caller.interrupt();
    caller.join(MARGIN_MILLIS);

    assertFalse(caller.isAlive(), "the call ignored the interrupt");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted);
    assertTrue(millis < 1_000, millis + " ms after the interrupt");
    assertTrue(error.get() instanceof InterruptedException, String.valueOf(error.get()));
    await(() -> threadsReading() == 0, Duration.ofSeconds(3), "a thread still reads the abandoned stream");
  }

  @Test
  void aServerThatIsNotRunningIsNamedInTheMessage() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DraftModel model = new ModelSettings("openai", Optional.of("http://127.0.0.1:" + port + "/v1"),
        Optional.of(MODEL), Optional.of(KEY), 5).create().orElseThrow();

    String message = call(model).message();

    assertEquals("Could not connect to the model server at http://127.0.0.1:" + port
        + ": is it running? Check charon.model.base.url", message);
  }

  @Test
  void callsOnOneModelRunSideBySide() throws Exception {
    server.reply(Reply.text("ONE", " TWO", " THREE").chunkDelay(Duration.ofMillis(200)));
    DraftModel model = model("anthropic", 10);
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread caller = new Thread(() -> outcomes.add(call(model)));
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join(MARGIN_MILLIS);
    }

    assertEquals(3, outcomes.size());
    for (Outcome outcome : outcomes) {
      assertEquals("ONE TWO THREE", outcome.text());
      assertEquals(List.of("ONE", " TWO", " THREE"), outcome.pieces());
      // Side by side: three calls of 400 ms each do not take 1200 ms.
      assertTrue(outcome.elapsedMillis() < 1_100, outcome.elapsedMillis() + " ms");
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(failure);
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
