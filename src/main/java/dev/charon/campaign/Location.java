package dev.charon.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A directory under {@code galaxy/}: its slug is the directory name, its path the slugs from
 * the root system down to it.
 *
 * @param attributes every other key of {@code location.yaml}, for the GM's tree
 */
public record Location(
    String slug,
    List<String> path,
    String name,
    String type,
    String status,
    String description,
    Optional<EncounterMap> map,
    List<CommTerminal> terminals,
    List<Location> children,
    Map<String, Object> attributes) {

  public Location {
    path = List.copyOf(path);
    terminals = List.copyOf(terminals);
    children = List.copyOf(children);
    attributes = Frozen.map(attributes);
  }

  void collect(List<Location> out) {
    out.add(this);
    children.forEach(child -> child.collect(out));
  }

  public Optional<CommTerminal> terminal(String terminalSlug) {
    return terminals.stream().filter(t -> t.slug().equals(terminalSlug)).findFirst();
  }

  /** Location types the player terminal draws as a 2D tactical map (data-format.md §3.2). */
  public boolean isTactical() {
    return switch (type == null ? "" : type.toLowerCase(java.util.Locale.ROOT)) {
      case "station", "ship", "base", "deck", "room", "level", "section" -> true;
      default -> false;
    };
  }
}
