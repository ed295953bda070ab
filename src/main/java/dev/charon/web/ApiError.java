package dev.charon.web;

/**
 * A request the server refuses, with the status and the JSON error the client sees. Thrown
 * before anything changes, so a refused write never leaves partial state behind.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String field;
  private final long retryAfterSeconds;

  public ApiError(int status, String message, String field) {
    this(status, message, field, 0);
  }

  private ApiError(int status, String message, String field, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429 with a {@code Retry-After} header. */
  public static ApiError tooManyRequests(long retryAfterSeconds, String message) {
    return new ApiError(429, message, null, retryAfterSeconds);
  }

  /** 503 with a {@code Retry-After} header: the server is full, not the client wrong. */
  public static ApiError serviceUnavailable(long retryAfterSeconds, String message) {
    return new ApiError(503, message, null, retryAfterSeconds);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, message, null);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, message, null);
  }

  public static ApiError badRequest(String field, String message) {
    return new ApiError(400, message, field);
  }

  public static ApiError notFound(String field, String message) {
    return new ApiError(404, message, field);
  }

  public static ApiError conflict(String field, String message) {
    return new ApiError(409, message, field);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  /** Seconds for a Retry-After header; 0 when there is none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
