package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import dev.charon.testing.TestCampaigns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random GM action sequences, as for hidden rooms: whatever the GM does, the players' stream
 * never carries a pending or rejected draft, a GM prompt, the prompt sent to the model or the
 * system prompt; and what it shows equals the GM's conversation of the channel on screen.
 */
class PlayerSecrecyTest extends ApiTestBase {
  private static final int ACTIONS = 160;
  private final AtomicInteger drafts = new AtomicInteger();
  /** Over all seeds: a later seed's stream starts with a snapshot that may show earlier approvals. */
  private final Set<String> approvedTexts = new HashSet<>();

  /** A stub model (unit-level; the real HTTP clients are tested against a fake server). */
  @Override
  protected Optional<DraftModel> model() {
    return Optional.of(new DraftModel() {
      @Override
      public ModelInfo info() {
        return new ModelInfo(true, "stub", "stub-1");
      }

      @Override
      public String complete(ModelPrompt prompt, Consumer<String> onText) {
        String text = "DRAFTSECRET-" + drafts.incrementAndGet();
        onText.accept(text.substring(0, 6));
        onText.accept(text.substring(6));
        return text;
      }
    });
  }

  @Test
  void randomGmActionsNeverPutADraftPromptOrSystemPromptOnThePlayersStream() {
    for (long seed : new long[] {1, 2, 3}) {
      run(seed);
    }
  }

  private void run(long seed) {
    Random random = new Random(seed);
    Agent terminal = agent();
    terminal.get("api/active-view/");
    List<String> channels = List.of("story", "bridge", "encounter-" + TestCampaigns.SHIP);
    try (SseClient player = new SseClient(uri("api/active-view/stream"))) {
      player.awaitOpen();
      for (int i = 0; i < ACTIONS; i++) {
        String channel = channels.get(random.nextInt(channels.size()));
        List<String> pending = new ArrayList<>();
        getJson("api/gm/charon/" + channel + "/conversation/").path("drafts")
            .forEach(d -> pending.add(d.path("pending_id").asText()));
        String someDraft = pending.isEmpty() ? "none" : pending.get(random.nextInt(pending.size()));
        switch (random.nextInt(10)) {
          case 0 -> gm().post("api/gm/switch-view/", switchTo(channel));
          case 1 -> gm().post("api/gm/charon/mode/", "{\"mode\":\"" + (random.nextBoolean() ? "QUERY" : "DISPLAY") + "\"}");
          case 2, 3 -> terminal.post("api/charon/" + channel + "/submit/", "{\"query\":\"q" + seed + "-" + i + "\"}");
          case 4 -> gm().post("api/gm/charon/" + channel + "/generate/", "{\"prompt\":\"GMSECRET-" + i
              + "\",\"context_override\":\"OVERRIDESECRET-" + i + "\"}");
          case 5 -> {
            boolean edit = random.nextBoolean();
            String body = "{\"pending_id\":\"" + someDraft + "\"" + (edit ? ",\"modified_content\":\"EDIT-" + i + "\"" : "") + "}";
            Agent.Reply r = gm().post("api/gm/charon/" + channel + "/approve/", body);
            if (r.status() == 200) {
              // The line as stored: a draft read before the approve may still have been streaming.
              approvedTexts.add(lineText(channel, r.json().path("message_id").asText()));
            }
          }
          case 6 -> gm().post("api/gm/charon/" + channel + "/reject/", "{\"pending_id\":\"" + someDraft + "\"}");
          case 7 -> gm().post("api/gm/charon/" + channel + "/regenerate/", "{\"pending_id\":\"" + someDraft + "\"}");
          case 8 -> gm().post("api/gm/charon/" + channel + "/send/", "{\"content\":\"LINE-" + i + "\"}");
          default -> {
            if (random.nextInt(4) == 0) {
              gm().post("api/gm/charon/" + channel + "/clear/", "");
            } else {
              gm().post("api/gm/charon/" + channel + "/mark-read/", "");
            }
          }
        }
      }
      // Settle: the players' view of the channel on screen equals the GM's.
      String active = getJson("api/gm/active-view/").path("charon_active_channel").asText();
      List<String> gmView = new ArrayList<>();
      getJson("api/gm/charon/" + active + "/conversation/").path("messages")
          .forEach(m -> gmView.add(m.path("message_id").asText() + "/" + m.path("status").asText()));
      player.await("the players' view to settle", c -> CharonFrames.messages(c, active).stream()
          .map(m -> m.path("message_id").asText() + "/" + m.path("status").asText()).toList().equals(gmView),
          Duration.ofSeconds(10));

      String raw = CharonFrames.raw(player);
      for (String secret : List.of("GMSECRET", "OVERRIDESECRET", "GM INSTRUCTION", "Be terse and technical",
          "pending_id", "\"prompt\"", "\"drafts\"", "stub-1",
          // the GM's bookkeeping too: read marks, the channel list
          "\"type\":\"read\"", "\"type\":\"channel\"", "unread_count")) {
        assertFalse(raw.contains(secret), "seed " + seed + ": the players' stream carried " + secret);
      }
      for (int n = 1; n <= drafts.get(); n++) {
        String text = "DRAFTSECRET-" + n;
        // Matched as a whole token: DRAFTSECRET-1 must not match DRAFTSECRET-12.
        boolean shown = raw.matches("(?s).*" + text + "(?![0-9]).*");
        // Approved text reaches players only if its channel was (or came) on screen before a clear.
        assertTrue(!shown || approvedTexts.contains(text), "seed " + seed + ": " + text + " reached the players "
            + "unapproved");
      }
      assertTrue(raw.contains("charon"), "the stream carried CHARON events at all");
    }
  }

  private String lineText(String channel, String messageId) {
    for (JsonNode m : getJson("api/gm/charon/" + channel + "/conversation/").path("messages")) {
      if (m.path("message_id").asText().equals(messageId)) {
        return m.path("content").asText();
      }
    }
    throw new AssertionError("approved line not stored: " + messageId);
  }

  private static String switchTo(String channel) {
    if (channel.startsWith("encounter-")) {
      return "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + channel.substring("encounter-".length()) + "\"}";
    }
    return "{\"view_type\":\"" + (channel.equals("story") ? "CHARON_TERMINAL" : "BRIDGE") + "\"}";
  }
}
