package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.Agent;
import dev.charon.testing.SseClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A GM who updates Charon redeploys the WAR into a Tomcat that keeps running. Each undeploy must
 * leave nothing behind: no thread the app started, no JDBC driver it registered, no ThreadLocal
 * it filled, and no reference that keeps its class loader (with every class and the campaign it
 * loaded) from being collected. Otherwise every redeploy leaks a class loader, and the H2 file of
 * a deployment that was never closed would lock out the next one.
 *
 * <p>The WAR is deployed at /charon {@link #DEPLOYMENTS} times in one Tomcat (the first at start,
 * the others through the manager app); each deployment has a player stream and a GM stream open
 * and a GM logged in (so the writer, heartbeat and housekeeping threads and the session cache
 * exist), and is undeployed with its streams still open, as a redeploy during a game would.
 * Tomcat's own leak detection must then find none: the warnings its class loader logs on stop,
 * and {@code findReloadedContextMemoryLeaks()} (the manager's {@code findleaks}), which runs a
 * full GC and names every stopped context whose class loader is still reachable.
 */
class RedeployIT {
  private static final int DEPLOYMENTS = 10;
  private static final String GM_PASSWORD = "redeploy gm password";
  private static final String MANAGER_USER = "charon-it";
  private static final String MANAGER_PASSWORD = "charon-it-manager";
  private static final Duration MANAGER_TIMEOUT = Duration.ofSeconds(60);
  private static final String NO_LEAKS = "OK - No memory leaks found";
  private static final int FINDLEAKS_TRIES = 10;
  /**
   * Between findleaks calls. A loader can be held for a moment after its undeploy returned (a
   * container thread still finishing an ended stream's request); a real leak stays held.
   */
  private static final long FINDLEAKS_PAUSE_MILLIS = 1_000;
  /** What Tomcat's WebappClassLoaderBase logs when a stopped application left something behind. */
  private static final List<String> LEAK_WARNINGS = List.of(
      "appears to have started a thread named",
      "appears to have started a TimerThread named",
      "but failed to unregister it when the web application was stopped",
      "but failed to remove it when the web application was stopped",
      "is still processing a request that has yet to finish");

  private static final String TOMCAT_BACKGROUND_PROCESS = "org.apache.catalina.core.StandardContext.backgroundProcess(";

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void tenRedeploysLeaveNoClassLoaderThreadOrDriverBehind() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "redeploy");
    Map<String, String> props = Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", GM_PASSWORD);
    TomcatServer server = new TomcatServer(work, "/charon", props);
    installManager(server.catalinaBase());
    // Outside appBase: the manager copies it in on deploy and deletes that copy on undeploy.
    Path war = Files.copy(ServerProcess.war(), work.resolve("charon.war"));
    String deploy = "deploy?path=/charon&war=" + URLEncoder.encode("file:" + war, StandardCharsets.UTF_8);
    try (server) {
      server.start(); // deployment 1: the WAR in webapps/
      for (int deployment = 1; deployment <= DEPLOYMENTS; deployment++) {
        String round = "deployment " + deployment + " of " + DEPLOYMENTS + ": ";
        long started = System.nanoTime();
        if (deployment > 1) {
          String deployed = manager(server, deploy);
          assertTrue(deployed.startsWith("OK - Deployed"), round + deployed + "\n" + server.tail());
        }
        long deployedAt = System.nanoTime();
        try (SseClient player = new SseClient(server.uri("api/active-view/stream/"))) {
          player.awaitOpen();
          Agent gm = new Agent(server.base()).loggedIn("gm", GM_PASSWORD);
          try (SseClient gmStream = new SseClient(server.uri("api/gm/active-view/stream/"),
              Map.of("Cookie", gm.cookieHeader()))) {
            gmStream.awaitOpen();
            long version = gm.postJson("api/gm/switch-view/",
                "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}").get("version").asLong();
            player.awaitVersion(version);
            gmStream.awaitVersion(version);
            long undeploying = System.nanoTime();
            String undeployed = manager(server, "undeploy?path=/charon");
            assertTrue(undeployed.startsWith("OK - Undeployed"), round + undeployed + "\n" + server.tail());
            System.out.printf("%sdeploy %d ms, streams and login %d ms, undeploy %d ms%n", round,
                (deployedAt - started) / 1_000_000, (undeploying - deployedAt) / 1_000_000,
                (System.nanoTime() - undeploying) / 1_000_000);
            // Undeploying ends the streams: screens reconnect to the next deployment.
            player.await("the player stream to end", SseClient::ended, Duration.ofSeconds(10));
            gmStream.await("the GM stream to end", SseClient::ended, Duration.ofSeconds(10));
          }
        }
      }

      String leaks = findLeaks(server);
      String log = Files.readString(server.consoleLog(), StandardCharsets.ISO_8859_1);
      List<String> warnings = leakWarnings(log.lines().toList());
      assertAll(
          () -> assertEquals(List.of(), warnings, "Tomcat's leak warnings on undeploy"),
          () -> assertEquals(NO_LEAKS, leaks, "findReloadedContextMemoryLeaks() after " + DEPLOYMENTS + " undeploys"));
    }
  }

  /**
   * The leak warnings in the log, less one that is Tomcat's own race: its background processor
   * thread binds a context's class loader and then waits for the context's lock, which the
   * undeploy holds (while it gives open streams {@code unloadDelay} to end), so the undeploy finds
   * that thread "started by the application". It is Tomcat's thread, blocked at the entry of the
   * synchronized StandardContext.backgroundProcess, and it lets go of the loader when it gets the
   * lock. Any other thread, Charon's or a library's, still counts.
   */
  private static List<String> leakWarnings(List<String> log) {
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      String line = log.get(i);
      boolean tomcatsBackgroundProcessor = line.contains("started a thread named [Catalina-utility-")
          && i + 1 < log.size() && log.get(i + 1).strip().startsWith(TOMCAT_BACKGROUND_PROCESS);
      if (LEAK_WARNINGS.stream().anyMatch(line::contains) && !tomcatsBackgroundProcessor) {
        warnings.add(line);
      }
    }
    return warnings;
  }

  /**
   * Tomcat's findleaks, asked up to {@link #FINDLEAKS_TRIES} times, {@link #FINDLEAKS_PAUSE_MILLIS} apart. Each call runs one full GC and
   * then lists the stopped deployments whose class loader is still reachable. EclipseLink's
   * EntityManagerFactory has a finalizer, so a deployment can need a second GC before it goes;
   * one held by a thread, a ThreadLocal or a JDK-wide cache stays held through all of them.
   */
  private static String findLeaks(ServerProcess server) throws Exception {
    String answer = "";
    int tries = 0;
    while (tries < FINDLEAKS_TRIES && !answer.equals(NO_LEAKS)) {
      if (tries > 0) {
        Thread.sleep(FINDLEAKS_PAUSE_MILLIS); // nothing to wait on: the container's GC decides
      }
      answer = manager(server, "findleaks?statusLine=true").strip();
      tries++;
    }
    System.out.println("findleaks, call " + tries + ": " + answer);
    return answer;
  }

  /**
   * The distribution's manager app, deployed from CATALINA_HOME by a context descriptor, with a
   * realm of its own (Charon's server.xml has none) holding one manager-script user.
   */
  private static void installManager(Path catalinaBase) throws Exception {
    Path home = Path.of(ServerProcess.required("charon.tomcat.home"));
    Path users = catalinaBase.resolve("conf/tomcat-users.xml");
    Files.writeString(users, """
        <?xml version="1.0" encoding="UTF-8"?>
        <tomcat-users>
          <user username="%s" password="%s" roles="manager-script"/>
        </tomcat-users>
        """.formatted(MANAGER_USER, MANAGER_PASSWORD));
    Path descriptors = Files.createDirectories(catalinaBase.resolve("conf/Catalina/localhost"));
    Files.writeString(descriptors.resolve("manager.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <Context docBase="%s" privileged="true" antiResourceLocking="false">
          <Realm className="org.apache.catalina.realm.MemoryRealm" pathname="%s"/>
        </Context>
        """.formatted(home.resolve("webapps/manager"), users));
  }

  /** One command of the manager's text interface; the answer's body. */
  private static String manager(ServerProcess server, String command) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.base().getPort() + "/manager/text/" + command);
    String credentials = Base64.getEncoder().encodeToString(
        (MANAGER_USER + ":" + MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(MANAGER_TIMEOUT)
        .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), command + ": " + r.body());
    return r.body();
  }
}
