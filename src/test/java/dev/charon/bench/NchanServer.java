package dev.charon.bench;

import dev.charon.system.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the nchan module (Debian: {@code apt-get install -y nginx-light libnginx-mod-nchan}),
 * started unprivileged from {@code tools/nchan/nginx.conf} on a free loopback port, every file it
 * writes under its own prefix folder: the reference the fan-out comparison measures Charon beside.
 */
final class NchanServer implements AutoCloseable {
  static final Path NGINX = Path.of(System.getProperty("charon.nginx", "/usr/sbin/nginx"));
  static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so");
  /** The line of tools/nchan/nginx.conf that the benchmark changes to a free port. */
  private static final String LISTEN = "listen 127.0.0.1:18080;";
  private static final String WORKERS = "worker_processes auto;";
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Path prefix;
  private final int port;
  private Process process;

  /** True when nginx and the nchan module are installed. */
  static boolean available() {
    return Files.isExecutable(NGINX) && Files.isReadable(MODULE);
  }

  /**
   * @param prefix a folder for nginx's pid, log and temp files (emptied first)
   * @param workers nginx worker processes, or "auto" (one per core, the config's own setting)
   */
  NchanServer(Path prefix, String workers) throws IOException {
    this.prefix = prefix;
    this.port = freePort();
    if (Files.exists(prefix)) {
      try (var walk = Files.walk(prefix)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(prefix.resolve("tmp"));
    String conf = Files.readString(config());
    if (!conf.contains(LISTEN) || !conf.contains(WORKERS)) {
      throw new IllegalStateException(config() + " must contain '" + LISTEN + "' and '" + WORKERS + "'");
    }
    Files.writeString(prefix.resolve("nginx.conf"), conf.replace(LISTEN, "listen 127.0.0.1:" + port + ";")
        .replace(WORKERS, "worker_processes " + workers + ";"));
  }

  /** tools/nchan/nginx.conf of this checkout. */
  static Path config() {
    return Path.of(ServerProcess.required("charon.tomcat.conf")).getParent().resolve("tools/nchan/nginx.conf");
  }

  NchanServer start() throws Exception {
    process = new ProcessBuilder(NGINX.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString())
        .directory(prefix.toFile()).redirectErrorStream(true)
        .redirectOutput(prefix.resolve("console.log").toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
            + Files.readString(prefix.resolve("console.log")) + Files.readString(prefix.resolve("error.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        if (workers().size() > 0) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
      }
      Thread.sleep(50); // polling a starting process, not synchronising threads
    }
  }

  int port() {
    return port;
  }

  /** The worker processes (the master forks them). */
  List<Long> workers() {
    List<Long> pids = new ArrayList<>();
    process.toHandle().children().forEach(c -> pids.add(c.pid()));
    return pids;
  }

  /** One client for the polls: each new one starts a selector thread that outlives the call. */
  private final java.net.http.HttpClient infoClient = java.net.http.HttpClient.newHttpClient();

  /** Subscribers of the channel now, from nchan's channel info (a GET on the publisher location). */
  int subscribers() throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> r = infoClient.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/pub"))
            .header("Accept", "text/json").GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"subscribers\"\\s*:\\s*(\\d+)").matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no subscriber count in nchan's channel info: " + r.statusCode() + " " + r.body());
    }
    return Integer.parseInt(m.group(1));
  }

  /** CPU time of the master and its workers so far. */
  long cpuNanos() throws IOException {
    return ProcCpu.treeNanos(process.pid());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
