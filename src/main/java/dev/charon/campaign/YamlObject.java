package dev.charon.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.web.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping with typed accessors that report a wrong type as a problem (file and line of the
 * mapping) and fall back to a default, so one bad value never discards the rest of the file.
 */
final class YamlObject {
  private static final ObjectMapper PLAIN = new ObjectMapper(JsonMapper.factory());

  final LoadContext ctx;
  final YamlTree tree;
  final ObjectNode node;

  YamlObject(LoadContext ctx, YamlTree tree, ObjectNode node) {
    this.ctx = ctx;
    this.tree = tree;
    this.node = node;
  }

  int line() {
    return tree.line(node);
  }

  String file() {
    return tree.file;
  }

  void problem(String message) {
    ctx.problems.add(tree.file, line(), message);
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** A scalar as text (numbers and booleans too: {@code version: 2} is fine as a string). */
  String string(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    problem("'" + key + "' should be text, not a " + (v.isArray() ? "list" : "mapping"));
    return fallback;
  }

  Optional<String> optionalString(String key) {
    String s = string(key, null);
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  Optional<Integer> integer(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return Optional.of(v.intValue());
    }
    if (v.isTextual()) {
      try {
        return Optional.of(Integer.parseInt(v.textValue().strip()));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem("'" + key + "' should be a whole number, not " + LoadContext.describe(v));
    return Optional.empty();
  }

  Optional<Double> number(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isNumber() && Double.isFinite(v.doubleValue())) {
      return Optional.of(v.doubleValue());
    }
    problem("'" + key + "' should be a finite number, not " + LoadContext.describe(v));
    return Optional.empty();
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(v.textValue());
    }
    problem("'" + key + "' should be true or false, not " + LoadContext.describe(v));
    return fallback;
  }

  Optional<YamlObject> object(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v instanceof ObjectNode o) {
      return Optional.of(new YamlObject(ctx, tree, o));
    }
    problem("'" + key + "' should be a mapping");
    return Optional.empty();
  }

  /** The mappings of a list; other items are reported with their list's line and skipped. */
  List<YamlObject> objects(String key) {
    List<YamlObject> out = new ArrayList<>();
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problem("'" + key + "' should be a list");
      return out;
    }
    for (JsonNode item : v) {
      if (item instanceof ObjectNode o) {
        out.add(new YamlObject(ctx, tree, o));
      } else {
        ctx.problems.add(tree.file, tree.line(v), "an entry of '" + key + "' is not a mapping: " + LoadContext.describe(item));
      }
    }
    return out;
  }

  /** A list of texts, or one comma-separated text. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(item -> {
        if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
          out.add(item.asText().strip());
        }
      });
    } else if (v.isValueNode()) {
      for (String part : v.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    } else {
      problem("'" + key + "' should be a list of texts");
    }
    return out;
  }

  /** Every key not in {@code except}, as plain Java values (maps, lists, scalars), in file order. */
  Map<String, Object> rest(Set<String> except) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!except.contains(e.getKey())) {
        out.put(e.getKey(), plain(e.getValue()));
      }
    }
    return Frozen.map(out);
  }

  static Object plain(JsonNode n) {
    return PLAIN.convertValue(n, Object.class);
  }
}
