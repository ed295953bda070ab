package dev.charon.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.NioSubscribers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Screens come and go all evening: a tablet sleeps, a phone drops off the Wi-Fi, someone reloads.
 * Streams opened after others vanished must still get their snapshot and every event after it.
 *
 * <p>Each round opens {@link #SCREENS} raw streams, makes {@link #MOVES} token moves that every
 * stream must receive, and then drops all the streams without a goodbye, as a dead tablet does;
 * the next round's writes find them gone. On Tomcat with its default processor cache this failed
 * within its six rounds (the third or fourth, in the runs that logged rounds): the container
 * recycled a vanished stream's request processor while Jersey's sink was still finishing with
 * it, and the next connection to get that processor lost its first frames or its whole response
 * (see tomcat-conf/conf/server.xml).
 */
class StreamChurnIT {
  private static final int ROUNDS = 6;
  private static final int SCREENS = 100;
  private static final int MOVES = 3;
  private static final long DELIVERY_TIMEOUT_NANOS = 10_000_000_000L;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tomcat", "payara"})
  void streamsOpenedAfterOthersVanishedGetEveryEvent(String container) throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "churn-" + container);
    Map<String, String> props = Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", "churn-gm-password",
        // All screens come from 127.0.0.1, and a round's vanished ones may not all be gone yet.
        "charon.streams.max.per.address", String.valueOf(ROUNDS * SCREENS));
    ServerProcess server = container.equals("tomcat")
        ? new TomcatServer(work, "", props) : new PayaraServer(work, "", props);
    try (server) {
      server.start();
      Agent gm = new Agent(server.base()).loggedIn("gm", "churn-gm-password");
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
      String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Churn\",\"x\":1,\"y\":1}")
          .get("token_id").asText();
      for (int round = 0; round < ROUNDS; round++) {
        try (NioSubscribers screens = new NioSubscribers()) {
          for (int i = 0; i < SCREENS; i++) {
            screens.open("127.0.0.1", server.base().getPort(), server.base().getPath() + "api/active-view/stream/");
          }
          for (int m = 0; m < MOVES; m++) {
            JsonNode moved = gm.postJson("api/gm/encounter/move-token/",
                "{\"token_id\":\"" + token + "\",\"x\":" + (1 + m % 2) + ",\"y\":1}");
            screens.awaitAll(moved.get("version").asLong(), DELIVERY_TIMEOUT_NANOS);
          }
        } catch (IllegalStateException missed) {
          // open() and awaitAll() name the stream that missed its snapshot or a move.
          throw new AssertionError("round " + (round + 1) + " of " + ROUNDS + ": " + missed.getMessage(), missed);
        }
      }
    }
  }
}
