package dev.charon.security;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The three cookies Charon sets. All SameSite=Strict and scoped to the context path; Secure when
 * the request came over HTTPS. All but csrftoken are HttpOnly: the SPA must read csrftoken to
 * echo it in the X-CSRFToken header.
 */
final class Cookies {
  static final String SESSION = "CHARON_SESSION";
  /** See {@link DeviceCookies}. */
  static final String DEVICE = "CHARON_DEVICE";
  /** How long a browser keeps its device cookie: a device that logs in once a year stays known. */
  static final long DEVICE_MAX_AGE_SECONDS = Duration.ofDays(365).toSeconds();

  private Cookies() {}

  static NewCookie session(String token, RequestIdentity identity) {
    return base(SESSION, token, identity.cookiePath(), identity.isSecure())
        .httpOnly(true).maxAge((int) Sessions.IDLE_TIMEOUT.toSeconds()).build();
  }

  static NewCookie device(String value, RequestIdentity identity) {
    return base(DEVICE, value, identity.cookiePath(), identity.isSecure())
        .httpOnly(true).maxAge((int) DEVICE_MAX_AGE_SECONDS).build();
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
