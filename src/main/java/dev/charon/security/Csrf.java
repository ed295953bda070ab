package dev.charon.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Same-origin proof for state-changing requests, in two independent parts:
 * <ol>
 *   <li>double submit: header {@code X-CSRFToken} equals cookie {@code csrftoken}. Another site
 *       can make a browser send the cookie (if SameSite fails) but cannot read it to copy it into
 *       a header, and a plain form cannot set headers at all;</li>
 *   <li>if the browser says where the request comes from ({@code Origin}, or
 *       {@code Sec-Fetch-Site: cross-site}), that must be this very server: the scheme, host and
 *       port the client addressed ({@link ClientRequest}), or the public URL's.</li>
 * </ol>
 */
public final class Csrf {
  public static final String COOKIE = "csrftoken";
  public static final String HEADER = "X-CSRFToken";
  static final int TOKEN_BYTES = 32;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  public static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean wellFormed(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  /**
   * Why a write is refused, or empty if it carries the proof.
   *
   * @param requestUri the URI this request was sent to (scheme, host and port as the client used them)
   */
  public static Optional<String> refusal(String cookie, String header, String origin, String fetchSite, URI requestUri) {
    return refusal(cookie, header, origin, fetchSite, List.of(requestUri));
  }

  /**
   * Why a write is refused, or empty if it carries the proof.
   *
   * @param ownOrigins where this server is: the scheme, host and port the client used, and the
   *     public URL's (charon.public.url) if set; an {@code Origin} must be one of them exactly
   */
  public static Optional<String> refusal(String cookie, String header, String origin, String fetchSite,
      List<URI> ownOrigins) {
    if (origin != null && ownOrigins.stream().noneMatch(own -> sameOrigin(origin, own))) {
      return Optional.of("Cross-origin request refused");
    }
    if ("cross-site".equalsIgnoreCase(fetchSite)) {
      return Optional.of("Cross-site request refused");
    }
    if (!wellFormed(cookie) || header == null
        || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("CSRF token missing or wrong: send the csrftoken cookie's value in the X-CSRFToken header");
    }
    return Optional.empty();
  }

  /** {@code Origin} is {@code scheme://host[:port]}; "null" (sandboxed or file pages) never matches. */
  static boolean sameOrigin(String origin, URI requestUri) {
    URI o;
    try {
      o = URI.create(origin.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (o.getScheme() == null || o.getHost() == null || requestUri.getScheme() == null || requestUri.getHost() == null) {
      return false;
    }
    return o.getScheme().equalsIgnoreCase(requestUri.getScheme())
        && o.getHost().toLowerCase(Locale.ROOT).equals(requestUri.getHost().toLowerCase(Locale.ROOT))
        && port(o) == port(requestUri)
        && (o.getRawPath() == null || o.getRawPath().isEmpty());
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
