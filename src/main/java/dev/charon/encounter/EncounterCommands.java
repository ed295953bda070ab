package dev.charon.encounter;

import static dev.charon.activeview.ViewCommands.currentMap;

import dev.charon.activeview.ActiveViewState;
import dev.charon.activeview.Initiative;
import dev.charon.activeview.Transition;
import dev.charon.campaign.Deck;
import dev.charon.campaign.EncounterMap;
import dev.charon.web.ApiError;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The encounter actions (endpoints #7–#16 of spec/api.md) as pure transitions, each a delta on
 * the current state ("move token T to x,y"), never "here is the whole new map". Ids are checked
 * against the campaign: unknown rooms, doors, decks, tokens and NPCs are refused.
 */
public final class EncounterCommands {
  public static final int MAX_TOKEN_NAME_CHARS = 60;
  /** Far above any table's needs; keeps a runaway script from exhausting memory. */
  public static final int MAX_TOKENS_PER_ENCOUNTER = 10_000;
  /** Token images come from the campaign's image endpoint only. */
  static final Pattern IMAGE_URL = Pattern.compile("^api/campaign/images/[A-Za-z0-9_][A-Za-z0-9_./ -]{0,250}$");

  private static final SecureRandom RANDOM = new SecureRandom();

  private EncounterCommands() {}

  /** #7 switch-level: the deck must exist; its level comes from the manifest. */
  public static Transition<Map<String, Object>> switchDeck(Optional<String> deckId, Optional<Integer> level) {
    if (deckId.isEmpty() && level.isEmpty()) {
      throw ApiError.badRequest("deck_id", "deck_id or level is required");
    }
    return (s, campaign) -> {
      EncounterMap map = currentMap(s, campaign);
      Deck deck = deckId.isPresent()
          ? map.deck(deckId.get()).orElseThrow(() -> ApiError.notFound("deck_id", "Unknown deck: " + deckId.get()))
          : map.decks().stream().filter(d -> d.level() == level.get()).findFirst()
              .orElseThrow(() -> ApiError.notFound("level", "No deck at level " + level.get()));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("level", deck.level());
      result.put("deck_id", deck.id());
      return Transition.change(s.toBuilder().deck(deck.level(), deck.id()).build(), result);
    };
  }

  /** #8 toggle-room: explicit {@code visible}, or the opposite of now (a hidden room shows). */
  public static Transition<Map<String, Object>> toggleRoom(String roomId, Optional<Boolean> visible) {
    return (s, campaign) -> {
      EncounterMap map = currentMap(s, campaign);
      map.room(roomId).orElseThrow(() -> ApiError.notFound("room_id", "Unknown room: " + roomId));
      boolean next = visible.orElse(!s.revealed(roomId));
      Map<String, Boolean> visibility = new LinkedHashMap<>(s.roomVisibility());
      visibility.put(roomId, next);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("room_id", roomId);
      result.put("visible", next);
      result.put("room_visibility", visibility);
      return Transition.change(s.withRoomVisibility(visibility), result);
    };
  }

  /**
   * #9 room-visibility: sets the listed rooms (a delta, not the whole map), or every room (of one
   * deck, if given) for "reveal all / hide all".
   */
  public static Transition<Map<String, Object>> setRooms(Map<String, Boolean> rooms, Optional<Boolean> all,
      Optional<String> deckId) {
    return (s, campaign) -> {
      EncounterMap map = currentMap(s, campaign);
      Map<String, Boolean> visibility = new LinkedHashMap<>(s.roomVisibility());
      for (var e : rooms.entrySet()) {
        map.room(e.getKey()).orElseThrow(() -> ApiError.notFound("room_visibility", "Unknown room: " + e.getKey()));
        visibility.put(e.getKey(), e.getValue());
      }
      if (all.isPresent()) {
        List<Deck> decks = deckId.isPresent()
            ? List.of(map.deck(deckId.get()).orElseThrow(() -> ApiError.notFound("deck_id", "Unknown deck: " + deckId.get())))
            : map.decks();
        decks.forEach(d -> d.rooms().forEach(r -> visibility.put(r.id(), all.get())));
      }
      return Transition.change(s.withRoomVisibility(visibility), Map.of("room_visibility", visibility));
    };
  }

  /** #10 set-door-status on a connection of the current map. */
  public static Transition<Map<String, Object>> setDoor(String connectionId, DoorStatus status) {
    return (s, campaign) -> {
      EncounterMap map = currentMap(s, campaign);
      map.connection(connectionId)
          .orElseThrow(() -> ApiError.notFound("connection_id", "Unknown connection: " + connectionId));
      Map<String, String> doors = new LinkedHashMap<>(s.doorStatus());
      doors.put(connectionId, status.name());
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("connection_id", connectionId);
      result.put("door_status", status.name());
      result.put("all_door_status", doors);
      return Transition.change(s.toBuilder().doorStatus(doors).build(), result);
    };
  }

  /** What the GM asks for when placing a token. */
  public record Placement(TokenType type, String name, int x, int y, String imageUrl, Optional<String> deckId) {
    public Placement {
      if (!imageUrl.isEmpty() && (!IMAGE_URL.matcher(imageUrl).matches() || imageUrl.contains(".."))) {
        throw ApiError.badRequest("image_url", "image_url must be empty or a campaign image (api/campaign/images/...)");
      }
    }
  }

  /**
   * #11 place-token. The server, not the client, decides the room: the cell must lie on the
   * grid, inside a room, and be free on that deck.
   */
  public static Transition<Map<String, Object>> place(Placement p) {
    return (s, campaign) -> {
      EncounterMap map = currentMap(s, campaign);
      if (s.tokens().size() >= MAX_TOKENS_PER_ENCOUNTER) {
        throw ApiError.conflict(null, "This encounter already has " + MAX_TOKENS_PER_ENCOUNTER + " tokens");
      }
      Deck deck = deck(map, p.deckId().orElse(s.encounterDeckId()));
      Deck.Room room = checkCell(s, deck, p.x(), p.y(), null);
      String id = newId(s);
      Token token = new Token(id, p.type(), p.name(), p.x(), p.y(), List.of(), p.imageUrl(), room.id(), deck.id());
      Map<String, Token> tokens = new LinkedHashMap<>(s.tokens());
      tokens.put(id, token);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("token_id", id);
      result.put("token", token.toJson());
      return Transition.change(s.withTokens(tokens), result);
    };
  }

  /** #12 move-token, to a cell of its deck (or of {@code deckId}); the room follows the cell. */
  public static Transition<Map<String, Object>> move(String tokenId, int x, int y, Optional<String> deckId) {
    return move(tokenId, x, y, deckId, (s, other) -> true);
  }

  /**
   * A move where only some tokens block a cell: a player's move is blocked only by tokens the
   * players can see, since a refusal for a cell that looks empty would tell them a hidden token
   * stands there (the player's token then shares the cell with it, as the GM will see).
   */
  public static Transition<Map<String, Object>> move(String tokenId, int x, int y, Optional<String> deckId,
      BiPredicate<ActiveViewState, Token> blocks) {
    return (s, campaign) -> {
      EncounterMap map = currentMap(s, campaign);
      Token token = token(s, tokenId);
      Deck deck = deck(map, deckId.orElse(token.deckId()));
      Deck.Room room = checkCell(s, deck, x, y, tokenId, blocks);
      Token moved = token.movedTo(x, y, room.id(), deck.id());
      Map<String, Token> tokens = new LinkedHashMap<>(s.tokens());
      tokens.put(tokenId, moved);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("token_id", tokenId);
      result.put("token", moved.toJson());
      return Transition.change(s.withTokens(tokens), result);
    };
  }

  /** #13 remove-token. */
  public static Transition<Map<String, Object>> remove(String tokenId) {
    return (s, campaign) -> {
      token(s, tokenId);
      Map<String, Token> tokens = new LinkedHashMap<>(s.tokens());
      tokens.remove(tokenId);
      return Transition.change(s.withTokens(tokens), Map.of("token_id", tokenId));
    };
  }

  /**
   * #14 update-token-status: {@code add}/{@code remove} one status (a delta: two GMs toggling
   * different statuses no longer overwrite each other), or {@code status} to set the whole list.
   */
  public static Transition<Map<String, Object>> updateStatus(String tokenId, Optional<List<TokenStatus>> replace,
      Optional<TokenStatus> add, Optional<TokenStatus> remove) {
    if (replace.isEmpty() && add.isEmpty() && remove.isEmpty()) {
      throw ApiError.badRequest("status", "status, add or remove is required");
    }
    return (s, campaign) -> {
      Token token = token(s, tokenId);
      List<TokenStatus> next = new ArrayList<>(replace.orElse(token.status()));
      add.filter(st -> !next.contains(st)).ifPresent(next::add);
      remove.ifPresent(next::remove);
      List<TokenStatus> deduplicated = next.stream().distinct().toList();
      Token updated = token.withStatus(deduplicated);
      Map<String, Token> tokens = new LinkedHashMap<>(s.tokens());
      tokens.put(tokenId, updated);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("token_id", tokenId);
      result.put("token", updated.toJson());
      return Transition.change(s.withTokens(tokens), result);
    };
  }

  /** #15 clear-tokens, of every deck or of one. */
  public static Transition<Map<String, Object>> clear(Optional<String> deckId) {
    return (s, campaign) -> {
      Map<String, Token> tokens = new LinkedHashMap<>();
      if (deckId.isPresent()) {
        deck(currentMap(s, campaign), deckId.get());
        s.tokens().forEach((id, t) -> {
          if (!t.deckId().equals(deckId.get())) {
            tokens.put(id, t);
          }
        });
      }
      return Transition.change(s.withTokens(tokens), Map.of("tokens", Token.toJson(tokens)));
    };
  }

  /** #16 toggle-portrait; {@code visible} makes SHOW and DISMISS idempotent. */
  public static Transition<Map<String, Object>> togglePortrait(String npcId, Optional<Boolean> visible) {
    return (s, campaign) -> {
      campaign.npc(npcId).orElseThrow(() -> ApiError.notFound("npc_id", "Unknown NPC: " + npcId));
      List<String> portraits = new ArrayList<>(s.activePortraits());
      boolean shown = portraits.contains(npcId);
      boolean show = visible.orElse(!shown);
      if (show && !shown) {
        portraits.add(npcId);
      } else if (!show) {
        portraits.remove(npcId);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("npc_id", npcId);
      result.put("visible", show);
      result.put("active_portraits", portraits);
      return Transition.change(s.toBuilder().activePortraits(portraits).build(), result);
    };
  }

  /**
   * initiative/set: the whole turn order at once (the console adds and removes entries by sending
   * the new list). Every id must be a token on the map; an empty list turns the order off. The turn
   * stays with the same token when it is still in the list.
   */
  public static Transition<Map<String, Object>> setInitiative(List<String> order) {
    if (order.size() > Initiative.MAX_ENTRIES) {
      throw ApiError.badRequest("order", "order must have at most " + Initiative.MAX_ENTRIES + " tokens");
    }
    if (order.stream().distinct().count() != order.size()) {
      throw ApiError.badRequest("order", "order names a token more than once");
    }
    return (s, campaign) -> {
      for (String id : order) {
        if (!s.tokens().containsKey(id)) {
          throw ApiError.notFound("order", "Token not found: " + id);
        }
      }
      Initiative next = order.isEmpty() ? null : Initiative.of(order, s.initiative());
      return Transition.change(s.toBuilder().initiative(next).build(), initiativeResult(next));
    };
  }

  /** initiative/next and initiative/previous: the turn moves on (or back), wrapping; 409 when there is no order. */
  public static Transition<Map<String, Object>> stepInitiative(boolean forward) {
    return (s, campaign) -> {
      Initiative now = s.initiative();
      if (now == null) {
        throw ApiError.conflict(null, "There is no turn order");
      }
      Initiative next = forward ? now.next() : now.previous();
      return Transition.change(s.toBuilder().initiative(next).build(), initiativeResult(next));
    };
  }

  /** initiative/clear: no turn order (already none: a no-op, as every idempotent write). */
  public static Transition<Map<String, Object>> clearInitiative() {
    return (s, campaign) -> Transition.change(s.toBuilder().initiative(null).build(), initiativeResult(null));
  }

  private static Map<String, Object> initiativeResult(Initiative i) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("order", i == null ? List.of() : i.order());
    result.put("current", i == null ? -1 : i.current());
    return result;
  }

  private static Deck deck(EncounterMap map, String deckId) {
    return map.deck(deckId).orElseThrow(() -> ApiError.notFound("deck_id", "Unknown deck: " + deckId));
  }

  private static Token token(ActiveViewState s, String tokenId) {
    Token t = s.tokens().get(tokenId);
    if (t == null) {
      throw ApiError.notFound("token_id", "Token not found");
    }
    return t;
  }

  private static Deck.Room checkCell(ActiveViewState s, Deck deck, int x, int y, String movingTokenId) {
    return checkCell(s, deck, x, y, movingTokenId, (state, other) -> true);
  }

  private static Deck.Room checkCell(ActiveViewState s, Deck deck, int x, int y, String movingTokenId,
      BiPredicate<ActiveViewState, Token> blocks) {
    if (!deck.inGrid(x, y)) {
      throw ApiError.badRequest("x", "Cell (" + x + ", " + y + ") is outside the map grid of " + deck.id());
    }
    Deck.Room room = deck.roomAt(x, y)
        .orElseThrow(() -> ApiError.badRequest("x", "Token can only be placed inside a room"));
    boolean occupied = s.tokens().values().stream()
        .anyMatch(t -> !t.id().equals(movingTokenId) && t.deckId().equals(deck.id()) && t.x() == x && t.y() == y
            && blocks.test(s, t));
    if (occupied) {
      throw ApiError.conflict("x", "Cell is already occupied by another token");
    }
    return room;
  }

  private static String newId(ActiveViewState s) {
    byte[] b = new byte[4];
    String id;
    do {
      RANDOM.nextBytes(b);
      id = HexFormat.of().formatHex(b);
    } while (s.tokens().containsKey(id));
    return id;
  }
}
