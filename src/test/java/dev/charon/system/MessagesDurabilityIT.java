package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.SseClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The WAR on a real Tomcat 11: a GM logs in with the configured first-run password, sends
 * messages, and Tomcat is killed with SIGKILL right after the last 2xx. A new Tomcat on the same
 * data directory must still have every acknowledged message, the accounts and the player's
 * session (phones stay logged in), and the schema has no ActiveView table. Security is checked
 * on the real container too (servlet filter chain, cookies at a context path, the GM stream).
 */
class MessagesDurabilityIT {
  private static final String GM_PASSWORD = "durable gm password";

  @Test
  void acknowledgedMessagesSurviveKillMinusNine() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "durability");
    Path data = work.resolve("data");
    if (Files.exists(data)) {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Map<String, String> props = Map.of("charon.data.dir", data.toString(), "charon.gm.password", GM_PASSWORD);
    List<Long> acknowledged = new ArrayList<>();
    String playerSession;
    TomcatServer first = new TomcatServer(work.resolve("first"), "/charon", props);
    try (first) {
      first.start();
      Agent anonymous = new Agent(first.base());
      assertEquals(401, anonymous.get("api/gm/players/").status(), "no session: 401 on the real container");
      Agent gm = new Agent(first.base()).loggedIn("gm", GM_PASSWORD);
      assertTrue(gm.cookies.containsKey("CHARON_SESSION"), "cookie scoped to /charon/ came back");
      assertEquals(201, gm.post("api/gm/players/", "{\"username\":\"pia\",\"password\":\"pia password\"}").status());
      Agent pia = new Agent(first.base()).loggedIn("pia", "pia password");
      playerSession = pia.cookies.get("CHARON_SESSION");
      assertEquals(403, pia.post("api/gm/broadcast/", "{\"content\":\"forged\"}").status());
      assertEquals(403, gm.send("POST", "api/gm/broadcast/", "{\"content\":\"csrf\"}",
          Map.of("Origin", "http://evil.example")).status());

      try (SseClient stream = new SseClient(first.uri("api/gm/active-view/stream/"), Map.of("Cookie", gm.cookieHeader()))) {
        stream.awaitOpen(); // the GM stream through the servlet filters (async-supported)
      }
      for (int i = 0; i < 40; i++) {
        String json = i % 4 == 0
            ? "{\"content\":\"to pia " + i + "\",\"recipients\":[\"pia\"]}"
            : "{\"content\":\"all " + i + "\",\"priority\":\"HIGH\"}";
        Agent.Reply r = gm.post("api/gm/broadcast/", json);
        assertEquals(200, r.status(), r.body());
        acknowledged.add(r.json().get("message_id").asLong());
      }
      first.kill(); // at once after the last 2xx: no shutdown hook, no flush
    }

    TomcatServer second = new TomcatServer(work.resolve("second"), "/charon", props);
    try (second) {
      second.start();
      Agent pia = new Agent(second.base());
      pia.cookies.put("CHARON_SESSION", playerSession);
      assertEquals("pia", pia.get("api/auth/me/").json().get("username").asText(), "the phone is still logged in");
      TreeSet<Long> found = new TreeSet<>();
      long since = 0;
      boolean more = true;
      while (more) {
        JsonNode page = pia.get("api/messages/?since=" + since).json();
        page.get("messages").forEach(m -> found.add(m.get("id").asLong()));
        since = found.isEmpty() ? 0 : found.last();
        more = page.get("has_more").asBoolean();
      }
      assertEquals(new TreeSet<>(acknowledged), found);

      JsonNode health = new Agent(second.base()).loggedIn("gm", GM_PASSWORD).getJson("api/health/"); // details: GM only
      List<String> migrations = health.get("database").get("migrations").findValuesAsText("description");
      assertTrue(migrations.size() >= 2, health.toString());
      assertEquals(0, health.get("database").get("pending_migrations").asInt());
      second.stop();
    }

    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("charon"), "sa", "");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
      assertTrue(tables.contains("message"), tables.toString());
      assertFalse(tables.stream().anyMatch(t -> t.replace("_", "").contains("activeview")), "no ActiveView table: " + tables);
    }
  }

}
