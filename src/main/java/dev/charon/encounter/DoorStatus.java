package dev.charon.encounter;

import java.util.Arrays;
import java.util.Optional;

/** The five door states a connection can be in. */
public enum DoorStatus {
  OPEN, CLOSED, LOCKED, SEALED, DAMAGED;

  public static Optional<DoorStatus> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.name().equals(s)).findFirst();
  }

  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
  }
}
