package dev.charon.computer;

/** Which model answers, for the GM's screen; never the key. */
public record ModelInfo(boolean configured, String provider, String model) {
  public static final ModelInfo NONE = new ModelInfo(false, null, null);
}
