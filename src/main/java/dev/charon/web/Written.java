package dev.charon.web;

import dev.charon.activeview.ActiveView;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer to an accepted state write: {@code success}, the new {@code version}, then the details. */
public final class Written {
  private Written() {}

  public static Map<String, Object> of(ActiveView.Applied<Map<String, Object>> applied) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("version", applied.version());
    body.putAll(applied.result());
    return body;
  }
}
