package dev.charon.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code galaxy/<system>/<body>/orbit_map.yaml}, validated (bridge.md §2.3): {@code json} is the
 * answer of {@code GET /api/orbit-map/<system>/<body>/}, {@code elements} its index for navigation.
 */
public record OrbitMap(String systemSlug, String bodySlug, List<Element> elements, Map<String, Object> json) {
  public OrbitMap {
    elements = List.copyOf(elements);
    json = Frozen.map(json);
  }

  /** Which list of the file an element comes from. */
  public enum Kind { MOON, STATION, SURFACE_MARKER }

  /**
   * A moon, orbital station or surface marker.
   *
   * @param id its {@code location_slug}, or a slug made from its name; unique across the three lists
   */
  public record Element(String id, Kind kind, String name) {}

  public Optional<Element> element(String id) {
    return elements.stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
