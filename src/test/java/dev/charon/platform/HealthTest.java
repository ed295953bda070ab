package dev.charon.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * /api/health/ tells anyone whether Charon is up, and only the GM what runs inside; asking it
 * (a monitor every few seconds) leaves the log alone.
 */
class HealthTest extends ApiTestBase {

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void anonymousCallerGetsTheStatusOnly() {
    Agent.Reply r = agent().get("api/health/");
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("status"), fieldNames(r.json()), r.body());
    assertEquals("UP", r.json().get("status").asText());
  }

  @Test
  void playerGetsTheStatusOnly() {
    Agent.Reply r = player("pia").get("api/health/");
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("status"), fieldNames(r.json()), r.body());
  }

  @Test
  void gmGetsTheDetails() {
    JsonNode h = gm().getJson("api/health/");
    assertEquals("UP", h.get("status").asText());
    assertTrue(h.get("version").isTextual(), h.toString());
    assertEquals("UP", h.get("database").get("status").asText());
    assertTrue(h.get("database").get("migrations").size() >= 2, h.toString());
    assertEquals(0, h.get("database").get("pending_migrations").asInt());
    assertTrue(h.get("database").get("tables").toString().contains("MESSAGE"), h.toString());
    assertTrue(h.get("sse").has("gm_clients"), h.toString());
  }

  @Test
  void healthCallsWriteNothingToTheLog() {
    Agent anonymous = agent();
    Agent gm = gm();
    anonymous.get("api/health/"); // first calls out of the way: class loading may log once
    gm.get("api/health/");
    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      for (int i = 0; i < 50; i++) {
        assertEquals(200, anonymous.get("api/health/").status());
        assertEquals(200, gm.get("api/health/").status());
      }
    } finally {
      root.removeHandler(capture);
    }
    List<String> lines = new ArrayList<>();
    synchronized (records) {
      records.forEach(r -> lines.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()));
    }
    assertEquals(0, lines.size(), "100 health calls logged " + lines.size() + " lines, e.g. "
        + lines.subList(0, Math.min(4, lines.size())));
  }
}
