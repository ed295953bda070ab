package dev.charon.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a request whose {@code Content-Type} cannot be parsed at all with the JSON 415 that
 * {@link Body} gives any other type that is not JSON. Without it Jersey fails while matching the
 * resource method (it parses the header to pick one) and answers a bare 400 with no body, before
 * any resource or exception mapper runs; hence pre-matching.
 */
@Provider
@PreMatching
public final class ContentTypeFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (contentType == null) {
      return;
    }
    try {
      MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      request.abortWith(ErrorMapper.json(415, Body.UNSUPPORTED_TYPE, null));
    }
  }
}
