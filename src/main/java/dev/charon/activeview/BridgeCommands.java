package dev.charon.activeview;

import dev.charon.activeview.BridgeNav.Level;
import dev.charon.activeview.BridgeNav.Tab;
import dev.charon.campaign.BridgeMaps;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.OrbitMap;
import dev.charon.campaign.SystemMap;
import dev.charon.web.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The BRIDGE navigation writes as transitions (docs/bridge.md): the GM's, and the shared terminal's
 * while the GM lets the players explore. Every selection is checked against the campaign's maps:
 * an id that names nothing is a 404, a selection the map cannot show (an orbit level without a
 * body, a body of another system, a station at the system level) a 400, each with its field.
 */
public final class BridgeCommands {
  private BridgeCommands() {}

  /**
   * A navigation request; absent fields keep their value, "" clears a selection. Changing the
   * system clears the body and station, changing the body clears the station, unless the request
   * names them too; going up a level drops what the new level has no place for (back from a
   * body's orbit to its system keeps the body selected, as the original's back button did).
   */
  public record Request(Optional<Tab> tab, Optional<Level> level, Optional<String> system, Optional<String> body,
      Optional<String> station) {
    boolean empty() {
      return tab.isEmpty() && level.isEmpty() && system.isEmpty() && body.isEmpty() && station.isEmpty();
    }
  }

  /** The GM's navigation. */
  public static Transition<Map<String, Object>> navigate(Request r) {
    if (r.empty()) {
      throw ApiError.badRequest("tab", "tab, level, system, body or station is required");
    }
    return (s, campaign) -> {
      BridgeNav next = resolve(s.bridge(), r, campaign);
      return Transition.change(s.toBuilder().bridge(next).build(), result(next));
    };
  }

  /** The shared terminal's navigation: only while the GM lets the players explore, and BRIDGE is on screen. */
  public static Transition<Map<String, Object>> navigateAsPlayers(Request r) {
    Transition<Map<String, Object>> navigate = navigate(r);
    return (s, campaign) -> {
      if (!s.bridge().explore()) {
        throw ApiError.conflict(null, "The GM has not handed the bridge to the players");
      }
      if (s.viewType() != ViewType.BRIDGE) {
        throw ApiError.conflict(null, "The bridge is not on screen");
      }
      return navigate.apply(s, campaign);
    };
  }

  public static Transition<Map<String, Object>> explore(boolean enabled) {
    return (s, campaign) -> Transition.change(s.toBuilder().bridge(s.bridge().withExplore(enabled)).build(),
        Map.of("bridge_explore", enabled));
  }

  static BridgeNav resolve(BridgeNav cur, Request r, Campaign campaign) {
    BridgeMaps maps = campaign.maps();
    Level level = r.level().orElse(cur.level());
    String system = r.system().orElse(cur.system());
    boolean systemChanged = !system.equals(cur.system());
    String body = r.body().orElse(systemChanged ? "" : cur.body());
    boolean bodyChanged = systemChanged || !body.equals(cur.body());
    String station = r.station().orElse(bodyChanged ? "" : cur.station());
    if (level == Level.GALAXY) {
      refuseAt(level, "body", r.body());
      refuseAt(level, "station", r.station());
      body = "";
      station = "";
    } else if (level == Level.SYSTEM) {
      refuseAt(level, "station", r.station());
      station = "";
    }
    if (!system.isEmpty() && !maps.knowsSystem(system)) {
      throw ApiError.notFound("system", "Unknown system: " + system);
    }
    if (level != Level.GALAXY) {
      if (system.isEmpty()) {
        throw ApiError.badRequest("system", "A system is required at the " + level.wire() + " level");
      }
      String sys = system;
      SystemMap systemMap = maps.systemMap(sys)
          .orElseThrow(() -> ApiError.notFound("system", "System map not found for " + quoted(sys)));
      Optional<SystemMap.Body> selected = Optional.empty();
      if (!body.isEmpty()) {
        String id = body;
        selected = Optional.of(systemMap.body(id).orElseThrow(() -> maps.systemMaps().values().stream()
            .anyMatch(m -> m.body(id).isPresent())
            ? ApiError.badRequest("body", quoted(id) + " is not a body of " + quoted(sys))
            : ApiError.notFound("body", "Unknown body: " + id)));
      }
      if (level == Level.ORBIT) {
        SystemMap.Body b = selected
            .orElseThrow(() -> ApiError.badRequest("body", "A body is required at the orbit level"));
        OrbitMap orbit = maps.orbitMap(sys, b.locationSlug()).filter(m -> b.hasOrbitMap())
            .orElseThrow(() -> ApiError.notFound("body",
                "Orbit map not found for " + quoted(sys) + "/" + quoted(b.id())));
        if (!station.isEmpty() && orbit.element(station).isEmpty()) {
          throw ApiError.notFound("station", "Unknown moon, station or surface marker: " + station);
        }
      }
    }
    BridgeNav next = cur.withMap(level, system, body, station);
    return r.tab().map(next::withTab).orElse(next);
  }

  private static void refuseAt(Level level, String field, Optional<String> given) {
    if (given.isPresent() && !given.get().isEmpty()) {
      throw ApiError.badRequest(field, "There is no " + field + " to select at the " + level.wire() + " level");
    }
  }

  /**
   * The navigation a reloaded campaign can still show: each selection the maps lost is dropped and
   * a level whose map is gone falls back to the one above it.
   */
  public static BridgeNav pruned(BridgeNav nav, Campaign campaign) {
    BridgeMaps maps = campaign.maps();
    Level level = nav.level();
    String system = nav.system();
    String body = nav.body();
    String station = nav.station();
    Optional<SystemMap> systemMap = maps.systemMap(system);
    Optional<SystemMap.Body> b = systemMap.flatMap(m -> m.body(nav.body()));
    Optional<OrbitMap> orbit = b.filter(SystemMap.Body::hasOrbitMap)
        .flatMap(x -> maps.orbitMap(nav.system(), x.locationSlug()));
    if (level == Level.ORBIT && orbit.isEmpty()) {
      level = Level.SYSTEM;
    }
    if (level == Level.ORBIT && orbit.get().element(station).isEmpty()) {
      station = "";
    }
    if (level == Level.SYSTEM) {
      station = "";
      if (systemMap.isEmpty()) {
        level = Level.GALAXY;
      } else if (b.isEmpty()) {
        body = "";
      }
    }
    if (level == Level.GALAXY) {
      body = "";
      station = "";
      if (!system.isEmpty() && !maps.knowsSystem(system)) {
        system = "";
      }
    }
    return nav.withMap(level, system, body, station);
  }

  static Map<String, Object> result(BridgeNav n) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("level", n.level().wire());
    map.put("system", n.system());
    map.put("body", n.body());
    map.put("station", n.station());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bridge_tab", n.tab().name());
    out.put("bridge_map", map);
    return out;
  }

  /** Ids quoted in messages, cut short: they come from the request. */
  private static String quoted(String id) {
    return "'" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'";
  }
}
