package dev.charon.activeview;

import dev.charon.web.Body;
import dev.charon.web.Written;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Endpoints #1–#6 and #17: read the body ({@link ViewActions}), apply one transition, answer with
 * the new version. The GM's writes go through {@link GmWrites} (undoable); hiding the overlay is
 * open to the shared terminal too, so it is not an undo step.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ViewResource {
  private final GmWrites gm;

  public ViewResource(GmWrites gm) {
    this.gm = gm;
  }

  @POST
  @Path("gm/switch-view")
  public Map<String, Object> switchView(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.switchView(Body.of(request))));
  }

  @POST
  @Path("gm/show-terminal")
  public Map<String, Object> showTerminal(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.showTerminal(Body.of(request))));
  }

  @POST
  @Path("terminal/hide")
  public Map<String, Object> hideTerminal(@Context ContainerRequestContext request) {
    Body.none(request);
    return Written.of(gm.activeView().apply(ViewCommands.hideTerminal()));
  }

  @POST
  @Path("gm/charon/mode")
  public Map<String, Object> charonMode(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.charonMode(Body.of(request))));
  }

  @POST
  @Path("gm/charon/location")
  public Map<String, Object> charonLocation(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.charonLocation(Body.of(request))));
  }

  @POST
  @Path("gm/charon/toggle-dialog")
  public Map<String, Object> toggleDialog(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.toggleDialog(Body.of(request))));
  }

  /**
   * The GM's viewport for "follow me" ({@link ViewActions#projector}). Written many times a second
   * while the GM pans, so it is not an undo step: it goes to the ActiveView, not {@link GmWrites}.
   */
  @POST
  @Path("gm/projector")
  public Map<String, Object> projector(@Context ContainerRequestContext request) {
    return Written.of(gm.activeView().apply(ViewActions.projector(Body.of(request))));
  }

  @POST
  @Path("gm/legend")
  public Map<String, Object> legend(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.legend(Body.of(request))));
  }

  @POST
  @Path("gm/ship-status/toggle")
  public Map<String, Object> shipSystem(@Context ContainerRequestContext request) {
    return Written.of(gm.apply(ViewActions.shipSystem(Body.of(request))));
  }
}
