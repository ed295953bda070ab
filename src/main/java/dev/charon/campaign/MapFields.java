package dev.charon.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one BRIDGE map file against a declared schema: every known field is checked for its type
 * and range and copied under its own name; anything else is left out. Nothing here throws on
 * content: a value of the wrong type, NaN or Infinity is dropped (the client then uses the default
 * of bridge.md), a finite number outside its range is clamped, an over-long text is cut, a list
 * longer than {@link #MAX_ITEMS_PER_LIST} is cut, and each of these is a problem with file and line
 * (the line of the mapping the field is in). So a broken file still shows what is usable in it, and
 * the client only ever gets finite numbers, texts and the shapes it expects.
 *
 * <p>The problems of one file are capped at {@link #MAX_PROBLEMS_PER_FILE}, then summed up in one
 * more: a generated file with 10,000 bad bodies must not write 10,000 log lines.
 */
final class MapFields {
  /** Entries of any one list (systems, bodies, moons...); the rest are left out with a problem. */
  static final int MAX_ITEMS_PER_LIST = 1000;
  /** Positions, radii and camera coordinates, in scene units: far beyond any view's far plane (1000). */
  static final double MAX_COORDINATE = 100_000;
  static final double MAX_SIZE = 10_000;
  /** Orbital periods in days (system level) or seconds (orbit level). */
  static final double MAX_PERIOD = 1e9;
  static final double MAX_ANGLE_DEGREES = 3600;
  static final int MAX_PARTICLES = 20_000;
  static final int MAX_NAME_CHARS = 200;
  static final int MAX_TEXT_CHARS = 4000;
  static final int MAX_INFO_KEYS = 50;
  static final int MAX_KEY_CHARS = 100;
  static final int MAX_PROBLEMS_PER_FILE = 25;
  /** How much of a bad value a problem quotes. */
  static final int QUOTED_CHARS = 40;
  /** How much of a path a problem quotes. */
  static final int QUOTED_PATH_CHARS = 200;
  static final int MAX_COLOR = 0xFFFFFF;

  /** One field's rule: the clean value, or null to leave the field out (after reporting why). */
  @FunctionalInterface
  interface Rule {
    Object read(MapFields in, Where where, JsonNode value);
  }

  /**
   * The declared fields of one kind of mapping, in output order. A {@code required} field that is
   * missing or unusable is a problem; an entry of a list without an {@code essential} one cannot be
   * drawn at all and is left out.
   */
  record Schema(Map<String, Rule> fields, Set<String> required, Set<String> essential) {
    static Schema of(Object... keysAndRules) {
      Map<String, Rule> m = new LinkedHashMap<>();
      for (int i = 0; i < keysAndRules.length; i += 2) {
        m.put((String) keysAndRules[i], (Rule) keysAndRules[i + 1]);
      }
      return new Schema(m, Set.of(), Set.of());
    }

    Schema requiring(String... keys) {
      return new Schema(fields, Set.of(keys), essential);
    }

    /** Required, and an entry of a list without one of these is left out. */
    Schema dropIfMissing(String... keys) {
      Set<String> all = new java.util.HashSet<>(required);
      all.addAll(List.of(keys));
      return new Schema(fields, Set.copyOf(all), Set.of(keys));
    }
  }

  /** The mapping being read and the field in it, for problems. */
  record Where(YamlObject owner, String label, String key) {
    String field() {
      return label + ": '" + key + "'";
    }
  }

  final LoadContext ctx;
  private final String file;
  private int reported;
  private int suppressed;

  MapFields(LoadContext ctx, String file) {
    this.ctx = ctx;
    this.file = file;
  }

  void problem(int line, String message) {
    if (reported < MAX_PROBLEMS_PER_FILE) {
      ctx.problems.add(file, line, message);
      reported++;
    } else {
      suppressed++;
    }
  }

  void problem(Where w, String message) {
    problem(w.owner().line(), w.field() + " " + message);
  }

  /** Reports how many problems the cap held back; call once the file is read. */
  void finish() {
    if (suppressed > 0) {
      ctx.problems.add(file, 0, suppressed + " more problems in this file are not listed");
    }
  }

  /** The declared fields of {@code o}; unknown fields are reported once, by name, and left out. */
  Map<String, Object> object(YamlObject o, Schema schema, String label) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Rule> e : schema.fields().entrySet()) {
      JsonNode v = o.node.get(e.getKey());
      if (v != null && !v.isNull()) {
        Object clean = e.getValue().read(this, new Where(o, label, e.getKey()), v);
        if (clean != null) {
          out.put(e.getKey(), clean);
        }
      }
    }
    for (String key : schema.required()) {
      if (!out.containsKey(key)) {
        problem(o.line(), label + ": '" + key + "' is missing or unusable"
            + (schema.essential().contains(key) ? "; the entry cannot be drawn and is left out" : ""));
      }
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = o.node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!schema.fields().containsKey(key)) {
        unknown.add(quote(key));
      }
    }
    if (!unknown.isEmpty()) {
      int shown = Math.min(5, unknown.size());
      problem(o.line(), label + ": unknown field" + (unknown.size() > 1 ? "s" : "") + " "
          + String.join(", ", unknown.subList(0, shown)) + (unknown.size() > shown ? " and " + (unknown.size() - shown)
          + " more" : "") + " ignored (bridge.md lists the fields a map may have)");
    }
    return out;
  }

  /** The mappings of a list field, each with its label, at most {@link #MAX_ITEMS_PER_LIST}. */
  List<YamlObject> items(YamlObject owner, String label, String key) {
    List<YamlObject> out = new ArrayList<>();
    JsonNode v = owner.node.get(key);
    if (v == null || v.isNull()) {
      return out;
    }
    Where where = new Where(owner, label, key);
    if (!v.isArray()) {
      problem(where, "should be a list; it is left out");
      return out;
    }
    int line = owner.tree.line(v);
    int skipped = 0;
    for (JsonNode item : v) {
      if (!(item instanceof ObjectNode o)) {
        skipped++;
        continue;
      }
      if (out.size() == MAX_ITEMS_PER_LIST) {
        problem(line, label + ": '" + key + "' has " + v.size() + " entries; only the first " + MAX_ITEMS_PER_LIST
            + " are used");
        break;
      }
      out.add(new YamlObject(ctx, owner.tree, o));
    }
    if (skipped > 0) {
      problem(line, label + ": " + skipped + " entr" + (skipped == 1 ? "y" : "ies") + " of '" + key
          + "' " + (skipped == 1 ? "is" : "are") + " not a mapping and left out");
    }
    return out;
  }

  /** What a problem calls an entry of a list: {@code bodies[2] 'Earth'}. */
  static String label(String list, int index, YamlObject item) {
    JsonNode name = item.node.get("name");
    boolean named = name != null && name.isValueNode() && !name.isNull();
    return list + "[" + index + "]" + (named ? " " + quote(name.asText()) : "");
  }

  static String quote(String s) {
    return quote(s, QUOTED_CHARS);
  }

  /** A value for a problem: one line, cut to {@code max} characters. */
  static String quote(String s, int max) {
    String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
    return "'" + (oneLine.length() > max ? oneLine.substring(0, max) + "…" : oneLine) + "'";
  }

  static String describe(JsonNode v) {
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    return quote(v.asText());
  }

  // ---------------------------------------------------------------- rules

  /** Text of at most {@code maxChars}; numbers and booleans are taken as their text. */
  static Rule text(int maxChars) {
    return (in, w, v) -> {
      if (!v.isValueNode()) {
        in.problem(w, "should be text, not " + describe(v) + "; it is left out");
        return null;
      }
      String s = v.asText();
      // Line breaks and tabs are text; other control characters only ever break a display.
      String clean = s.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
      if (clean.length() != s.length()) {
        in.problem(w, "contains control characters; they are removed");
      }
      if (clean.length() > maxChars) {
        in.problem(w, "is longer than " + maxChars + " characters; it is cut");
        clean = clean.substring(0, maxChars);
      }
      return clean;
    };
  }

  /**
   * A directory name ({@code location_slug}): the client puts it into URLs, so a slash, a
   * backslash, {@code .} or {@code ..} is refused rather than let it name another path.
   */
  static Rule slug() {
    Rule text = text(MAX_NAME_CHARS);
    return (in, w, v) -> {
      Object t = text.read(in, w, v);
      if (!(t instanceof String s) || s.isBlank()) {
        return null;
      }
      String slug = s.strip();
      if (slug.contains("/") || slug.contains("\\") || slug.equals(".") || slug.equals("..") || slug.contains("\n")
          || slug.contains("\t")) {
        in.problem(w, quote(slug) + " is not a directory name; it is left out");
        return null;
      }
      return slug;
    };
  }

  /** A finite number; outside {@code [min, max]} it is clamped. Whole numbers stay whole. */
  static Rule number(double min, double max) {
    return (in, w, v) -> {
      if (!v.isNumber()) {
        in.problem(w, "should be a number, not " + describe(v) + "; it is left out");
        return null;
      }
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        in.problem(w, "is " + (Double.isNaN(d) ? "NaN" : "too large") + "; it is left out");
        return null;
      }
      if (d < min || d > max) {
        double clamped = Math.max(min, Math.min(max, d));
        in.problem(w, "is " + describe(v) + ", outside " + plain(min) + " to " + plain(max) + "; " + plain(clamped)
            + " is used");
        return whole(clamped) ? (Object) (long) clamped : clamped;
      }
      return v.isIntegralNumber() ? (Object) v.longValue() : d;
    };
  }

  /** A number above zero (an orbital period: zero would be infinitely fast); above {@code max} it is clamped. */
  static Rule positive(double max) {
    Rule number = number(-Double.MAX_VALUE, max);
    return (in, w, v) -> {
      Object n = number.read(in, w, v);
      if (n instanceof Number num && num.doubleValue() <= 0) {
        in.problem(w, "must be above 0, not " + describe(v) + "; it is left out");
        return null;
      }
      return n;
    };
  }

  /** A whole number in {@code [min, max]} (clamped); {@code 3500.0} is 3500, {@code 3500.5} is refused. */
  static Rule integer(long min, long max) {
    Rule number = number(min, max);
    return (in, w, v) -> {
      if (v.isNumber() && Double.isFinite(v.doubleValue()) && !whole(v.doubleValue())) {
        in.problem(w, "should be a whole number, not " + describe(v) + "; it is left out");
        return null;
      }
      Object n = number.read(in, w, v);
      return n instanceof Number num ? (Object) num.longValue() : null;
    };
  }

  private static boolean whole(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15;
  }

  private static String plain(double d) {
    return whole(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static Rule bool() {
    return (in, w, v) -> {
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(v.textValue());
      }
      in.problem(w, "should be true or false, not " + describe(v) + "; it is left out");
      return null;
    };
  }

  /** A colour as the original writes it ({@code 0xFFAA00}, an integer), or the text {@code #FFAA00}. */
  static Rule color() {
    return (in, w, v) -> {
      if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0 && v.longValue() <= MAX_COLOR) {
        return v.longValue();
      }
      if (v.isTextual()) {
        String t = v.textValue().strip().toLowerCase(Locale.ROOT);
        String hex = t.startsWith("#") ? t.substring(1) : t.startsWith("0x") ? t.substring(2) : null;
        if (hex != null && hex.matches("[0-9a-f]{6}")) {
          return Long.parseLong(hex, 16);
        }
      }
      in.problem(w, "should be a colour 0x000000 to 0xFFFFFF, not " + describe(v) + "; it is left out");
      return null;
    };
  }

  /** A list of exactly {@code n} finite numbers, each clamped to {@code [min, max]}. */
  static Rule vector(int n, double min, double max) {
    Rule number = number(min, max);
    return (in, w, v) -> {
      if (!v.isArray() || v.size() != n) {
        in.problem(w, "should be a list of " + n + " numbers, not " + describe(v) + "; it is left out");
        return null;
      }
      List<Object> out = new ArrayList<>(n);
      for (JsonNode item : v) {
        Object x = number.read(in, w, item);
        if (x == null) {
          return null;
        }
        out.add(x);
      }
      return out;
    };
  }

  /** Two numbers {@code [near, far]} with near ≤ far ({@code zoom_limits}). */
  static Rule range(double min, double max) {
    Rule pair = vector(2, min, max);
    return (in, w, v) -> {
      Object p = pair.read(in, w, v);
      if (p instanceof List<?> l && ((Number) l.get(0)).doubleValue() > ((Number) l.get(1)).doubleValue()) {
        in.problem(w, "should be [smallest, largest]; it is left out");
        return null;
      }
      return p;
    };
  }

  static Rule object(Schema schema) {
    return (in, w, v) -> {
      if (!(v instanceof ObjectNode o)) {
        in.problem(w, "should be a mapping, not " + describe(v) + "; it is left out");
        return null;
      }
      return in.object(new YamlObject(in.ctx, w.owner().tree, o), schema, w.label() + "." + w.key());
    };
  }

  /** Either a mapping read by {@code schema}, or a bare value read by {@code bare} and kept under {@code bareKey}. */
  static Rule objectOr(Schema schema, String bareKey, Rule bare) {
    Rule object = object(schema);
    return (in, w, v) -> {
      if (v.isObject()) {
        return object.read(in, w, v);
      }
      Object x = bare.read(in, w, v);
      return x == null ? null : new LinkedHashMap<>(Map.of(bareKey, x));
    };
  }

  /** A list of mappings, each read by {@code schema} (entries that are not mappings are reported). */
  static Rule list(Schema schema) {
    return (in, w, v) -> {
      List<Object> out = new ArrayList<>();
      List<YamlObject> items = in.items(w.owner(), w.label(), w.key());
      for (int i = 0; i < items.size(); i++) {
        Map<String, Object> entry = in.object(items.get(i), schema, label(w.key(), i, items.get(i)));
        if (entry.keySet().containsAll(schema.essential())) {
          out.add(entry);
        }
      }
      return v.isArray() ? out : null;
    };
  }

  /**
   * {@code info}: free texts by name (description, population, status...), shown by the info panel
   * as they are. Numbers and booleans become text; lists and mappings are left out.
   */
  static Rule info() {
    return scalars(true);
  }

  /** {@code texture_config}: a procedural description, scalar values of any type kept as they are. */
  static Rule settings() {
    return scalars(false);
  }

  private static Rule scalars(boolean asText) {
    Rule text = text(MAX_TEXT_CHARS);
    Rule number = number(-1e12, 1e12);
    return (in, w, v) -> {
      if (!(v instanceof ObjectNode o)) {
        in.problem(w, "should be a mapping, not " + describe(v) + "; it is left out");
        return null;
      }
      YamlObject inner = new YamlObject(in.ctx, w.owner().tree, o);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Where at = new Where(inner, w.label() + "." + w.key(), e.getKey());
        JsonNode x = e.getValue();
        if (x.isNull()) {
          continue;
        }
        if (e.getKey().length() > MAX_KEY_CHARS || e.getKey().isBlank()) {
          in.problem(inner.line(), at.label() + ": a field name longer than " + MAX_KEY_CHARS
              + " characters or blank; it is left out");
          continue;
        }
        if (out.size() == MAX_INFO_KEYS) {
          in.problem(inner.line(), at.label() + ": more than " + MAX_INFO_KEYS + " fields; the rest are left out");
          break;
        }
        Object clean;
        if (!x.isValueNode()) {
          in.problem(at, "should be text, not " + describe(x) + "; it is left out");
          clean = null;
        } else if (asText || x.isTextual()) {
          clean = text.read(in, at, x);
        } else if (x.isBoolean()) {
          clean = x.booleanValue();
        } else {
          clean = number.read(in, at, x);
        }
        if (clean != null) {
          out.put(e.getKey(), clean);
        }
      }
      return out;
    };
  }

  /** A field the server computes: whatever the file says is ignored without a problem. */
  static Rule computed() {
    return (in, w, v) -> null;
  }

  /**
   * A texture path, served from the campaign folder if it is an image there ({@link ImageIndex#texture});
   * becomes our URL, or is left out with a problem.
   */
  static Rule texture() {
    Rule text = text(MAX_TEXT_CHARS);
    return (in, w, v) -> {
      Object t = text.read(in, w, v);
      if (!(t instanceof String s) || s.isBlank()) {
        return null;
      }
      Optional<String> rel = in.ctx.images.texture(s, message -> in.problem(w, message + "; it is left out"));
      return rel.map(ImageIndex::url).orElse(null);
    };
  }
}
