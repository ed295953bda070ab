package dev.charon.encounter;

import dev.charon.activeview.ActiveView;
import dev.charon.web.ApiError;
import dev.charon.web.Body;
import dev.charon.web.Written;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Endpoints #7–#16 under {@code gm/encounter/}: parse, call one transition, answer with the version. */
@Path("gm/encounter")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EncounterResource {
  private static final int MAX_ID_CHARS = 100;
  private static final int MAX_ROOMS_PER_REQUEST = 1000;

  private final ActiveView activeView;

  public EncounterResource(ActiveView activeView) {
    this.activeView = activeView;
  }

  @POST
  @Path("switch-level")
  public Map<String, Object> switchLevel(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(EncounterCommands.switchDeck(
        body.optionalString("deck_id", MAX_ID_CHARS).filter(s -> !s.isEmpty()), body.optionalInt("level"))));
  }

  @POST
  @Path("toggle-room")
  public Map<String, Object> toggleRoom(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(EncounterCommands.toggleRoom(
        body.requiredString("room_id", MAX_ID_CHARS), body.optionalBoolean("visible"))));
  }

  @GET
  @Path("room-visibility")
  public Map<String, Object> roomVisibility() {
    return Map.of("room_visibility", activeView.state().roomVisibility(), "version", activeView.version());
  }

  @POST
  @Path("room-visibility")
  public Map<String, Object> setRoomVisibility(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
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
    return Written.of(activeView.apply(EncounterCommands.setRooms(rooms, all,
        body.optionalString("deck_id", MAX_ID_CHARS).filter(s -> !s.isEmpty()))));
  }

  @POST
  @Path("set-door-status")
  public Map<String, Object> setDoor(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String connection = body.requiredString("connection_id", MAX_ID_CHARS);
    DoorStatus door = DoorStatus.parse(body.requiredExact("door_status")).orElseThrow(() ->
        ApiError.badRequest("door_status", "Invalid door_status. Must be one of: " + DoorStatus.choices()));
    return Written.of(activeView.apply(EncounterCommands.setDoor(connection, door)));
  }

  @POST
  @Path("place-token")
  public Map<String, Object> place(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    TokenType type = TokenType.parse(body.requiredExact("type")).orElseThrow(() ->
        ApiError.badRequest("type", "Invalid type. Must be one of: " + TokenType.choices()));
    var placement = new EncounterCommands.Placement(type,
        body.requiredString("name", EncounterCommands.MAX_TOKEN_NAME_CHARS),
        body.requiredInt("x"), body.requiredInt("y"),
        body.string("image_url", "", 300),
        body.optionalString("deck_id", MAX_ID_CHARS).filter(s -> !s.isEmpty()));
    return Written.of(activeView.apply(EncounterCommands.place(placement)));
  }

  @POST
  @Path("move-token")
  public Map<String, Object> move(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(EncounterCommands.move(
        body.requiredString("token_id", MAX_ID_CHARS), body.requiredInt("x"), body.requiredInt("y"),
        body.optionalString("deck_id", MAX_ID_CHARS).filter(s -> !s.isEmpty()))));
  }

  @POST
  @Path("remove-token")
  public Map<String, Object> remove(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(EncounterCommands.remove(body.requiredString("token_id", MAX_ID_CHARS))));
  }

  @POST
  @Path("update-token-status")
  public Map<String, Object> updateStatus(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    Optional<List<TokenStatus>> replace = body.optionalExactList("status", 10)
        .map(list -> list.stream().map(s -> status("status", s)).toList());
    Optional<TokenStatus> add = body.optionalExact("add").map(s -> status("add", s));
    Optional<TokenStatus> remove = body.optionalExact("remove").map(s -> status("remove", s));
    return Written.of(activeView.apply(EncounterCommands.updateStatus(
        body.requiredString("token_id", MAX_ID_CHARS), replace, add, remove)));
  }

  @POST
  @Path("clear-tokens")
  public Map<String, Object> clear(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(EncounterCommands.clear(
        body.optionalString("deck_id", MAX_ID_CHARS).filter(s -> !s.isEmpty()))));
  }

  @POST
  @Path("toggle-portrait")
  public Map<String, Object> togglePortrait(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(EncounterCommands.togglePortrait(
        body.requiredString("npc_id", MAX_ID_CHARS), body.optionalBoolean("visible"))));
  }

  private static TokenStatus status(String field, String value) {
    return TokenStatus.parse(value).orElseThrow(() ->
        ApiError.badRequest(field, "Invalid token status '" + value + "'. Must be one of: " + TokenStatus.choices()));
  }
}
