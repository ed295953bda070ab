package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GM stream needs the GM at connect time, and ends with an auth event when the session does. */
class StreamAuthTest extends ApiTestBase {

  private SseClient open(Agent who, String path) {
    return new SseClient(uri(path), who.cookies.isEmpty() ? Map.of() : Map.of("Cookie", who.cookieHeader()));
  }

  private static SseClient.Frame awaitAuthEvent(SseClient stream) {
    stream.await("an auth event", c -> c.frames.stream().anyMatch(f -> "auth".equals(f.event())), Duration.ofSeconds(10));
    stream.await("the stream to end", SseClient::ended, Duration.ofSeconds(10));
    return stream.frames.stream().filter(f -> "auth".equals(f.event())).findFirst().orElseThrow();
  }

  @Test
  void gmStreamRefusesAnonymousAndPlayersAtConnect() {
    try (SseClient anonymous = open(agent(), "api/gm/active-view/stream/")) {
      anonymous.await("an answer", c -> c.response != null, Duration.ofSeconds(10));
      assertEquals(401, anonymous.response.statusCode());
    }
    try (SseClient player = open(player("pia"), "api/gm/active-view/stream/")) {
      player.await("an answer", c -> c.response != null, Duration.ofSeconds(10));
      assertEquals(403, player.response.statusCode());
    }
    try (SseClient playerStream = open(agent(), "api/active-view/stream/")) {
      playerStream.awaitOpen(); // the public stream needs nobody
    }
  }

  @Test
  void logoutClosesTheGmStreamWithAnAuthEvent() throws Exception {
    Agent laptop = agent().loggedIn("gm", GM_PASSWORD);
    try (SseClient stream = open(laptop, "api/gm/active-view/stream/");
        SseClient otherDevice = stream("api/gm/active-view/stream/")) {
      stream.awaitOpen();
      assertEquals(200, laptop.post("api/auth/logout/", "{}").status());
      SseClient.Frame auth = awaitAuthEvent(stream);
      JsonNode data = JSON.readTree(auth.data());
      assertEquals("logout", data.get("reason").asText());
      assertEquals(200, stream.response.statusCode(), "an event, not an HTTP error mid-stream");
      // The GM's other session (another device) keeps its stream.
      long v = postOk("api/gm/charon/toggle-dialog/", "{}").get("version").asLong();
      otherDevice.awaitVersion(v);
      assertTrue(!otherDevice.ended());
    }
  }

  @Test
  void expiryClosesTheStreamWithAnAuthEvent() throws Exception {
    Agent laptop = agent().loggedIn("gm", GM_PASSWORD);
    try (SseClient stream = open(laptop, "api/gm/active-view/stream/")) {
      stream.awaitOpen();
      dev.charon.platform.Tx.in(charon.database().emf(), em -> em.createNativeQuery(
          "UPDATE user_session SET expires_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00Z'").executeUpdate());
      charon.sessions().sweep();
      assertEquals("expired", JSON.readTree(awaitAuthEvent(stream).data()).get("reason").asText());
    }
  }
}
