package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Only GET opens a stream, and one client address, or everyone together, can hold only so many.
 * Over a real socket; the caps are lowered so that a handful of streams reach them.
 */
class StreamCapsTest extends ApiTestBase {
  private static final int PER_ADDRESS = 3;
  private static final int TOTAL = 5;
  private final List<SseClient> open = new ArrayList<>();

  @Override
  protected StreamLimits streamLimits() {
    return new StreamLimits(PER_ADDRESS, TOTAL);
  }

  @Override
  protected Duration heartbeat() {
    return Duration.ofMillis(200); // closed test clients are found at the next beat
  }

  @AfterEach
  void closeStreams() {
    open.forEach(SseClient::close);
  }

  @Test
  void headOnEitherStreamIsRefusedWith405AndRegistersNothing() {
    int before = charon.activeView().subscribers();
    for (String path : List.of("api/active-view/stream/", "api/gm/active-view/stream/")) {
      Agent.Reply head = gm().send("HEAD", path, null, Map.of());
      assertEquals(405, head.status(), path);
      assertEquals("GET", head.header("Allow"), path);
    }
    Agent.Reply anonymousHead = agent().send("HEAD", "api/active-view/stream/", null, Map.of());
    assertEquals(405, anonymousHead.status());
    assertEquals(before, charon.activeView().subscribers());
  }

  @Test
  void otherMethodsOnTheStreamAre405AsJson() {
    for (String method : List.of("POST", "PUT", "DELETE")) {
      Agent.Reply r = gm().send(method, "api/active-view/stream/", method.equals("DELETE") ? null : "{}", Map.of());
      assertEquals(405, r.status(), method);
      assertTrue(r.header("Content-Type").startsWith("application/json"), method);
      assertTrue(r.header("Allow").contains("GET"), method + " Allow: " + r.header("Allow"));
    }
    assertEquals(0, charon.activeView().subscribers());
  }

  @Test
  void anAddressAboveItsCapGets429WhileOtherAddressesStillConnect() {
    for (int i = 0; i < PER_ADDRESS; i++) {
      openFrom("10.0.0.7");
    }
    Agent.Reply refused = device("10.0.0.7").send("GET", "api/active-view/stream/", null, Map.of());
    assertEquals(429, refused.status());
    assertEquals(String.valueOf(StreamLimits.RETRY_AFTER_SECONDS), refused.header("Retry-After"));
    assertTrue(refused.json().get("error").asText().contains("screens"), refused.body());
    assertEquals(PER_ADDRESS, charon.activeView().subscribers(), "the refused stream registered nothing");

    openFrom("10.0.0.8"); // another device is not affected
    assertEquals(PER_ADDRESS + 1, charon.activeView().subscribers());
  }

  @Test
  void theServerAboveItsTotalGets503() {
    for (int i = 0; i < TOTAL; i++) {
      openFrom("10.0.1." + i);
    }
    Agent.Reply refused = device("10.0.1.99").send("GET", "api/active-view/stream/", null, Map.of());
    assertEquals(503, refused.status());
    assertEquals(String.valueOf(StreamLimits.RETRY_AFTER_SECONDS), refused.header("Retry-After"));
    assertEquals(TOTAL, charon.activeView().subscribers());
  }

  @Test
  void aStreamThatEndsGivesItsPlaceBackToItsAddress() {
    List<SseClient> mine = new ArrayList<>();
    for (int i = 0; i < PER_ADDRESS; i++) {
      mine.add(openFrom("10.0.0.9"));
    }
    mine.get(0).close();
    awaitServer("the closed stream to be removed", () -> charon.activeView().streamsFrom("10.0.0.9") == PER_ADDRESS - 1);
    openFrom("10.0.0.9");
    assertEquals(PER_ADDRESS, charon.activeView().streamsFrom("10.0.0.9"));
  }

  private Agent device(String address) {
    Agent a = agent();
    a.headers.put(CLIENT_ADDRESS_HEADER, address);
    return a;
  }

  private SseClient openFrom(String address) {
    SseClient c = new SseClient(uri("api/active-view/stream/"), Map.of(CLIENT_ADDRESS_HEADER, address));
    open.add(c);
    c.awaitOpen();
    return c;
  }

  private static void awaitServer(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
