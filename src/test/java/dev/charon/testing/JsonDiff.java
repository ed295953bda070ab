package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Short descriptions of where two JSON documents differ, for readable assertion messages. */
public final class JsonDiff {
  private JsonDiff() {}

  public static List<String> between(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    walk("$", expected, actual, out);
    return out.size() > 10 ? out.subList(0, 10) : out;
  }

  private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a == null || b == null) {
      out.add(path + ": " + (a == null ? "missing in expected" : "missing in actual"));
      return;
    }
    if (a.isObject() && b.isObject()) {
      a.fieldNames().forEachRemaining(k -> walk(path + "." + k, a.get(k), b.get(k), out));
      b.fieldNames().forEachRemaining(k -> {
        if (!a.has(k)) {
          out.add(path + "." + k + ": unexpected " + abbreviate(b.get(k)));
        }
      });
    } else if (!a.equals(b)) {
      out.add(path + ": expected " + abbreviate(a) + " but was " + abbreviate(b));
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
