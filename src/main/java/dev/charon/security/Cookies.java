package dev.charon.security;

import jakarta.ws.rs.core.NewCookie;

/**
 * The two cookies Charon sets. Both SameSite=Strict and scoped to the context path; Secure when
 * the request came over HTTPS. Only the session cookie is HttpOnly: the SPA must read csrftoken
 * to echo it in the X-CSRFToken header.
 */
final class Cookies {
  static final String SESSION = "CHARON_SESSION";

  private Cookies() {}

  static NewCookie session(String token, RequestIdentity identity) {
    return base(SESSION, token, identity.cookiePath(), identity.isSecure())
        .httpOnly(true).maxAge((int) Sessions.IDLE_TIMEOUT.toSeconds()).build();
  }

  static NewCookie clearSession(String cookiePath, boolean secure) {
    return base(SESSION, "", cookiePath, secure).httpOnly(true).maxAge(0).build();
  }

  static NewCookie csrf(String token, String cookiePath, boolean secure) {
    // A session cookie in the browser's sense (no Max-Age): a fresh one is set on the next visit.
    return base(Csrf.COOKIE, token, cookiePath, secure).httpOnly(false).build();
  }

  private static NewCookie.Builder base(String name, String value, String path, boolean secure) {
    return new NewCookie.Builder(name).value(value).path(path).secure(secure).sameSite(NewCookie.SameSite.STRICT);
  }
}
