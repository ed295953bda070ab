package dev.charon.campaign;

import java.util.Map;

/** An entry of {@code campaign/crew.yaml}; {@code details} keeps the sheet (stats, saves...). */
public record CrewMember(String id, String name, String role, String portraitUrl, Map<String, Object> details) {
  public CrewMember {
    details = Frozen.map(details);
  }
}
