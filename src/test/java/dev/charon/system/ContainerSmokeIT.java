package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.testing.Agent;
import dev.charon.testing.RawHttp;
import dev.charon.testing.SseClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built WAR on a real Tomcat 11 distribution and on Payara Micro 7, at the root context and
 * under /charon: health answers (its details only to the GM), an SPA page is served, the SSE stream
 * opens with text/event-stream and its first activeview event, errors are the WAR's own (never a
 * page naming the container), and with charon.allowed.hosts set a foreign Host gets 421.
 */
class ContainerSmokeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String ALLOWED_HOST = "charon.test";
  private static final String SECRET = "secret detail of a failure";

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of("tomcat", ""), Arguments.of("tomcat", "/charon"),
        Arguments.of("payara", ""), Arguments.of("payara", "/charon"));
  }

  @ParameterizedTest(name = "{0} at ''{1}''")
  @MethodSource("containers")
  void warServesHealthPagesAndStream(String container, String context) throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "smoke-" + container + context.replace('/', '-'));
    Map<String, String> props = Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.allowed.hosts", ALLOWED_HOST);
    ServerProcess server = container.equals("tomcat")
        ? stockTomcat(new TomcatServer(work, context, props), context) : new PayaraServer(work, context, props);
    try (server) {
      server.start();
      assertOwnErrorPages(server, container, context);
      assertForeignHostsRefused(server, context);
      HttpResponse<String> health = get(server, "api/health/");
      assertEquals(200, health.statusCode(), server.tail());
      assertEquals("{\"status\":\"UP\"}", health.body(), "anyone gets the status, not the details");

      HttpResponse<String> page = get(server, "terminal/");
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(page.body().contains("<div id=\"root\""), "the SPA page: " + page.body());
      assertCompressedOnTheWire(server, "terminal/");
      java.util.regex.Matcher script = java.util.regex.Pattern.compile("assets/[^\"]+\\.js").matcher(page.body());
      assertTrue(script.find(), page.body());
      assertCompressedOnTheWire(server, script.group());
      assertStreamNotCompressed(server);

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

  /**
   * tomcat-conf's host hides the server's name and version in the error reports it writes; a
   * stock Tomcat shows them. Removed here, so that every error the WAR can answer is seen to be
   * answered by the WAR. The copied WAR gets a page that throws, to have a real 500.
   */
  private static TomcatServer stockTomcat(TomcatServer tomcat, String context) throws Exception {
    Path serverXml = tomcat.catalinaBase().resolve("conf/server.xml");
    String ours = Files.readString(serverXml);
    String stock = ours.replaceAll("(?s)<Valve className=\"org.apache.catalina.valves.ErrorReportValve\".*?/>", "");
    assertNotEquals(ours, stock, "the valve was removed");
    Files.writeString(serverXml, stock);
    Path war = tomcat.catalinaBase().resolve("webapps").resolve(context.isEmpty() ? "ROOT.war" : context.substring(1) + ".war");
    try (FileSystem zip = FileSystems.newFileSystem(war)) {
      Files.writeString(zip.getPath("/fails.jsp"),
          "<%@ page session=\"false\" %><% if (true) { throw new IllegalStateException(\"" + SECRET + "\"); } %>");
    }
    return tomcat;
  }

  /** Errors the WAR can answer are its own: JSON under /api/, plain text elsewhere, no server name. */
  private static void assertOwnErrorPages(ServerProcess server, String container, String context) throws Exception {
    RawHttp.Reply missing = raw(server, "GET", context + "/no-such-file.js");
    assertOwnText(missing, 404);
    assertOwnText(raw(server, "GET", context + "/WEB-INF/web.xml"), 404);
    // The containers' static file servlets refuse a PUT differently: Tomcat 405, Payara 403.
    assertOwnText(raw(server, "PUT", context + "/terminal/"), container.equals("tomcat") ? 405 : 403);
    assertOwnJson(raw(server, "GET", context + "/api/no-such-endpoint/"), 404);
    assertOwnJson(raw(server, "DELETE", context + "/api/health/"), 405);
    if (container.equals("tomcat")) {
      // Tomcat refuses these itself after routing them to the application: its error page answers.
      assertOwnJson(raw(server, "TRACE", context + "/api/health/"), 405);
      String cookies = "Cookie: " + java.util.stream.IntStream.range(0, 250).mapToObj(i -> "c" + i + "=1")
          .collect(java.util.stream.Collectors.joining("; "));
      assertOwnJson(raw(server, "GET", context + "/api/health/", cookies), 400);
      // An encoded slash reaches the application (encodedSolidusHandling="passthrough"): JSON, not Tomcat's page.
      RawHttp.Reply slash = raw(server, "GET", context + "/api/charon/a%2Fb/conversation/");
      assertTrue(slash.status() == 400 || slash.status() == 404, slash.toString());
      assertOwnJson(slash, slash.status());
      assertOwnText(raw(server, "GET", context + "/terminal/", cookies), 400);
      RawHttp.Reply thrown = raw(server, "GET", context + "/fails.jsp");
      assertOwnText(thrown, 500);
      assertFalse(thrown.body().contains(SECRET), thrown.toString());
    }
  }

  private static void assertOwnText(RawHttp.Reply r, int status) {
    assertEquals(status, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("text/plain"), r.toString());
    assertTrue(r.body().startsWith(status + " "), r.toString());
    assertNoServerName(r);
  }

  private static void assertOwnJson(RawHttp.Reply r, int status) throws Exception {
    assertEquals(status, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.toString());
    assertTrue(JSON.readTree(r.body()).get("error").isTextual(), r.toString());
    assertNoServerName(r);
  }

  private static void assertNoServerName(RawHttp.Reply r) {
    String all = r.body().toLowerCase(java.util.Locale.ROOT);
    for (String name : new String[] {"tomcat", "payara", "glassfish", "grizzly"}) {
      assertFalse(all.contains(name), "names " + name + ": " + r);
    }
  }

  /** With charon.allowed.hosts set, a DNS-rebinding page's host name gets 421 everywhere. */
  private static void assertForeignHostsRefused(ServerProcess server, String context) throws Exception {
    String port = ":" + server.base().getPort();
    assertEquals(200, RawHttp.send(server.base(), "GET", context + "/terminal/", ALLOWED_HOST + port).status());
    RawHttp.Reply page = RawHttp.send(server.base(), "GET", context + "/terminal/", "rebound.attacker.example" + port);
    assertEquals(421, page.status(), page.toString());
    assertTrue(page.header("Content-Type").startsWith("text/plain"), page.toString());
    for (String api : new String[] {"/api/health/", "/api/active-view/stream/"}) {
      RawHttp.Reply r = RawHttp.send(server.base(), "GET", context + api, "rebound.attacker.example" + port);
      assertEquals(421, r.status(), api + ": " + r);
      assertTrue(JSON.readTree(r.body()).has("error"), r.toString());
    }
  }

  private static RawHttp.Reply raw(ServerProcess server, String method, String target, String... headers)
      throws Exception {
    return RawHttp.send(server.base(), method, target, "127.0.0.1:" + server.base().getPort(), headers);
  }

  /**
   * A text file of the SPA reaches a browser compressed with no container setting (the stock
   * Tomcat here has compression off, and so has Payara's default): brotli when accepted, else
   * gzip, with the original's Content-Type, Vary, and revalidation by ETag; the same bytes when
   * decoded; identity for a client that accepts neither.
   */
  private static void assertCompressedOnTheWire(ServerProcess server, String path) throws Exception {
    HttpResponse<byte[]> plain = getBytes(server, path, null);
    assertEquals(200, plain.statusCode(), path);
    String type = plain.headers().firstValue("Content-Type").orElseThrow();
    assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), path);
    assertTrue(plain.headers().allValues("Vary").toString().contains("Accept-Encoding"), plain.headers().toString());

    HttpResponse<byte[]> gzip = getBytes(server, path, "gzip");
    assertEquals(200, gzip.statusCode());
    assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""), path + " " + gzip.headers());
    assertEquals(type.replace(" ", "").toLowerCase(), gzip.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(), path);
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body()))) {
      assertTrue(java.util.Arrays.equals(plain.body(), in.readAllBytes()), "gzip decodes to the same file: " + path);
    }
    assertTrue(gzip.body().length * 2 < plain.body().length, path + ": " + gzip.body().length + " of " + plain.body().length);

    HttpResponse<byte[]> br = getBytes(server, path, "gzip, deflate, br, zstd");
    assertEquals("br", br.headers().firstValue("Content-Encoding").orElse(""), path);
    assertTrue(br.body().length < gzip.body().length, path);
    assertEquals("gzip", getBytes(server, path, "br;q=0, gzip").headers().firstValue("Content-Encoding").orElse(""));
    assertTrue(getBytes(server, path, "identity").headers().firstValue("Content-Encoding").isEmpty());

    String etag = br.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("an ETag: " + br.headers()));
    HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Accept-Encoding", "br")
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, again.statusCode(), "revalidated, not sent again");
    System.out.printf("[compression] %s: %d B identity, %d B gzip, %d B brotli%n", path, plain.body().length,
        gzip.body().length, br.body().length);
  }

  /** The event stream stays as it is: compressing it would buffer events in the compressor. */
  private static void assertStreamNotCompressed(ServerProcess server) throws Exception {
    HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(server.uri("api/active-view/stream/"))
        .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip, br").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (var body = stream.body()) {
      assertEquals(200, stream.statusCode());
      assertTrue(stream.headers().firstValue("Content-Encoding").isEmpty(), stream.headers().toString());
      byte[] first = body.readNBytes(6);
      String text = new String(first, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(text.matches("(?s)(event|id|retry|data|:).*"), "SSE text on the wire, not a compressed stream: " + text);
    }
  }

  private static HttpResponse<byte[]> getBytes(ServerProcess server, String path, String acceptEncoding) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path));
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<String> get(ServerProcess server, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
