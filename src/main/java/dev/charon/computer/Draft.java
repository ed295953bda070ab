package dev.charon.computer;

import java.time.Instant;

/**
 * A reply waiting for the GM: written by the model (or taken from the campaign's fallback
 * replies), never shown to players until approved. Only the GM's projection carries it.
 *
 * @param queryId the player's query it answers, or null for a GM-initiated draft
 * @param query that query's text, for the GM's screen
 * @param attempt increases with every regeneration, so pieces of an abandoned attempt are dropped
 * @param prompt exactly what was sent to the model; null for a fallback reply
 */
public record Draft(String id, String channel, String queryId, String query, String gmPrompt, String contextOverride,
    String response, State state, String error, String source, String model, ModelPrompt prompt, int attempt,
    Instant at, Instant updated) {

  public enum State {
    GENERATING, READY, FAILED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  Draft generating(ModelPrompt nextPrompt, String nextModel, Instant now) {
    return new Draft(id, channel, queryId, query, gmPrompt, contextOverride, "", State.GENERATING, null, "model",
        nextModel, nextPrompt, attempt + 1, at, now);
  }

  Draft withText(String text) {
    return new Draft(id, channel, queryId, query, gmPrompt, contextOverride, text, state, error, source, model, prompt,
        attempt, at, updated);
  }

  Draft finished(String text, State end, String why, String nextSource, Instant now) {
    return new Draft(id, channel, queryId, query, gmPrompt, contextOverride, text, end, why, nextSource, model, prompt,
        attempt, at, now);
  }
}
