package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.activeview.ActiveView;
import dev.charon.activeview.ViewCommands;
import dev.charon.activeview.ViewType;
import dev.charon.campaign.CampaignHolder;
import dev.charon.platform.Database;
import dev.charon.testing.TestCampaigns;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations, drafts and read marks live in the H2 file, not in memory: a restart finds them
 * all (the original's cache forgot them after 4 hours), and a draft a restart interrupted comes
 * back as a failed one the GM can regenerate, never as one that waits forever.
 */
class ComputerRestartTest {
  @TempDir
  Path dir;

  private final CampaignHolder campaign = new CampaignHolder(TestCampaigns.standard());

  private record Server(Database db, ActiveView view, Computer computer) implements AutoCloseable {
    @Override
    public void close() {
      computer.close();
      view.close();
      db.close();
    }
  }

  private Server start(Optional<DraftModel> model) {
    Database db = Database.open(dir);
    ActiveView view = new ActiveView(campaign);
    return new Server(db, view, new Computer(db.emf(), view, campaign, model, Clock.systemUTC()));
  }

  @Test
  void everythingAcknowledgedIsThereAfterARestartAndNewLinesFollowTheOldOnes() {
    String queryId;
    long lastSeq;
    try (Server s = start(Optional.empty())) {
      s.view().apply(ViewCommands.switchView(ViewType.CHARON_TERMINAL, Optional.empty(), "", false));
      s.view().apply(ViewCommands.charonMode("QUERY"));
      queryId = s.computer().submit("story", "is anyone there?", "10.0.0.1").path("query_id").asText();
      s.computer().send("story", "AFFIRMATIVE.", Optional.of(queryId));
      s.computer().createChannel("ops");
      lastSeq = s.computer().send("ops", "OPS ONLINE.", Optional.empty()).path("seq").asLong();
      s.computer().markRead("story");
    }
    try (Server s = start(Optional.empty())) {
      JsonNode story = s.computer().gmConversation("story");
      assertEquals(2, story.path("messages").size());
      assertEquals("is anyone there?", story.path("messages").get(0).path("content").asText());
      assertEquals("answered", story.path("messages").get(0).path("status").asText());
      assertEquals(queryId, story.path("messages").get(1).path("reply_to").asText());
      assertEquals(1, story.path("drafts").size(), "the fallback draft for the query is still pending");
      assertEquals("is anyone there?", story.path("drafts").get(0).path("query").asText());
      assertTrue(s.computer().channelList().toString().contains("\"ops\""));
      JsonNode summary = s.computer().channelList().path("channels").get(0);
      assertEquals("story", summary.path("channel").asText());
      assertEquals(0, summary.path("unread_count").asInt(), "the read mark survived");
      long next = s.computer().send("ops", "STILL ONLINE.", Optional.empty()).path("seq").asLong();
      assertTrue(next > lastSeq, "seq " + next + " continues after " + lastSeq);
    }
  }

  @Test
  void aDraftARestartInterruptedComesBackFailedAndCanBeRegenerated() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    DraftModel hanging = new DraftModel() {
      @Override
      public ModelInfo info() {
        return new ModelInfo(true, "stub", "slow");
      }

      @Override
      public String complete(ModelPrompt prompt, Consumer<String> onText) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await(); // until the shutdown interrupts it
        return "never";
      }
    };
    String pendingId;
    try (Server s = start(Optional.of(hanging))) {
      pendingId = s.computer().generate("bridge", "report", Optional.empty(), Optional.empty()).path("pending_id").asText();
      assertTrue(started.await(10, TimeUnit.SECONDS));
    }
    try (Server s = start(Optional.empty())) {
      JsonNode draft = s.computer().pending("bridge").path("pending").get(0);
      assertEquals(pendingId, draft.path("pending_id").asText());
      assertEquals("failed", draft.path("state").asText());
      assertTrue(draft.path("error").asText().contains("restart"), draft.toString());
      s.computer().regenerate("bridge", pendingId);
      JsonNode again = s.computer().pending("bridge").path("pending").get(0);
      assertEquals("ready", again.path("state").asText(), "no model now: a fallback reply");
      assertNull(again.get("error").textValue());
    }
  }
}
