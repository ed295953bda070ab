package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.testing.Agent;
import dev.charon.testing.ApiTestBase;
import dev.charon.testing.SseClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A draft's life with a model that the test drives piece by piece: text streams to the GM as it
 * is written, one draft is written per channel at a time, a failure leaves a clear message and
 * the draft, and a reject mid-stream stops the call.
 */
class DraftLifecycleTest extends ApiTestBase {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private volatile String mode = "stream";

  @Override
  protected Optional<DraftModel> model() {
    return Optional.of(new DraftModel() {
      @Override
      public ModelInfo info() {
        return new ModelInfo(true, "stub", "stub-1");
      }

      @Override
      public String complete(ModelPrompt prompt, Consumer<String> onText) throws ModelException, InterruptedException {
        if (mode.equals("burst")) {
          StringBuilder all = new StringBuilder();
          for (int i = 0; i < 500; i++) {
            String token = "w" + i + " ";
            all.append(token);
            onText.accept(token);
          }
          return all.toString();
        }
        if (mode.equals("fail")) {
          onText.accept("HALF A");
          throw new ModelException("The model server answered 500: overloaded");
        }
        onText.accept("HULL ");
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
        onText.accept("BREACH.");
        return "HULL BREACH.";
      }
    });
  }

  private String generate(String prompt) {
    Agent.Reply r = gm().post("api/gm/charon/bridge/generate/", "{\"prompt\":\"" + prompt + "\"}");
    assertEquals(202, r.status(), r.toString());
    return r.json().path("pending_id").asText();
  }

  @Test
  void textStreamsToTheGmAsWrittenAndASecondGenerateOnTheChannelIsRefusedMeanwhile() {
    try (SseClient gmStream = stream("api/gm/active-view/stream")) {
      String id = generate("report the hull");
      gmStream.await("the first piece", c -> CharonFrames.events(c).stream().anyMatch(e ->
          e.path("type").asText().equals("draft-text") && e.path("text").asText().equals("HULL ")), PATIENCE);
      JsonNode first = CharonFrames.events(gmStream).stream().filter(e -> e.path("type").asText().equals("draft-text"))
          .findFirst().orElseThrow();
      assertEquals(id, first.path("pending_id").asText());
      assertEquals(0, first.path("offset").asInt());

      Agent.Reply second = gm().post("api/gm/charon/bridge/generate/", "{\"prompt\":\"again\"}");
      assertEquals(409, second.status(), second.toString());
      assertEquals(409, gm().post("api/gm/charon/bridge/approve/", "{\"pending_id\":\"" + id + "\"}").status(),
          "a draft still being written cannot be approved");

      release.countDown();
      gmStream.await("the finished draft", c -> {
        JsonNode d = CharonFrames.draft(c, id);
        return d != null && d.path("state").asText().equals("ready");
      }, PATIENCE);
      JsonNode done = CharonFrames.draft(gmStream, id);
      assertEquals("HULL BREACH.", done.path("response").asText());
      assertEquals("stub-1", done.path("model").asText());
      JsonNode prompt = done.path("prompt");
      assertTrue(prompt.path("system").asText().startsWith("You are CHARON"), prompt.toString());
      assertTrue(prompt.path("messages").get(0).path("content").asText().contains("report the hull"));
      assertEquals("user", prompt.path("messages").get(0).path("role").asText());
    }
  }

  @Test
  void aFastModelsTokensArePushedInFewEventsWhoseOffsetsJoinUpToTheWholeText() {
    mode = "burst";
    try (SseClient gmStream = stream("api/gm/active-view/stream")) {
      String id = generate("count");
      gmStream.await("the finished draft", c -> {
        JsonNode d = CharonFrames.draft(c, id);
        return d != null && d.path("state").asText().equals("ready");
      }, PATIENCE);
      StringBuilder joined = new StringBuilder();
      int events = 0;
      for (JsonNode e : CharonFrames.events(gmStream)) {
        if (e.path("type").asText().equals("draft-text")) {
          assertEquals(joined.length(), e.path("offset").asInt(), "each piece starts where the last ended");
          joined.append(e.path("text").asText());
          events++;
        }
      }
      String full = CharonFrames.draft(gmStream, id).path("response").asText();
      assertTrue(full.startsWith(joined.toString()));
      assertTrue(full.endsWith("w499 "), full);
      assertTrue(events < 50, "500 tokens in a burst made " + events + " events");
    }
  }

  @Test
  void aFailingModelLeavesAFailedDraftWithItsMessageThatOnlyAnEditCanApprove() {
    mode = "fail";
    try (SseClient gmStream = stream("api/gm/active-view/stream")) {
      String id = generate("status");
      gmStream.await("the failure", c -> {
        JsonNode d = CharonFrames.draft(c, id);
        return d != null && d.path("state").asText().equals("failed");
      }, PATIENCE);
      JsonNode d = CharonFrames.draft(gmStream, id);
      assertEquals("The model server answered 500: overloaded", d.path("error").asText());
      assertEquals("HALF A", d.path("response").asText(), "what arrived is kept");
      assertEquals(409, gm().post("api/gm/charon/bridge/approve/", "{\"pending_id\":\"" + id + "\"}").status());
      assertEquals(200, gm().post("api/gm/charon/bridge/approve/",
          "{\"pending_id\":\"" + id + "\",\"modified_content\":\"ALL SYSTEMS NOMINAL.\"}").status());
    }
  }

  @Test
  void rejectingADraftBeingWrittenStopsTheModelCall() throws Exception {
    String id = generate("report");
    try (SseClient gmStream = stream("api/gm/active-view/stream")) {
      gmStream.await("the first piece", c -> CharonFrames.events(c).stream().anyMatch(e ->
          e.path("type").asText().equals("draft-text") || e.path("type").asText().equals("snapshot")
              && e.toString().contains("HULL ")), PATIENCE);
    }
    assertEquals(200, gm().post("api/gm/charon/bridge/reject/", "{\"pending_id\":\"" + id + "\"}").status());
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the model call was interrupted");
    assertEquals(0, getJson("api/gm/charon/bridge/pending/").path("count").asInt());
    assertEquals(202, gm().post("api/gm/charon/bridge/generate/", "{\"prompt\":\"again\"}").status(),
        "the channel is free again");
  }
}
