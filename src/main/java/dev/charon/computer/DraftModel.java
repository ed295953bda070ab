package dev.charon.computer;

import java.util.function.Consumer;

/** A language model that writes CHARON drafts. */
public interface DraftModel {
  ModelInfo info();

  /**
   * Blocks the calling (pool) thread until the whole answer is in or it failed, calling
   * {@code onText} with each new piece of text in order as it streams. Returns the full text.
   */
  String complete(ModelPrompt prompt, Consumer<String> onText) throws ModelException, InterruptedException;
}
