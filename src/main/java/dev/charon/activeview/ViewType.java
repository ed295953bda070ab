package dev.charon.activeview;

import java.util.Arrays;
import java.util.Optional;

/** What the shared terminal shows. The original stored any string; we accept only these. */
public enum ViewType {
  STANDBY, BRIDGE, ENCOUNTER, CHARON_TERMINAL, COMM_TERMINAL, MESSAGES, SHIP_DASHBOARD;

  public static Optional<ViewType> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.name().equals(s)).findFirst();
  }

  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
  }
}
