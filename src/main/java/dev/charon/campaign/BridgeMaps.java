package dev.charon.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 3D maps of the BRIDGE view (data-format.md §2), loaded and validated with the rest of the
 * campaign, so a reload picks up edits and ETags follow the content version.
 *
 * @param starMap empty when {@code galaxy/star_map.yaml} is missing or unusable
 * @param systemMaps by system slug, in directory order
 * @param orbitMaps by {@code <system>/<body>}, in directory order
 */
public record BridgeMaps(Optional<StarMap> starMap, Map<String, SystemMap> systemMaps,
    Map<String, OrbitMap> orbitMaps) {
  public static final BridgeMaps EMPTY = new BridgeMaps(Optional.empty(), Map.of(), Map.of());

  public BridgeMaps {
    systemMaps = Collections.unmodifiableMap(new LinkedHashMap<>(systemMaps));
    orbitMaps = Collections.unmodifiableMap(new LinkedHashMap<>(orbitMaps));
  }

  public Optional<SystemMap> systemMap(String systemSlug) {
    return Optional.ofNullable(systemMaps.get(systemSlug));
  }

  public Optional<OrbitMap> orbitMap(String systemSlug, String bodySlug) {
    return Optional.ofNullable(orbitMaps.get(systemSlug + "/" + bodySlug));
  }

  /** A system navigation may name: on the star map, or with a system map of its own. */
  public boolean knowsSystem(String id) {
    return systemMaps.containsKey(id) || starMap.flatMap(m -> m.system(id)).isPresent();
  }
}
