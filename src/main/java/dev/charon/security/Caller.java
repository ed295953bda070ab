package dev.charon.security;

import java.security.Principal;

/**
 * The logged-in user behind a request.
 *
 * @param sessionKey the SHA-256 of the session token: identifies the session (e.g. to close its
 *     streams when it ends) without being a credential
 */
public record Caller(String username, Role role, String sessionKey) implements Principal {
  @Override
  public String getName() {
    return username;
  }
}
