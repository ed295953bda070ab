package dev.charon.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.charon.activeview.ActiveView;
import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.Fixture;
import dev.charon.platform.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the GM disclosed lives in the H2 file: a restart finds the same NPCs known and logs readable. */
class DisclosuresRestartTest {
  @TempDir
  Path dir;

  private final CampaignHolder campaign = new CampaignHolder(Fixture.campaign());

  private record Server(Database db, ActiveView view, Disclosures disclosures) implements AutoCloseable {
    @Override
    public void close() {
      view.close();
      db.close();
    }
  }

  private Server start() {
    Database db = Database.open(dir);
    ActiveView view = new ActiveView(campaign);
    return new Server(db, view, new Disclosures(db.emf(), view, campaign, Clock.systemUTC()));
  }

  @Test
  void knownNpcsAndLogChoicesSurviveARestart() {
    try (Server s = start()) {
      assertEquals(new Disclosures.Lists(List.of(), List.of("session-002.md", "session-001.md")), s.disclosures().lists());
      s.disclosures().setKnown("captain_harrow", true);
      s.disclosures().setKnown("lucia_vance", true);
      s.disclosures().setKnown("lucia_vance", false);
      s.disclosures().setKnown("ewan_mcgregor", true);
      s.disclosures().setLogVisible("session-003.md", true);
      s.disclosures().setLogVisible("session-002.md", false);
    }
    try (Server s = start()) {
      assertEquals(new Disclosures.Lists(List.of("ewan_mcgregor", "captain_harrow"),
          List.of("session-003.md", "session-001.md")), s.disclosures().lists());
    }
  }
}
