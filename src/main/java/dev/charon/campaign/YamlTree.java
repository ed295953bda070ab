package dev.charon.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.charon.web.JsonMapper;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML document read by Jackson's YAML parser into a JSON tree that remembers the line of
 * every mapping and list, so a problem in a room or a message names the line it starts on.
 * Jackson does all the YAML parsing; this class only builds the tree from its tokens.
 */
final class YamlTree {
  /** Far above any real campaign file; a larger one is refused instead of read into memory. */
  static final int MAX_YAML_BYTES = 2 * 1024 * 1024;
  /** Lists and mappings nested deeper than this are refused (no stack overflow on hostile input). */
  static final int MAX_NESTING_DEPTH = 64;

  private static final YAMLFactory YAML = YAMLFactory.builder().recyclerPool(JsonMapper.BUFFERS).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String file;
  final JsonNode root;
  private final int lineOffset;
  private final Map<JsonNode, Integer> lines;

  private YamlTree(String file, JsonNode root, int lineOffset, Map<JsonNode, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lineOffset = lineOffset;
    this.lines = lines;
  }

  /** Thrown for malformed YAML; carries the line Jackson reported (0 when unknown). */
  static final class Malformed extends Exception {
    final int line;

    Malformed(String message, int line) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  /**
   * @param file the path relative to the campaign root, used in problems
   * @param lineOffset added to every line: the front matter of a Markdown file starts at line 2
   */
  static YamlTree parse(String file, String text, int lineOffset) throws Malformed {
    Map<JsonNode, Integer> lines = new IdentityHashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      JsonNode root = first == null ? NODES.nullNode() : read(p, lines, 0);
      return new YamlTree(file, root, lineOffset, lines);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return rethrow(e.getOriginalMessage(), line <= 0 ? 0 : line + lineOffset);
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some errors (bad indentation, tabs) as runtime exceptions.
      return rethrow(String.valueOf(e.getMessage()), markLine(e) + (markLine(e) > 0 ? lineOffset : 0));
    }
  }

  private static YamlTree rethrow(String message, int line) throws Malformed {
    String firstLine = message == null ? "unreadable" : message.strip().lines().findFirst().orElse("unreadable");
    throw new Malformed("malformed YAML: " + firstLine, line);
  }

  private static int markLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
        return m.getProblemMark().getLine() + 1;
      }
    }
    return 0;
  }

  private static JsonNode read(JsonParser p, Map<JsonNode, Integer> lines, int depth) throws IOException {
    if (depth > MAX_NESTING_DEPTH) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "nested deeper than " + MAX_NESTING_DEPTH + " levels");
    }
    JsonToken t = p.currentToken();
    int line = p.currentTokenLocation().getLineNr();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        lines.put(o, line);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          o.set(key, read(p, lines, depth + 1));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        lines.put(a, line);
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p, lines, depth + 1));
        }
        return a;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return intNode(p);
      }
      case VALUE_NUMBER_FLOAT -> {
        return floatNode(p);
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return NODES.textNode(p.getText());
      }
    }
  }

  /**
   * YAML's {@code .nan} and {@code .inf} are numbers Jackson cannot parse: they become NaN and
   * Infinity here, so the loaders report the one value (YamlObject#number and the map rules refuse
   * what is not finite) instead of the whole file as malformed.
   */
  private static JsonNode floatNode(JsonParser p) throws IOException {
    String text = p.getText().strip();
    String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    if (unsigned.equals(".nan") || unsigned.equals(".NaN") || unsigned.equals(".NAN")) {
      return NODES.numberNode(Double.NaN);
    }
    if (unsigned.equals(".inf") || unsigned.equals(".Inf") || unsigned.equals(".INF")) {
      return NODES.numberNode(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return NODES.numberNode(p.getDoubleValue());
  }

  private static JsonNode intNode(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> NODES.numberNode(p.getIntValue());
      case LONG -> NODES.numberNode(p.getLongValue());
      default -> NODES.numberNode(p.getBigIntegerValue());
    };
  }

  /** The line a mapping or list starts on in the file, or the file's first line when unknown. */
  int line(JsonNode node) {
    Integer l = node == null ? null : lines.get(node);
    return l == null ? Math.max(1, lineOffset + 1) : l + lineOffset;
  }

  Optional<ObjectNode> rootObject() {
    return root instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
  }
}
