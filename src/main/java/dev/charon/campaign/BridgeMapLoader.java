package dev.charon.campaign;

import static dev.charon.campaign.MapFields.MAX_ANGLE_DEGREES;
import static dev.charon.campaign.MapFields.MAX_COORDINATE;
import static dev.charon.campaign.MapFields.MAX_NAME_CHARS;
import static dev.charon.campaign.MapFields.MAX_PARTICLES;
import static dev.charon.campaign.MapFields.MAX_PERIOD;
import static dev.charon.campaign.MapFields.MAX_SIZE;
import static dev.charon.campaign.MapFields.bool;
import static dev.charon.campaign.MapFields.color;
import static dev.charon.campaign.MapFields.computed;
import static dev.charon.campaign.MapFields.info;
import static dev.charon.campaign.MapFields.integer;
import static dev.charon.campaign.MapFields.list;
import static dev.charon.campaign.MapFields.number;
import static dev.charon.campaign.MapFields.object;
import static dev.charon.campaign.MapFields.objectOr;
import static dev.charon.campaign.MapFields.positive;
import static dev.charon.campaign.MapFields.range;
import static dev.charon.campaign.MapFields.settings;
import static dev.charon.campaign.MapFields.slug;
import static dev.charon.campaign.MapFields.text;
import static dev.charon.campaign.MapFields.texture;
import static dev.charon.campaign.MapFields.vector;

