package dev.charon.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code galaxy/<system>/system_map.yaml}, validated (bridge.md §2.2, §8): {@code json} is the answer
 * of {@code GET /api/system-map/<system>/}, {@code bodies} its index for navigation.
 *
 * @param slug the system's directory name
 */
public record SystemMap(String slug, List<Body> bodies, Map<String, Object> json) {
  public SystemMap {
    bodies = List.copyOf(bodies);
    json = Frozen.map(json);
  }

  /**
   * A planet, gas giant or belt of the system.
   *
   * @param id its {@code location_slug}, or for a body without one a slug made from its name
   *     (unique in the system)
   * @param locationSlug the body's directory under the system's, or ""
   * @param hasOrbitMap whether {@code galaxy/<system>/<location_slug>/orbit_map.yaml} loaded
   * @param surfaceFacilityCount child locations on the surface (moons excluded)
   * @param orbitalStationCount child locations in orbit
   * @param moonCount child locations that are moons (the original counted them as surface facilities)
   */
  public record Body(String id, String name, String locationSlug, boolean hasOrbitMap, int surfaceFacilityCount,
      int orbitalStationCount, int moonCount) {}

  public Optional<Body> body(String id) {
    return bodies.stream().filter(b -> b.id().equals(id)).findFirst();
  }
}
