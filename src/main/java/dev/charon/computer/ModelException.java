package dev.charon.computer;

/** A model call that gave no usable text; the message is shown to the GM as it is. */
public final class ModelException extends Exception {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
