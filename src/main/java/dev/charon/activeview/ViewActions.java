package dev.charon.activeview;

import dev.charon.web.ApiError;
import dev.charon.web.Body;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies of the view-level GM endpoints (#1, #2, #4–#6, #17) read into transitions, one
 * function each, used by {@link ViewResource} and by a batch under the same name as the path
 * under {@code /api/gm/}.
 */
public final class ViewActions {
  private ViewActions() {}

  public static Transition<Map<String, Object>> switchView(Body body) {
    ViewType viewType = ViewType.parse(body.requiredExact("view_type")).orElseThrow(() ->
        ApiError.badRequest("view_type", "Invalid view_type. Must be one of: " + ViewType.choices()));
    return ViewCommands.switchView(viewType,
        body.optionalString("location_slug", ViewCommands.MAX_SLUG_CHARS),
        body.string("view_slug", "", ViewCommands.MAX_SLUG_CHARS),
        body.optionalBoolean("reset").orElse(false));
  }

  public static Transition<Map<String, Object>> showTerminal(Body body) {
    return ViewCommands.showTerminal(
        body.requiredStringOrEmpty("location_slug", ViewCommands.MAX_SLUG_CHARS),
        body.requiredStringOrEmpty("terminal_slug", ViewCommands.MAX_SLUG_CHARS));
  }

  public static Transition<Map<String, Object>> charonMode(Body body) {
    return ViewCommands.charonMode(body.requiredExact("mode"));
  }

  public static Transition<Map<String, Object>> charonLocation(Body body) {
    return ViewCommands.charonLocation(body.requiredStringOrEmpty("location_path", 4 * ViewCommands.MAX_SLUG_CHARS));
  }

  public static Transition<Map<String, Object>> toggleDialog(Body body) {
    return ViewCommands.toggleDialog(body.optionalBoolean("open"));
  }

  public static Transition<Map<String, Object>> shipSystem(Body body) {
    return ViewCommands.shipSystem(
        body.requiredExact("system"),
        body.optionalExact("status"),
        body.optionalInt("condition"),
        body.optionalString("info", ViewCommands.MAX_INFO_CHARS));
  }

  /**
   * {@code {"enabled": false}}, or {@code {"enabled": true, "x", "y", "width", "height"}} and optionally
   * the {@code "location_slug", "deck_id"} it frames: the GM's viewport in map units. The console
   * sends a new rectangle as the GM pans and zooms (throttled).
   */
  public static Transition<Map<String, Object>> projector(Body body) {
    boolean enabled = body.optionalBoolean("enabled")
        .orElseThrow(() -> ApiError.badRequest("enabled", "enabled is required"));
    if (!enabled) {
      return ViewCommands.projectorOff();
    }
    double max = Projector.MAX_MAP_UNITS;
    return ViewCommands.projectorOn(
        body.optionalString("location_slug", ViewCommands.MAX_SLUG_CHARS),
        body.optionalString("deck_id", ViewCommands.MAX_SLUG_CHARS),
        body.requiredNumber("x", -max, max),
        body.requiredNumber("y", -max, max),
        body.requiredNumber("width", Projector.MIN_SIZE_MAP_UNITS, max),
        body.requiredNumber("height", Projector.MIN_SIZE_MAP_UNITS, max));
  }

  public static Transition<Map<String, Object>> legend(Body body) {
    return ViewCommands.legend(body.optionalBoolean("visible")
        .orElseThrow(() -> ApiError.badRequest("visible", "visible is required")));
  }

  /** Batch action names: each endpoint's path under {@code /api/gm/}. */
  public static final Map<String, Action> BY_NAME = byName();

  private static Map<String, Action> byName() {
    Map<String, Action> m = new LinkedHashMap<>();
    m.put("switch-view", ViewActions::switchView);
    m.put("show-terminal", ViewActions::showTerminal);
    m.put("charon/mode", ViewActions::charonMode);
    m.put("charon/location", ViewActions::charonLocation);
    m.put("charon/toggle-dialog", ViewActions::toggleDialog);
    m.put("legend", ViewActions::legend);
    m.put("ship-status/toggle", ViewActions::shipSystem);
    return java.util.Collections.unmodifiableMap(m);
  }
}
