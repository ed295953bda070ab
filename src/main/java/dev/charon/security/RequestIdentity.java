package dev.charon.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * What {@link SecurityFilter} learned about a request, handed to resources as the JAX-RS
 * {@link SecurityContext}: the caller (if logged in), the raw session cookie (for login and
 * logout only), the client's address (for throttling) and how to scope cookies.
 */
public final class RequestIdentity implements SecurityContext {
  private final Optional<Caller> caller;
  private final String sessionToken;
  private final String clientAddress;
  private final String cookiePath;
  private final boolean secure;

  RequestIdentity(Optional<Caller> caller, String sessionToken, String clientAddress, String cookiePath, boolean secure) {
    this.caller = caller;
    this.sessionToken = sessionToken;
    this.clientAddress = clientAddress;
    this.cookiePath = cookiePath;
    this.secure = secure;
  }

  /**
   * The identity of a request that passed the filter. From the request context, not an injected
   * {@link SecurityContext}: into singleton resources Jersey injects a proxy of that.
   */
  public static RequestIdentity of(ContainerRequestContext request) {
    if (request.getSecurityContext() instanceof RequestIdentity identity) {
      return identity;
    }
    throw new IllegalStateException("SecurityFilter is not registered");
  }

  public Optional<Caller> caller() {
    return caller;
  }

  public Optional<String> username() {
    return caller.map(Caller::username);
  }

  /** The caller, for endpoints the access table already limited to logged-in users. */
  public Caller required() {
    return caller.orElseThrow(() -> new IllegalStateException("access table let an anonymous request through"));
  }

  String sessionToken() {
    return sessionToken;
  }

  public String clientAddress() {
    return clientAddress;
  }

  String cookiePath() {
    return cookiePath;
  }

  @Override
  public Principal getUserPrincipal() {
    return caller.orElse(null);
  }

  @Override
  public boolean isUserInRole(String role) {
    return caller.map(c -> c.role().covers(Role.valueOf(role))).orElse(false);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return caller.isPresent() ? "CHARON_SESSION" : null;
  }
}
