package dev.charon.activeview;

import dev.charon.campaign.Campaign;
import dev.charon.campaign.EncounterMap;
import dev.charon.campaign.Location;
import dev.charon.campaign.Ship;
import dev.charon.web.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The view-level GM actions (endpoints #1–#6 and #17 of spec/api.md) as pure transitions.
 * Each validates everything before it builds the next state.
 */
public final class ViewCommands {
  static final int MAX_SLUG_CHARS = 200;
  static final int MAX_INFO_CHARS = 200;

  private ViewCommands() {}

  /**
   * #1 switch-view. Unlike the original, an omitted {@code location_slug} keeps the current
   * location (STANDBY and back no longer loses the encounter), and only a different location,
   * or {@code reset}, starts a new encounter: all rooms hidden, default deck, no portraits,
   * tokens or door overrides (the original kept tokens and doors of the old map).
   */
  public static Transition<Map<String, Object>> switchView(ViewType viewType, Optional<String> locationSlug,
      String viewSlug, boolean reset) {
    return (s, campaign) -> {
      String slug = locationSlug.orElse(s.locationSlug());
      Optional<Location> location = campaign.location(slug);
      if (!slug.isEmpty() && location.isEmpty()) {
        throw ApiError.notFound("location_slug", "Location not found: " + slug);
      }
      ActiveViewState.Builder b = s.toBuilder()
          .viewType(viewType)
          .locationSlug(slug)
          .viewSlug(viewSlug)
          .overlay("", "");
      switch (viewType) {
        case CHARON_TERMINAL -> b.charonActiveChannel("story");
        case BRIDGE -> b.charonActiveChannel("bridge");
        case ENCOUNTER -> {
          if (!slug.isEmpty()) {
            b.charonActiveChannel("encounter-" + slug);
          }
        }
        default -> { }
      }
      if (reset || !slug.equals(s.locationSlug())) {
        newEncounter(b, location.flatMap(Location::map));
      }
      // The GM shows the CHARON dialog over one view; moving to another closes it, rather than
      // letting it follow players into a view it was never meant for (the original's flag leaked).
      if (viewType != s.viewType() || !slug.equals(s.locationSlug())) {
        b.charonDialogOpen(false);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("view_type", viewType.name());
      result.put("location_slug", slug);
      return Transition.change(b.build(), result);
    };
  }

  private static void newEncounter(ActiveViewState.Builder b, Optional<EncounterMap> map) {
    Map<String, Boolean> hidden = new LinkedHashMap<>();
    map.ifPresent(m -> m.allRooms().forEach(room -> hidden.put(room.id(), false)));
    b.roomVisibility(hidden)
        .doorStatus(Map.of())
        .tokens(Map.of())
        .activePortraits(List.of());
    map.ifPresentOrElse(m -> b.deck(m.defaultDeck().level(), m.defaultDeck().id()), () -> b.deck(1, ""));
  }

  /** #2 show-terminal; both slugs empty hides the overlay, as the original's console did. */
  public static Transition<Map<String, Object>> showTerminal(String locationSlug, String terminalSlug) {
    return (s, campaign) -> {
      if (locationSlug.isEmpty() && terminalSlug.isEmpty()) {
        return Transition.change(s.toBuilder().overlay("", "").build(), Map.of("overlay_terminal_slug", ""));
      }
      Location location = campaign.location(locationSlug)
          .orElseThrow(() -> ApiError.notFound("location_slug", "Location not found: " + locationSlug));
      location.terminal(terminalSlug)
          .orElseThrow(() -> ApiError.notFound("terminal_slug", "Terminal not found: " + terminalSlug));
      return Transition.change(s.toBuilder().overlay(locationSlug, terminalSlug).build(),
          Map.of("overlay_terminal_slug", terminalSlug));
    };
  }

  /** #3 hide the comm-terminal overlay (for everyone). */
  public static Transition<Map<String, Object>> hideTerminal() {
    return (s, campaign) -> Transition.change(s.toBuilder().overlay("", "").build(), Map.of());
  }

  /** #4 CHARON mode. */
  public static Transition<Map<String, Object>> charonMode(String mode) {
    if (!mode.equals("DISPLAY") && !mode.equals("QUERY")) {
      throw ApiError.badRequest("mode", "Invalid mode. Must be DISPLAY or QUERY");
    }
    return (s, campaign) -> Transition.change(s.toBuilder().charonMode(mode).build(), Map.of("mode", mode));
  }

  /** #5 CHARON location: empty, or the slash-joined path of a known location. */
  public static Transition<Map<String, Object>> charonLocation(String path) {
    return (s, campaign) -> {
      if (!path.isEmpty() && campaign.allLocations().stream().noneMatch(l -> String.join("/", l.path()).equals(path))) {
        throw ApiError.notFound("location_path", "Location path not found: " + path);
      }
      return Transition.change(s.toBuilder().charonLocationPath(path).build(), Map.of("location_path", path));
    };
  }

  /** Puts a CHARON channel on the shared terminal; the caller checked that it exists. */
  public static Transition<Map<String, Object>> charonActiveChannel(String channel) {
    return (s, campaign) -> Transition.change(s.toBuilder().charonActiveChannel(channel).build(),
        Map.of("charon_active_channel", channel));
  }

  /** #6 CHARON dialog: an explicit value, or the opposite of the current one. */
  public static Transition<Map<String, Object>> toggleDialog(Optional<Boolean> open) {
    return (s, campaign) -> {
      boolean next = open.orElse(!s.charonDialogOpen());
      return Transition.change(s.toBuilder().charonDialogOpen(next).build(), Map.of("charon_dialog_open", next));
    };
  }

  /** Ship-system statuses the terminal knows how to draw. */
  public static final List<String> SHIP_STATUSES = List.of("ONLINE", "STRESSED", "DAMAGED", "CRITICAL", "OFFLINE");

  /** #17 override one ship system; fields left out keep their earlier override. */
  public static Transition<Map<String, Object>> shipSystem(String system, Optional<String> status,
      Optional<Integer> condition, Optional<String> info) {
    status.ifPresent(st -> {
      if (!SHIP_STATUSES.contains(st)) {
        throw ApiError.badRequest("status", "Invalid status. Must be one of: " + String.join(", ", SHIP_STATUSES));
      }
    });
    condition.ifPresent(c -> {
      if (c < 0 || c > 100) {
        throw ApiError.badRequest("condition", "condition must be between 0 and 100");
      }
    });
    if (status.isEmpty() && condition.isEmpty() && info.isEmpty()) {
      throw ApiError.badRequest("status", "status, condition or info is required");
    }
    return (s, campaign) -> {
      Ship ship = campaign.ship().orElseThrow(() -> ApiError.notFound(null, "Ship data not found"));
      if (!ship.systems().containsKey(system)) {
        throw ApiError.badRequest("system",
            "Invalid system. Must be one of: " + String.join(", ", ship.systems().keySet()));
      }
      ShipOverride requested = new ShipOverride(status.orElse(null), condition.orElse(null), info.orElse(null));
      Map<String, ShipOverride> overrides = new LinkedHashMap<>(s.shipOverrides());
      ShipOverride merged = overrides.containsKey(system) ? overrides.get(system).mergedWith(requested) : requested;
      overrides.put(system, merged);
      Map<String, Object> override = new LinkedHashMap<>();
      if (merged.status() != null) {
        override.put("status", merged.status());
      }
      if (merged.condition() != null) {
        override.put("condition", merged.condition());
      }
      if (merged.info() != null) {
        override.put("info", merged.info());
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("system", system);
      result.put("override", override);
      return Transition.change(s.toBuilder().shipOverrides(overrides).build(), result);
    };
  }

  /**
   * Projector mode on, framing {@code x, y, width, height} (map units, checked by the resource) of
   * a map. The rectangle names its map, so a terminal never applies it to another: the one the GM's
   * console framed when it says so (its write may overtake its own switch of location or deck,
   * which it sent just before), else the map on screen now. Each new rectangle is one version.
   */
  public static Transition<Map<String, Object>> projectorOn(Optional<String> locationSlug, Optional<String> deckId,
      double x, double y, double width, double height) {
    return (s, campaign) -> {
      Projector p = new Projector(locationSlug.orElse(s.locationSlug()), deckId.orElse(s.encounterDeckId()),
          Projector.rounded(x), Projector.rounded(y),
          Projector.rounded(width), Projector.rounded(height));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("projector", Map.of("location_slug", p.locationSlug(), "deck_id", p.deckId(), "x", p.x(), "y", p.y(),
          "width", p.width(), "height", p.height()));
      return Transition.change(s.toBuilder().projector(p).build(), result);
    };
  }

  /** Projector mode off: every terminal is back to its own pan and zoom. */
  public static Transition<Map<String, Object>> projectorOff() {
    return (s, campaign) -> {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("projector", null);
      return Transition.change(s.toBuilder().projector(null).build(), result);
    };
  }

  /** Shows or hides the map legend on the shared terminal. */
  public static Transition<Map<String, Object>> legend(boolean visible) {
    return (s, campaign) -> Transition.change(s.toBuilder().legendVisible(visible).build(),
        Map.of("legend_visible", visible));
  }

  /** The encounter map of the current location, or a 409 telling the GM to pick one. */
  public static EncounterMap currentMap(ActiveViewState s, Campaign campaign) {
    return campaign.location(s.locationSlug()).flatMap(Location::map)
        .orElseThrow(() -> ApiError.conflict(null, "No encounter map is selected: choose a location with a map first"));
  }
}
