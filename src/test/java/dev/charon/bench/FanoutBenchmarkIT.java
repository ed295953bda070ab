package dev.charon.bench;

import static dev.charon.bench.Stats.max;
import static dev.charon.bench.Stats.ms;
import static dev.charon.bench.Stats.pct;

import dev.charon.system.TomcatServer;
import dev.charon.testing.NioSubscribers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@link NchanComparisonIT} measures the same beside nchan.
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=FanoutBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class FanoutBenchmarkIT {
  /** Subscriber counts to run, e.g. {@code -Dcharon.benchmark.subscribers=100}; default 1, 100, 1000. */
  private static final int[] SUBSCRIBERS = Arrays.stream(System.getProperty("charon.benchmark.subscribers", "1,100,1000")
      .split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
  private static final int MOVES_PER_RUN = 500;
  private static final int WARMUP_WRITES = 5000;
  private static final int WARMUP_SUBSCRIBERS = 10;
  private static final int THROUGHPUT_WRITES = 4000;

  @Test
  void fanout() throws Exception {
    StringBuilder report = new StringBuilder();
    try (CharonBench charon = CharonBench.start(CharonBench.itDir("bench-fanout"), Arrays.stream(SUBSCRIBERS).max().orElse(1))) {
      TomcatServer tomcat = charon.tomcat;
      // Measure the steady state, not the JIT: the first few thousand requests of a fresh JVM
      // run interpreted code and take several times longer.
      try (NioSubscribers warm = new NioSubscribers()) {
        for (int i = 0; i < WARMUP_SUBSCRIBERS; i++) {
          charon.open(warm);
        }
        for (int i = 0; i < WARMUP_WRITES; i++) {
          charon.move();
        }
        awaitAll(warm, charon.version());
      }
      report.append("After a warm-up of ").append(WARMUP_WRITES).append(" moves with ").append(WARMUP_SUBSCRIBERS)
          .append(" subscribers. ");
      report.append("Map: `").append(charon.slug).append("` (").append(charon.rooms)
          .append(" rooms), moves of one token between two cells of room `").append(charon.room.get("id").asText())
          .append("`.\n\n");
      report.append("Before each measurement, moves with that many subscribers in rounds of ")
          .append(CharonBench.WARM_ROUND_MOVES).append(" until the server's JIT compilers used less than ")
          .append(Math.round(CharonBench.WARM_COMPILER_SHARE * 100))
          .append(" % of a core in two rounds in a row (the last column says how many moves that took).\n\n");
      report.append("| subscribers | connect p50 / max (ms) | POST answered p50 / p99 (ms) | POST→all delivered p50 / p99 / max (ms) | slowest subscriber p99 (ms) | bytes per event on the wire | writes/s with these subscribers | CPU per move, server / test JVM (ms) | warm-up moves |\n");
      report.append("|---|---|---|---|---|---|---|---|---|\n");
      for (int n : SUBSCRIBERS) {
        try (NioSubscribers subs = new NioSubscribers()) {
          long[] connect = new long[n];
          for (int i = 0; i < n; i++) {
            connect[i] = charon.open(subs).connectNanos;
          }
          int warmMoves = charon.warmUntilSteady(subs);
          long bytesBefore = subs.subs.get(0).bytes.get();
          long[] allDelivered = new long[MOVES_PER_RUN];
          long[] answered = new long[MOVES_PER_RUN];
          List<long[]> perSubscriber = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            perSubscriber.add(new long[MOVES_PER_RUN]);
          }
          long serverCpu0 = tomcat.cpuTime().toNanos();
          long clientCpu0 = clientCpuNanos();
          for (int m = 0; m < MOVES_PER_RUN; m++) {
            long t0 = System.nanoTime();
            long version = charon.move();
            answered[m] = System.nanoTime() - t0;
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
          double writesPerSecond = throughput(charon);
          long caughtUp = awaitAll(subs, charon.version()) - throughputStart;
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
    Path out = CharonBench.reportFile("fanout.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("Written to " + out + ":\n" + report);
  }

  /** Waits until every subscriber has seen {@code version}; returns when the last one did. */
  private static long awaitAll(NioSubscribers subs, long version) throws InterruptedException {
    subs.awaitAll(version, 60_000_000_000L);
    return subs.subs.stream().mapToLong(s -> s.lastArrival).max().orElseThrow();
  }

  /** Moves from 4 threads as fast as the server answers; returns accepted writes per second. */
  private static double throughput(CharonBench charon) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger done = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        try (RawPost client = charon.newWriter()) {
          for (int i = 0; i < THROUGHPUT_WRITES / 4; i++) {
            charon.move(client, i);
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

  /** CPU time of this JVM (the subscribers and the POSTing client). */
  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
