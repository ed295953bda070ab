package dev.charon.campaign;

import java.util.Map;

/**
 * {@code campaign/ship.yaml}: the players' ship. {@code systems} keeps file order; the GM can
 * override any system listed here at runtime.
 *
 * @param raw the whole {@code ship} object as loaded, for the status endpoint
 */
public record Ship(String name, Map<String, ShipSystem> systems, Map<String, Object> raw) {
  public Ship {
    systems = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(systems));
    raw = Frozen.map(raw);
  }

  public record ShipSystem(String status, Integer condition, String info) {}
}
