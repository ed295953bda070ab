package dev.charon.campaign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-keeping, null-tolerant immutable copies of YAML pass-through data. {@code Map.copyOf}
 * would do for neither: it loses the file's key order and throws on a YAML {@code key:} with no
 * value, which must never take a campaign down.
 */
final class Frozen {
  private Frozen() {}

  static Map<String, Object> map(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, value(v)));
    return Collections.unmodifiableMap(out);
  }

  static List<Object> list(List<?> l) {
    List<Object> out = new ArrayList<>(l.size());
    l.forEach(v -> out.add(value(v)));
    return Collections.unmodifiableList(out);
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v) {
    if (v instanceof Map<?, ?> m) {
      return map((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      return list(l);
    }
    return v;
  }
}
