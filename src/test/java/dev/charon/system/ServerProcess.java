package dev.charon.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real servlet container in its own JVM, running the built WAR: started, stopped gracefully,
 * or killed with SIGKILL, like a GM's machine would. Readiness is awaited by polling the
 * health endpoint (a condition, not a fixed sleep).
 */
public abstract class ServerProcess implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  protected final Path workDir;
  protected final String contextPath;
  protected final int port;
  protected final Map<String, String> charonProperties;
  private Process process;

  protected ServerProcess(Path workDir, String contextPath, Map<String, String> charonProperties) {
    this.workDir = workDir;
    this.contextPath = contextPath;
    this.port = freePort();
    this.charonProperties = charonProperties;
    // A fresh folder per server object: a WAR, an exploded app or a database left by an earlier
    // build must never be what a test runs. Restarts reuse the object, so they keep their data.
    deleteTree(workDir);
  }

  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot clear " + dir, e);
    }
  }

  public static Path war() {
    return Path.of(required("charon.war"));
  }

  public static String required(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
    }
    return v;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  protected abstract List<String> command() throws IOException;

  public abstract String name();

  /** The application's root URI, ending in a slash. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + port + contextPath + "/");
  }

  public URI uri(String relative) {
    return base().resolve(relative);
  }

  public Path consoleLog() {
    return workDir.resolve("console.log");
  }

  public ServerProcess start() throws Exception {
    Files.createDirectories(workDir);
    ProcessBuilder pb = new ProcessBuilder(command())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
    process = pb.start();
    killOnExit(process);
    awaitHealthy();
    return this;
  }

  /** Starts without waiting for health, for tests of refused start-ups; returns when the log has the text. */
  public String startAndAwaitLog(String text, Duration timeout) throws Exception {
    Files.createDirectories(workDir);
    process = new ProcessBuilder(command()).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile())).start();
    killOnExit(process);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      // Latin-1 never fails on a half-written UTF-8 character at the end of a growing log.
      for (String line : Files.readAllLines(consoleLog(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
        if (line.contains(text)) {
          return line;
        }
      }
      Thread.sleep(100); // polling a log file, not synchronising threads
    }
    throw new IllegalStateException("'" + text + "' never appeared; log:\n" + tail());
  }

  /** A server must never outlive the test JVM, whatever happened to the test. */
  private static void killOnExit(Process p) {
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
  }

  protected List<String> systemProperties() {
    List<String> args = new ArrayList<>();
    charonProperties.forEach((k, v) -> args.add("-D" + k + "=" + v));
    return args;
  }

  public void awaitHealthy() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name() + " exited with " + process.exitValue() + "; log:\n" + tail());
      }
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("api/health/"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // the port is not open yet
      }
      Thread.sleep(200); // polling interval of a readiness probe, not synchronisation
    }
    throw new IllegalStateException(name() + " did not become healthy in " + START_TIMEOUT + "; log:\n" + tail());
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(consoleLog());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** CPU time the server process has used so far (all its threads, user and system). */
  public java.time.Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElseThrow();
  }

  /** The server's process id (benchmarks read its threads' CPU times from /proc). */
  public long pid() {
    return process.pid();
  }

  /** A graceful stop (SIGTERM: the container runs its shutdown hooks). */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** SIGKILL: no shutdown hook, no flush — what a power cut or kill -9 does. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
