package dev.charon.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers every API answer needs. Streams must not be cached or buffered by a proxy (nginx
 * honours X-Accel-Buffering); JSON state must not be cached unless a resource says otherwise.
 */
@Provider
public final class ApiHeadersFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    var headers = response.getHeaders();
    if (MediaType.SERVER_SENT_EVENTS_TYPE.isCompatible(response.getMediaType())) {
      headers.putSingle("Cache-Control", "no-cache");
      headers.putSingle("X-Accel-Buffering", "no");
    } else if (!headers.containsKey("Cache-Control")) {
      headers.putSingle("Cache-Control", "no-store");
    }
    headers.putSingle("X-Content-Type-Options", "nosniff");
  }
}
