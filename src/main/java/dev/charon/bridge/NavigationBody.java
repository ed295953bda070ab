package dev.charon.bridge;

import dev.charon.activeview.BridgeCommands;
import dev.charon.activeview.BridgeNav;
import dev.charon.web.ApiError;
import dev.charon.web.Body;

/** The body of both navigate routes: {@code {tab?, level?, system?, body?, station?}}. */
final class NavigationBody {
  /** Map ids are directory names or slugs of names. */
  static final int MAX_ID_CHARS = 200;

  private NavigationBody() {}

  static BridgeCommands.Request read(Body body) {
    return new BridgeCommands.Request(
        body.optionalExact("tab").map(t -> BridgeNav.Tab.parse(t).orElseThrow(() ->
            ApiError.badRequest("tab", "Invalid tab. Must be one of: " + BridgeNav.Tab.choices()))),
        body.optionalExact("level").map(l -> BridgeNav.Level.parse(l).orElseThrow(() ->
            ApiError.badRequest("level", "Invalid level. Must be one of: " + BridgeNav.Level.choices()))),
        body.optionalString("system", MAX_ID_CHARS),
        body.optionalString("body", MAX_ID_CHARS),
        body.optionalString("station", MAX_ID_CHARS));
  }
}
