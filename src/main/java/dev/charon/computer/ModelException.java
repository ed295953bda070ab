package dev.charon.computer;

/**
 * A model call that gave no usable answer. The message is shown to the GM as it is, so it says
 * what happened in plain words and what to check ("The model server answered 401: check
 * charon.model.api.key"). It never contains the API key, and it carries no cause: the library's
 * exceptions hold server answers that could echo request headers, and a logged cause would print
 * them.
 */
public final class ModelException extends Exception {
  public ModelException(String message) {
    super(message);
  }
}
