package dev.charon.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.charon.activeview.ActiveView;
import dev.charon.activeview.Transition;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.campaign.CrewMember;
import dev.charon.encounter.Token;
import dev.charon.encounter.TokenType;
import dev.charon.platform.Database;
import dev.charon.security.Accounts;
import dev.charon.security.PasswordHasher;
import dev.charon.testing.TestCampaigns;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who moves which token lives in the H2 file: a restart finds the same links, token and crew alike. */
class TokenLinksRestartTest {
  @TempDir
  Path dir;

  private final CampaignHolder campaign = new CampaignHolder(withCrew());

  private static Campaign withCrew() {
    Campaign c = TestCampaigns.standard();
    return new Campaign(c.roots(), c.npcs(), List.of(new CrewMember("rook", "Rook", "Pilot", "", Map.of())),
        c.ship(), c.problems(), c.contentVersion(), c.sessions(), c.images(), c.root(), c.charon());
  }

  private record Server(Database db, ActiveView view, TokenLinks links) implements AutoCloseable {
    @Override
    public void close() {
      view.close();
      db.close();
    }
  }

  private Server start() {
    Database db = Database.open(dir);
    ActiveView view = new ActiveView(campaign);
    Accounts accounts = new Accounts(db.emf(), PasswordHasher.withIterations(1_000));
    return new Server(db, view, new TokenLinks(db.emf(), accounts, view, campaign, Clock.systemUTC()));
  }

  @Test
  void linksSurviveARestart() {
    try (Server s = start()) {
      Accounts accounts = new Accounts(s.db().emf(), PasswordHasher.withIterations(1_000));
      accounts.createPlayer("ripley", "ripley-password");
      accounts.createPlayer("hicks", "hicks-password");
      Token marcus = new Token("0a1b2c3d", TokenType.PLAYER, "Marcus", 2, 3, List.of(), "", "bridge", "deck_a");
      s.view().apply((st, c) -> Transition.change(st.withTokens(Map.of(marcus.id(), marcus)), null));
      s.links().link("ripley", TokenLinks.Kind.TOKEN, marcus.id());
      s.links().link("ripley", TokenLinks.Kind.CREW, "rook");
      s.links().link("hicks", TokenLinks.Kind.CREW, "rook"); // moves the crew member to hicks
    }
    try (Server s = start()) {
      assertEquals(List.of(new TokenLinks.Link(TokenLinks.Kind.CREW, "rook", "hicks"),
          new TokenLinks.Link(TokenLinks.Kind.TOKEN, "0a1b2c3d", "ripley")), s.links().all());
    }
  }
}
