package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.Agent;
import dev.charon.testing.NioSubscribers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real Tomcat: a stream whose client is gone is removed within one heartbeat whatever way
 * it went, HEAD never opens one, and a client leaving is not logged as a server error.
 *
 * <p>The health count of open streams is the measure: it must come back to where it was. Before
 * these fixes, 300 HEAD requests left 300 subscribers and 300 sockets in CLOSE-WAIT for good.
 */
class StreamLifecycleIT {
  private static final int STREAMS = 500;
  private static final int HEARTBEAT_SECONDS = 2;
  /** One heartbeat, plus the time 500 closes take to reach the server on two busy cores. */
  private static final Duration GONE_WITHIN = Duration.ofSeconds(HEARTBEAT_SECONDS + 3);
  private static final String PASSWORD = "lifecycle-gm-password";

  private static TomcatServer server;
  private static Agent gm;

  @BeforeAll
  static void start() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "stream-lifecycle");
    server = new TomcatServer(work, "/charon", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", PASSWORD,
        "charon.sse.heartbeat.seconds", String.valueOf(HEARTBEAT_SECONDS),
        // All test streams come from 127.0.0.1; the per-address cap has its own API test.
        "charon.streams.max.per.address", String.valueOf(2 * STREAMS)));
    server.start();
    gm = new Agent(server.base()).loggedIn("gm", PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void headOnEitherStreamAnswers405AtOnceAndLeavesNothingOpen() throws Exception {
    int before = openStreams();
    for (int i = 0; i < STREAMS; i++) {
      String status = rawStatusLine("HEAD", "api/active-view/stream/", "");
      assertTrue(status.startsWith("HTTP/1.1 405"), "HEAD " + i + ": " + status);
    }
    String gmHead = rawStatusLine("HEAD", "api/gm/active-view/stream/", "Cookie: " + gm.cookieHeader() + "\r\n");
    assertTrue(gmHead.startsWith("HTTP/1.1 405"), gmHead);
    assertEquals(before, openStreams(), "no HEAD registered a subscriber");
  }

  /**
   * A stream's headers leave with its first frame, in one socket write (FirstFrameResponse):
   * the client's first read, made while the server is still answering, holds both. Before,
   * Jersey flushed the headers on their own and a client waiting in read() woke to them alone.
   */
  @Test
  void aStreamsHeadersArriveWithItsFirstFrame() throws Exception {
    int before = openStreams();
    for (int i = 0; i < 20; i++) {
      for (String[] stream : List.of(new String[] {"api/active-view/stream/", ""},
          new String[] {"api/gm/active-view/stream/", "Cookie: " + gm.cookieHeader() + "\r\n"})) {
        String first = rawFirstRead(stream[0], stream[1]);
        assertTrue(first.startsWith("HTTP/1.1 200"), first);
        int body = first.indexOf("\r\n\r\n");
        assertTrue(body > 0 && first.indexOf("event: activeview\n", body) > body && first.endsWith("\n\n"),
            stream[0] + ", connect " + i + ": the first read was not the headers and the whole first frame:\n" + first);
        // Not chunked: the connection ends with the stream, so the frames go as they are.
        String headers = first.substring(0, body).toLowerCase(Locale.ROOT);
        assertTrue(headers.contains("\r\nconnection: close") && !headers.contains("transfer-encoding"), headers);
        assertTrue(first.startsWith(":", body + 4) || first.startsWith("event:", body + 4) || first.startsWith("id:", body + 4)
            || first.startsWith("retry:", body + 4), "the body starts with the frame, not a chunk size:\n" + first);
      }
    }
    awaitOpenStreams(before, "the 40 streams to be removed", GONE_WITHIN); // the next test counts them
  }

  @Test
  void streamsClosedByTheirClientsAreGoneWithinOneHeartbeat() throws Exception {
    assertAllRemovedAfter("closed (FIN)", channel -> close(channel, false));
  }

  @Test
  void streamsResetByTheirClientsAreGoneWithinOneHeartbeat() throws Exception {
    assertAllRemovedAfter("reset (RST)", channel -> close(channel, true));
  }

  @Test
  void clientsLeavingAreNotLoggedAsServerErrors() throws Exception {
    assertAllRemovedAfter("closed for the access log", channel -> close(channel, true));
    // The access log is buffered: a request made after the streams ended, once it shows up,
    // proves every line before it was written.
    String fence = "api/health/?fence=" + System.nanoTime();
    gm.get(fence);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<String> streamLines;
    while (true) {
      List<String> log = accessLog();
      if (log.stream().anyMatch(l -> l.contains(fence))) {
        streamLines = log.stream().filter(l -> l.contains("GET /charon/api/active-view/stream/")).toList();
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the access log never showed " + fence);
      }
      Thread.sleep(100); // Tomcat flushes its access log in the background: nothing to wait on
    }
    List<String> errors = streamLines.stream().filter(l -> l.contains("\" 500 ")).toList();
    assertEquals(List.of(), errors.subList(0, Math.min(5, errors.size())), errors.size() + " streams logged as 500");
    // Charon's own log names each as what it was: the client left.
    long clientLeft = lines(server.consoleLog()).filter(l -> l.contains("api/active-view/stream/\" 499 (the client left)"))
        .count();
    assertTrue(clientLeft >= STREAMS, "streams logged as 499 by Charon: " + clientLeft);
    assertTrue(lines(server.consoleLog()).noneMatch(l -> l.contains("java.io.IOException")),
        "no stack trace for a client that left:\n" + server.tail());
  }

  @Test
  void halfOpenStreamsAreGoneWithinTwoHeartbeats() throws Exception {
    // Half-open: the clients' packets stop reaching the server (as when a tablet loses its
    // Wi-Fi), so the heartbeat is retransmitted and never acknowledged; no write ever fails.
    int before = openStreams();
    List<Socket> tablets = openRawStreams("127.0.0.2", 0);
    assertEquals(before + STREAMS, openStreams());
    String rule = "INPUT -i lo -s 127.0.0.2 -p tcp --dport " + server.base().getPort() + " -j DROP";
    Assumptions.assumeTrue(iptables("-I " + rule), "needs root and iptables (.ci/run installs it)");
    try {
      long t0 = System.nanoTime();
      awaitOpenStreams(before, "all " + STREAMS + " half-open streams to be removed",
          Duration.ofSeconds(2 * HEARTBEAT_SECONDS + 3));
      System.out.printf("[stream-lifecycle] %d half-open streams: removed after %d ms (heartbeat %d s)%n", STREAMS,
          (System.nanoTime() - t0) / 1_000_000, HEARTBEAT_SECONDS);
    } finally {
      iptables("-D " + rule);
      closeAll(tablets);
    }
  }

  @Test
  void streamsWhoseClientsStopReadingAreGoneOnceTheirWindowStaysClosed() throws Exception {
    // A proxy or a frozen client that keeps the connection but reads nothing: once its small
    // receive window is full, the server can only probe it.
    int before = openStreams();
    List<Socket> frozen = openRawStreams("127.0.0.3", 2048);
    try {
      assertEquals(before + STREAMS, openStreams());
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
      String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Slow\",\"x\":1,\"y\":1}")
          .get("token_id").asText();
      long t0 = System.nanoTime();
      for (int move = 0; move < 100 && openStreams() > before; move++) {
        gm.postJson("api/gm/encounter/move-token/", "{\"token_id\":\"" + token + "\",\"x\":" + (2 - move % 2) + ",\"y\":1}");
      }
      awaitOpenStreams(before, "all " + STREAMS + " streams that stopped reading to be removed",
          Duration.ofSeconds(2 * HEARTBEAT_SECONDS + 3));
      System.out.printf("[stream-lifecycle] %d streams that stopped reading: removed %d ms after the moves began%n",
          STREAMS, (System.nanoTime() - t0) / 1_000_000);
    } finally {
      closeAll(frozen);
    }
  }

  /** Streams on plain sockets bound to {@code localAddress}, each read up to its first event only. */
  private static List<Socket> openRawStreams(String localAddress, int receiveBufferBytes) throws IOException {
    List<Socket> sockets = new java.util.ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      Socket s = new Socket();
      if (receiveBufferBytes > 0) {
        s.setReceiveBufferSize(receiveBufferBytes); // before connecting, so the window is small
      }
      s.bind(new InetSocketAddress(localAddress, 0));
      s.connect(new InetSocketAddress("127.0.0.1", server.base().getPort()), 5_000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + server.base().getPath() + "api/active-view/stream/ HTTP/1.1\r\nHost: 127.0.0.1:"
          + server.base().getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      readUntil(s.getInputStream(), "\nid: ");
      sockets.add(s);
    }
    return sockets;
  }

  private static void readUntil(InputStream in, String marker) throws IOException {
    byte[] want = marker.getBytes(StandardCharsets.US_ASCII);
    int matched = 0;
    for (int c; (c = in.read()) != -1; ) {
      matched = c == want[matched] ? matched + 1 : (c == want[0] ? 1 : 0);
      if (matched == want.length) {
        return;
      }
    }
    throw new IOException("the stream ended before " + marker.trim());
  }

  private static void closeAll(List<Socket> sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing is best effort in cleanup
      }
    }
  }

  /** Runs iptables with these arguments; false where it cannot (not root, not installed). */
  private static boolean iptables(String arguments) throws InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("iptables", "-w"));
    cmd.addAll(List.of(arguments.split(" ")));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException notInstalled) {
      return false;
    }
  }

  private void assertAllRemovedAfter(String how, Consumer<java.nio.channels.SocketChannel> leave) throws Exception {
    int before = openStreams();
    try (NioSubscribers screens = new NioSubscribers()) {
      for (int i = 0; i < STREAMS; i++) {
        screens.open("127.0.0.1", server.base().getPort(), server.base().getPath() + "api/active-view/stream/");
      }
      assertEquals(before + STREAMS, openStreams());
      long t0 = System.nanoTime();
      screens.subs.forEach(s -> leave.accept(s.channel));
      awaitOpenStreams(before, "all " + STREAMS + " streams " + how + " to be removed", GONE_WITHIN);
      System.out.printf("[stream-lifecycle] %d streams %s: removed after %d ms (heartbeat %d s)%n", STREAMS, how,
          (System.nanoTime() - t0) / 1_000_000, HEARTBEAT_SECONDS);
    }
  }

  private static void close(java.nio.channels.SocketChannel channel, boolean reset) {
    try {
      if (reset) {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST, not FIN
      }
      channel.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int openStreams() {
    return gm.getJson("api/health/").get("sse").get("clients").asInt();
  }

  private static void awaitOpenStreams(int expected, String what, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    int now;
    while ((now = openStreams()) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within + " waiting for " + what + ": " + now
            + " open, expected " + expected);
      }
      Thread.sleep(50); // polling the server's own count: there is no event to wait on
    }
  }

  /** Sends one request on a fresh socket and returns the status line, or fails after 5 s. */
  private static String rawStatusLine(String method, String path, String extraHeaders) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.base().getPort()), 5_000);
      s.setSoTimeout(5_000);
      String request = method + " " + server.base().getPath() + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
          + server.base().getPort() + "\r\nAccept: text/event-stream\r\n" + extraHeaders + "\r\n";
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\r'; ) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  /** Opens a stream and returns what the first read() gets (it blocks until the server writes). */
  private static String rawFirstRead(String path, String extraHeaders) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.base().getPort()), 5_000);
      s.setSoTimeout(5_000);
      String request = "GET " + server.base().getPath() + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
          + server.base().getPort() + "\r\nAccept: text/event-stream\r\n" + extraHeaders + "\r\n";
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[64 * 1024];
      int n = s.getInputStream().read(buffer);
      return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }
  }

  private static List<String> accessLog() throws IOException {
    try (Stream<Path> logs = Files.list(server.catalinaBase().resolve("logs"))) {
      return logs.filter(p -> p.getFileName().toString().startsWith("access")).flatMap(StreamLifecycleIT::lines)
          .toList();
    }
  }

  private static Stream<String> lines(Path p) {
    try {
      return Files.readAllLines(p).stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
