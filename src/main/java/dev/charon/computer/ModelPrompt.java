package dev.charon.computer;

import java.util.List;

/** What is sent: system prompt, alternating user/assistant turns (first is user), limits. */
public record ModelPrompt(String system, List<Turn> messages, int maxTokens, double temperature) {
  public ModelPrompt {
    messages = List.copyOf(messages);
  }

  /** @param role "user" or "assistant" */
  public record Turn(String role, String content) {}
}
