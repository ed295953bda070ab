package dev.charon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.system.ServerProcess;
import dev.charon.testing.Agent;
import dev.charon.testing.NioSubscribers;
import dev.charon.system.TomcatServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fan-out benchmark (a tool, not a test: it asserts nothing and runs only with
 * {@code -Dcharon.benchmark=true}). Against the WAR on a real Tomcat 11 it opens N subscribers
 * and measures, for token moves on the largest demo map, the time from sending the POST to the
 * event's arrival at every subscriber, bytes per event, connect time and write throughput.
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=FanoutBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class FanoutBenchmarkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Subscriber counts to run, e.g. {@code -Dcharon.benchmark.subscribers=100}; default 1, 100, 1000. */
  private static final int[] SUBSCRIBERS = Arrays.stream(System.getProperty("charon.benchmark.subscribers", "1,100,1000")
      .split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
  private static final int MOVES_PER_RUN = 500;
  private static final int WARMUP_WRITES = 5000;
  /** Moves per warm-up round with N subscribers, and the most rounds before measuring anyway. */
  private static final int WARM_ROUND_MOVES = 500;
  private static final int WARM_ROUNDS_MAX = 60;
  /** The share of one core the server's JIT compilers may use in a round that counts as warm. */
  private static final double WARM_COMPILER_SHARE = 0.03;
  private static final int WARMUP_SUBSCRIBERS = 10;
  private static final int THROUGHPUT_WRITES = 4000;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ServerProcess server;

  @Test
  void fanout() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bench-fanout");
    StringBuilder report = new StringBuilder();
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", "benchmark-gm-password",
        // Every benchmark subscriber comes from 127.0.0.1: lift the per-address cap above the largest N.
        "charon.streams.max.per.address", String.valueOf(2 * Arrays.stream(SUBSCRIBERS).max().orElse(1))))) {
      server = tomcat;
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", "benchmark-gm-password");
      RawPost writer = new RawPost(tomcat.base(), gm.cookieHeader(), gm.cookies.get("csrftoken"));
      String[] largest = largestMap(gm);
      String slug = largest[0];
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + slug + "\"}");
      gm.postJson("api/gm/encounter/room-visibility/", "{\"all\":true}");
      JsonNode room = JSON.readTree(largest[1]);
      int x = room.get("x").asInt();
      int y = room.get("y").asInt();
      String token = gm.postJson("api/gm/encounter/place-token/",
          "{\"type\":\"player\",\"name\":\"Benchmark\",\"x\":" + x + ",\"y\":" + y + "}").get("token_id").asText();
      // Measure the steady state, not the JIT: the first few thousand requests of a fresh JVM
      // run interpreted code and take several times longer.
      try (NioSubscribers warm = new NioSubscribers()) {
        for (int i = 0; i < WARMUP_SUBSCRIBERS; i++) {
          warm.open("127.0.0.1", tomcat.base().getPort(), tomcat.base().getPath() + "api/active-view/stream/");
        }
        for (int i = 0; i < WARMUP_WRITES; i++) {
          writer.post("api/gm/encounter/move-token/", "{\"token_id\":\"" + token + "\",\"x\":" + (x + i % 2) + ",\"y\":" + y + "}");
        }
        awaitAll(warm, gm.getJson("api/active-view/").get("version").asLong());
      }
      report.append("After a warm-up of ").append(WARMUP_WRITES).append(" moves with ").append(WARMUP_SUBSCRIBERS)
          .append(" subscribers. ");
      report.append("Map: `").append(slug).append("` (").append(largest[2]).append(" rooms), moves of one token between two cells of room `")
          .append(room.get("id").asText()).append("`.\n\n");
      report.append("Before each measurement, moves with that many subscribers in rounds of ").append(WARM_ROUND_MOVES)
          .append(" until the server's JIT compilers used less than ").append(Math.round(WARM_COMPILER_SHARE * 100))
          .append(" % of a core in two rounds in a row (the last column says how many moves that took).\n\n");
      report.append("| subscribers | connect p50 / max (ms) | POST answered p50 / p99 (ms) | POST→all delivered p50 / p99 / max (ms) | slowest subscriber p99 (ms) | bytes per event on the wire | writes/s with these subscribers | CPU per move, server / test JVM (ms) | warm-up moves |\n");
      report.append("|---|---|---|---|---|---|---|---|---|\n");
      for (int n : SUBSCRIBERS) {
        try (NioSubscribers subs = new NioSubscribers()) {
          long[] connect = new long[n];
          for (int i = 0; i < n; i++) {
            connect[i] = subs.open("127.0.0.1", tomcat.base().getPort(), tomcat.base().getPath() + "api/active-view/stream/").connectNanos;
          }
          int warmMoves = warmUntilSteady(tomcat, writer, subs, token, x, y);
          long bytesBefore = subs.subs.get(0).bytes.get();
          long[] allDelivered = new long[MOVES_PER_RUN];
          long[] answered = new long[MOVES_PER_RUN];
          long[] perSubscriberWorst = new long[n];
          List<long[]> perSubscriber = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            perSubscriber.add(new long[MOVES_PER_RUN]);
          }
          long serverCpu0 = tomcat.cpuTime().toNanos();
          long clientCpu0 = clientCpuNanos();
          for (int m = 0; m < MOVES_PER_RUN; m++) {
            int nx = x + (m % 2 == 0 ? 1 : 0);
            long t0 = System.nanoTime();
            RawPost.Response moved = writer.post("api/gm/encounter/move-token/",
                "{\"token_id\":\"" + token + "\",\"x\":" + nx + ",\"y\":" + y + "}");
            answered[m] = System.nanoTime() - t0;
            if (moved.status() != 200) {
              throw new IllegalStateException("move answered " + moved);
            }
            long version = JSON.readTree(moved.body()).get("version").asLong();
            subs.awaitAll(version, 10_000_000_000L);
            long worst = 0;
            for (int i = 0; i < n; i++) {
              long latency = subs.subs.get(i).arrivalOf(version) - t0;
              perSubscriber.get(i)[m] = latency;
              worst = Math.max(worst, latency);
            }
            allDelivered[m] = worst;
          }
          long serverCpuPerEvent = (tomcat.cpuTime().toNanos() - serverCpu0) / MOVES_PER_RUN;
          long clientCpuPerEvent = (clientCpuNanos() - clientCpu0) / MOVES_PER_RUN;
          long bytesPerEvent = (subs.subs.get(0).bytes.get() - bytesBefore) / MOVES_PER_RUN;
          long slowestP99 = 0;
          for (long[] lat : perSubscriber) {
            slowestP99 = Math.max(slowestP99, pct(lat, 99));
          }
          long throughputStart = System.nanoTime();
          double writesPerSecond = throughput(gm, token, x, y);
          long lastVersion = gm.getJson("api/active-view/").get("version").asLong();
          long caughtUp = awaitAll(subs, lastVersion) - throughputStart;
          report.append("| ").append(n).append(" | ").append(ms(pct(connect, 50))).append(" / ").append(ms(max(connect)))
              .append(" | ").append(ms(pct(answered, 50))).append(" / ").append(ms(pct(answered, 99)))
              .append(" | ").append(ms(pct(allDelivered, 50))).append(" / ").append(ms(pct(allDelivered, 99))).append(" / ")
              .append(ms(max(allDelivered))).append(" | ").append(ms(slowestP99)).append(" | ").append(bytesPerEvent)
              .append(" | ").append(String.format("%.0f", writesPerSecond)).append(" (all ").append(n)
              .append(" had the last after ").append(ms(caughtUp)).append(" ms) | ").append(ms(serverCpuPerEvent))
              .append(" / ").append(ms(clientCpuPerEvent)).append(" | ").append(warmMoves).append(" |\n");
          System.out.println(report);
        }
      }
    }
    report.append("\nRequests sent again on a new connection after a kept-alive one was found closed: ")
        .append(RawPost.RESENT.get()).append(".\n");
    Path out = Path.of(ServerProcess.required("charon.it.dir")).getParent().resolve("benchmarks/fanout.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("Written to " + out + ":\n" + report);
  }

  /**
   * Moves the token with these subscribers until the server's JIT compilers are done: a fresh
   * JVM's C2 compiler keeps compiling Jersey's and Tomcat's request paths for tens of thousands
   * of requests; while it does it takes a third of a core, and every move costs the server
   * several times the CPU of the steady state. Rounds end when the compiler threads used less
   * than {@link #WARM_COMPILER_SHARE} of a round's time twice in a row. Returns the moves made.
   */
  private static int warmUntilSteady(ServerProcess tomcat, RawPost writer, NioSubscribers subs, String token, int x,
      int y) throws Exception {
    int quietRounds = 0;
    int rounds = 0;
    while (rounds < WARM_ROUNDS_MAX && quietRounds < 2) {
      long compiler0 = compilerCpuNanos(tomcat.pid());
      long cpu0 = tomcat.cpuTime().toNanos();
      long t0 = System.nanoTime();
      for (int m = 0; m < WARM_ROUND_MOVES; m++) {
        RawPost.Response moved = writer.post("api/gm/encounter/move-token/",
            "{\"token_id\":\"" + token + "\",\"x\":" + (x + m % 2) + ",\"y\":" + y + "}");
        subs.awaitAll(JSON.readTree(moved.body()).get("version").asLong(), 10_000_000_000L);
      }
      double compilerShare = (compilerCpuNanos(tomcat.pid()) - compiler0) / (double) (System.nanoTime() - t0);
      rounds++;
      quietRounds = compilerShare < WARM_COMPILER_SHARE ? quietRounds + 1 : 0;
      System.out.printf("warm-up round %d with %d subscribers: server CPU %.2f ms per move, JIT compilers %.0f %% of a core%n",
          rounds, subs.subs.size(), (tomcat.cpuTime().toNanos() - cpu0) / 1e6 / WARM_ROUND_MOVES, compilerShare * 100);
    }
    return rounds * WARM_ROUND_MOVES;
  }

  /** CPU time of the server's JIT compiler threads, from /proc (Linux; clock ticks of 10 ms). */
  private static long compilerCpuNanos(long pid) throws java.io.IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String thread = Files.readString(task.resolve("comm"));
          if (!thread.startsWith("C2 CompilerThre") && !thread.startsWith("C1 CompilerThre")) {
            continue;
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (java.nio.file.NoSuchFileException gone) {
          // a compiler thread that ended between listing and reading
        }
      }
    }
    return ticks * 10_000_000L;
  }

  /** Waits until every subscriber has seen {@code version}; returns when the last one did. */
  private static long awaitAll(NioSubscribers subs, long version) throws InterruptedException {
    subs.awaitAll(version, 60_000_000_000L);
    return subs.subs.stream().mapToLong(s -> s.lastArrival).max().orElseThrow();
  }

  /** Moves from 4 threads as fast as the server answers; returns accepted writes per second. */
  private double throughput(Agent gm, String token, int x, int y) throws Exception {
    String cookie = gm.cookieHeader();
    String csrf = gm.cookies.get("csrftoken");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger done = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        try (RawPost client = new RawPost(server.base(), cookie, csrf)) {
          for (int i = 0; i < THROUGHPUT_WRITES / 4; i++) {
            RawPost.Response r = client.post("api/gm/encounter/move-token/",
                "{\"token_id\":\"" + token + "\",\"x\":" + (x + (i % 2)) + ",\"y\":" + y + "}");
            if (r.status() != 200) {
              throw new IllegalStateException("move answered " + r);
            }
            done.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return done.get() / ((System.nanoTime() - t0) / 1e9);
  }

  /** The location whose map has the most rooms: [slug, a room JSON, room count]. */
  private String[] largestMap(Agent gm) throws Exception {
    JsonNode tree = gm.getJson("api/gm/locations/");
    List<String> slugs = new ArrayList<>();
    collect(tree.get("locations"), slugs);
    String best = null;
    JsonNode bestRoom = null;
    int bestCount = -1;
    for (String slug : slugs) {
      JsonNode all = gm.getJson("api/gm/encounter-map/" + slug + "/all-decks/");
      int count = 0;
      JsonNode firstRoom = null;
      for (JsonNode deck : all.get("decks")) {
        count += deck.get("rooms").size();
        for (JsonNode r : deck.get("rooms")) {
          if (firstRoom == null && r.get("width").asInt() >= 2 && !deck.has("missing_grid")) {
            firstRoom = r;
          }
        }
      }
      if (count > bestCount && firstRoom != null) {
        best = slug;
        bestRoom = firstRoom;
        bestCount = count;
      }
    }
    return new String[] {best, bestRoom.toString(), Integer.toString(bestCount)};
  }

  private static void collect(JsonNode locations, List<String> out) {
    for (JsonNode l : locations) {
      if (l.path("has_map").asBoolean()) {
        out.add(l.get("slug").asText());
      }
      collect(l.path("children"), out);
    }
  }

  /** CPU time of this JVM (the subscribers and the POSTing client). */
  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static long max(long[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  static String ms(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }
}