import dev.charon.campaign.MapFields.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The BRIDGE map files (data-format.md §2, bridge.md §2 and §8): {@code galaxy/star_map.yaml}, every
 * {@code galaxy/<system>/system_map.yaml} and every {@code galaxy/<system>/<body>/orbit_map.yaml},
 * read against the schemas below (the fields bridge.md documents, under the original's names) with
 * the computed fields of bridge.md §8 added. Orbit maps load first, then system maps (which say
 * whether a body has one), then the star map (which says whether a system has one): a flag is true
 * only when the map it promises loaded, so a client never dives into a 404.
 */
final class BridgeMapLoader {
  static final String STAR_MAP = "star_map.yaml";
  static final String SYSTEM_MAP = "system_map.yaml";
  static final String ORBIT_MAP = "orbit_map.yaml";
  static final int MAX_ID_CHARS = 64;

  private static final Schema CAMERA = Schema.of(
      "position", vector(3, -MAX_COORDINATE, MAX_COORDINATE),
      "lookAt", vector(3, -MAX_COORDINATE, MAX_COORDINATE),
      "fov", number(1, 179),
      "zoom_limits", range(0, MAX_COORDINATE));
  private static final Schema LIGHT = Schema.of("color", color(), "intensity", number(0, 100));

  private static final Schema SYSTEM = Schema.of(
      "id", computed(),
      "name", text(MAX_NAME_CHARS),
      "position", vector(3, -MAX_COORDINATE, MAX_COORDINATE),
      "color", color(),
      "size", number(0, MAX_SIZE),
      "type", text(MAX_NAME_CHARS),
      "label", bool(),
      "location_slug", slug(),
      "info", info(),
      "has_system_map", computed())
      .requiring("name").dropIfMissing("position");
  private static final Schema ROUTE = Schema.of(
      "from", text(MAX_NAME_CHARS),
      "to", text(MAX_NAME_CHARS),
      "from_slug", slug(),
      "to_slug", slug(),
      "color", color(),
      "route_type", text(MAX_NAME_CHARS),
      "travel_time_days", number(0, MAX_PERIOD),
      "info", info());
  private static final Schema NEBULA = Schema.of(
      "name", text(MAX_NAME_CHARS),
      "position", vector(3, -MAX_COORDINATE, MAX_COORDINATE),
      "color", color(),
      "size", number(0, MAX_SIZE),
      "particle_count", integer(0, MAX_PARTICLES),
      "opacity", number(0, 1),
      "type", text(MAX_NAME_CHARS))
      .dropIfMissing("position");
  static final Schema STAR_MAP_FILE = Schema.of(
      "camera", object(CAMERA),
      // The demo and some campaigns write a bare colour here; the documented form is a mapping.
      "ambient_light", objectOr(LIGHT, "color", color()),
      "systems", list(SYSTEM),
      "routes", list(ROUTE),
      "nebulae", list(NEBULA));

  private static final Schema STAR = Schema.of(
      "name", text(MAX_NAME_CHARS),
      "type", text(MAX_NAME_CHARS),
      "color", color(),
      "size", number(0, MAX_SIZE),
      "light_color", color(),
      "corona_intensity", number(0, 100),
      "flare_activity", bool());
  private static final Schema BODY = Schema.of(
      "id", computed(),
      "name", text(MAX_NAME_CHARS),
      "type", text(MAX_NAME_CHARS),
      "location_slug", slug(),
      "orbital_radius", number(0, MAX_COORDINATE),
      "orbital_period", positive(MAX_PERIOD),
      "orbital_angle", number(-MAX_ANGLE_DEGREES, MAX_ANGLE_DEGREES),
      "inclination", number(-180, 180),
      "size", number(0, MAX_SIZE),
      "color", color(),
      "clickable", bool(),
      "has_rings", bool(),
      "ring_inner", number(0, MAX_SIZE),
      "ring_outer", number(0, MAX_SIZE),
      "ring_color", color(),
      "ring_opacity", number(0, 1),
      "atmosphere_color", color(),
      "atmosphere_intensity", number(0, 100),
      "tidally_locked", bool(),
      // Asteroid belts: a ring of particles instead of an orbit.
      "inner_radius", number(0, MAX_COORDINATE),
      "outer_radius", number(0, MAX_COORDINATE),
      "particle_count", integer(0, MAX_PARTICLES),
      "opacity", number(0, 1),
      "info", info(),
      "has_orbit_map", computed(),
      "surface_facility_count", computed(),
      "orbital_station_count", computed(),
      "moon_count", computed())
      .requiring("name");
  private static final Schema STRUCTURE = Schema.of(
      "name", text(MAX_NAME_CHARS),
      "type", text(MAX_NAME_CHARS),
      "position", vector(3, -MAX_COORDINATE, MAX_COORDINATE),
      "size", number(0, MAX_SIZE),
      "color", color(),
      "clickable", bool(),
      "info", info())
      .requiring("name").dropIfMissing("position");
  private static final Schema FLARE_ZONE = Schema.of(
      "radius", number(0, MAX_COORDINATE),
      "color", color(),
      "opacity", number(0, 1),
      "warning", text(MAX_NAME_CHARS));
  static final Schema SYSTEM_MAP_FILE = Schema.of(
      "system_slug", computed(),
      "star", object(STAR),
      "camera", object(CAMERA),
      "time", object(Schema.of("current_day", number(-MAX_PERIOD, MAX_PERIOD), "speed_multiplier", number(0, 1e6))),
      "orbits", object(Schema.of("show", bool(), "color", color(), "opacity", number(0, 1))),
      "stellar_activity", object(Schema.of("flare_zones", list(FLARE_ZONE))),
      "structures", list(STRUCTURE),
      "bodies", list(BODY));

  private static final Schema RINGS = Schema.of(
      "inner_radius", number(0, MAX_SIZE),
      "outer_radius", number(0, MAX_SIZE),
      "color", color(),
      "opacity", number(0, 1),
      "texture", texture());
  private static final Schema PLANET = Schema.of(
      "name", text(MAX_NAME_CHARS),
      "type", text(MAX_NAME_CHARS),
      "size", number(0, MAX_SIZE),
      "texture", texture(),
      "normal_map", texture(),
      "texture_config", settings(),
      "axial_tilt", number(-180, 180),
      "rotation_speed", number(-10, 10),
      "sun_declination", number(-90, 90),
      "rings", object(RINGS));
  private static final Schema MOON = Schema.of(
      "id", computed(),
      "name", text(MAX_NAME_CHARS),
      "location_slug", slug(),
      "orbital_radius", number(0, MAX_COORDINATE),
      "orbital_period", positive(MAX_PERIOD),
      "orbital_angle", number(-MAX_ANGLE_DEGREES, MAX_ANGLE_DEGREES),
      "inclination", number(-180, 180),
      "size", number(0, MAX_SIZE),
      "color", color(),
      "texture", texture(),
      "normal_map", texture(),
      "texture_config", settings(),
      "clickable", bool(),
      "has_facilities", bool(),
      "info", info())
      .requiring("name", "orbital_radius");
  private static final Schema STATION = Schema.of(
      "id", computed(),
      "name", text(MAX_NAME_CHARS),
      "location_slug", slug(),
      "orbital_radius", number(0, MAX_COORDINATE),
      "orbital_period", positive(MAX_PERIOD),
      "orbital_angle", number(-MAX_ANGLE_DEGREES, MAX_ANGLE_DEGREES),
      "inclination", number(-180, 180),
      "size", number(0, MAX_SIZE),
      "icon_type", text(MAX_NAME_CHARS),
      "info", info())
      .requiring("name", "orbital_radius");
  private static final Schema MARKER = Schema.of(
      "id", computed(),
      "name", text(MAX_NAME_CHARS),
      "location_slug", slug(),
      "latitude", number(-90, 90),
      "longitude", number(-180, 180),
      "marker_type", text(MAX_NAME_CHARS),
      "info", info())
      .requiring("name", "latitude", "longitude");
  static final Schema ORBIT_MAP_FILE = Schema.of(
      "system_slug", computed(),
      "body_slug", computed(),
      "planet", object(PLANET),
      "camera", object(CAMERA),
      "moons", list(MOON),
      "orbital_stations", list(STATION),
      "surface_markers", list(MARKER));

  private final LoadContext ctx;
  private final List<Location> roots;

  BridgeMapLoader(LoadContext ctx, List<Location> roots) {
    this.ctx = ctx;
    this.roots = roots;
  }

  BridgeMaps load() {
    Path galaxy = ctx.root.resolve("galaxy");
    Map<String, OrbitMap> orbits = new LinkedHashMap<>();
    Map<String, SystemMap> systems = new LinkedHashMap<>();
    for (Location system : roots) {
      Path dir = galaxy.resolve(system.slug());
      for (Location body : system.children()) {
        Path file = dir.resolve(body.slug()).resolve(ORBIT_MAP);
        if (ctx.files.isFile(file)) {
          orbitMap(file, system.slug(), body.slug()).ifPresent(m -> orbits.put(system.slug() + "/" + body.slug(), m));
        }
      }
      Path file = dir.resolve(SYSTEM_MAP);
      if (ctx.files.isFile(file)) {
        systemMap(file, system, orbits).ifPresent(m -> systems.put(system.slug(), m));
      }
    }
    Path file = galaxy.resolve(STAR_MAP);
    Optional<StarMap> star = ctx.files.isFile(file) ? starMap(file, systems) : Optional.empty();
    return new BridgeMaps(star, systems, orbits);
  }

  private Optional<StarMap> starMap(Path file, Map<String, SystemMap> systemMaps) {
    return ctx.yamlObject(file).map(y -> {
      MapFields in = new MapFields(ctx, ctx.rel(file));
      Map<String, Object> json = in.object(y, STAR_MAP_FILE, "star map");
      List<StarMap.StarSystem> index = new ArrayList<>();
      Ids ids = new Ids(in, "system");
      Map<String, String> idByName = new HashMap<>();
      for (Map<String, Object> s : entries(json, "systems")) {
        String slug = (String) s.getOrDefault("location_slug", "");
        String name = (String) s.getOrDefault("name", "");
        String id = ids.assign(slug, name, "systems");
        boolean hasMap = !slug.isEmpty() && systemMaps.containsKey(slug);
        s.put("id", id);
        s.put("has_system_map", hasMap);
        index.add(new StarMap.StarSystem(id, name, slug, hasMap));
        if (!name.isEmpty()) {
          idByName.putIfAbsent(name, id);
        }
      }
      // Routes join systems by name (the original's client keys stars by name); one that names no
      // system of the map cannot be drawn.
      List<Map<String, Object>> routes = new ArrayList<>();
      int routesLine = y.node.has("routes") ? y.tree.line(y.node.get("routes")) : y.line();
      int i = 0;
      for (Map<String, Object> r : entries(json, "routes")) {
        String from = idByName.get((String) r.getOrDefault("from", ""));
        String to = idByName.get((String) r.getOrDefault("to", ""));
        if (from == null || to == null) {
          in.problem(routesLine, "routes[" + i + "] joins " + MapFields.quote((String) r.getOrDefault("from", ""))
              + " and " + MapFields.quote((String) r.getOrDefault("to", "")) + ", but 'from' and 'to' must each name "
              + "a system of the map; the route is left out");
        } else {
          r.put("from_id", from);
          r.put("to_id", to);
          routes.add(r);
        }
        i++;
      }
      json.put("routes", routes);
      in.finish();
      return new StarMap(index, json);
    });
  }

  private Optional<SystemMap> systemMap(Path file, Location system, Map<String, OrbitMap> orbits) {
    return ctx.yamlObject(file).map(y -> {
      MapFields in = new MapFields(ctx, ctx.rel(file));
      Map<String, Object> read = in.object(y, SYSTEM_MAP_FILE, "system map");
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("system_slug", system.slug());
      json.putAll(read);
      json.putIfAbsent("structures", List.of());
      List<SystemMap.Body> index = new ArrayList<>();
      Ids ids = new Ids(in, "body");
      int bodiesLine = y.node.has("bodies") ? y.tree.line(y.node.get("bodies")) : y.line();
      for (Map<String, Object> b : entries(json, "bodies")) {
        String slug = (String) b.getOrDefault("location_slug", "");
        String name = (String) b.getOrDefault("name", "");
        Optional<Location> dir = slug.isEmpty() ? Optional.empty()
            : system.children().stream().filter(c -> c.slug().equals(slug)).findFirst();
        Optional<OrbitMap> orbit = Optional.ofNullable(orbits.get(system.slug() + "/" + slug));
        Counts n = dir.map(d -> counts(d, orbit)).orElse(Counts.NONE);
        if (!b.containsKey("orbital_radius") && !(b.containsKey("inner_radius") && b.containsKey("outer_radius"))) {
          in.problem(bodiesLine, "bodies: " + MapFields.quote(name) + " has neither 'orbital_radius' nor, for a belt, "
              + "'inner_radius' and 'outer_radius'; it is drawn at the star");
        }
        String id = ids.assign(slug, name, "bodies");
        b.put("id", id);
        b.put("has_orbit_map", orbit.isPresent());
        b.put("surface_facility_count", n.surface());
        b.put("orbital_station_count", n.orbital());
        b.put("moon_count", n.moons());
        index.add(new SystemMap.Body(id, name, slug, orbit.isPresent(), n.surface(), n.orbital(), n.moons()));
      }
      in.finish();
      return new SystemMap(system.slug(), index, json);
    });
  }

  private Optional<OrbitMap> orbitMap(Path file, String systemSlug, String bodySlug) {
    return ctx.yamlObject(file).map(y -> {
      MapFields in = new MapFields(ctx, ctx.rel(file));
      Map<String, Object> read = in.object(y, ORBIT_MAP_FILE, "orbit map");
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("system_slug", systemSlug);
      json.put("body_slug", bodySlug);
      json.putAll(read);
      // Drawn in the planet's light: the derived bump map of a colour map, as the original's client
      // guessed it, but only when that file exists (a missing texture crashed its canvas).
      if (json.get("planet") instanceof Map<?, ?> planet) {
        derivedNormalMap(cast(planet));
      }
      List<OrbitMap.Element> index = new ArrayList<>();
      Ids ids = new Ids(in, "element");
      for (var list : List.of(Map.entry("moons", OrbitMap.Kind.MOON), Map.entry("orbital_stations",
          OrbitMap.Kind.STATION), Map.entry("surface_markers", OrbitMap.Kind.SURFACE_MARKER))) {
        for (Map<String, Object> e : entries(json, list.getKey())) {
          if (list.getValue() == OrbitMap.Kind.MOON) {
            derivedNormalMap(e);
          }
          String name = (String) e.getOrDefault("name", "");
          String id = ids.assign((String) e.getOrDefault("location_slug", ""), name, list.getKey());
          e.put("id", id);
          index.add(new OrbitMap.Element(id, list.getValue(), name));
        }
      }
      in.finish();
      return new OrbitMap(systemSlug, bodySlug, index, json);
    });
  }

  /** The surface / orbital / moon split of a body's child locations (bridge.md §8, moons apart). */
  record Counts(int surface, int orbital, int moons) {
    static final Counts NONE = new Counts(0, 0, 0);
  }

  /**
   * How a child location of a body counts. A moon is a child whose {@code location.yaml} says
   * {@code type: moon}, or one the body's orbit map lists under {@code moons} (by
   * {@code location_slug}); the original counted moons as surface facilities. Orbital, as in the
   * original: {@code is_orbital: true} or a type containing "orbital", and also one the orbit map
   * lists under {@code orbital_stations} (a ship drifting off a station). Everything else (a base,
   * a city, a landed ship, a folder without {@code location.yaml}) is on the surface.
   */
  static Counts counts(Location body, Optional<OrbitMap> orbit) {
    Set<String> moonSlugs = slugs(orbit, "moons");
    Set<String> stationSlugs = slugs(orbit, "orbital_stations");
    int surface = 0;
    int orbital = 0;
    int moons = 0;
    for (Location child : body.children()) {
      String type = child.type() == null ? "" : child.type().strip().toLowerCase(Locale.ROOT);
      Object isOrbital = child.attributes().get("is_orbital");
      if (type.equals("moon") || moonSlugs.contains(child.slug())) {
        moons++;
      } else if (Boolean.TRUE.equals(isOrbital) || "true".equalsIgnoreCase(String.valueOf(isOrbital))
          || type.contains("orbital") || stationSlugs.contains(child.slug())) {
        orbital++;
      } else {
        surface++;
      }
    }
    return new Counts(surface, orbital, moons);
  }

  /** The {@code location_slug}s of one list of an orbit map. */
  private static Set<String> slugs(Optional<OrbitMap> orbit, String list) {
    Set<String> out = new HashSet<>();
    orbit.ifPresent(m -> entries(m.json(), list).forEach(e -> {
      if (e.get("location_slug") instanceof String slug) {
        out.add(slug);
      }
    }));
    return out;
  }

  private void derivedNormalMap(Map<String, Object> sphere) {
    if (sphere.containsKey("normal_map") || !(sphere.get("texture") instanceof String url)
        || !url.startsWith(ImageIndex.URL_PREFIX)) {
      return;
    }
    String rel = CampaignImages.decode(url.substring(ImageIndex.URL_PREFIX.length()));
    int slash = rel.lastIndexOf('/');
    String name = rel.substring(slash + 1);
    int marker = name.indexOf("-EQUIRECTANGULAR-");
    if (marker <= 0) {
      return;
    }
    String bump = rel.substring(0, slash + 1) + "Bump" + name.substring(marker);
    if (!bump.equals(rel) && ctx.images.indexFile(bump)) {
      sphere.put("normal_map", ImageIndex.url(bump));
    }
  }

  /** The entries of a list the schema kept (mutable: computed fields are added to them). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> entries(Map<String, Object> json, String key) {
    Object v = json.get(key);
    if (!(v instanceof List<?> l)) {
      List<Map<String, Object>> empty = new ArrayList<>();
      json.put(key, empty);
      return empty;
    }
    return (List<Map<String, Object>>) l;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /**
   * The ids navigation names entries by: the {@code location_slug}, or a slug made from the name,
   * or {@code <kind>-<n>}; unique within one map (a second one gets {@code -2}, reported).
   */
  static final class Ids {
    private final MapFields in;
    private final String kind;
    private final Set<String> taken = new HashSet<>();

    Ids(MapFields in, String kind) {
      this.in = in;
      this.kind = kind;
    }

    String assign(String slug, String name, String list) {
      String base = !slug.isEmpty() ? slug : slugOf(name);
      if (base.isEmpty()) {
        base = kind + "-" + (taken.size() + 1);
      }
      String id = base;
      for (int n = 2; !taken.add(id); n++) {
        id = base + "-" + n;
      }
      if (!id.equals(base)) {
        in.problem(0, list + ": two entries would both be called " + MapFields.quote(base) + "; the later one is "
            + MapFields.quote(id));
      }
      return id;
    }

    static String slugOf(String name) {
      String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
      return s.length() > MAX_ID_CHARS ? s.substring(0, MAX_ID_CHARS) : s;
    }
  }
}
