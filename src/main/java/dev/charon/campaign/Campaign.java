package dev.charon.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One loaded campaign: every location, map, NPC and the ship, parsed once and never touched
 * again. A reload builds a new instance and swaps it in ({@link CampaignHolder}), so readers
 * never see a half-loaded campaign.
 *
 * @param contentVersion a digest of every file's path and bytes: it changes whenever any file of
 *     the folder changes, and ETags derive from it
 * @param sessions session logs, newest (highest number) first
 * @param images paths (relative to {@code root}) of the images {@code api/campaign/images/} may
 *     serve, sorted
 * @param root the folder this campaign was read from; empty for {@link #empty()}
 * @param charon CHARON's personality ({@code charon/context.yaml}), or the built-in defaults
 * @param maps the BRIDGE view's star, system and orbit maps
 */
public record Campaign(
    List<Location> roots,
    Map<String, Npc> npcs,
    List<CrewMember> crew,
    Optional<Ship> ship,
    List<Problem> problems,
    String contentVersion,
    List<Session> sessions,
    Set<String> images,
    Optional<Path> root,
    CharonContext charon,
    BridgeMaps maps) {

  public Campaign {
    roots = List.copyOf(roots);
    npcs = Collections.unmodifiableMap(new LinkedHashMap<>(npcs));
    crew = List.copyOf(crew);
    problems = List.copyOf(problems);
    sessions = List.copyOf(sessions);
    images = Collections.unmodifiableSortedSet(new TreeSet<>(images));
  }

  /** A campaign without BRIDGE maps (campaigns built in code). */
  public Campaign(List<Location> roots, Map<String, Npc> npcs, List<CrewMember> crew, Optional<Ship> ship,
      List<Problem> problems, String contentVersion, List<Session> sessions, Set<String> images, Optional<Path> root,
      CharonContext charon) {
    this(roots, npcs, crew, ship, problems, contentVersion, sessions, images, root, charon, BridgeMaps.EMPTY);
  }

  public static Campaign empty() {
    return new Campaign(List.of(), Map.of(), List.of(), Optional.empty(), List.of(), "empty", List.of(), Set.of(),
        Optional.empty(), CharonContext.DEFAULT);
  }

  /** Depth-first, pre-order walk of every location. */
  public List<Location> allLocations() {
    List<Location> out = new ArrayList<>();
    roots.forEach(root -> root.collect(out));
    return out;
  }

  /** Slugs are unique: the loader reports duplicates as problems and keeps the first. */
  public Optional<Location> location(String slug) {
    if (slug == null || slug.isEmpty()) {
      return Optional.empty();
    }
    return allLocations().stream().filter(l -> l.slug().equals(slug)).findFirst();
  }

  public Optional<Npc> npc(String id) {
    return Optional.ofNullable(npcs.get(id));
  }
}
