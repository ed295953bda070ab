package dev.charon.bench;

import static dev.charon.bench.Stats.ms;
import static dev.charon.bench.Stats.pct;

import dev.charon.testing.NioSubscribers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Where a stream's connect goes on the server: rounds of N player streams opened one after
 * another (each waits for its first frame, as {@link NchanComparisonIT} connects them), then
 * closed, on the WAR on Tomcat 11. A tool, not a test: it asserts nothing and runs only with
 * {@code -Dcharon.benchmark=true}. Prints, per round, the wall time of the N connects and the
 * server's CPU per connect. With {@code -Dcharon.benchmark.jfr=/tmp/connect.jfr} it records
 * the measured rounds (not the warm-up) with JFR's profile settings, for
 * {@code jfr print --events jdk.ExecutionSample}; {@code -Dcharon.benchmark.jfr.settings=/path/fine.jfc} for
 * other settings (a copy of the JDK's {@code profile.jfc} with a 1 ms sampling period gives ten
 * times the samples).
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=ConnectProfileIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: {@code -Dcharon.benchmark.subscribers=1000}, {@code -Dcharon.benchmark.rounds=10},
 * {@code -Dcharon.benchmark.warm.rounds=15} (the connect path's JIT needs about that many).
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class ConnectProfileIT {
  private static final int N = Integer.getInteger("charon.benchmark.subscribers", 1000);
  private static final int ROUNDS = Integer.getInteger("charon.benchmark.rounds", 10);
  private static final int WARM_ROUNDS = Integer.getInteger("charon.benchmark.warm.rounds", 15);
  private static final String JFR = System.getProperty("charon.benchmark.jfr", "");
  /** JFR settings: a name ({@code profile}) or a .jfc file, e.g. one that samples every millisecond. */
  private static final String JFR_SETTINGS = System.getProperty("charon.benchmark.jfr.settings", "profile");
  private static final long CLOSED_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(30);

  @Test
  void connects() throws Exception {
    try (CharonBench charon = CharonBench.start(CharonBench.itDir("bench-connect"), N)) {
      for (int i = 0; i < 500; i++) {
        charon.move();
      }
      for (int r = 0; r < WARM_ROUNDS; r++) {
        round(charon, "warm-up " + (r + 1));
      }
      if (!JFR.isEmpty()) {
        jcmd(charon, "JFR.start", "name=connect", "settings=" + JFR_SETTINGS, "filename=" + Path.of(JFR).toAbsolutePath());
      }
      List<Long> alls = new ArrayList<>();
      for (int r = 0; r < ROUNDS; r++) {
        alls.add(round(charon, "measured " + (r + 1)));
      }
      if (!JFR.isEmpty()) {
        jcmd(charon, "JFR.stop", "name=connect");
      }
      long[] sorted = alls.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("[connect] %d connects, %d rounds: median %s ms, best %s ms, load %s%n", N, ROUNDS,
          ms(pct(sorted, 50)), ms(sorted[0]), java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
    }
  }

  /** N connects one after another; the wall time of all. Waits until the server has let them all go. */
  private static long round(CharonBench charon, String name) throws Exception {
    long[] each = new long[N];
    long cpu0 = charon.tomcat.cpuTime().toNanos();
    long t0 = System.nanoTime();
    long wall0 = System.currentTimeMillis();
    try (NioSubscribers subs = new NioSubscribers()) {
      for (int i = 0; i < N; i++) {
        each[i] = charon.open(subs).connectNanos;
      }
      long all = System.nanoTime() - t0;
      long cpu = charon.tomcat.cpuTime().toNanos() - cpu0;
      // The window, for reading only the connects out of a recording that has the closes too.
      System.out.printf("[connect-window] %d %d%n", wall0, System.currentTimeMillis());
      System.out.printf("[connect] %s: %d connects in %s ms, p50 %s ms, max %s ms; server CPU %s ms per connect%n", name,
          N, ms(all), ms(pct(each, 50)), ms(Stats.max(each)), ms(cpu / N));
      subs.close();
      awaitNoStreams(charon);
      return all;
    }
  }

  private static void awaitNoStreams(CharonBench charon) throws InterruptedException {
    long deadline = System.nanoTime() + CLOSED_WITHIN_NANOS;
    while (charon.gm.getJson("api/health/").get("sse").get("clients").asInt() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("streams still open 30 s after their clients closed them");
      }
      Thread.sleep(50); // polling the server's count; there is no event to wait on
    }
  }

  private static void jcmd(CharonBench charon, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(charon.tomcat.pid())));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }
}
