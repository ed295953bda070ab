package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CHARON on a real Tomcat 11: queries from the shared terminal, GM lines and an approved draft,
 * then SIGKILL right after the last 2xx. A new Tomcat on the same data directory has every
 * acknowledged line in the same order (the original's file cache kept 8 of 30 concurrent
 * queries and forgot everything after 4 hours).
 */
class CharonDurabilityIT {
  private static final String GM_PASSWORD = "durable charon password";

  @Test
  void acknowledgedCharonLinesSurviveKillMinusNineInTheirOrder() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "charon-durability");
    Path data = work.resolve("data");
    ServerProcess.deleteTree(data);
    Map<String, String> props = Map.of("charon.data.dir", data.toString(), "charon.gm.password", GM_PASSWORD);
    List<String> acknowledged = new ArrayList<>();
    TomcatServer first = new TomcatServer(work.resolve("first"), "/charon", props);
    try (first) {
      first.start();
      Agent gm = new Agent(first.base()).loggedIn("gm", GM_PASSWORD);
      assertEquals(200, gm.post("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}").status());
      assertEquals(200, gm.post("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}").status());
      Agent terminal = new Agent(first.base());
      terminal.get("api/active-view/");
      for (int i = 0; i < 30; i++) {
        if (i % 3 == 0) {
          Agent.Reply q = terminal.post("api/charon/story/submit/", "{\"query\":\"query " + i + "\"}");
          assertEquals(202, q.status(), q.body());
          acknowledged.add(q.json().get("query_id").asText());
        } else {
          Agent.Reply r = gm.post("api/gm/charon/story/send/", "{\"content\":\"LINE " + i + "\"}");
          assertEquals(200, r.status(), r.body());
          acknowledged.add(r.json().get("message_id").asText());
        }
      }
      JsonNode drafts = gm.getJson("api/gm/charon/story/pending/").get("pending");
      assertEquals(10, drafts.size(), "a fallback draft per query");
      Agent.Reply approved = gm.post("api/gm/charon/story/approve/",
          "{\"pending_id\":\"" + drafts.get(0).get("pending_id").asText() + "\",\"modified_content\":\"EDITED.\"}");
      assertEquals(200, approved.status(), approved.body());
      acknowledged.add(approved.json().get("message_id").asText());
      first.kill(); // at once after the last 2xx: no shutdown hook, no flush
    }

    TomcatServer second = new TomcatServer(work.resolve("second"), "/charon", props);
    try (second) {
      second.start();
      Agent gm = new Agent(second.base()).loggedIn("gm", GM_PASSWORD);
      JsonNode conversation = gm.getJson("api/gm/charon/story/conversation/");
      List<String> found = new ArrayList<>();
      conversation.get("messages").forEach(m -> found.add(m.get("message_id").asText()));
      assertEquals(acknowledged, found, "every acknowledged line, in the order acknowledged");
      assertEquals("answered", conversation.get("messages").get(0).get("status").asText());
      assertEquals(9, conversation.get("drafts").size(), "the drafts not yet decided are still pending");
      second.stop();
    }
  }
}
