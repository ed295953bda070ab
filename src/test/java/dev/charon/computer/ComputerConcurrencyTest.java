package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The original kept 8, 20 and 17 of 30 concurrent queries (a read-modify-write file cache). Here
 * 300 writes at once, queries from the terminal and lines from the GM, are all kept, in one order
 * that every screen sees.
 */
class ComputerConcurrencyTest extends ApiTestBase {
  private static final int PLAYER_QUERIES = 200;
  private static final int GM_LINES = 100;

  @Test
  void threeHundredConcurrentQueriesAndGmLinesAreAllKeptInOneOrderEveryScreenSees() throws Exception {
    postOk("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
    postOk("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
    Agent terminal = agent();
    terminal.get("api/active-view/");
    Agent gm = gm();
    try (SseClient player1 = open("api/active-view/stream", Map.of());
        SseClient player2 = open("api/active-view/stream", Map.of());
        SseClient gmStream = stream("api/gm/active-view/stream")) {
      ExecutorService pool = Executors.newFixedThreadPool(32);
      List<Future<Agent.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < PLAYER_QUERIES + GM_LINES; i++) {
        int n = i;
        replies.add(pool.submit(() -> n % 3 == 2
            ? gm.post("api/gm/charon/story/send/", "{\"content\":\"LINE " + n + "\"}")
            // Each query from its own address: the per-terminal limit is not what this measures.
            : terminal.send("POST", "api/charon/story/submit/", "{\"query\":\"q " + n + "\"}",
                Map.of(CLIENT_ADDRESS_HEADER, "10.1." + (n / 250) + "." + (n % 250)))));
      }
      Set<String> acknowledged = new HashSet<>();
      for (Future<Agent.Reply> f : replies) {
        Agent.Reply r = f.get();
        assertEquals(r.status() == 202 ? 202 : 200, r.status(), r.toString());
        acknowledged.add(r.json().path(r.status() == 202 ? "query_id" : "message_id").asText());
      }
      pool.shutdown();
      assertEquals(PLAYER_QUERIES + GM_LINES, acknowledged.size());

      JsonNode stored = getJson("api/gm/charon/story/conversation/");
      List<String> order = new ArrayList<>();
      stored.path("messages").forEach(m -> order.add(m.path("message_id").asText()));
      assertEquals(acknowledged, new HashSet<>(order), "every acknowledged write is stored");
      assertEquals(PLAYER_QUERIES + GM_LINES, order.size());

      for (SseClient c : List.of(player1, player2, gmStream)) {
        c.await("every line", s -> CharonFrames.messages(s, "story").size() == order.size(), Duration.ofSeconds(30));
        assertEquals(order, CharonFrames.messages(c, "story").stream().map(m -> m.path("message_id").asText()).toList(),
            "the stream's order is the stored order");
      }
      // The events themselves left in seq order on every stream (not only after sorting).
      for (SseClient c : List.of(player1, player2, gmStream)) {
        long last = -1;
        for (JsonNode e : CharonFrames.events(c)) {
          if (!e.path("type").asText().equals("snapshot")) {
            long seq = e.path("seq").asLong();
            assertEquals(true, seq > last, "seq " + seq + " after " + last);
            last = seq;
          }
        }
      }
    }
  }

  private SseClient open(String path, Map<String, String> headers) {
    SseClient c = new SseClient(uri(path), headers);
    c.awaitOpen();
    return c;
  }
}
