package dev.charon.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code galaxy/star_map.yaml}, validated (bridge.md §2.1): what the galaxy level of the BRIDGE map
 * draws. {@code json} is the answer of {@code GET /api/star-map/}, built once at load time in the
 * original's field names plus the computed ones; {@code systems} is its index for navigation.
 */
public record StarMap(List<StarSystem> systems, Map<String, Object> json) {
  public StarMap {
    systems = List.copyOf(systems);
    json = Frozen.map(json);
  }

  /**
   * A system on the star map.
   *
   * @param id how navigation names it: its {@code location_slug}, or for a system without one a
   *     slug made from its name (unique on the map)
   * @param locationSlug the system's directory under {@code galaxy/}, or ""
   * @param hasSystemMap whether {@code galaxy/<location_slug>/system_map.yaml} loaded
   */
  public record StarSystem(String id, String name, String locationSlug, boolean hasSystemMap) {}

  public Optional<StarSystem> system(String id) {
    return systems.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
