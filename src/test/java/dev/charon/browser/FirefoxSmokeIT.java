package dev.charon.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared terminal works in Debian's Firefox ESR, not only in Chromium: it renders an encounter
 * map and a token the GM moves reaches it over the event stream. Firefox is driven by
 * {@code webapp-frontend/tools/firefox-smoke.mjs} (puppeteer-core over WebDriver BiDi, installed by
 * the build's {@code npm ci}; Debian has no geckodriver, and nothing downloads a browser). The script
 * and this test talk in lines (READY, MOVE, MOVED), each awaited with a deadline. Prints the move's
 * latency and Firefox's scrollbar colours; the screenshot lands in target/browser-screenshots/.
 */
class FirefoxSmokeIT {
  private static final String GM_PASSWORD = "firefox-smoke-gm";
  private static final String LOCATION = "msv-cormorant";
  private static final Path FIREFOX = Path.of(System.getProperty("charon.firefox", "/usr/bin/firefox-esr"));
  // Failsafe runs in the project's directory; the build's npm ci fills webapp-frontend/node_modules.
  private static final Path FRONTEND = Path.of(System.getProperty("charon.frontend.dir", "webapp-frontend"));
  /** A cold Firefox on a shared 2-core machine starts in ~10 s; the script gives up on its own first. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  /** The move over SSE takes milliseconds; this only bounds a failure. */
  private static final Duration MOVED_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void terminalRendersInFirefoxEsrAndShowsAGmTokenMove() throws Exception {
    assertTrue(Files.isExecutable(FIREFOX), FIREFOX + " missing: apt-get install -y firefox-esr");
    assertTrue(Files.isDirectory(FRONTEND.resolve("node_modules/puppeteer-core")),
        FRONTEND.toAbsolutePath() + "/node_modules has no puppeteer-core: run the build without -Dskip.npm (npm ci)");
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "firefox-smoke");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD))) {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + LOCATION + "\"}");
      JsonNode room = roomTwoCellsWide(gm);
      int x = room.get("x").asInt();
      int y = room.get("y").asInt();
      gm.postJson("api/gm/encounter/toggle-room/", "{\"room_id\":\"" + room.get("id").asText() + "\",\"visible\":true}");
      String token = gm.postJson("api/gm/encounter/place-token/",
          "{\"type\":\"player\",\"name\":\"Foxtrot\",\"x\":" + x + ",\"y\":" + y + "}").get("token_id").asText();
      int toX = x + 1;

      Path shot = Screenshots.DIR.resolve("firefox-terminal.png");
      ProcessBuilder script = new ProcessBuilder("node", "tools/firefox-smoke.mjs", tomcat.uri("terminal/").toString(),
          token, String.valueOf(toX), String.valueOf(y), shot.toAbsolutePath().toString())
          .directory(FRONTEND.toFile());
      script.environment().put("CHARON_FIREFOX", FIREFOX.toString());
      Process node = script.start();
      Lines out = new Lines(node.getInputStream(), "stdout");
      Lines err = new Lines(node.getErrorStream(), "stderr");
      try (Writer in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
        out.await("READY", READY_TIMEOUT, err);
        in.write("MOVE " + System.currentTimeMillis() + "\n");
        in.flush();
        gm.postJson("api/gm/encounter/move-token/", "{\"token_id\":\"" + token + "\",\"x\":" + toX + ",\"y\":" + y + "}");
        String moved = out.await("MOVED", MOVED_TIMEOUT, err);
        System.out.println("[firefox-smoke] GM move → Firefox terminal DOM: " + moved.substring("MOVED ".length()) + " ms");
        assertTrue(node.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the script did not exit");
        assertTrue(node.exitValue() == 0, "the script failed: " + err.all());
      } finally {
        stop(node);
        out.all().stream().filter(l -> l.startsWith("FIGURE ")).forEach(l -> System.out.println("[firefox-smoke] " + l));
      }
    }
  }

  /** A revealed room two cells wide, so the token can move one cell and stay in it. */
  private static JsonNode roomTwoCellsWide(Agent gm) throws Exception {
    for (JsonNode room : gm.getJson("api/gm/encounter-map/" + LOCATION + "/").get("current_deck").get("rooms")) {
      if (room.get("width").asInt() >= 2) {
        return room;
      }
    }
    throw new IllegalStateException("no room two cells wide");
  }

  /** SIGTERM lets puppeteer close Firefox; whatever is left after that is killed. */
  private static void stop(Process node) throws InterruptedException {
    List<ProcessHandle> children = node.descendants().toList();
    node.destroy();
    if (!node.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** The lines of one of the script's streams, read on their own thread so waits can have deadlines. */
  private static final class Lines {
    private static final String EOF = "\u0000eof";
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    Lines(java.io.InputStream stream, String name) {
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            all.add(line);
            queue.add(line);
          }
        } catch (IOException e) {
          all.add("(read failed: " + e + ")");
        }
        queue.add(EOF);
      }, "firefox-smoke-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    /** The first line starting with {@code word}, or a failure naming the wait and what stderr said. */
    String await(String word, Duration timeout, Lines err) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (;;) {
        String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(EOF)) {
          throw new AssertionError((line == null ? "no " + word + " within " + timeout.toSeconds() + " s"
              : "the script ended before " + word) + "; stdout " + all() + "; stderr " + err.all());
        }
        if (line.equals(word) || line.startsWith(word + " ")) {
          return line;
        }
      }
    }

    List<String> all() {
      synchronized (all) {
        return List.copyOf(all);
      }
    }
  }
}
