package dev.charon.encounter;

import dev.charon.activeview.Action;
import dev.charon.activeview.Initiative;
import dev.charon.activeview.Transition;
import dev.charon.web.ApiError;
import dev.charon.web.Body;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies of the encounter endpoints (#7–#16) read into transitions, one function each, used
 * by {@link EncounterResource} and by a batch of staged changes under the endpoint's name.
 */
public final class EncounterActions {
  static final int MAX_ID_CHARS = 100;
  private static final int MAX_ROOMS_PER_REQUEST = 1000;

  private EncounterActions() {}

  public static Transition<Map<String, Object>> switchLevel(Body body) {
    return EncounterCommands.switchDeck(optionalId(body, "deck_id"), body.optionalInt("level"));
  }

  public static Transition<Map<String, Object>> toggleRoom(Body body) {
    return EncounterCommands.toggleRoom(body.requiredString("room_id", MAX_ID_CHARS), body.optionalBoolean("visible"));
  }

  public static Transition<Map<String, Object>> setRoomVisibility(Body body) {
    Map<String, Boolean> rooms = new LinkedHashMap<>();
    body.optionalObject("room_visibility").ifPresent(obj -> {
      if (obj.size() > MAX_ROOMS_PER_REQUEST) {
        throw ApiError.badRequest("room_visibility", "room_visibility has too many rooms");
      }
      obj.fields().forEachRemaining(e -> {
        if (!e.getValue().isBoolean()) {
          throw ApiError.badRequest("room_visibility", "room_visibility values must be true or false");
        }
        rooms.put(e.getKey(), e.getValue().booleanValue());
      });
    });
    Optional<Boolean> all = body.optionalBoolean("all");
    if (rooms.isEmpty() && all.isEmpty()) {
      throw ApiError.badRequest("room_visibility", "room_visibility (room id → true/false) or all is required");
    }
    return EncounterCommands.setRooms(rooms, all, optionalId(body, "deck_id"));
  }

  public static Transition<Map<String, Object>> setDoor(Body body) {
    String connection = body.requiredString("connection_id", MAX_ID_CHARS);
    DoorStatus door = DoorStatus.parse(body.requiredExact("door_status")).orElseThrow(() ->
        ApiError.badRequest("door_status", "Invalid door_status. Must be one of: " + DoorStatus.choices()));
    return EncounterCommands.setDoor(connection, door);
  }

  public static Transition<Map<String, Object>> place(Body body) {
    TokenType type = TokenType.parse(body.requiredExact("type")).orElseThrow(() ->
        ApiError.badRequest("type", "Invalid type. Must be one of: " + TokenType.choices()));
    return EncounterCommands.place(new EncounterCommands.Placement(type,
        body.requiredString("name", EncounterCommands.MAX_TOKEN_NAME_CHARS),
        body.requiredInt("x"), body.requiredInt("y"),
        body.string("image_url", "", 300),
        optionalId(body, "deck_id")));
  }

  public static Transition<Map<String, Object>> move(Body body) {
    return EncounterCommands.move(body.requiredString("token_id", MAX_ID_CHARS), body.requiredInt("x"),
        body.requiredInt("y"), optionalId(body, "deck_id"));
  }

  public static Transition<Map<String, Object>> remove(Body body) {
    return EncounterCommands.remove(body.requiredString("token_id", MAX_ID_CHARS));
  }

  public static Transition<Map<String, Object>> updateStatus(Body body) {
    Optional<List<TokenStatus>> replace = body.optionalExactList("status", 10)
        .map(list -> list.stream().map(s -> status("status", s)).toList());
    Optional<TokenStatus> add = body.optionalExact("add").map(s -> status("add", s));
    Optional<TokenStatus> remove = body.optionalExact("remove").map(s -> status("remove", s));
    return EncounterCommands.updateStatus(body.requiredString("token_id", MAX_ID_CHARS), replace, add, remove);
  }

  public static Transition<Map<String, Object>> clear(Body body) {
    return EncounterCommands.clear(optionalId(body, "deck_id"));
  }

  public static Transition<Map<String, Object>> togglePortrait(Body body) {
    return EncounterCommands.togglePortrait(body.requiredString("npc_id", MAX_ID_CHARS), body.optionalBoolean("visible"));
  }

  public static Transition<Map<String, Object>> setInitiative(Body body) {
    return EncounterCommands.setInitiative(body.requiredStringList("order", Initiative.MAX_ENTRIES, MAX_ID_CHARS));
  }

  /** Takes no fields (a batch's body is ignored, as the endpoint's). */
  public static Transition<Map<String, Object>> nextTurn(Body body) {
    return EncounterCommands.stepInitiative(true);
  }

  public static Transition<Map<String, Object>> previousTurn(Body body) {
    return EncounterCommands.stepInitiative(false);
  }

  public static Transition<Map<String, Object>> clearInitiative(Body body) {
    return EncounterCommands.clearInitiative();
  }

  /** Batch action names: each endpoint's path under {@code /api/gm/encounter/}. */
  public static final Map<String, Action> BY_NAME = byName();

  private static Map<String, Action> byName() {
    Map<String, Action> m = new LinkedHashMap<>();
    m.put("switch-level", EncounterActions::switchLevel);
    m.put("toggle-room", EncounterActions::toggleRoom);
    m.put("room-visibility", EncounterActions::setRoomVisibility);
    m.put("set-door-status", EncounterActions::setDoor);
    m.put("place-token", EncounterActions::place);
    m.put("move-token", EncounterActions::move);
    m.put("remove-token", EncounterActions::remove);
    m.put("update-token-status", EncounterActions::updateStatus);
    m.put("clear-tokens", EncounterActions::clear);
    m.put("toggle-portrait", EncounterActions::togglePortrait);
    m.put("initiative/set", EncounterActions::setInitiative);
    m.put("initiative/next", EncounterActions::nextTurn);
    m.put("initiative/previous", EncounterActions::previousTurn);
    m.put("initiative/clear", EncounterActions::clearInitiative);
    return Collections.unmodifiableMap(m);
  }

  /** An optional id where {@code ""} means "none" (the console sends it for "the current deck"). */
  private static Optional<String> optionalId(Body body, String field) {
    return body.optionalString(field, MAX_ID_CHARS).filter(s -> !s.isEmpty());
  }

  private static TokenStatus status(String field, String value) {
    return TokenStatus.parse(value).orElseThrow(() ->
        ApiError.badRequest(field, "Invalid token status '" + value + "'. Must be one of: " + TokenStatus.choices()));
  }
}
