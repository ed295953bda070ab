package dev.charon.testing;

import dev.charon.security.SecurityFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Tests only: what the servlet filter {@code ClientAddressFilter} does in a real container
 * (Grizzly runs no servlet filters), with the address taken from a test header so that one
 * machine can play several devices. Never part of the WAR.
 */
@PreMatching
@Priority(100)
public final class TestClientAddress implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    String address = request.getHeaderString(ApiTestBase.CLIENT_ADDRESS_HEADER);
    request.setProperty(SecurityFilter.CLIENT_ADDRESS_ATTRIBUTE, address == null ? "127.0.0.1" : address);
  }
}
