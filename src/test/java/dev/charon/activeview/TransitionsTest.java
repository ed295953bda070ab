package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.campaign.Campaign;
import dev.charon.encounter.EncounterCommands;
import dev.charon.encounter.Token;
import dev.charon.encounter.TokenStatus;
import dev.charon.encounter.TokenType;
import dev.charon.testing.TestCampaigns;
import dev.charon.web.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of the transitions themselves, as pure functions (no server). */
class TransitionsTest {
  private final Campaign campaign = TestCampaigns.standard();

  private ActiveViewState run(ActiveViewState s, Transition<?> t) {
    return t.apply(s, campaign).state();
  }

  private ActiveViewState onShip() {
    return run(ActiveViewState.STANDBY, ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("testship"), "", false));
  }

  private String place(ActiveViewState[] s, int x, int y) {
    var change = EncounterCommands.place(new EncounterCommands.Placement(TokenType.PLAYER, "P", x, y, "",
        Optional.empty())).apply(s[0], campaign);
    s[0] = change.state();
    return (String) change.result().get("token_id");
  }

  @Test
  void freshStartIsStandbyWithEveryDefault() {
    ActiveViewState s = ActiveViewState.STANDBY;
    assertEquals(ViewType.STANDBY, s.viewType());
    assertEquals("", s.locationSlug());
    assertEquals("DISPLAY", s.charonMode());
    assertEquals("story", s.charonActiveChannel());
    assertEquals(1, s.encounterLevel());
    assertTrue(s.tokens().isEmpty() && s.roomVisibility().isEmpty() && s.activePortraits().isEmpty());
  }

  @Test
  void newEncounterHidesEveryRoomOfEveryDeckAndPicksTheDefaultDeck() {
    ActiveViewState s = onShip();
    assertEquals(Map.of("bridge", false, "cargo", false, "engine", false, "hold", false), s.roomVisibility());
    assertEquals("deck_a", s.encounterDeckId());
    assertEquals("encounter-testship", s.charonActiveChannel());
  }

  @Test
  void leavingTheEncounterAndComingBackKeepsRevealsTokensAndPortraits() {
    ActiveViewState[] s = {onShip()};
    s[0] = run(s[0], EncounterCommands.toggleRoom("bridge", Optional.of(true)));
    place(s, 1, 1);
    s[0] = run(s[0], EncounterCommands.togglePortrait("vance", Optional.of(true)));
    s[0] = run(s[0], ViewCommands.switchView(ViewType.BRIDGE, Optional.empty(), "", false));
    s[0] = run(s[0], ViewCommands.switchView(ViewType.ENCOUNTER, Optional.empty(), "", false));
    assertTrue(s[0].revealed("bridge"));
    assertEquals(1, s[0].tokens().size());
    assertEquals(List.of("vance"), s[0].activePortraits());
  }

  @Test
  void switchingToAnotherLocationClearsTokensDoorsPortraitsAndReveals() {
    ActiveViewState[] s = {onShip()};
    place(s, 1, 1);
    s[0] = run(s[0], EncounterCommands.setDoor("c_bridge_cargo", dev.charon.encounter.DoorStatus.OPEN));
    s[0] = run(s[0], EncounterCommands.togglePortrait("vance", Optional.empty()));
    s[0] = run(s[0], ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("outpost"), "", false));
    assertTrue(s[0].tokens().isEmpty());
    assertTrue(s[0].doorStatus().isEmpty());
    assertTrue(s[0].activePortraits().isEmpty());
    assertTrue(s[0].roomVisibility().isEmpty());
  }

  @Test
  void resetStartsTheSameEncounterAgain() {
    ActiveViewState s = run(onShip(), EncounterCommands.toggleRoom("bridge", Optional.of(true)));
    s = run(s, ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("testship"), "", true));
    assertFalse(s.revealed("bridge"));
  }

  @Test
  void serverDerivesRoomAndDeckFromTheCellOnEveryMove() {
    ActiveViewState[] s = {onShip()};
    String id = place(s, 1, 1);
    assertEquals("bridge", s[0].tokens().get(id).roomId());
    s[0] = run(s[0], EncounterCommands.move(id, 70, 3, Optional.empty()));
    assertEquals("cargo", s[0].tokens().get(id).roomId());
    s[0] = run(s[0], EncounterCommands.move(id, 6, 1, Optional.of("deck_b")));
    Token moved = s[0].tokens().get(id);
    assertEquals("hold", moved.roomId());
    assertEquals("deck_b", moved.deckId());
  }

  @Test
  void oneTokenPerCellPerDeck() {
    ActiveViewState[] s = {onShip()};
    place(s, 1, 1);
    ApiError e = assertThrows(ApiError.class, () -> place(s, 1, 1));
    assertEquals(409, e.status());
    place(s, 2, 1);
  }

  @Test
  void statusDeltasDoNotOverwriteEachOther() {
    ActiveViewState[] s = {onShip()};
    String id = place(s, 1, 1);
    s[0] = run(s[0], EncounterCommands.updateStatus(id, Optional.empty(), Optional.of(TokenStatus.WOUNDED), Optional.empty()));
    s[0] = run(s[0], EncounterCommands.updateStatus(id, Optional.empty(), Optional.of(TokenStatus.PANICKED), Optional.empty()));
    s[0] = run(s[0], EncounterCommands.updateStatus(id, Optional.empty(), Optional.of(TokenStatus.WOUNDED), Optional.empty()));
    assertEquals(List.of(TokenStatus.WOUNDED, TokenStatus.PANICKED), s[0].tokens().get(id).status());
    s[0] = run(s[0], EncounterCommands.updateStatus(id, Optional.empty(), Optional.empty(), Optional.of(TokenStatus.WOUNDED)));
    assertEquals(List.of(TokenStatus.PANICKED), s[0].tokens().get(id).status());
  }

  @Test
  void portraitShowIsIdempotentAndKeepsOrder() {
    ActiveViewState s = run(ActiveViewState.STANDBY, EncounterCommands.togglePortrait("vance", Optional.of(true)));
    s = run(s, EncounterCommands.togglePortrait("harrow", Optional.of(true)));
    s = run(s, EncounterCommands.togglePortrait("vance", Optional.of(true)));
    assertEquals(List.of("vance", "harrow"), s.activePortraits());
    s = run(s, EncounterCommands.togglePortrait("vance", Optional.empty()));
    assertEquals(List.of("harrow"), s.activePortraits());
  }

  @Test
  void shipOverridesMergePerField() {
    ActiveViewState s = run(ActiveViewState.STANDBY,
        ViewCommands.shipSystem("engines", Optional.of("DAMAGED"), Optional.of(40), Optional.of("Leaking")));
    s = run(s, ViewCommands.shipSystem("engines", Optional.of("CRITICAL"), Optional.empty(), Optional.empty()));
    assertEquals(new ShipOverride("CRITICAL", 40, "Leaking"), s.shipOverrides().get("engines"));
  }

  @Test
  void deckSwitchTakesTheLevelFromTheManifest() {
    ActiveViewState s = run(onShip(), EncounterCommands.switchDeck(Optional.of("deck_b"), Optional.empty()));
    assertEquals(2, s.encounterLevel());
    s = run(s, EncounterCommands.switchDeck(Optional.empty(), Optional.of(1)));
    assertEquals("deck_a", s.encounterDeckId());
  }

  @Test
  void encounterActionsNeedAMap() {
    ApiError e = assertThrows(ApiError.class,
        () -> run(ActiveViewState.STANDBY, EncounterCommands.toggleRoom("bridge", Optional.empty())));
    assertEquals(409, e.status());
  }
}
