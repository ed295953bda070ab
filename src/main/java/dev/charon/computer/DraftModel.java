package dev.charon.computer;

import java.util.function.Consumer;

/** A language model that writes CHARON drafts. Thread-safe: one instance serves every channel. */
public interface DraftModel {
  ModelInfo info();

  /**
   * Asks the model and blocks the calling (pool) thread until the whole answer is in or the call
   * failed. {@code onText} gets each new piece of text, in order, on the calling thread, as it
   * streams; it is never called after this method has returned or thrown. Returns or throws within
   * the configured timeout whatever the server does (slow, hangs mid-stream, sends junk, HTTP
   * errors, refuses, answers empty), and lets go of the connection when it gives up.
   *
   * @return the whole answer, never blank
   * @throws ModelException with a message for the GM
   * @throws InterruptedException if the calling thread is interrupted; the call is abandoned
   */
  String complete(ModelPrompt prompt, Consumer<String> onText) throws ModelException, InterruptedException;
}
