package dev.charon.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seed's "no active-view polling vestiges" check, made stricter: in the SPA's sources, timers
 * exist only in the push module (reconnect back-off) and the messages page (its 3 s poll, which
 * the seed keeps on purpose), and nothing fetches the active view by REST on a timer.
 */
class SpaStaticCheckTest {
  private static final Path SRC = Path.of("webapp-frontend/src");
  private static final Pattern TIMER = Pattern.compile("\\bset(Interval|Timeout)\\s*\\(");
  /**
   * Besides the push module and the messages poll, three presentation timers: CHARON's teletype
   * reveal (a character every 25 ms), the few seconds a refused query's error stays on the
   * terminal, and how long a GM notice stays when motion is off (its fade is the timer otherwise);
   * and the GM projector's throttle (encounter/viewport.ts: it delays the GM's own viewport writes,
   * at most one per 100 ms). None reads anything from the server (nothingPollsTheActiveViewByRest below, and CHARON's state
   * arrives only by push).
   */
  private static final List<String> ALLOWED = List.of("push/", "messages/", "terminal/teletype.ts",
      "terminal/CharonConversation.tsx", "gmconsole/Notices.tsx", "encounter/viewport.ts");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SRC)) {
      return files.filter(p -> p.toString().matches(".*\\.(ts|tsx)$"))
          .filter(p -> !p.getFileName().toString().matches(".*\\.test\\.tsx?$"))
          .filter(p -> !SRC.relativize(p).startsWith("test"))
          .toList();
    }
  }

  @Test
  void timersOnlyInThePushModuleAndTheMessagesPoll() throws IOException {
    List<Path> files = sources();
    assertTrue(files.size() > 10, "the SPA sources were found: " + files.size());
    for (Path file : files) {
      String rel = SRC.relativize(file).toString().replace('\\', '/');
      if (ALLOWED.stream().anyMatch(rel::startsWith)) {
        continue;
      }
      assertFalse(TIMER.matcher(Files.readString(file)).find(), rel + " uses setInterval/setTimeout");
    }
  }

  @Test
  void nothingPollsTheActiveViewByRest() throws IOException {
    for (Path file : sources()) {
      String text = Files.readString(file);
      if (TIMER.matcher(text).find()) {
        assertFalse(text.contains("api/active-view/'") || text.contains("api/gm/active-view/'"),
            SRC.relativize(file) + " has a timer and reads the active view by REST");
      }
    }
  }

  @Test
  void theOneEventSourceLivesInThePushModule() throws IOException {
    Pattern opens = Pattern.compile("new\\s+(window\\.)?EventSource\\s*\\(");
    for (Path file : sources()) {
      String rel = SRC.relativize(file).toString().replace('\\', '/');
      if (!rel.startsWith("push/")) {
        assertFalse(opens.matcher(Files.readString(file)).find(), rel + " opens its own EventSource");
      }
    }
  }
}
