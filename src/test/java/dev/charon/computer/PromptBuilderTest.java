package dev.charon.computer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt, from the real fixture campaign: the original's defects (§12) are not repeated. */
class PromptBuilderTest {
  private static final Campaign FIXTURE = CampaignLoader.loadFolder(
      Path.of(System.getProperty("charon.shared.dir", "../shared"), "fixtures", "mothership-campaign"));

  private static ChatMessage line(String channel, int seq, ChatMessage.Role role, String text) {
    return new ChatMessage("m" + seq, seq, channel, role, text, Instant.EPOCH,
        role == ChatMessage.Role.USER ? ChatMessage.QueryStatus.WAITING : null, null);
  }

  private static Channel channel(String name, ChatMessage... messages) {
    return new Channel(name, List.of(messages), Map.of(), 0);
  }

  @Test
  void aQueryIsSentOnceAsTheLastUserTurnWithTheCampaignsLimitsAndTemperature() {
    Channel c = channel("story", line("story", 1, ChatMessage.Role.USER, "where is engineering?"));
    ModelPrompt p = PromptBuilder.build(FIXTURE, c, "m1", null, null, "");
    assertEquals(List.of(new ModelPrompt.Turn("user", "where is engineering?")), p.messages(),
        "the original sent the query twice");
    assertEquals(200, p.maxTokens());
    assertEquals(0.7, p.temperature(), "the original never sent the temperature");
    assertTrue(p.system().startsWith("You are CHARON, a computer terminal."));
    assertTrue(p.system().contains("Tone: terse, factual, clinical"), "the personality is used: " + p.system());
  }

  @Test
  void historyBecomesAlternatingTurnsStartingWithTheUserAndBounded() {
    List<ChatMessage> lines = new ArrayList<>();
    lines.add(line("bridge", 1, ChatMessage.Role.CHARON, "SYSTEMS ONLINE."));
    for (int i = 2; i < 60; i++) {
      lines.add(line("bridge", i, i % 3 == 0 ? ChatMessage.Role.CHARON : ChatMessage.Role.USER, "line " + i));
    }
    ModelPrompt p = PromptBuilder.build(FIXTURE, channel("bridge", lines.toArray(ChatMessage[]::new)), null,
        "warn them", "reactor at 90%", "");
    assertEquals("user", p.messages().get(0).role());
    for (int i = 1; i < p.messages().size(); i++) {
      assertFalse(p.messages().get(i).role().equals(p.messages().get(i - 1).role()), "turns alternate: " + p.messages());
    }
    ModelPrompt.Turn last = p.messages().get(p.messages().size() - 1);
    assertTrue(last.content().endsWith("[GM INSTRUCTION: warn them]\n[GM CONTEXT: reactor at 90%]\n\nWrite CHARON's next line."),
        last.content());
    String all = p.messages().toString();
    assertFalse(all.contains("line 39"), "only the last " + PromptBuilder.HISTORY_MESSAGES + " lines are sent");
    assertTrue(all.contains("line 40"));
  }

  @Test
  void anEncounterChannelCarriesItsLocationChainAndTheCharonBlock() {
    ModelPrompt morrigan = PromptBuilder.build(FIXTURE, channel("encounter-uscss_morrigan"), null, "status", null, "");
    assertTrue(morrigan.system().contains("YOUR DATABANKS CONTAIN:\n[LOCATION HIERARCHY]\n- SYSTEM: Sol System"),
        morrigan.system());
    assertTrue(morrigan.system().contains("- PLANET: Earth"));
    assertTrue(morrigan.system().contains("- SHIP: USCSS Morrigan"));

    ModelPrompt veil = PromptBuilder.build(FIXTURE, channel("encounter-veil-station"), null, "status", null, "");
    assertTrue(veil.system().contains("[SYSTEM IDENTITY]\nInstance ID: "), "the location.yaml charon: block is read: "
        + veil.system());

    ModelPrompt story = PromptBuilder.build(FIXTURE, channel("story"), null, "status", null, "");
    assertFalse(story.system().contains("DATABANKS"), "story has no location unless the GM set one");
    ModelPrompt located = PromptBuilder.build(FIXTURE, channel("bridge"), null, "status", null, "sol/earth/uscss_morrigan");
    assertTrue(located.system().contains("- SHIP: USCSS Morrigan"), "charon_location_path for other channels");
  }

  @Test
  void aReloadedCampaignChangesTheNextPrompt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("charon"));
    Files.createDirectories(dir.resolve("galaxy"));
    Files.writeString(dir.resolve("charon/context.yaml"), "system_prompt: FIRST\ntemperature: 0.2\n");
    assertTrue(PromptBuilder.build(CampaignLoader.loadFolder(dir), channel("story"), null, "x", null, "").system()
        .startsWith("FIRST\n"));
    Files.writeString(dir.resolve("charon/context.yaml"), "system_prompt: SECOND\ntemperature: 0.9\n");
    ModelPrompt p = PromptBuilder.build(CampaignLoader.loadFolder(dir), channel("story"), null, "x", null, "");
    assertTrue(p.system().startsWith("SECOND\n"), p.system());
    assertEquals(0.9, p.temperature());
  }
}
