package dev.charon.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broadcast, the players' poll (who sees what, paging by id), read marks, export and import. */
class MessagesApiTest extends ApiTestBase {

  private long send(String json) {
    Agent.Reply r = gm().post("api/gm/broadcast/", json);
    assertEquals(200, r.status(), r.body());
    assertTrue(r.json().get("success").asBoolean());
    return r.json().get("message_id").asLong();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("messages").forEach(m -> out.add(m.get("id").asLong()));
    return out;
  }

  @Test
  void broadcastWithDefaultsIsSeenByEveryoneWithAllFields() {
    long id = send("{\"content\":\"  Docking clamps released.\\nBrace.  \"}");
    JsonNode page = agent().get("api/messages/").json();
    assertEquals(1, page.get("count").asInt());
    assertFalse(page.get("has_more").asBoolean());
    JsonNode m = page.get("messages").get(0);
    assertEquals(id, m.get("id").asLong());
    assertEquals("CHARON", m.get("sender").asText());
    assertEquals("NORMAL", m.get("priority").asText());
    assertEquals("  Docking clamps released.\nBrace.  ", m.get("content").asText(), "stored exactly as given");
    assertFalse(m.get("read").asBoolean());
    Instant created = Instant.parse(m.get("created_at").asText()); // ISO-8601 UTC
    assertTrue(m.get("created_at").asText().endsWith("Z"));
    assertTrue(Math.abs(created.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
  }

  @Test
  void targetedMessagesReachOnlyTheirRecipientsAndBroadcastsReachAll() {
    Agent pia = player("pia");
    Agent max = player("max");
    long toPia = send("{\"content\":\"for pia\",\"recipients\":[\"pia\"],\"priority\":\"HIGH\",\"sender\":\"Station\"}");
    long toBoth = send("{\"content\":\"for both\",\"recipients\":[\"Pia\",\"max\"]}");
    long everyone = send("{\"content\":\"for all\",\"priority\":\"CRITICAL\"}");
    assertEquals(List.of(everyone, toBoth, toPia), ids(pia.get("api/messages/").json()));
    assertEquals(List.of(everyone, toBoth), ids(max.get("api/messages/").json()));
    assertEquals(List.of(everyone), ids(agent().get("api/messages/").json()), "the terminal: broadcasts only");
    JsonNode first = pia.get("api/messages/").json().get("messages").get(2);
    assertEquals("Station", first.get("sender").asText());
    assertEquals("HIGH", first.get("priority").asText());
  }

  @Test
  void withoutSinceTheNewestFiftyNewestFirst() {
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      sent.add(send("{\"content\":\"m" + i + "\"}"));
    }
    JsonNode page = agent().get("api/messages/").json();
    assertEquals(Messages.PAGE_SIZE, page.get("count").asInt());
    assertTrue(page.get("has_more").asBoolean());
    List<Long> expected = new ArrayList<>(sent.subList(10, 60));
    java.util.Collections.reverse(expected);
    assertEquals(expected, ids(page));
  }

  /** Defect 6.12: a burst of more than 50 between two polls must not lose the middle. */
  @Test
  void aPollerThatFellBehindCatchesUpWithoutLosingAMessage() {
    Agent pia = player("pia");
    long seen = send("{\"content\":\"before\"}");
    assertEquals(List.of(seen), ids(pia.get("api/messages/").json()));
    List<Long> burst = new ArrayList<>();
    for (int i = 0; i < 123; i++) {
      burst.add(send(i % 3 == 0 ? "{\"content\":\"b" + i + "\",\"recipients\":[\"pia\"]}" : "{\"content\":\"b" + i + "\"}"));
    }
    List<Long> received = new ArrayList<>();
    long since = seen;
    int polls = 0;
    boolean more = true;
    while (more) {
      JsonNode page = pia.get("api/messages/?since=" + since).json();
      List<Long> got = ids(page);
      List<Long> sorted = new ArrayList<>(got);
      sorted.sort(java.util.Comparator.reverseOrder());
      assertEquals(sorted, got, "each page newest first");
      received.addAll(got);
      since = got.isEmpty() ? since : got.get(0); // the highest id seen, as the SPA does
      more = page.get("has_more").asBoolean();
      polls++;
    }
    received.sort(null);
    assertEquals(burst, received);
    assertEquals(3, polls);
    assertEquals(0, pia.get("api/messages/?since=" + since).json().get("count").asInt());
  }

  @Test
  void readMarksArePerReaderAndOnlyForTheirOwnMessages() {
    Agent pia = player("pia");
    Agent max = player("max");
    long all = send("{\"content\":\"all\"}");
    long toMax = send("{\"content\":\"max only\",\"recipients\":[\"max\"]}");
    Agent.Reply r = pia.post("api/messages/read/", "{\"ids\":[" + all + "," + toMax + ",999999]}");
    assertEquals(200, r.status(), r.body());
    assertEquals(1, r.json().get("marked").asInt(), "not max's message, not an unknown id");
    assertTrue(pia.get("api/messages/").json().get("messages").get(0).get("read").asBoolean());
    for (JsonNode m : max.get("api/messages/").json().get("messages")) {
      assertFalse(m.get("read").asBoolean(), "pia's read mark is pia's");
    }
    assertEquals(0, pia.post("api/messages/read/", "{\"ids\":[" + all + "]}").json().get("marked").asInt(), "idempotent");
    assertFalse(agent().get("api/messages/").json().get("messages").get(0).get("read").asBoolean());
  }

  static Stream<Arguments> badBroadcasts() {
    return Stream.of(
        Arguments.of("{}", "content"),
        Arguments.of("{\"content\":\"\"}", "content"),
        Arguments.of("{\"content\":\"   \\n\\t \"}", "content"),
        Arguments.of("{\"content\":\"" + "x".repeat(Messages.MAX_CONTENT_CHARS + 1) + "\"}", "content"),
        Arguments.of("{\"content\":42}", "content"),
        Arguments.of("{\"content\":\"hi\\u0000\"}", "content"),
        Arguments.of("{\"content\":\"hi\",\"priority\":\"URGENT\"}", "priority"),
        Arguments.of("{\"content\":\"hi\",\"priority\":\"high\"}", "priority"),
        Arguments.of("{\"content\":\"hi\",\"priority\":3}", "priority"),
        Arguments.of("{\"content\":\"hi\",\"recipients\":[\"ghost\"]}", "recipients"),
        Arguments.of("{\"content\":\"hi\",\"recipients\":\"pia\"}", "recipients"),
        Arguments.of("{\"content\":\"hi\",\"recipients\":[1]}", "recipients"),
        Arguments.of("{\"content\":\"hi\",\"sender\":\"" + "s".repeat(Messages.MAX_SENDER_CHARS + 1) + "\"}", "sender"),
        Arguments.of("[\"content\"]", null),
        Arguments.of("{\"content\":", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBroadcasts")
  void badBroadcastIs400WithTheFieldAndStoresNothing(String json, String field) {
    player("pia");
    Agent.Reply r = gm().post("api/gm/broadcast/", json);
    assertEquals(400, r.status(), r.body());
    assertEquals(field, r.json().has("field") ? r.json().get("field").asText() : null);
    assertEquals(0, charon.messages().count());
  }

  @Test
  void contentOfExactlyTheLimitIsAccepted() {
    send("{\"content\":\"" + "x".repeat(Messages.MAX_CONTENT_CHARS) + "\",\"sender\":\""
        + "s".repeat(Messages.MAX_SENDER_CHARS) + "\"}");
    assertEquals(1, charon.messages().count());
  }

  @ParameterizedTest
  @MethodSource("badSince")
  void badSinceIs400WithTheField(String since) {
    Agent.Reply r = agent().get("api/messages/?since=" + since);
    assertEquals(400, r.status(), r.body());
    assertEquals("since", r.json().get("field").asText());
  }

  static Stream<String> badSince() {
    return Stream.of("-1", "abc", "", "1.5", "0x10", "99999999999999999999", "%201");
  }

  @Test
  void markupIsStoredAsGivenNotInterpreted() {
    String content = "<script>alert(1)</script> & \\\"quotes\\\"";
    send("{\"content\":\"" + content + "\"}");
    assertEquals("<script>alert(1)</script> & \"quotes\"",
        agent().get("api/messages/").json().get("messages").get(0).get("content").asText());
  }

  @Test
  void exportThenImportRoundTripsAndImportingTwiceChangesNothing() {
    Agent pia = player("pia");
    long a = send("{\"content\":\"first\",\"recipients\":[\"pia\"],\"priority\":\"LOW\"}");
    send("{\"content\":\"second\"}");
    pia.post("api/messages/read/", "{\"ids\":[" + a + "]}");
    Agent.Reply export = gm().get("api/gm/messages/export/");
    assertEquals(200, export.status());
    JsonNode file = export.json();
    assertEquals(2, file.get("messages").size());
    assertEquals("pia", file.get("messages").get(0).get("recipients").get(0).asText());
    assertEquals("pia", file.get("messages").get(0).get("read_by").get(0).get("username").asText());

    Agent.Reply again = gm().post("api/gm/messages/import/", export.body());
    assertEquals(200, again.status(), again.body());
    assertEquals(0, again.json().get("imported").asInt());
    assertEquals(2, again.json().get("skipped").asInt());

    // Into an empty installation (simulated: delete everything, then import the file).
    dev.charon.platform.Tx.in(charon.database().emf(), em -> em.createNativeQuery("DELETE FROM message").executeUpdate());
    Agent.Reply restored = gm().post("api/gm/messages/import/", export.body());
    assertEquals(2, restored.json().get("imported").asInt(), restored.body());
    JsonNode page = pia.get("api/messages/").json();
    assertEquals(List.of("second", "first"), page.get("messages").findValuesAsText("content"));
    assertTrue(page.get("messages").get(1).get("read").asBoolean(), "read marks come along");
    assertEquals("LOW", page.get("messages").get(1).get("priority").asText());
  }

  static Stream<Arguments> badImports() {
    String ok = "\"key\":\"0b0e9f55-7e69-4f7e-9d53-3c1f1c8c0a11\",\"content\":\"x\",\"created_at\":\"2183-07-01T08:00:00Z\"";
    return Stream.of(
        Arguments.of("{}", "messages"),
        Arguments.of("{\"messages\":{}}", "messages"),
        Arguments.of("{\"format\":\"other\",\"messages\":[]}", "format"),
        Arguments.of("{\"messages\":[{" + ok + "},{\"content\":\"no key\",\"created_at\":\"2183-07-01T08:00:00Z\"}]}",
            "messages[1].key"),
        Arguments.of("{\"messages\":[{" + ok + ",\"priority\":\"MEH\"}]}", "messages[0].priority"),
        Arguments.of("{\"messages\":[{" + ok.replace("\"x\"", "\"  \"") + "}]}", "messages[0].content"),
        Arguments.of("{\"messages\":[{" + ok.replace("2183-07-01T08:00:00Z", "yesterday") + "}]}", "messages[0].created_at"),
        Arguments.of("{\"messages\":[{" + ok + ",\"recipients\":[\"Bad Name\"]}]}", "messages[0].recipients"),
        Arguments.of("{\"messages\":[{" + ok + "},{" + ok + "}]}", "messages[1].key"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badImports")
  void badImportIs400WithTheFieldAndStoresNothing(String json, String field) {
    Agent.Reply r = gm().post("api/gm/messages/import/", json);
    assertEquals(400, r.status(), r.body());
    assertEquals(field, r.json().get("field").asText());
    assertEquals(0, charon.messages().count());
  }
}
