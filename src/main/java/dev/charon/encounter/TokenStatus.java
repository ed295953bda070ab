package dev.charon.encounter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The status vocabulary the terminal can draw. */
public enum TokenStatus {
  WOUNDED, DEAD, PANICKED, STUNNED, HIDDEN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TokenStatus> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
  }

  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(TokenStatus::wire).toList());
  }
}
