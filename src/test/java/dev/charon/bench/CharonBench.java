package dev.charon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.system.ServerProcess;
import dev.charon.system.TomcatServer;
import dev.charon.testing.Agent;
import dev.charon.testing.NioSubscribers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Charon as the fan-out benchmarks drive it: the WAR on a real Tomcat 11 (the test harness's
 * CATALINA_BASE from {@code tomcat-conf/}), the GM logged in, the largest demo map shown with
 * every room revealed, and one token placed, which {@link #move} moves back and forth between
 * two cells of a room. Subscribers are player streams, opened with {@link NioSubscribers}.
 */
final class CharonBench implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String STREAM = "api/active-view/stream/";
  private static final String GM_PASSWORD = "benchmark-gm-password";
  /** Moves per warm-up round with N subscribers, and the most rounds before measuring anyway. */
  static final int WARM_ROUND_MOVES = 500;
  static final int WARM_ROUNDS_MAX = 60;
  /** The share of one core the server's JIT compilers may use in a round that counts as warm. */
  static final double WARM_COMPILER_SHARE = 0.03;

  final TomcatServer tomcat;
  final Agent gm;
  /** The POSTing client of sequential moves (one keep-alive connection). */
  final RawPost writer;
  final String slug;
  final int rooms;
  final JsonNode room;
  final String token;
  final int x;
  final int y;

  private CharonBench(TomcatServer tomcat, Agent gm, String slug, int rooms, JsonNode room, String token) {
    this.tomcat = tomcat;
    this.gm = gm;
    this.writer = newWriter();
    this.slug = slug;
    this.rooms = rooms;
    this.room = room;
    this.token = token;
    this.x = room.get("x").asInt();
    this.y = room.get("y").asInt();
  }

  /**
   * Starts Tomcat in {@code work} and sets the table up.
   *
   * @param maxSubscribers the most streams the benchmark opens (all from 127.0.0.1: the per-address
   *     cap is lifted above it)
   */
  static CharonBench start(Path work, int maxSubscribers) throws Exception {
    TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD,
        "charon.streams.max.per.address", String.valueOf(2 * maxSubscribers)));
    try {
      tomcat.start();
      Agent gm = new Agent(tomcat.base()).loggedIn("gm", GM_PASSWORD);
      String[] largest = largestMap(gm);
      gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + largest[0] + "\"}");
      gm.postJson("api/gm/encounter/room-visibility/", "{\"all\":true}");
      JsonNode room = JSON.readTree(largest[1]);
      String token = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Benchmark\",\"x\":"
          + room.get("x").asInt() + ",\"y\":" + room.get("y").asInt() + "}").get("token_id").asText();
      return new CharonBench(tomcat, gm, largest[0], Integer.parseInt(largest[2]), room, token);
    } catch (Exception | Error e) {
      tomcat.close();
      throw e;
    }
  }

  /** Another POSTing client (one per thread). */
  RawPost newWriter() {
    return new RawPost(tomcat.base(), gm.cookieHeader(), gm.cookies.get("csrftoken"));
  }

  /** Opens a player stream and waits for its first frame (the snapshot). */
  NioSubscribers.Sub open(NioSubscribers subs) throws Exception {
    return subs.open("127.0.0.1", tomcat.base().getPort(), tomcat.base().getPath() + STREAM);
  }

  private long lastVersion;
  private boolean right;

  /**
   * The next sequential move from {@link #writer}: always to the other cell, so every one makes a
   * version and an event (a move to the token's own cell is accepted without either); returns
   * that version.
   */
  long move() throws IOException {
    long version;
    do {
      right = !right;
      version = move(writer, right ? 0 : 1);
    } while (version <= lastVersion); // the token was where the throughput phase left it
    lastVersion = version;
    return version;
  }

  /** The {@code m}-th move (to one of two cells by parity) from {@code client}; the version it made. */
  long move(RawPost client, int m) throws IOException {
    RawPost.Response moved = client.post("api/gm/encounter/move-token/",
        "{\"token_id\":\"" + token + "\",\"x\":" + (x + (m % 2 == 0 ? 1 : 0)) + ",\"y\":" + y + "}");
    if (moved.status() != 200) {
      throw new IllegalStateException("move answered " + moved);
    }
    return JSON.readTree(moved.body()).get("version").asLong();
  }

  long version() {
    return gm.getJson("api/active-view/").get("version").asLong();
  }

  /**
   * The data of one token move as a player stream receives it (the {@code data:} line of the
   * event), so that another system can be sent events of exactly Charon's size.
   */
  String playerMoveData() throws Exception {
    try (NioSubscribers one = new NioSubscribers(true)) {
      open(one);
      long version = move();
      one.awaitAll(version, 10_000_000_000L);
      String received = one.subs.get(0).receivedText();
      int at = received.lastIndexOf("\ndata: ");
      return received.substring(at + "\ndata: ".length(), received.indexOf('\n', at + 1));
    }
  }

  /**
   * Moves the token with these subscribers until the server's JIT compilers are done: a fresh
   * JVM's C2 compiler keeps compiling Jersey's and Tomcat's request paths for tens of thousands
   * of requests; while it does it takes a third of a core, and every move costs the server
   * several times the CPU of the steady state. Rounds end when the compiler threads used less
   * than {@link #WARM_COMPILER_SHARE} of a round's time twice in a row. Returns the moves made.
   */
  int warmUntilSteady(NioSubscribers subs) throws Exception {
    int quietRounds = 0;
    int rounds = 0;
    while (rounds < WARM_ROUNDS_MAX && quietRounds < 2) {
      long compiler0 = compilerCpuNanos(tomcat.pid());
      long cpu0 = tomcat.cpuTime().toNanos();
      long t0 = System.nanoTime();
      for (int m = 0; m < WARM_ROUND_MOVES; m++) {
        subs.awaitAll(move(), 10_000_000_000L);
      }
      double compilerShare = (compilerCpuNanos(tomcat.pid()) - compiler0) / (double) (System.nanoTime() - t0);
      rounds++;
      quietRounds = compilerShare < WARM_COMPILER_SHARE ? quietRounds + 1 : 0;
      System.out.printf("warm-up round %d with %d subscribers: server CPU %.2f ms per move, JIT compilers %.0f %% of a core%n",
          rounds, subs.subs.size(), (tomcat.cpuTime().toNanos() - cpu0) / 1e6 / WARM_ROUND_MOVES, compilerShare * 100);
    }
    return rounds * WARM_ROUND_MOVES;
  }

  /**
   * Opens and drops rounds of {@code perRound} streams until the server's JIT compilers are done
   * with the connect path, as {@link #warmUntilSteady} does for moves: a fresh JVM compiles
   * Tomcat's, Jersey's and Charon's code for opening a stream over thousands of connects, and
   * until then a connect costs the server several times its steady CPU (ConnectProfileIT: 4.5 ms
   * per connect in the first round of 1,000, 0.6-0.9 ms from the tenth). A server that has run
   * for an evening has compiled it long since. Returns the connects made.
   */
  int warmConnects(int perRound) throws Exception {
    int quietRounds = 0;
    int rounds = 0;
    while (rounds < WARM_ROUNDS_MAX && quietRounds < 2) {
      long compiler0 = compilerCpuNanos(tomcat.pid());
      long t0 = System.nanoTime();
      try (NioSubscribers subs = new NioSubscribers()) {
        for (int i = 0; i < perRound; i++) {
          open(subs);
        }
      }
      long connecting = System.nanoTime() - t0;
      double compilerShare = (compilerCpuNanos(tomcat.pid()) - compiler0) / (double) connecting;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (streams() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("dropped streams still held after 60 s: " + streams());
        }
        Thread.sleep(50); // polling the server's count; there is no event to wait on
      }
      rounds++;
      quietRounds = compilerShare < WARM_COMPILER_SHARE ? quietRounds + 1 : 0;
      System.out.printf("connect warm-up round %d: %d connects in %.0f ms, JIT compilers %.0f %% of a core%n", rounds,
          perRound, connecting / 1e6, compilerShare * 100);
    }
    return rounds * perRound;
  }

  /** Open streams, as the server's health counts them. */
  int streams() {
    return gm.getJson("api/health/").get("sse").get("clients").asInt();
  }

  /** CPU time of the server's JIT compiler threads, from /proc (Linux; clock ticks of 10 ms). */
  static long compilerCpuNanos(long pid) throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String thread = Files.readString(task.resolve("comm"));
          if (!thread.startsWith("C2 CompilerThre") && !thread.startsWith("C1 CompilerThre")) {
            continue;
          }
          ticks += ProcCpu.ticks(task.resolve("stat"));
        } catch (java.nio.file.NoSuchFileException gone) {
          // a compiler thread that ended between listing and reading
        }
      }
    }
    return ticks * ProcCpu.NANOS_PER_TICK;
  }

  /** The location whose map has the most rooms: [slug, a room JSON, room count]. */
  private static String[] largestMap(Agent gm) {
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

  static Path itDir(String name) {
    return Path.of(ServerProcess.required("charon.it.dir"), name);
  }

  /** Where benchmark reports go: target/benchmarks/. */
  static Path reportFile(String name) {
    return Path.of(ServerProcess.required("charon.it.dir")).getParent().resolve("benchmarks").resolve(name);
  }

  @Override
  public void close() throws Exception {
    try {
      writer.close();
    } finally {
      tomcat.close();
    }
  }
}
