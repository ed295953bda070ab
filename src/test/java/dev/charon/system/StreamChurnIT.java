package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.NioSubscribers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Screens come and go all evening: a tablet sleeps, a phone drops off the Wi-Fi, someone reloads.
 * Streams opened after others vanished must still get their snapshot and every event after it,
 * and never a byte meant for another stream.
 *
 * <p>Each round opens {@link #SCREENS} raw streams, half of them the players' and half the GM's,
 * makes {@link #MOVES} moves of a visible token and of a token in a room the players never saw,
 * which every stream must receive, and then drops all the streams without a goodbye, as a dead
 * tablet does; the next round's writes find them gone. Every stream must hold exactly one HTTP
 * response, each version once, and a player stream nothing of the GM's secret token.
 *
 * <p>Run on a <b>stock</b> Tomcat too (the distribution's own server.xml with only the port and
 * address changed): with its default processor cache this once failed within six rounds, as the
 * container recycled a vanished stream's request processor while Jersey's sink was still finishing
 * with it and the next connection to get that processor lost its first frames or its response.
 */
class StreamChurnIT {
  private static final int ROUNDS = 8;
  private static final int SCREENS = 100;
  private static final int MOVES = 3;
  private static final long DELIVERY_TIMEOUT_NANOS = 10_000_000_000L;
  private static final String SECRET_NAME = "GM-only churn watcher";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tomcat", "tomcat-stock", "payara"})
  void streamsOpenedAfterOthersVanishedGetEveryEventAndNothingElse(String container) throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "churn-" + container);
    Map<String, String> props = Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", "churn-gm-password",
        // All screens come from 127.0.0.1, and a round's vanished ones may not all be gone yet.
        "charon.streams.max.per.address", String.valueOf(ROUNDS * SCREENS));
    ServerProcess server = switch (container) {
      case "payara" -> new PayaraServer(work, "", props);
      case "tomcat-stock" -> stock(new TomcatServer(work, "", props));
      default -> new TomcatServer(work, "", props);
    };
    try (server) {
      server.start();
      Agent gm = new Agent(server.base()).loggedIn("gm", "churn-gm-password");
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
      JsonNode rooms = gm.getJson("api/gm/encounter-map/msv-cormorant/").get("current_deck").get("rooms");
      JsonNode shown = rooms.get(0);
      JsonNode neverShown = rooms.get(1);
      gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + shown.get("id").asText() + "\",\"visible\":true}");
      String token = place(gm, "Churn", shown);
      String secret = place(gm, SECRET_NAME, neverShown);
      String cookie = "Cookie: " + gm.cookieHeader() + "\r\n";
      for (int round = 0; round < ROUNDS; round++) {
        try (NioSubscribers screens = new NioSubscribers(true)) {
          for (int i = 0; i < SCREENS; i++) {
            boolean gmScreen = i % 2 == 1;
            screens.open("127.0.0.1", server.base().getPort(),
                server.base().getPath() + (gmScreen ? "api/gm/active-view/stream/" : "api/active-view/stream/"),
                gmScreen ? cookie : "");
          }
          for (int m = 0; m < MOVES; m++) {
            move(gm, token, shown, m);
            JsonNode moved = move(gm, secret, neverShown, m);
            screens.awaitAll(moved.get("version").asLong(), DELIVERY_TIMEOUT_NANOS);
          }
          for (int i = 0; i < SCREENS; i++) {
            NioSubscribers.Sub s = screens.subs.get(i);
            String where = "round " + (round + 1) + ", " + (i % 2 == 1 ? "GM" : "player") + " stream " + i;
            String text = s.receivedText();
            assertEquals(1, count(text, "HTTP/1.1 "), where + " holds exactly one response:\n" + text);
            assertEquals(0, s.repeatedIds, where + " got a version it already had");
            assertEquals(i % 2 == 1, text.contains(secret), where + (i % 2 == 1
                ? " never got the GM's secret token" : " got the GM's secret token"));
            assertFalse(i % 2 == 0 && text.contains(SECRET_NAME), where + " got the secret token's name");
          }
        } catch (IllegalStateException missed) {
          // open() and awaitAll() name the stream that missed its snapshot or a move.
          throw new AssertionError("round " + (round + 1) + " of " + ROUNDS + " on " + container + ": "
              + missed.getMessage(), missed);
        }
      }
    }
  }

  /**
   * The distribution's own configuration, as an admin who drops the WAR into a fresh Tomcat has
   * it: only the HTTP port (and, to stay off the network, the address) changed.
   */
  private static TomcatServer stock(TomcatServer tomcat) throws IOException {
    Path home = Path.of(ServerProcess.required("charon.tomcat.home"));
    Path conf = tomcat.catalinaBase().resolve("conf");
    TomcatServer.copyTree(home.resolve("conf"), conf);
    String xml = Files.readString(conf.resolve("server.xml"));
    String stock = xml.replace("<Server port=\"8005\"", "<Server port=\"-1\"")
        .replace("<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
            "<Connector port=\"" + tomcat.base().getPort() + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
    assertTrue(!stock.equals(xml) && !stock.contains("processorCache"), "the stock server.xml was adapted");
    Files.writeString(conf.resolve("server.xml"), stock);
    return tomcat;
  }

  private static String place(Agent gm, String name, JsonNode room) {
    return gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"creature\",\"name\":\"" + name + "\",\"x\":"
        + room.get("x").asInt() + ",\"y\":" + room.get("y").asInt() + "}").get("token_id").asText();
  }

  /** Moves the token between two cells of its room (never to where it is: that would be no change). */
  private static JsonNode move(Agent gm, String token, JsonNode room, int m) {
    return gm.postJson("api/gm/encounter/move-token/", "{\"token_id\":\"" + token + "\",\"x\":"
        + (room.get("x").asInt() + (m % 2 == 0 ? 1 : 0)) + ",\"y\":" + room.get("y").asInt() + "}");
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
