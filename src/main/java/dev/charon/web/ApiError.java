package dev.charon.web;

/**
 * A request the server refuses, with the status and the JSON error the client sees. Thrown
 * before anything changes, so a refused write never leaves partial state behind.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String field;

  public ApiError(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
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
}
