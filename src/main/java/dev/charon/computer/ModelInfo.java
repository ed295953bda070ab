package dev.charon.computer;

/**
 * Which model answers, for the GM's screen. Never holds the key.
 *
 * @param provider {@code anthropic} or {@code openai}; null when none is configured
 * @param model the model name; null when none is configured
 */
public record ModelInfo(boolean configured, String provider, String model) {
  /** No model: drafts come from {@code fallback_responses}. */
  public static final ModelInfo NONE = new ModelInfo(false, null, null);
}
