package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.Npc;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.TestCampaigns;
import dev.charon.testing.JsonDiff;
import dev.charon.testing.SseClient;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Fan-out under load and with misbehaving clients, over real sockets. */
class FanoutTest extends ApiTestBase {
  private static final int THREADS = 8;
  private static final int PLACEMENTS_PER_THREAD = 500;
  private static final long SCHEDULING_SLACK_MILLIS = 1500;

  /** An NPC whose name makes every SHOW event about 32 KB, so a stuck socket fills quickly. */
  private static final String LONG_NAME = "N".repeat(32 * 1024);

  @Override
  protected Campaign campaign() {
    Campaign c = TestCampaigns.standard();
    Map<String, Npc> npcs = new LinkedHashMap<>(c.npcs());
    npcs.put("giant", new Npc("giant", LONG_NAME, "", "", "", "", "", ""));
    return new Campaign(c.roots(), npcs, c.crew(), c.ship(), c.problems(), c.contentVersion(), c.sessions(),
        c.images(), c.root(), c.charon());
  }

  @Override
  protected Duration heartbeat() {
    return Duration.ofMillis(300);
  }

  @Test
  void concurrentPlacementsAreNeverLostAndEverySubscriberEndsAtTheFinalState() throws Exception {
    enterShip();
    postOk("api/gm/encounter/room-visibility/", "{\"all\":true}");
    List<SseClient> subscribers = List.of(
        stream("api/active-view/stream/"), stream("api/active-view/stream/"), stream("api/gm/active-view/stream/"));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit((Callable<Integer>) () -> {
          for (int i = 0; i < PLACEMENTS_PER_THREAD; i++) {
            // Each thread fills its own columns of the 120×120 upper deck, so no cell collides.
            int cell = thread * PLACEMENTS_PER_THREAD + i;
            int x = cell % 100;
            int y = cell / 100;
            postOk("api/gm/encounter/place-token/",
                "{\"type\":\"creature\",\"name\":\"t" + cell + "\",\"x\":" + x + ",\"y\":" + y + "}");
          }
          return PLACEMENTS_PER_THREAD;
        }));
      }
      for (Future<Integer> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode gm = getJson("api/gm/active-view/");
    JsonNode player = getJson("api/active-view/");
    assertEquals(THREADS * PLACEMENTS_PER_THREAD, gm.get("encounter_tokens").size());
    long finalVersion = gm.get("version").asLong();
    for (SseClient c : subscribers) {
      c.awaitVersion(finalVersion);
      JsonNode expected = c == subscribers.get(2) ? gm : player;
      assertEquals(List.of(), JsonDiff.between(expected, c.state()), "a subscriber's rebuilt state differs from the server's");
      assertStrictlyIncreasingWithoutGaps(c.versions);
      c.close();
    }
  }

  static void assertStrictlyIncreasingWithoutGaps(List<Long> versions) {
    for (int i = 1; i < versions.size(); i++) {
      assertEquals(versions.get(i - 1) + 1, versions.get(i), "versions must increase by one at " + i);
    }
  }

  @Test
  void subscriberThatNeverReadsDelaysNoOneAndIsDisconnected() throws Exception {
    enterShip();
    postOk("api/gm/encounter/room-visibility/", "{\"all\":true}");
    try (Socket stuck = new Socket("localhost", getBaseUri().getPort());
        SseClient healthy = stream("api/active-view/stream/")) {
      stuck.setReceiveBufferSize(4096);
      OutputStream out = stuck.getOutputStream();
      out.write(("GET /api/active-view/stream/ HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      healthy.await("both subscribers", c -> charon.activeView().subscribers() == 2, Duration.ofSeconds(10));
      long version = 0;
      long slowestWriteNanos = 0;
      for (int i = 0; i < 4000 && charon.activeView().subscribers() == 2; i++) {
        long t0 = System.nanoTime();
        version = postOk("api/gm/encounter/toggle-portrait/", "{\"npc_id\":\"giant\"}").get("version").asLong();
        slowestWriteNanos = Math.max(slowestWriteNanos, System.nanoTime() - t0);
      }
      long last = version;
      healthy.await("the stuck subscriber to be dropped", c -> charon.activeView().subscribers() == 1,
          Duration.ofSeconds(30));
      healthy.awaitVersion(last);
      assertStrictlyIncreasingWithoutGaps(healthy.versions);
      assertEquals(List.of(), JsonDiff.between(getJson("api/active-view/"), healthy.state()));
      // A write never waits for a client: the stuck socket cannot hold up a POST for seconds.
      assertTrue(slowestWriteNanos < 5_000_000_000L, "slowest write took " + slowestWriteNanos / 1_000_000 + " ms");
    }
  }

  @Test
  void clientKilledMidStreamIsRemovedWithinTwoHeartbeats() throws Exception {
    try (SseClient watcher = stream("api/active-view/stream/")) {
      Socket doomed = new Socket("localhost", getBaseUri().getPort());
      doomed.getOutputStream().write(("GET /api/active-view/stream/ HTTP/1.1\r\nHost: localhost\r\n"
          + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      watcher.await("two subscribers", c -> charon.activeView().subscribers() == 2, Duration.ofSeconds(10));
      doomed.setSoLinger(true, 0); // an abrupt reset, as when a tablet's process dies
      doomed.close();
      long killedAt = System.nanoTime();
      watcher.await("the killed client to be removed", c -> charon.activeView().subscribers() == 1,
          Duration.ofSeconds(10));
      long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
      // Two heartbeats is the contract; the slack is for a loaded 2-core machine's scheduling.
      assertTrue(tookMillis <= 2 * heartbeat().toMillis() + SCHEDULING_SLACK_MILLIS,
          "removed after " + tookMillis + " ms; heartbeat is " + heartbeat().toMillis() + " ms");
      watcher.await("heartbeat comments", c -> c.comments.contains("heartbeat"), Duration.ofSeconds(5));
    }
  }
}
