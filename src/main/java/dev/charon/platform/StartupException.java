package dev.charon.platform;

/**
 * A start-up failure caused by configuration. Its message is the one line the operator reads:
 * it names the setting and says what to do, so it is logged without a stack trace.
 */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
