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

  /** Batch action names: each endpoint's path under {@code /api/gm/}. */
  public static final Map<String, Action> BY_NAME = byName();

  private static Map<String, Action> byName() {
    Map<String, Action> m = new LinkedHashMap<>();
    m.put("switch-view", ViewActions::switchView);
    m.put("show-terminal", ViewActions::showTerminal);
    m.put("charon/mode", ViewActions::charonMode);
    m.put("charon/location", ViewActions::charonLocation);
    m.put("charon/toggle-dialog", ViewActions::toggleDialog);
    m.put("ship-status/toggle", ViewActions::shipSystem);
    return java.util.Collections.unmodifiableMap(m);
  }
}
