package dev.charon.campaign;

import java.util.List;

/**
 * CHARON's personality and model settings from {@code charon/context.yaml} (data-format.md §7).
 * Read with the rest of the campaign, so a reload picks up edits (the original read it once per
 * process).
 *
 * @param maxResponseTokens the model's {@code max_tokens} ({@code max_response_length})
 * @param temperature sent to the model (the original never sent it)
 * @param fallbackResponses drafts when no model is configured; never empty
 */
public record CharonContext(String name, String designation, String tone, String manner, List<String> quirks,
    String systemPrompt, int maxResponseTokens, double temperature, List<String> fallbackResponses) {

  /** The original's built-in defaults, used when the campaign has no context.yaml. */
  public static final CharonContext DEFAULT = new CharonContext("CHARON", "", "", "", List.of(),
      "You are CHARON, a ship AI. Be terse and technical.", 500, 0.7,
      List.of("[SYSTEM ERROR] Unable to process query at this time."));

  /** Bounds that keep a typo in the file from asking a model for a novel. */
  public static final int MAX_RESPONSE_TOKENS_LIMIT = 4096;

  public CharonContext {
    quirks = List.copyOf(quirks);
    fallbackResponses = fallbackResponses.isEmpty() ? DEFAULT.fallbackResponses() : List.copyOf(fallbackResponses);
  }
}
