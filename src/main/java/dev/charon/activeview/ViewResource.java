package dev.charon.activeview;

import dev.charon.web.ApiError;
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

/** Endpoints #1–#6 and #17: parse, call one transition, answer with the new version. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ViewResource {
  private final ActiveView activeView;

  public ViewResource(ActiveView activeView) {
    this.activeView = activeView;
  }

  @POST
  @Path("gm/switch-view")
  public Map<String, Object> switchView(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    ViewType viewType = ViewType.parse(body.requiredExact("view_type")).orElseThrow(() ->
        ApiError.badRequest("view_type", "Invalid view_type. Must be one of: " + ViewType.choices()));
    return Written.of(activeView.apply(ViewCommands.switchView(viewType,
        body.optionalString("location_slug", ViewCommands.MAX_SLUG_CHARS),
        body.string("view_slug", "", ViewCommands.MAX_SLUG_CHARS),
        body.optionalBoolean("reset").orElse(false))));
  }

  @POST
  @Path("gm/show-terminal")
  public Map<String, Object> showTerminal(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(ViewCommands.showTerminal(
        body.requiredStringOrEmpty("location_slug", ViewCommands.MAX_SLUG_CHARS),
        body.requiredStringOrEmpty("terminal_slug", ViewCommands.MAX_SLUG_CHARS))));
  }

  @POST
  @Path("terminal/hide")
  public Map<String, Object> hideTerminal(@Context ContainerRequestContext request) {
    Body.none(request);
    return Written.of(activeView.apply(ViewCommands.hideTerminal()));
  }

  @POST
  @Path("gm/charon/mode")
  public Map<String, Object> charonMode(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(ViewCommands.charonMode(body.requiredExact("mode"))));
  }

  @POST
  @Path("gm/charon/location")
  public Map<String, Object> charonLocation(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(ViewCommands.charonLocation(
        body.requiredStringOrEmpty("location_path", 4 * ViewCommands.MAX_SLUG_CHARS))));
  }

  @POST
  @Path("gm/charon/toggle-dialog")
  public Map<String, Object> toggleDialog(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(ViewCommands.toggleDialog(body.optionalBoolean("open"))));
  }

  /**
   * {@code {"enabled": false}}, or {@code {"enabled": true, "x", "y", "width", "height"}} and optionally
   * the {@code "location_slug", "deck_id"} it frames: the GM's viewport in map units. The console sends a new rectangle as the GM pans and zooms (throttled).
   */
  @POST
  @Path("gm/projector")
  public Map<String, Object> projector(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    boolean enabled = body.optionalBoolean("enabled")
        .orElseThrow(() -> ApiError.badRequest("enabled", "enabled is required"));
    if (!enabled) {
      return Written.of(activeView.apply(ViewCommands.projectorOff()));
    }
    double max = Projector.MAX_MAP_UNITS;
    return Written.of(activeView.apply(ViewCommands.projectorOn(
        body.optionalString("location_slug", ViewCommands.MAX_SLUG_CHARS),
        body.optionalString("deck_id", ViewCommands.MAX_SLUG_CHARS),
        body.requiredNumber("x", -max, max),
        body.requiredNumber("y", -max, max),
        body.requiredNumber("width", Projector.MIN_SIZE_MAP_UNITS, max),
        body.requiredNumber("height", Projector.MIN_SIZE_MAP_UNITS, max))));
  }

  @POST
  @Path("gm/legend")
  public Map<String, Object> legend(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    boolean visible = body.optionalBoolean("visible")
        .orElseThrow(() -> ApiError.badRequest("visible", "visible is required"));
    return Written.of(activeView.apply(ViewCommands.legend(visible)));
  }

  @POST
  @Path("gm/ship-status/toggle")
  public Map<String, Object> shipSystem(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(activeView.apply(ViewCommands.shipSystem(
        body.requiredExact("system"),
        body.optionalExact("status"),
        body.optionalInt("condition"),
        body.optionalString("info", ViewCommands.MAX_INFO_CHARS))));
  }
}
