package dev.charon.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The location tree under {@code galaxy/} (data-format.md §3): one location per directory, its
 * slug the directory name, children sorted by name. Slugs must be unique in the whole campaign
 * (state refers to locations by slug): the first in walk order (depth-first, siblings by name)
 * wins, and a later directory with the same name is reported and left out with its sub-tree.
 */
final class LocationLoader {
  /** Directory names inside a location that are never child locations. */
  static final Set<String> RESERVED = Set.of("comms", "map", "maps");
  /** Deeper nesting is reported and cut off (a guard against pathological trees). */
  static final int MAX_DEPTH = 16;
  /** Keys of location.yaml that become record fields or are computed, not passed through. */
  private static final Set<String> OWN_KEYS = Set.of(
      "name", "type", "status", "description", "slug", "directory", "map", "maps", "has_map", "terminals", "children");

  private final LoadContext ctx;
  private final MapLoader maps;
  private final CommsLoader comms;
  private final Map<String, String> firstBySlug = new HashMap<>();

  LocationLoader(LoadContext ctx) {
    this.ctx = ctx;
    this.maps = new MapLoader(ctx);
    this.comms = new CommsLoader(ctx);
  }

  List<Location> loadGalaxy() {
    Path galaxy = ctx.root.resolve("galaxy");
    if (!ctx.files.isDirectory(galaxy)) {
      ctx.problems.add("galaxy", 0, "the campaign has no galaxy/ folder, so it has no locations");
      return List.of();
    }
    return children(galaxy, List.of());
  }

  private List<Location> children(Path dir, List<String> parentPath) {
    List<Location> out = new ArrayList<>();
    for (Path child : ctx.subdirectories(dir)) {
      if (!RESERVED.contains(child.getFileName().toString())) {
        location(child, parentPath).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<Location> location(Path dir, List<String> parentPath) {
    String slug = dir.getFileName().toString();
    String first = firstBySlug.putIfAbsent(slug, ctx.rel(dir));
    if (first != null) {
      ctx.problem(dir, 0, "duplicate location slug '" + slug + "' (first at " + first
          + "); this directory and its sub-locations are ignored");
      return Optional.empty();
    }
    if (parentPath.size() >= MAX_DEPTH) {
      ctx.problem(dir, 0, "locations nested deeper than " + MAX_DEPTH + " levels are ignored");
      return Optional.empty();
    }
    List<String> path = new ArrayList<>(parentPath);
    path.add(slug);
    Path yaml = dir.resolve("location.yaml");
    Optional<YamlObject> meta = ctx.files.isFile(yaml) ? ctx.yamlObject(yaml) : Optional.empty();
    String name = meta.flatMap(m -> m.optionalString("name")).orElse(slug);
    String type = meta.map(m -> m.string("type", "")).orElse("");
    String status = meta.map(m -> m.string("status", "")).orElse("");
    String description = meta.map(m -> m.string("description", "")).orElse("");
    Map<String, Object> attributes = meta.map(m -> m.rest(OWN_KEYS)).orElse(Map.of());
    Optional<EncounterMap> map = maps.load(dir);
    List<CommTerminal> terminals = comms.load(dir);
    List<Location> children = children(dir, path);
    return Optional.of(new Location(slug, path, name, type, status, description, map, terminals, children, attributes));
  }
}
