package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unusable settings stop Charon's start-up with one log line that names the setting, on a real Tomcat. */
class BadConfigurationIT {

  private void assertRefused(String name, Map<String, String> props, String expected) throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bad-config-" + name);
    try (TomcatServer tomcat = new TomcatServer(work, "", props)) {
      String line = tomcat.startAndAwaitLog("CHARON DID NOT START", Duration.ofSeconds(60));
      assertTrue(line.contains(expected), line);
      long stackLines = Files.readAllLines(tomcat.consoleLog()).stream()
          .filter(l -> l.contains("CHARON DID NOT START")).count();
      assertEquals(1, stackLines, "said once");
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(tomcat.uri("api/health/")).build(), HttpResponse.BodyHandlers.ofString());
      assertFalse(health.statusCode() == 200, "a refused start-up serves no API");
    }
  }

  @Test
  void dataDirectoryWithoutParent() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"));
    assertRefused("data", Map.of("charon.data.dir", work.resolve("no/such/parent/data").toString()),
        "charon.data.dir = ");
  }

  @Test
  void campaignDirectoryThatDoesNotExist() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bad-config-campaign");
    assertRefused("campaign", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.campaign.dir", work.resolve("missing-campaign").toString()), "charon.campaign.dir = ");
  }

  @Test
  void publicUrlThatIsNotAnAbsoluteHttpUrl() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "bad-config-public-url");
    assertRefused("public-url", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.public.url", "games.example.org/charon/"), "charon.public.url = 'games.example.org/charon/' ");
  }
}
