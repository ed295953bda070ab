package dev.charon.messages;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How urgently a message is shown on the players' phones (badge colour). */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  CRITICAL;

  /** Exact upper-case names only: anything else is a 400, never stored (the original's defect). */
  public static Optional<Priority> parse(String s) {
    return Arrays.stream(values()).filter(p -> p.name().equals(s)).findFirst();
  }

  public static String choices() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
