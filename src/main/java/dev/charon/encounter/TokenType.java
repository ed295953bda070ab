package dev.charon.encounter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a token stands for; decides its colour on the map. */
public enum TokenType {
  PLAYER, NPC, CREATURE, OBJECT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TokenType> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
  }

  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(TokenType::wire).toList());
  }
}
