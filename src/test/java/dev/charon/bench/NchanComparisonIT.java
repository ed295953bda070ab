package dev.charon.bench;

import static dev.charon.bench.Stats.max;
import static dev.charon.bench.Stats.ms;
import static dev.charon.bench.Stats.pct;

import dev.charon.testing.NioSubscribers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Charon's fan-out beside nchan's, in one run on the same machine with the same client (a tool,
 * not a test: it asserts nothing and runs only with {@code -Dcharon.benchmark=true}).
 *
 * <p>Charon is the WAR on Tomcat 11 as in {@link FanoutBenchmarkIT} (token moves POSTed by the
 * GM, player streams). nchan is nginx's C pub/sub module, configured by
 * {@code tools/nchan/nginx.conf}: events POSTed to one channel, EventSource subscribers whose first
 * frame is the newest event (as Charon's is the current state). nchan is sent the data of a real
 * Charon token-move event, so both carry events of the same size. For each N the same
 * {@link NioSubscribers} client opens N streams one after another (each waits for its first frame;
 * Charon's connect path is warmed first, {@link CharonBench#warmConnects}),
 * then 500 events are published one at a time, each timed from sending the POST to its arrival
 * at every subscriber. Server CPU per write is read from {@code /proc/<pid>/stat} of the server's
 * processes (Tomcat's JVM; nginx's master and workers) over those 500 events.
 *
 * <p>Needs nginx with the nchan module: {@code apt-get install -y nginx-light libnginx-mod-nchan}
 * (Debian). Skipped when it is missing.
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=NchanComparisonIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: {@code -Dcharon.benchmark.subscribers=1,100,1000}; {@code -Dcharon.benchmark.nchan.workers=1}
 * (nginx worker processes; default {@code auto}, one per core).
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class NchanComparisonIT {
  private static final int[] SUBSCRIBERS = Arrays.stream(System.getProperty("charon.benchmark.subscribers", "1,100,1000")
      .split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
  private static final String NCHAN_WORKERS = System.getProperty("charon.benchmark.nchan.workers", "auto");
  private static final int EVENTS_PER_RUN = 500;
  /**
   * Rounds of N connects per system: one sample per run swung by a quarter between runs (a
   * collection in the JVM, a busy moment of the machine), so the report gives the median round
   * with the range. Each round's streams are closed, and the server has let them go, before the next.
   */
  private static final int CONNECT_ROUNDS = Integer.getInteger("charon.benchmark.connect.rounds", 5);
  private static final long STREAMS_GONE_NANOS = 60_000_000_000L;
  /** Charon's first warm-up, as in FanoutBenchmarkIT; then rounds with N subscribers until the JIT is done. */
  private static final int CHARON_WARMUP_MOVES = 5000;
  private static final int CHARON_WARMUP_SUBSCRIBERS = 10;
  /** Streams per round of Charon's connect warm-up (CharonBench.warmConnects); nchan needs none. */
  private static final int CHARON_CONNECT_WARMUP_ROUND = 500;
  /** nchan is compiled C: one round of events with N subscribers, for its memory pools and caches. */
  private static final int NCHAN_WARMUP_EVENTS = 500;
  private static final long DELIVERY_TIMEOUT_NANOS = 10_000_000_000L;
  /** What precedes the version in the data of an active-view event. */
  private static final String VERSION_MARKER = "\"version\":";
  private static final Pattern PATCH_DATA = Pattern.compile("(\\{\"epoch\":\"[0-9a-f]+\",\"version\":)(\\d+)(,\"base\":)(\\d+)(,.*)");

  /** One system's figures with N subscribers. */
  private record Row(String system, int n, long[] connectRounds, long connectP50, long connectMax, long[] delivered,
      long bytesPerEvent, long serverCpuPerWrite, long clientCpuPerWrite, String warmUp, String load) {}

  @FunctionalInterface
  private interface Step<T> {
    T run(NioSubscribers subs) throws Exception;
  }

  @FunctionalInterface
  private interface Cpu {
    long nanos() throws Exception;
  }

  @FunctionalInterface
  private interface Client {
    NioSubscribers get() throws Exception;
  }

  @FunctionalInterface
  private interface Count {
    int streams() throws Exception;
  }

  @Test
  void charonBesideNchan() throws Exception {
    Assumptions.assumeTrue(NchanServer.available(),
        "nginx with nchan is not installed (apt-get install -y nginx-light libnginx-mod-nchan)");
    int most = Arrays.stream(SUBSCRIBERS).max().orElse(1);
    StringBuilder report = new StringBuilder();
    try (CharonBench charon = CharonBench.start(CharonBench.itDir("bench-nchan-charon"), most);
        NchanServer nchan = new NchanServer(CharonBench.itDir("bench-nchan-nginx"), NCHAN_WORKERS).start();
        RawPost nchanWriter = new RawPost(URI.create("http://127.0.0.1:" + nchan.port() + "/"), "", "")) {
      try (NioSubscribers warm = new NioSubscribers()) {
        for (int i = 0; i < CHARON_WARMUP_SUBSCRIBERS; i++) {
          charon.open(warm);
        }
        for (int i = 0; i < CHARON_WARMUP_MOVES; i++) {
          charon.move();
        }
        warm.awaitAll(charon.version(), DELIVERY_TIMEOUT_NANOS);
      }
      int charonConnects = charon.warmConnects(CHARON_CONNECT_WARMUP_ROUND);
      String data = charon.playerMoveData();
      Matcher patch = PATCH_DATA.matcher(data);
      if (!patch.matches()) {
        throw new IllegalStateException("not a patch event's data: " + data);
      }
      // nchan gets the same bytes with its own version numbers, as many digits as Charon's.
      long[] nchanVersion = {Long.parseLong(patch.group(2))};
      Step<Long> publishNchan = subs -> {
        long v = ++nchanVersion[0];
        RawPost.Response r = nchanWriter.post("pub", patch.group(1) + v + patch.group(3) + (v - 1) + patch.group(5));
        if (r.status() / 100 != 2) {
          throw new IllegalStateException("nchan answered " + r);
        }
        return v;
      };
      publishNchan.run(null); // the newest event: every subscriber's first frame
      report.append("Event data (").append(data.length()).append(" bytes, the player stream's token move): `")
          .append(data).append("`\n\n");
      report.append("Charon's connect path warmed with ").append(charonConnects)
          .append(" connects (rounds of ").append(CHARON_CONNECT_WARMUP_ROUND).append(" until its JIT compilers were idle).\n\n");
      report.append("nginx worker processes: ").append(nchan.workers().size()).append(" (").append(NCHAN_WORKERS)
          .append("). Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");
      report.append("| subscribers | system | connect all N, one after another: median of the rounds (fastest–slowest) (ms) | connect p50 / max per stream (ms) "
          + "| publish → all delivered p50 / p99 / max (ms) | bytes per event on the wire | server CPU per write (ms) "
          + "| test JVM CPU per write (ms) | warm-up with N | load average before / after |\n");
      report.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (int n : SUBSCRIBERS) {
        Row c = measure("Charon", n, NioSubscribers::new, charon::open, charon::streams,
            subs -> charon.warmUntilSteady(subs) + " moves",
            subs -> charon.move(), () -> ProcCpu.treeNanos(charon.tomcat.pid()));
        append(report, c);
        Row x = measure("nchan", n, () -> new NioSubscribers(false, VERSION_MARKER),
            subs -> subs.open("127.0.0.1", nchan.port(), "/sub"), nchan::subscribers,
            subs -> {
              for (int i = 0; i < NCHAN_WARMUP_EVENTS; i++) {
                subs.awaitAll(publishNchan.run(subs), DELIVERY_TIMEOUT_NANOS);
              }
              return NCHAN_WARMUP_EVENTS + " events";
            },
            publishNchan, nchan::cpuNanos);
        append(report, x);
        System.out.println(report);
      }
    }
    report.append("\nRequests sent again on a new connection after a kept-alive one was found closed: ")
        .append(RawPost.RESENT.get()).append(".\n");
    Path out = CharonBench.reportFile("nchan.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("Written to " + out + ":\n" + report);
  }

  private static Row measure(String system, int n, Client client,
      Step<NioSubscribers.Sub> open, Count serverStreams, Step<String> warm, Step<Long> publish, Cpu serverCpu)
      throws Exception {
    String loadBefore = loadAverage();
    long[] connectRounds = new long[CONNECT_ROUNDS];
    long[] connect = new long[n * CONNECT_ROUNDS];
    // All rounds but the last are closed again; the last one's streams get the events.
    for (int r = 0; r < CONNECT_ROUNDS - 1; r++) {
      try (NioSubscribers subs = client.get()) {
        connectRounds[r] = connectAll(subs, open, n, connect, r * n);
      }
      long deadline = System.nanoTime() + STREAMS_GONE_NANOS;
      while (serverStreams.streams() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(system + " still holds " + serverStreams.streams() + " streams after 60 s");
        }
        Thread.sleep(50); // polling the server's count; there is no event to wait on
      }
    }
    try (NioSubscribers subs = client.get()) {
      connectRounds[CONNECT_ROUNDS - 1] = connectAll(subs, open, n, connect, (CONNECT_ROUNDS - 1) * n);
      String warmUp = warm.run(subs);
      long bytesBefore = subs.subs.get(0).bytes.get();
      long[] delivered = new long[EVENTS_PER_RUN];
      long server0 = serverCpu.nanos();
      long client0 = clientCpuNanos();
      for (int m = 0; m < EVENTS_PER_RUN; m++) {
        long sent = System.nanoTime();
        long version = publish.run(subs);
        subs.awaitAll(version, DELIVERY_TIMEOUT_NANOS);
        long worst = 0;
        for (NioSubscribers.Sub s : subs.subs) {
          worst = Math.max(worst, s.arrivalOf(version) - sent);
        }
        delivered[m] = worst;
      }
      Row row = new Row(system, n, connectRounds, pct(connect, 50), max(connect), delivered,
          (subs.subs.get(0).bytes.get() - bytesBefore) / EVENTS_PER_RUN, (serverCpu.nanos() - server0) / EVENTS_PER_RUN,
          (clientCpuNanos() - client0) / EVENTS_PER_RUN, warmUp, loadBefore + " / " + loadAverage());
      System.out.println(row.system + " with " + n + ": p50 " + ms(pct(delivered, 50)) + " p99 " + ms(pct(delivered, 99))
          + " ms, connect all rounds " + Arrays.stream(connectRounds).mapToObj(Stats::ms).toList() + " ms");
      return row;
    }
  }

  /** N connects one after another, each waiting for its first frame; their times go to {@code each} from {@code at}. */
  private static long connectAll(NioSubscribers subs, Step<NioSubscribers.Sub> open, int n, long[] each, int at)
      throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      each[at + i] = open.run(subs).connectNanos;
    }
    return System.nanoTime() - t0;
  }

  private static void append(StringBuilder report, Row r) {
    long[] rounds = r.connectRounds.clone();
    Arrays.sort(rounds);
    report.append("| ").append(r.n).append(" | ").append(r.system).append(" | ").append(ms(pct(rounds, 50)))
        .append(" (").append(ms(rounds[0])).append("–").append(ms(rounds[rounds.length - 1])).append(")")
        .append(" | ").append(ms(r.connectP50)).append(" / ").append(ms(r.connectMax))
        .append(" | ").append(ms(pct(r.delivered, 50))).append(" / ").append(ms(pct(r.delivered, 99))).append(" / ")
        .append(ms(max(r.delivered))).append(" | ").append(r.bytesPerEvent).append(" | ").append(ms(r.serverCpuPerWrite))
        .append(" | ").append(ms(r.clientCpuPerWrite)).append(" | ").append(r.warmUp).append(" | ").append(r.load)
        .append(" |\n");
  }

  /** The 1-minute load average: how busy the machine was with others' work. */
  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  /** CPU time of this JVM (the subscribers and the publishing client). */
  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
