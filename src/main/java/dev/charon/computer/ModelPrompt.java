package dev.charon.computer;

import java.util.List;
import java.util.Objects;

/**
 * What is sent to the model for one draft: the system prompt, the conversation as alternating
 * user/assistant turns (the first is the user's), and the limits. Kept whole on the draft so the GM
 * can see exactly what the model was asked.
 *
 * @param maxTokens the most tokens the model may write ({@code max_response_length})
 * @param temperature sampling temperature; the servers' ranges differ (Anthropic 0–1, OpenAI 0–2), a
 *     value out of range comes back from the server as a {@link ModelException}
 */
public record ModelPrompt(String system, List<Turn> messages, int maxTokens, double temperature) {
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  /** @param role {@value #USER} or {@value #ASSISTANT} */
  public record Turn(String role, String content) {
    public Turn {
      if (!USER.equals(role) && !ASSISTANT.equals(role)) {
        throw new IllegalArgumentException("role must be user or assistant, not " + role);
      }
      Objects.requireNonNull(content, "content");
    }
  }

  public ModelPrompt {
    Objects.requireNonNull(system, "system");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs at least one user turn");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, not " + maxTokens);
    }
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be 0 or more, not " + temperature);
    }
  }
}
