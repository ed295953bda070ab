package dev.charon.table;

import static dev.charon.activeview.ViewCommands.currentMap;

import dev.charon.activeview.Transition;
import dev.charon.activeview.ViewType;
import dev.charon.campaign.Deck;
import dev.charon.encounter.EncounterCommands;
import dev.charon.encounter.Token;
import dev.charon.web.ApiError;
import java.util.Map;
import java.util.Optional;

/**
 * The table's writes as transitions: the GM's movement switch, and a player's move, which is the
 * GM's {@link EncounterCommands#move} behind the checks only a player meets. They run inside
 * {@code ActiveView.apply}, so a refusal changes nothing and uses no version, and an accepted move
 * gets the same version bump and fan-out as the GM's.
 */
public final class TableCommands {
  private TableCommands() {}

  /** Lets players move their own tokens, or takes that back (also in the middle of a drag). */
  public static Transition<Map<String, Object>> movement(boolean enabled) {
    return (s, campaign) -> Transition.change(s.toBuilder().playerMovement(enabled).build(),
        Map.of("player_movement", enabled));
  }

  /**
   * A player's move of their own token to a cell of its deck. The checks answer only what the
   * player may know: a token not theirs is 403 whether or not it exists; their own token when
   * players cannot see it (a hidden room, or marked hidden) is 404 like an unknown one; a cell
   * outside the revealed rooms is 400 with one message whether it is a wall or a hidden room,
   * since the player's map shows neither; a cell where only a token hidden from players stands is
   * free to them (a refusal would give the token away).
   */
  public static Transition<Map<String, Object>> playerMove(TokenLinks links, String username, String tokenId, int x,
      int y) {
    // only tokens the players see block the cell: a refusal for a cell that looks empty on their map
    // would give a hidden token away
    Transition<Map<String, Object>> gmMove = EncounterCommands.move(tokenId, x, y, Optional.empty(),
        (state, other) -> state.playersSee(other));
    return (s, campaign) -> {
      Token token = s.tokens().get(tokenId);
      boolean mine = token == null
          ? links.linkedById(username, tokenId)
          : links.owner(token, campaign).filter(username::equals).isPresent();
      if (!mine) {
        throw ApiError.forbidden("This token is not yours to move");
      }
      if (token == null || !s.playersSee(token)) {
        throw ApiError.notFound("token_id", "Token not found");
      }
      if (!s.playerMovement()) {
        throw ApiError.conflict("movement", "The GM holds the tokens: player movement is off");
      }
      if (s.viewType() != ViewType.ENCOUNTER) {
        throw ApiError.conflict("view_type", "No encounter is on screen");
      }
      Deck deck = currentMap(s, campaign).deck(token.deckId())
          .orElseThrow(() -> ApiError.notFound("token_id", "Token not found"));
      if (!deck.inGrid(x, y)) {
        throw ApiError.badRequest("x", "Cell (" + x + ", " + y + ") is outside the map grid");
      }
      boolean revealedRoom = deck.roomAt(x, y).filter(r -> s.revealed(r.id())).isPresent();
      if (!revealedRoom) {
        throw ApiError.badRequest("x", "Tokens can only move into a revealed room");
      }
      return gmMove.apply(s, campaign);
    };
  }
}
