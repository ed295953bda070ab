package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every CHARON route over real HTTP and SSE, with the campaign's fallback replies as the model. */
class ComputerApiTest extends ApiTestBase {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private Agent terminal;

  @BeforeEach
  void shared() {
    terminal = agent();
    terminal.get("api/active-view/"); // picks up the CSRF cookie, as the terminal's page does
  }

  private void charonTerminal(String mode) {
    postOk("api/gm/switch-view/", "{\"view_type\":\"CHARON_TERMINAL\"}");
    postOk("api/gm/charon/mode/", "{\"mode\":\"" + mode + "\"}");
  }

  private Agent.Reply submit(String channel, String query) {
    return terminal.post("api/charon/" + channel + "/submit/", "{\"query\":" + json(query) + "}");
  }

  private static String json(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode gmConversation(String channel) {
    Agent.Reply r = gm().get("api/gm/charon/" + channel + "/conversation/");
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private SseClient playerStream() {
    SseClient c = new SseClient(uri("api/active-view/stream"));
    c.awaitOpen();
    return c;
  }

  @Test
  void aQueryInQueryModeIsStoredAnsweredWith202AndPushedToBothStreamsWithTheDraftOnlyToTheGm() {
    charonTerminal("QUERY");
    try (SseClient player = playerStream(); SseClient gmStream = stream("api/gm/active-view/stream")) {
      Agent.Reply r = submit("story", "where is engineering?");
      assertEquals(202, r.status(), r.toString());
      String queryId = r.json().path("query_id").asText();

      gmStream.await("the draft", c -> CharonFrames.events(c).stream()
          .anyMatch(e -> e.path("type").asText().equals("draft")), PATIENCE);
      player.await("the query", c -> CharonFrames.contents(c, "story").contains("where is engineering?"), PATIENCE);
      JsonNode q = CharonFrames.messages(player, "story").get(0);
      assertEquals("user", q.path("role").asText());
      assertEquals("waiting", q.path("status").asText());
      assertTrue(q.path("timestamp").asText().endsWith("Z"), "UTC with its offset: " + q);

      JsonNode conv = gmConversation("story");
      assertEquals(1, conv.path("drafts").size());
      JsonNode draft = conv.path("drafts").get(0);
      assertEquals(queryId, draft.path("query_id").asText());
      assertEquals("fallback", draft.path("source").asText());
      assertEquals("ready", draft.path("state").asText());
      assertFalse(CharonFrames.raw(player).contains("pending_id"), "no draft on the player stream");
      assertFalse(CharonFrames.raw(player).contains(draft.path("response").asText()), "no draft text for players");
    }
  }

  @Test
  void approvingAnEditedDraftShowsTheEditToPlayersAndAnswersTheQuery() {
    charonTerminal("QUERY");
    try (SseClient player = playerStream()) {
      String queryId = submit("story", "status of deck 3?").json().path("query_id").asText();
      String pendingId = gmConversation("story").path("drafts").get(0).path("pending_id").asText();

      Agent.Reply approved = gm().post("api/gm/charon/story/approve/",
          "{\"pending_id\":\"" + pendingId + "\",\"modified_content\":\"DECK 3. SEALED.\"}");
      assertEquals(200, approved.status(), approved.toString());

      player.await("the edited reply and the answered query", c -> CharonFrames.contents(c, "story")
          .contains("DECK 3. SEALED.") && CharonFrames.messages(c, "story").get(0).path("status").asText()
          .equals("answered"), PATIENCE);
      List<JsonNode> lines = CharonFrames.messages(player, "story");
      assertEquals(List.of("status of deck 3?", "DECK 3. SEALED."), CharonFrames.contents(player, "story"));
      assertEquals("answered", lines.get(0).path("status").asText());
      assertEquals(queryId, lines.get(1).path("reply_to").asText());
      assertEquals("charon", lines.get(1).path("role").asText());
      assertEquals(0, gmConversation("story").path("drafts").size());

      Agent.Reply again = gm().post("api/gm/charon/story/approve/", "{\"pending_id\":\"" + pendingId + "\"}");
      assertEquals(404, again.status(), "an already decided draft is gone: " + again);
    }
  }

  @Test
  void rejectingTheOnlyDraftEndsTheWaitAsUnansweredAndShowsPlayersNothingElse() {
    charonTerminal("QUERY");
    try (SseClient player = playerStream()) {
      submit("story", "open the airlock");
      String pendingId = gmConversation("story").path("drafts").get(0).path("pending_id").asText();
      Agent.Reply r = gm().post("api/gm/charon/story/reject/", "{\"pending_id\":\"" + pendingId + "\"}");
      assertEquals(200, r.status(), r.toString());
      player.await("the query's end", c -> CharonFrames.messages(c, "story").stream()
          .anyMatch(m -> m.path("status").asText().equals("unanswered")), PATIENCE);
      assertEquals(List.of("open the airlock"), CharonFrames.contents(player, "story"));
      assertEquals(404, gm().post("api/gm/charon/story/reject/", "{\"pending_id\":\"" + pendingId + "\"}").status());
    }
  }

  @Test
  void displayModeAndChannelsNotOnScreenRefuseQueriesAndStoreNothing() {
    charonTerminal("DISPLAY");
    Agent.Reply display = submit("story", "hello?");
    assertEquals(409, display.status(), display.toString());
    assertEquals("mode", display.json().path("field").asText());

    postOk("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
    Agent.Reply other = submit("bridge", "hello?");
    assertEquals(409, other.status(), other.toString());
    assertEquals("channel", other.json().path("field").asText());
    assertEquals(0, gmConversation("story").path("messages").size());
    assertEquals(0, gmConversation("bridge").path("messages").size());
  }

  @Test
  void badInputGetsClearJsonErrorsAndChangesNothing() {
    charonTerminal("QUERY");
    Map<String, Integer> cases = Map.of(
        "{\"query\":\"\"}", 400,
        "{\"query\":\"   \"}", 400,
        "{\"query\":123}", 400,
        "{\"query\":\"" + "x".repeat(Computer.MAX_QUERY_CHARS + 1) + "\"}", 400,
        "{}", 400,
        "not json", 400);
    cases.forEach((body, status) -> {
      Agent.Reply r = terminal.post("api/charon/story/submit/", body);
      assertEquals(status, r.status(), body + " -> " + r);
      assertTrue(r.json().has("error"), r.toString());
    });
    assertEquals(404, terminal.post("api/charon/encounter-nowhere/submit/", "{\"query\":\"hi\"}").status());
    assertEquals(400, terminal.post("api/charon/Not_A_Slug/submit/", "{\"query\":\"hi\"}").status());
    assertEquals(404, gm().get("api/gm/charon/ops/conversation/").status(), "unknown channel");
    assertEquals(400, gm().get("api/gm/charon/" + "a".repeat(65) + "/conversation/").status());
    assertEquals(400, gm().post("api/gm/charon/story/send/", "{\"content\":\"  \"}").status());
    assertEquals(400, gm().post("api/gm/charon/story/send/", "{\"content\":[1]}").status());
    assertEquals(400, gm().post("api/gm/charon/story/send/",
        "{\"content\":\"" + "y".repeat(Computer.MAX_CONTENT_CHARS + 1) + "\"}").status());
    assertEquals(404, gm().post("api/gm/charon/story/send/", "{\"content\":\"x\",\"reply_to\":\"nope\"}").status());
    assertEquals(400, gm().post("api/gm/charon/story/approve/", "{}").status());
    assertEquals(404, gm().post("api/gm/charon/story/approve/", "{\"pending_id\":\"nope\"}").status());
    assertEquals(404, gm().post("api/gm/charon/story/regenerate/", "{\"pending_id\":\"nope\"}").status());
    assertEquals(400, gm().post("api/gm/charon/story/generate/", "{\"prompt\":\"\"}").status());
    assertEquals(404, gm().post("api/gm/charon/story/generate/", "{\"prompt\":\"x\",\"query_id\":\"nope\"}").status());
    assertEquals(400, gm().post("api/gm/charon/channels/", "{\"channel\":\"<script>\"}").status());
    assertEquals(409, gm().post("api/gm/charon/channels/", "{\"channel\":\"story\"}").status());
    assertEquals(404, gm().post("api/gm/charon/active-channel/", "{\"channel\":\"ops\"}").status());
    assertEquals(0, gmConversation("story").path("messages").size());
    assertEquals(0, gmConversation("story").path("drafts").size());
  }

  @Test
  void anonymousCallersCannotUseGmRoutesNorReadAChannelThatIsNotOnScreen() {
    charonTerminal("QUERY");
    Agent stranger = agent();
    stranger.get("api/active-view/");
    int gmRoute = stranger.post("api/gm/charon/story/send/", "{\"content\":\"x\"}").status();
    assertTrue(gmRoute == 401 || gmRoute == 403, "GM route without a GM session: " + gmRoute);
    assertEquals(200, stranger.get("api/charon/story/conversation/").status());
    assertEquals(409, stranger.get("api/charon/bridge/conversation/").status());
    Agent.Reply noCsrf = stranger.send("POST", "api/charon/story/submit/", "{\"query\":\"hi\"}",
        Map.of("X-CSRFToken", ""));
    assertEquals(403, noCsrf.status(), noCsrf.toString());
    assertEquals(0, gmConversation("story").path("messages").size());
  }

  @Test
  void theTerminalMaySubmitTenQueriesAMinuteThenGets429WithRetryAfter() {
    charonTerminal("QUERY");
    for (int i = 0; i < Computer.QUERIES_PER_MINUTE; i++) {
      assertEquals(202, submit("story", "q" + i).status());
    }
    Agent.Reply refused = submit("story", "one too many");
    assertEquals(429, refused.status(), refused.toString());
    assertNotNull(refused.header("Retry-After"));
    assertEquals(Computer.QUERIES_PER_MINUTE, gmConversation("story").path("messages").size());
  }

  @Test
  void gmLinesAnswerTheQueryTheyReplyToAndHostileStringsAreStoredExactly() {
    charonTerminal("QUERY");
    try (SseClient player = playerStream()) {
      String hostile = "<img src=x onerror=alert(1)> \"quoted\" \\ \u202e";
      String queryId = submit("story", hostile).json().path("query_id").asText();
      Agent.Reply sent = gm().post("api/gm/charon/story/send/",
          "{\"content\":" + json("  NO.\n  " + hostile) + ",\"reply_to\":\"" + queryId + "\"}");
      assertEquals(200, sent.status(), sent.toString());
      player.await("the reply", c -> CharonFrames.messages(c, "story").size() == 2
          && CharonFrames.messages(c, "story").get(0).path("status").asText().equals("answered"), PATIENCE);
      assertEquals(List.of(hostile, "  NO.\n  " + hostile), CharonFrames.contents(player, "story"));
    }
  }

  @Test
  void generateMakesADraftAndRegenerateReplacesItsText() {
    postOk("api/gm/switch-view/", "{\"view_type\":\"BRIDGE\"}");
    Agent.Reply g = gm().post("api/gm/charon/bridge/generate/",
        "{\"prompt\":\"warn of a proximity alert\",\"context_override\":\"a hull breach on deck 2\"}");
    assertEquals(202, g.status(), g.toString());
    String id = g.json().path("pending_id").asText();
    JsonNode d = gmConversation("bridge").path("drafts").get(0);
    assertEquals(id, d.path("pending_id").asText());
    assertEquals("warn of a proximity alert", d.path("gm_prompt").asText());
    assertEquals("a hull breach on deck 2", d.path("context_override").asText());
    assertEquals(202, gm().post("api/gm/charon/bridge/regenerate/", "{\"pending_id\":\"" + id + "\"}").status());
    assertEquals(1, gmConversation("bridge").path("drafts").size());
  }

  @Test
  void clearEmptiesTheChannelOnEveryScreenAndExportDownloadsIt() {
    charonTerminal("QUERY");
    try (SseClient player = playerStream()) {
      submit("story", "who is aboard?");
      postOk("api/gm/charon/story/send/", "{\"content\":\"FOUR CREW.\"}");
      Agent.Reply export = gm().get("api/gm/charon/story/export/");
      assertEquals(200, export.status());
      assertTrue(export.header("Content-Disposition").startsWith("attachment; filename=\"charon-story-"));
      assertEquals(2, export.json().path("messages").size());

      player.await("two lines", c -> CharonFrames.messages(c, "story").size() == 2, PATIENCE);
      postOk("api/gm/charon/story/clear/", "");
      player.await("the clear", c -> CharonFrames.messages(c, "story").isEmpty(), PATIENCE);
      assertEquals(0, gmConversation("story").path("messages").size());
      assertEquals(0, gmConversation("story").path("drafts").size());
    }
  }

  @Test
  void aChannelTheGmCreatesCanBePutOnTheTerminalAndPlayersGetItsConversation() {
    assertEquals(201, gm().post("api/gm/charon/channels/", "{\"channel\":\"ops-2\"}").status());
    postOk("api/gm/charon/ops-2/send/", "{\"content\":\"SECOND COMPUTER ONLINE.\"}");
    try (SseClient player = playerStream()) {
      assertTrue(CharonFrames.contents(player, "ops-2").isEmpty(), "not on screen yet");
      postOk("api/gm/charon/active-channel/", "{\"channel\":\"ops-2\"}");
      player.await("the new channel's snapshot",
          c -> CharonFrames.contents(c, "ops-2").equals(List.of("SECOND COMPUTER ONLINE.")), PATIENCE);
    }
    JsonNode list = getJson("api/gm/charon/channels/");
    assertTrue(list.toString().contains("\"ops-2\""), list.toString());
  }

  @Test
  void anEncounterChannelExistsForEveryLocationAndMarkReadResetsItsUnreadCount() {
    enterShip();
    postOk("api/gm/charon/mode/", "{\"mode\":\"QUERY\"}");
    String channel = "encounter-" + TestCampaigns.SHIP;
    assertEquals(202, submit(channel, "where are we?").status());
    JsonNode summary = channelSummary(channel);
    assertEquals(1, summary.path("unread_count").asInt());
    assertEquals(1, summary.path("waiting_count").asInt());
    assertEquals(1, summary.path("pending_count").asInt());
    postOk("api/gm/charon/" + channel + "/mark-read/", "{}"); // the console sends {}
    assertEquals(0, channelSummary(channel).path("unread_count").asInt());
  }

  private JsonNode channelSummary(String channel) {
    for (JsonNode c : getJson("api/gm/charon/channels/").path("channels")) {
      if (c.path("channel").asText().equals(channel)) {
        return c;
      }
    }
    throw new AssertionError("channel not listed: " + channel);
  }
}
