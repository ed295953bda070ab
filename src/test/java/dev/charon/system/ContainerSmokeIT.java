package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.testing.Agent;
import dev.charon.testing.SseClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built WAR on a real Tomcat 11 distribution and on Payara Micro 7, at the root context and
 * under /charon: health answers (its details only to the GM), an SPA page is served, and the SSE stream
 * opens with text/event-stream and its first activeview event.
 */
class ContainerSmokeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of("tomcat", ""), Arguments.of("tomcat", "/charon"),
        Arguments.of("payara", ""), Arguments.of("payara", "/charon"));
  }

  @ParameterizedTest(name = "{0} at ''{1}''")
  @MethodSource("containers")
  void warServesHealthPagesAndStream(String container, String context) throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "smoke-" + container + context.replace('/', '-'));
    Map<String, String> props = Map.of("charon.data.dir", work.resolve("data").toString());
    ServerProcess server = container.equals("tomcat")
        ? new TomcatServer(work, context, props) : new PayaraServer(work, context, props);
    try (server) {
      server.start();
      HttpResponse<String> health = get(server, "api/health/");
      assertEquals(200, health.statusCode(), server.tail());
      assertEquals("{\"status\":\"UP\"}", health.body(), "anyone gets the status, not the details");

      HttpResponse<String> page = get(server, "terminal/");
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(page.body().contains("<div id=\"root\""), "the SPA page: " + page.body());

      try (SseClient stream = new SseClient(server.uri("api/active-view/stream/"))) {
        stream.awaitOpen();
        assertEquals(200, stream.response.statusCode());
        assertEquals("text/event-stream",
            stream.response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim());
        assertEquals("STANDBY", stream.state().get("view_type").asText());
      }

      // First run without a configured password: one is generated and printed once, with the URL.
      // Polled: a container may write its log asynchronously, after it reports healthy.
      java.util.regex.Pattern printed = java.util.regex.Pattern.compile("password : (\\S+)");
      java.util.regex.Matcher m = printed.matcher("");
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (!m.find() && System.nanoTime() < deadline) {
        Thread.sleep(100); // polling a log file, not synchronising threads
        m = printed.matcher(java.nio.file.Files.readString(server.consoleLog(), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      String log = java.nio.file.Files.readString(server.consoleLog(), java.nio.charset.StandardCharsets.ISO_8859_1);
      m = printed.matcher(log);
      assertTrue(m.find(), "the generated GM password is in the log:\n" + server.tail());
      String password = m.group(1);
      assertFalse(m.find(), "printed once");
      assertTrue(log.contains(context + "/login/"), "with the login URL");
      deadline = System.nanoTime() + 15_000_000_000L;
      while (!log.contains("Charon ready") && System.nanoTime() < deadline) {
        Thread.sleep(100); // polling a log file, not synchronising threads
        log = java.nio.file.Files.readString(server.consoleLog(), java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      assertTrue(log.contains("Charon ready"), server.tail());
      assertFalse(log.contains("caches request processors"), "tomcat-conf's connector is the safe one:\n" + server.tail());
      Agent gm = new Agent(server.base());
      assertEquals(401, gm.get("api/gm/active-view/").status());
      assertEquals(200, gm.login("gm", password).status());
      assertEquals(200, gm.get("api/gm/active-view/").status());
      JsonNode h = gm.getJson("api/health/");
      assertEquals("UP", h.get("database").get("status").asText());
      assertEquals(0, h.get("database").get("pending_migrations").asInt());
      assertTrue(h.get("database").get("migrations").size() >= 1, h.toString());
      assertEquals(200, gm.post("api/gm/broadcast/", "{\"content\":\"smoke\"}").status());
      assertEquals(403, gm.send("POST", "api/gm/broadcast/", "{\"content\":\"x\"}",
          java.util.Map.of("X-CSRFToken", "forged")).status());
    }
  }

  private static HttpResponse<String> get(ServerProcess server, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
