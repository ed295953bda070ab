package dev.charon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import dev.charon.testing.FakeModelServer;
import dev.charon.testing.SseClient;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CHARON's latencies on a real Tomcat 11 with the fake model server on a socket (a tool, not a
 * test: it asserts nothing and runs only with {@code -Dcharon.benchmark=true}):
 * <ol>
 *   <li>a query submitted at the terminal until it arrives on the GM console's stream;
 *   <li>a GM approve until the line arrives on each of 100 open terminal streams;
 *   <li>a draft's first streamed words: from the fake model writing them to their arrival on the
 *       GM console's stream.
 * </ol>
 * Each query comes from its own loopback address (127.0.0.N), as from its own terminal, so the
 * per-terminal limit of 10 a minute does not throttle the run.
 *
 * <pre>mvn verify -Dcharon.benchmark=true -Dit.test=CharonBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class CharonBenchmarkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUERIES = 200;
  private static final int TERMINALS = 100;
  private static final int APPROVALS = 100;
  private static final int DRAFTS = 30;
  private static final int WARMUP_LINES = 300;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void charonLatencies() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bench-charon");
    StringBuilder report = new StringBuilder();
    try (FakeModelServer model = FakeModelServer.start();
        TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
            "charon.gm.password", "benchmark-gm-password",
            "charon.streams.max.per.address", String.valueOf(4 * TERMINALS),
            "charon.model.provider", "openai",
            "charon.model.base.url", model.baseUrl(FakeModelServer.OPENAI),
            "charon.model.name", "fake-bench"))) {
      tomcat.start();
      model.reply(FakeModelServer.Reply.text("NO RECORD."));
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", "benchmark-gm-password");
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
      gm.postJson("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
      Agent page = new Agent(tomcat.base());
      page.get("api/active-view/");
      String csrf = page.cookies.get("csrftoken");
      RawPost gmPost = new RawPost(tomcat.base(), gm.cookieHeader(), gm.cookies.get("csrftoken"));

      List<SseClient> terminals = new ArrayList<>();
      try (SseClient console = new SseClient(tomcat.uri("api/gm/active-view/stream/"), Map.of("Cookie", gm.cookieHeader()))) {
        console.awaitOpen();
        for (int i = 0; i < TERMINALS; i++) {
          SseClient t = new SseClient(tomcat.uri("api/active-view/stream/"));
          terminals.add(t);
        }
        for (SseClient t : terminals) {
          t.awaitOpen();
        }
        // Warm the JIT on the same path (GM lines reach every stream).
        for (int i = 0; i < WARMUP_LINES; i++) {
          gmPost.post("api/gm/charon/story/send/", "{\"content\":\"WARM " + i + "\"}");
        }
        String lastWarm = "WARM " + (WARMUP_LINES - 1);
        for (SseClient t : terminals) {
          t.await("the warm-up", c -> raw(c).contains(lastWarm), PATIENCE);
        }

        // 1. query -> GM console
        List<Double> queryMillis = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
          InetAddress from = InetAddress.getByName("127.0." + (1 + i / 250) + "." + (2 + i % 250));
          try (RawPost terminal = new RawPost(tomcat.base(), "csrftoken=" + csrf, csrf, from)) {
            int before = console.frames.size();
            long t0 = System.nanoTime();
            RawPost.Response r = terminal.post("api/charon/story/submit/", "{\"query\":\"query " + i + "\"}");
            if (r.status() != 202) {
              throw new AssertionError("submit " + i + ": " + r.status() + " " + r.body());
            }
            String id = JSON.readTree(r.body()).get("query_id").asText();
            queryMillis.add(arrival(console, before, f -> f.data().contains(id), PATIENCE, t0));
          }
        }
        report.append(line("query submitted → on the GM console's stream", queryMillis));

        // 2. approve -> 100 terminals
        console.await("the drafts", c -> pendingReady(gm) >= APPROVALS, PATIENCE);
        JsonNode pending = gm.getJson("api/gm/charon/story/pending/").get("pending");
        List<Double> eachTerminal = new ArrayList<>();
        List<Double> lastTerminal = new ArrayList<>();
        for (int i = 0; i < APPROVALS; i++) {
          String pendingId = pending.get(i).get("pending_id").asText();
          int[] before = terminals.stream().mapToInt(t -> t.frames.size()).toArray();
          long t0 = System.nanoTime();
          RawPost.Response r = gmPost.post("api/gm/charon/story/approve/",
              "{\"pending_id\":\"" + pendingId + "\",\"modified_content\":\"APPROVED " + i + ".\"}");
          if (r.status() != 200) {
            throw new AssertionError("approve " + i + ": " + r.status() + " " + r.body());
          }
          String id = JSON.readTree(r.body()).get("message_id").asText();
          double worst = 0;
          for (int k = 0; k < terminals.size(); k++) {
            double ms = arrival(terminals.get(k), before[k], f -> f.data().contains(id), PATIENCE, t0);
            eachTerminal.add(ms);
            worst = Math.max(worst, ms);
          }
          lastTerminal.add(worst);
        }
        report.append(line("GM approve → on each of " + TERMINALS + " terminal streams", eachTerminal));
        report.append(line("GM approve → on the last of " + TERMINALS + " terminal streams", lastTerminal));

        // 3. the model's first words -> GM console
        model.reply(FakeModelServer.Reply.text("HULL ", "INTEGRITY ", "NOMINAL.").chunkDelay(Duration.ofMillis(100)));
        List<Double> firstWords = new ArrayList<>();
        for (int i = 0; i < DRAFTS; i++) {
          int before = console.frames.size();
          int requestsBefore = model.requests().size();
          Agent.Reply g = gm.post("api/gm/charon/bridge/generate/", "{\"prompt\":\"hull status " + i + "\"}");
          if (g.status() != 202) {
            throw new AssertionError("generate " + i + ": " + g);
          }
          String id = g.json().get("pending_id").asText();
          model.awaitRequests(requestsBefore + 1, PATIENCE);
          console.await("the first words", c -> indexOf(c, before, f -> f.data().contains("\"draft-text\"")
              && f.data().contains(id)) >= 0, PATIENCE);
          int at = indexOf(console, before, f -> f.data().contains("\"draft-text\"") && f.data().contains(id));
          long written = model.requests().get(requestsBefore).chunkNanos().get(0);
          firstWords.add((console.frameNanos.get(at) - written) / 1e6);
          console.await("the finished draft", c -> indexOf(c, before, f -> f.data().contains("\"state\":\"ready\"")
              && f.data().contains(id)) >= 0, PATIENCE);
          gm.post("api/gm/charon/bridge/reject/", "{\"pending_id\":\"" + id + "\"}");
        }
        report.append(line("the model's first words written → on the GM console's stream", firstWords));
      } finally {
        terminals.forEach(SseClient::close);
        gmPost.close();
      }
    }
    String text = "# CHARON latencies (CharonBenchmarkIT)\n\nTomcat 11, " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version") + ", " + TERMINALS + " terminal streams open\n\n"
        + "| measured | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n" + report;
    Path out = Path.of("target", "benchmarks", "charon.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
    System.out.println(text);
  }

  private static int pendingReady(Agent gm) {
    int n = 0;
    for (JsonNode d : gm.getJson("api/gm/charon/story/pending/").get("pending")) {
      if (d.get("state").asText().equals("ready")) {
        n++;
      }
    }
    return n;
  }

  private static String raw(SseClient c) {
    StringBuilder s = new StringBuilder();
    c.frames.forEach(f -> s.append(f.data()));
    return s.toString();
  }

  private static int indexOf(SseClient c, int from, Predicate<SseClient.Frame> match) {
    for (int i = from; i < c.frames.size(); i++) {
      if (match.test(c.frames.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Milliseconds from t0 to the first frame at or after {@code from} that matches. */
  private static double arrival(SseClient c, int from, Predicate<SseClient.Frame> match, Duration timeout, long t0) {
    c.await("a frame", s -> indexOf(s, from, match) >= 0, timeout);
    return (c.frameNanos.get(indexOf(c, from, match)) - t0) / 1e6;
  }

  private static String line(String what, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return String.format("| %s | %d | %.1f | %.1f | %.1f |%n", what, sorted.size(), pct(sorted, 0.50),
        pct(sorted, 0.95), sorted.get(sorted.size() - 1));
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
