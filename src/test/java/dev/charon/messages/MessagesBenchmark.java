package dev.charon.messages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.platform.Database;
import dev.charon.platform.Tx;
import dev.charon.security.Accounts;
import dev.charon.security.Login;
import dev.charon.security.DeviceCookies;
import dev.charon.security.PasswordHasher;
import dev.charon.security.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The players' poll against a real H2 file holding 10,000 messages (docs/benchmarks.md,
 * "Messages"). Disabled by default; run with
 * {@code mvn -o -Dskip.npm=true -Dskip.npm.test=true test -Dtest=MessagesBenchmark -Dcharon.bench=true}.
 * Measures the database work of one GET /api/messages/: the session lookup and
 * {@link Messages#poll} (JSON and HTTP come on top).
 */
@EnabledIfSystemProperty(named = "charon.bench", matches = "true")
class MessagesBenchmark {
  static final int MESSAGES = 10_000;
  static final int WARMUP_POLLS = 2_000;
  static final int MEASURED_POLLS = 5_000;

  @Test
  void pollStaysUnderTenMillisecondsAtP99WithTenThousandMessages() throws Exception {
    Path dir = Files.createTempDirectory("charon-bench");
    Database db = Database.open(dir);
    try {
      List<String> players = List.of("pia", "max", "ada", "lev", "kai");
      Messages messages = new Messages(db.emf(), names -> names);
      for (int i = 0; i < MESSAGES; i++) {
        // A mix like a long campaign: 60 % broadcasts, 40 % to one player.
        List<String> to = i % 5 < 3 ? List.of() : List.of(players.get(i % players.size()));
        messages.send(new Messages.Draft("Message number " + i + " ".repeat(i % 200), Optional.empty(),
            Optional.of("NORMAL"), to), "gm");
      }
      // Measure a server that starts with 10,000 stored messages, as after a restart: the bulk
      // load's background writes and compaction are not part of a poll's cost.
      db.close();
      db = Database.open(dir);
      messages = new Messages(db.emf(), names -> names);
      long gcBefore = gcMillis();
      long maxId = Tx.in(db.emf(), em -> ((Number) em.createNativeQuery("SELECT MAX(id) FROM message")
          .getSingleResult()).longValue());
      for (int i = 0; i < WARMUP_POLLS; i++) {
        poll(messages, players, i, maxId);
      }
      // What a GET /api/messages/ costs in the database: the session lookup, then the poll.
      Accounts accounts = new Accounts(db.emf(), PasswordHasher.withIterations(1_000));
      Sessions sessions = new Sessions(db.emf(), Clock.systemUTC());
      accounts.createPlayer("pia", "pia password");
      String token = new Login(accounts, sessions, Login.throttle(), new DeviceCookies(new byte[DeviceCookies.KEY_BYTES]))
          .login("pia", "pia password", "127.0.0.1", null, null).session().token();
      long[] times = new long[MEASURED_POLLS];
      for (int i = 0; i < MEASURED_POLLS; i++) {
        long t0 = System.nanoTime();
        sessions.resolve(token);
        poll(messages, players, i, maxId);
        times[i] = System.nanoTime() - t0;
      }
      if (Boolean.getBoolean("charon.bench.trace")) {
        StringBuilder slow = new StringBuilder();
        for (int i = 0; i < MEASURED_POLLS; i++) {
          if (times[i] > 5_000_000) {
            slow.append(i).append(':').append(times[i] / 1_000_000).append(' ');
          }
        }
        System.out.println("MESSAGES BENCHMARK slow polls (index:ms): " + slow);
      }
      for (int kind = 0; kind < 3; kind++) {
        long[] k = new long[MEASURED_POLLS / 3];
        for (int j = 0; j < k.length; j++) {
          k[j] = times[j * 3 + kind];
        }
        Arrays.sort(k);
        System.out.printf("MESSAGES BENCHMARK kind %d: p50 %.3f ms, p99 %.3f ms%n", kind, k[k.length / 2] / 1e6,
            k[(int) (k.length * 0.99)] / 1e6);
      }
      Arrays.sort(times);
      System.out.printf("MESSAGES BENCHMARK: GC time during warm-up and measurement %d ms%n", gcMillis() - gcBefore);
      double p50 = times[MEASURED_POLLS / 2] / 1e6;
      double p99 = times[(int) (MEASURED_POLLS * 0.99)] / 1e6;
      double max = times[MEASURED_POLLS - 1] / 1e6;
      System.out.printf("MESSAGES BENCHMARK: %d messages, %d polls: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
          MESSAGES, MEASURED_POLLS, p50, p99, max);
      assertTrue(p99 < 10.0, "p99 " + p99 + " ms");
    } finally {
      db.close();
    }
  }

  private static long gcMillis() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
  }

  /** Rotates the three kinds of poll: first load, an up-to-date poll, and one far behind. */
  private static void poll(Messages messages, List<String> players, int i, long maxId) {
    Optional<String> reader = i % 6 == 5 ? Optional.empty() : Optional.of(players.get(i % players.size()));
    OptionalLong since = switch (i % 3) {
      case 0 -> OptionalLong.empty();
      case 1 -> OptionalLong.of(maxId - 50);
      default -> OptionalLong.of(maxId / 2);
    };
    messages.poll(reader, since);
  }
}
