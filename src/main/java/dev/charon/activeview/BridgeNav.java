package dev.charon.activeview;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the BRIDGE view shows: the tab, and on the MAP tab the level and selection. It is shared
 * state, pushed like the rest, so every terminal follows the GM (the original kept it per
 * browser, invisible to the GM; bridge.md §1). {@code explore} hands the shared screen to the
 * players: while it is set, the terminal may change the tab and the map itself
 * ({@code POST /api/bridge/navigate}), and what it selects is pushed to the GM too.
 *
 * <p>The map selection by level; "" means none:
 * <ul>
 *   <li>{@code galaxy}: {@code system} = the selected system of the star map, or "";
 *   <li>{@code system}: {@code system} = the system shown (it has a system map), {@code body} = the
 *       selected body, or "";
 *   <li>{@code orbit}: {@code system} and {@code body} = the body shown (it has an orbit map),
 *       {@code station} = the selected moon, orbital station or surface marker, or "".
 * </ul>
 * Ids are those of the map endpoints ({@code id} of systems, bodies and orbit elements).
 */
public record BridgeNav(Tab tab, Level level, String system, String body, String station, boolean explore) {
  public static final BridgeNav DEFAULT = new BridgeNav(Tab.MAP, Level.GALAXY, "", "", "", false);

  public enum Tab {
    MAP, PERSONNEL, LOGS, STATUS, CHARON;

    public static Optional<Tab> parse(String s) {
      return Arrays.stream(values()).filter(t -> t.name().equals(s)).findFirst();
    }

    public static String choices() {
      return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
  }

  public enum Level {
    GALAXY, SYSTEM, ORBIT;

    /** Lower case on the wire, as the levels are named in bridge.md. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Level> parse(String s) {
      return Arrays.stream(values()).filter(l -> l.wire().equals(s)).findFirst();
    }

    public static String choices() {
      return String.join(", ", Arrays.stream(values()).map(Level::wire).toList());
    }
  }

  public BridgeNav {
    system = system == null ? "" : system;
    body = body == null ? "" : body;
    station = station == null ? "" : station;
  }

  public BridgeNav withTab(Tab t) {
    return new BridgeNav(t, level, system, body, station, explore);
  }

  public BridgeNav withMap(Level l, String sys, String b, String st) {
    return new BridgeNav(tab, l, sys, b, st, explore);
  }

  public BridgeNav withExplore(boolean e) {
    return new BridgeNav(tab, level, system, body, station, e);
  }
}
