package dev.charon.encounter;

import dev.charon.activeview.GmWrites;
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
import java.util.Map;

/**
 * Endpoints #7–#16 under {@code gm/encounter/}: read the body ({@link EncounterActions}), apply one
 * transition as an undoable GM write, answer with the version.
 */
@Path("gm/encounter")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EncounterResource {
  private final GmWrites gm;

  public EncounterResource(GmWrites gm) {
    this.gm = gm;
  }

  @POST
  @Path("switch-level")
  public Map<String, Object> switchLevel(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.switchLevel(Body.of(request))));
  }

  @POST
  @Path("toggle-room")
  public Map<String, Object> toggleRoom(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.toggleRoom(Body.of(request))));
  }

  @GET
  @Path("room-visibility")
  public Map<String, Object> roomVisibility() {
    return Map.of("room_visibility", gm.activeView().state().roomVisibility(), "version", gm.activeView().version());
  }

  @POST
  @Path("room-visibility")
  public Map<String, Object> setRoomVisibility(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.setRoomVisibility(Body.of(request))));
  }

  @POST
  @Path("set-door-status")
  public Map<String, Object> setDoor(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.setDoor(Body.of(request))));
  }

  @POST
  @Path("place-token")
  public Map<String, Object> place(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.place(Body.of(request))));
  }

  @POST
  @Path("move-token")
  public Map<String, Object> move(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.move(Body.of(request))));
  }

  @POST
  @Path("remove-token")
  public Map<String, Object> remove(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.remove(Body.of(request))));
  }

  @POST
  @Path("update-token-status")
  public Map<String, Object> updateStatus(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.updateStatus(Body.of(request))));
  }

  @POST
  @Path("clear-tokens")
  public Map<String, Object> clear(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.clear(Body.of(request))));
  }

  @POST
  @Path("toggle-portrait")
  public Map<String, Object> togglePortrait(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.togglePortrait(Body.of(request))));
  }

  @POST
  @Path("initiative/set")
  public Map<String, Object> setInitiative(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(EncounterActions.setInitiative(Body.of(request))));
  }

  @POST
  @Path("initiative/next")
  public Map<String, Object> nextTurn(@Context ContainerRequestContext request) {
    Body.none(request);
    return Written.of(gm.apply(EncounterCommands.stepInitiative(true)));
  }

  @POST
  @Path("initiative/previous")
  public Map<String, Object> previousTurn(@Context ContainerRequestContext request) {
    Body.none(request);
    return Written.of(gm.apply(EncounterCommands.stepInitiative(false)));
  }

  @POST
  @Path("initiative/clear")
  public Map<String, Object> clearInitiative(@Context ContainerRequestContext request) {
    Body.none(request);
    return Written.of(gm.apply(EncounterCommands.clearInitiative()));
  }
}
