package dev.charon.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure leaves as {@code {"error": ..., "field": ...}} JSON, never as an HTML page.
 * Anything unexpected is a 500 that is logged with its stack trace (and is a bug to fix).
 */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof ApiError api) {
      Response r = json(api.status(), api.getMessage(), api.field());
      if (api.retryAfterSeconds() > 0) {
        r.getHeaders().putSingle("Retry-After", String.valueOf(api.retryAfterSeconds()));
      }
      return r;
    }
    if (e instanceof JsonProcessingException) {
      return json(400, "Invalid JSON", null);
    }
    if (e instanceof NotAllowedException notAllowed) {
      Response r = json(405, "Method not allowed", null);
      // RFC 9110: a 405 says which methods the resource does take.
      String allow = notAllowed.getResponse().getHeaderString("Allow");
      if (allow != null) {
        r.getHeaders().putSingle("Allow", allow);
      }
      return r;
    }
    if (e instanceof WebApplicationException wae) {
      int status = wae.getResponse().getStatus();
      if (status >= 500) {
        LOG.log(Level.SEVERE, "request failed", e);
      }
      return json(status, Response.Status.fromStatusCode(status) == null
          ? "Request failed" : Response.Status.fromStatusCode(status).getReasonPhrase(), null);
    }
    LOG.log(Level.SEVERE, "unexpected failure", e);
    return json(500, "Internal error", null);
  }

  public static Response json(int status, String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
