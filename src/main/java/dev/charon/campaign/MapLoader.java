package dev.charon.campaign;

import dev.charon.campaign.Deck.Connection;
import dev.charon.campaign.Deck.Grid;
import dev.charon.campaign.Deck.Poi;
import dev.charon.campaign.Deck.Position;
import dev.charon.campaign.Deck.Room;
import dev.charon.campaign.Deck.TerminalMarker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The encounter map of one location (data-format.md §4) with its validation: rooms that overlap
 * or leave the grid, connections to missing rooms, room and connection ids used twice.
 *
 * <p>Rules, all deterministic: {@code map/manifest.yaml} makes a multi-deck map (deck id = the
 * manifest's id; a broken manifest is reported and gives no map rather than an arbitrary deck);
 * otherwise the first {@code *.yaml}/{@code *.yml} file of {@code map/} by name is a single-deck
 * map.
 */
final class MapLoader {
  static final String MANIFEST = "manifest.yaml";
  static final int DEFAULT_UNIT_SIZE_PIXELS = 40;
  static final Set<String> DOOR_STATUSES = Set.of("OPEN", "CLOSED", "LOCKED", "SEALED", "DAMAGED");

  private final LoadContext ctx;
  /** The file each deck of the map being loaded came from, for problems found across decks. */
  private final Map<String, Path> deckFiles = new HashMap<>();

  MapLoader(LoadContext ctx) {
    this.ctx = ctx;
  }

  Optional<EncounterMap> load(Path locationDir) {
    Path dir = locationDir.resolve("map");
    if (!ctx.files.isDirectory(dir)) {
      return Optional.empty();
    }
    ctx.images.scanFolder(dir);
    deckFiles.clear();
    Optional<EncounterMap> map = ctx.files.isFile(dir.resolve(MANIFEST)) ? multiDeck(dir) : singleDeck(dir);
    map.ifPresent(m -> checkAcrossDecks(dir, m));
    return map;
  }

  private Optional<EncounterMap> singleDeck(Path dir) {
    List<Path> files = ctx.files(dir, "yaml", "yml");
    if (files.isEmpty()) {
      return Optional.empty();
    }
    Path file = files.get(0);
    if (files.size() > 1) {
      ctx.problem(file, 0, "map/ holds " + files.size() + " map files and no " + MANIFEST + "; only "
          + file.getFileName() + " (first by name) is used");
    }
    return ctx.yamlObject(file).map(y -> {
      String id = y.optionalString("deck_id").orElse(LoadContext.stem(file));
      Deck deck = deck(file, y, id, y.string("name", "Map"), 1);
      return new EncounterMap(false, List.of(deck), deck.id(), Map.of(), 1);
    });
  }

  private Optional<EncounterMap> multiDeck(Path dir) {
    Path manifestFile = dir.resolve(MANIFEST);
    Optional<YamlObject> manifest = ctx.yamlObject(manifestFile);
    if (manifest.isEmpty()) {
      ctx.problem(manifestFile, 0, "the manifest cannot be read, so this location has no map");
      return Optional.empty();
    }
    YamlObject m = manifest.get();
    List<Deck> decks = new ArrayList<>();
    String defaultId = null;
    Set<String> ids = new java.util.HashSet<>();
    int index = 0;
    for (YamlObject entry : m.objects("decks")) {
      index++;
      Optional<String> id = entry.optionalString("id");
      Optional<String> file = entry.optionalString("file");
      if (id.isEmpty() || file.isEmpty()) {
        entry.problem("a deck needs an 'id' and a 'file'; this one is skipped");
        continue;
      }
      if (!ids.add(id.get())) {
        entry.problem("deck id '" + id.get() + "' is listed twice; the second is skipped");
        continue;
      }
      Path deckFile = dir.resolve(file.get()).normalize();
      if (!deckFile.getParent().equals(dir) || !ctx.files.isFile(deckFile)) {
        entry.problem("deck '" + id.get() + "': file '" + file.get() + "' not found in map/");
        continue;
      }
      int level = entry.integer("level").orElse(index);
      String name = entry.optionalString("name").orElse(id.get());
      Optional<YamlObject> content = ctx.yamlObject(deckFile);
      if (content.isEmpty()) {
        continue;
      }
      decks.add(deck(deckFile, content.get(), id.get(), name, level));
      if (defaultId == null && entry.bool("default", false)) {
        defaultId = id.get();
      }
    }
    if (decks.isEmpty()) {
      m.problem("the manifest lists no deck that loads, so this location has no map");
      return Optional.empty();
    }
    if (defaultId == null) {
      defaultId = decks.get(0).id();
    }
    m.integer("total_decks").filter(n -> n != ids.size())
        .ifPresent(n -> m.problem("total_decks is " + n + " but " + ids.size() + " decks are listed"));
    decks.sort(Comparator.comparingInt(Deck::level));
    return Optional.of(new EncounterMap(true, decks, defaultId, m.rest(Set.of("decks")), decks.size()));
  }

  private Deck deck(Path file, YamlObject y, String id, String name, int level) {
    deckFiles.put(id, file);
    Optional<Grid> grid = y.object("grid").flatMap(g -> {
      Optional<Integer> w = g.integer("width");
      Optional<Integer> h = g.integer("height");
      if (w.isEmpty() || h.isEmpty() || w.get() <= 0 || h.get() <= 0) {
        g.problem("grid needs a positive width and height; the map is shown without a grid");
        return Optional.empty();
      }
      int unit = g.integer("unit_size").filter(u -> u > 0).orElse(DEFAULT_UNIT_SIZE_PIXELS);
      return Optional.of(new Grid(w.get(), h.get(), unit));
    });
    Map<String, Room> rooms = new LinkedHashMap<>();
    Map<Room, Integer> roomLines = new HashMap<>();
    for (YamlObject r : y.objects("rooms")) {
      Optional<Room> room = room(r);
      room.ifPresent(value -> {
        if (rooms.putIfAbsent(value.id(), value) != null) {
          r.problem("room id '" + value.id() + "' is used twice on this deck; the second is ignored");
        } else {
          roomLines.put(value, r.line());
        }
      });
    }
    checkGeometry(file, grid, new ArrayList<>(rooms.values()), roomLines);
    List<Connection> connections = y.has("connections") ? connections(y, rooms) : doors(y, rooms);
    List<TerminalMarker> terminals = new ArrayList<>();
    for (YamlObject t : y.objects("terminals")) {
      String room = roomRef(t, "room", rooms, "terminal");
      terminals.add(new TerminalMarker(t.string("id", ""), room, position(t), t.string("terminal_slug", ""),
          t.string("name", "")));
    }
    List<Poi> poi = new ArrayList<>();
    for (YamlObject p : y.objects("poi")) {
      String room = roomRef(p, "room", rooms, "point of interest");
      poi.add(new Poi(p.string("id", ""), p.string("type", ""), room, position(p), p.string("name", ""),
          p.string("icon", ""), p.string("status", ""), p.string("description", "")));
    }
    return new Deck(id, name, level, grid, new ArrayList<>(rooms.values()), connections, terminals, poi,
        sameStemImage(file));
  }

  private Optional<Room> room(YamlObject r) {
    Optional<String> id = r.optionalString("id");
    Optional<Integer> x = r.integer("x");
    Optional<Integer> y = r.integer("y");
    Optional<Integer> w = r.integer("width");
    Optional<Integer> h = r.integer("height");
    if (id.isEmpty() || x.isEmpty() || y.isEmpty() || w.isEmpty() || h.isEmpty()) {
      r.problem("a room needs id, x, y, width and height; this one is ignored");
      return Optional.empty();
    }
    if (w.get() <= 0 || h.get() <= 0) {
      r.problem("room '" + id.get() + "' has no area (width and height must be at least 1); it is ignored");
      return Optional.empty();
    }
    return Optional.of(new Room(id.get(), r.optionalString("name").orElse(id.get()), x.get(), y.get(), w.get(),
        h.get(), r.optionalString("status").orElse("OPERATIONAL"), r.string("description", "")));
  }

  private void checkGeometry(Path file, Optional<Grid> grid, List<Room> rooms, Map<Room, Integer> lines) {
    for (int i = 0; i < rooms.size(); i++) {
      Room a = rooms.get(i);
      grid.filter(g -> a.x() < 0 || a.y() < 0 || a.x() + a.width() > g.width() || a.y() + a.height() > g.height())
          .ifPresent(g -> ctx.problem(file, lines.get(a), "room '" + a.id() + "' lies (partly) outside the "
              + g.width() + "x" + g.height() + " grid"));
      for (int j = i + 1; j < rooms.size(); j++) {
        Room b = rooms.get(j);
        boolean overlap = a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
            && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
        if (overlap) {
          ctx.problem(file, lines.get(b), "room '" + b.id() + "' overlaps room '" + a.id() + "'");
        }
      }
    }
  }

  private List<Connection> connections(YamlObject y, Map<String, Room> rooms) {
    List<Connection> out = new ArrayList<>();
    for (YamlObject c : y.objects("connections")) {
      connection(c, "from", "to", "door_type", "door_status", rooms).ifPresent(out::add);
    }
    return out;
  }

  /** The legacy {@code doors[]} list, read only when {@code connections} is absent. */
  private List<Connection> doors(YamlObject y, Map<String, Room> rooms) {
    List<Connection> out = new ArrayList<>();
    for (YamlObject d : y.objects("doors")) {
      connection(d, "room_a", "room_b", "type", "status", rooms).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Connection> connection(YamlObject c, String fromKey, String toKey, String typeKey,
      String statusKey, Map<String, Room> rooms) {
    Optional<String> from = c.optionalString(fromKey);
    Optional<String> to = c.optionalString(toKey);
    if (from.isEmpty() || to.isEmpty()) {
      c.problem("a connection needs '" + fromKey + "' and '" + toKey + "'; this one is ignored");
      return Optional.empty();
    }
    for (String end : List.of(from.get(), to.get())) {
      if (!rooms.containsKey(end)) {
        c.problem("connection " + from.get() + " -> " + to.get() + " leads to missing room '" + end
            + "'; it is ignored");
        return Optional.empty();
      }
    }
    String id = c.optionalString("id").orElseGet(() -> {
      c.problem("connection " + from.get() + " -> " + to.get() + " has no id; its door cannot be changed in play");
      return from.get() + "--" + to.get();
    });
    String status = c.optionalString(statusKey).map(s -> s.toUpperCase(java.util.Locale.ROOT)).orElse("CLOSED");
    if (!DOOR_STATUSES.contains(status)) {
      c.problem("door status '" + status + "' is not one of OPEN, CLOSED, LOCKED, SEALED, DAMAGED; CLOSED is used");
      status = "CLOSED";
    }
    return Optional.of(new Connection(id, from.get(), to.get(), c.string(typeKey, ""), status));
  }

  private static String roomRef(YamlObject o, String key, Map<String, Room> rooms, String what) {
    String room = o.string(key, "");
    if (!rooms.containsKey(room)) {
      o.problem(what + " '" + o.string("id", "") + "' is in missing room '" + room + "'; players never see it");
    }
    return room;
  }

  private static Position position(YamlObject o) {
    return o.object("position")
        .map(p -> new Position(p.number("x").orElse(0.0), p.number("y").orElse(0.0)))
        .orElse(new Position(0, 0));
  }

  /** A same-stem image next to the map file (deck_1.yaml → deck_1.png), or "". */
  private String sameStemImage(Path file) {
    String stem = LoadContext.stem(file);
    for (String ext : ImageIndex.EXTENSIONS) {
      Path image = file.resolveSibling(stem + "." + ext);
      String rel = ctx.rel(image);
      if (ctx.images.contains(rel)) {
        return ImageIndex.url(rel);
      }
    }
    return "";
  }

  /** Room and connection ids are keys of flat state maps, so they must be unique per location. */
  private void checkAcrossDecks(Path dir, EncounterMap map) {
    Map<String, String> roomDeck = new HashMap<>();
    Map<String, String> connectionDeck = new HashMap<>();
    for (Deck d : map.decks()) {
      for (Room r : d.rooms()) {
        String first = roomDeck.putIfAbsent(r.id(), d.id());
        if (first != null) {
          ctx.problem(deckFiles.get(d.id()), 0, "room id '" + r.id() + "' is used on deck '" + first
              + "' and on deck '" + d.id() + "'; room ids must be unique across the decks of a location");
        }
      }
      for (Connection c : d.connections()) {
        String first = connectionDeck.putIfAbsent(c.id(), d.id());
        if (first != null) {
          ctx.problem(deckFiles.get(d.id()), 0, "connection id '" + c.id() + "' is used twice (deck '" + first
              + "', deck '" + d.id() + "'); connection ids must be unique within a location");
        }
      }
    }
  }
}
