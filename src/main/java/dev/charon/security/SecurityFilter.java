package dev.charon.security;

import dev.charon.platform.PublicUrl;
import dev.charon.platform.TrustedProxies;
import dev.charon.web.ErrorMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Every API request passes here once, after Jersey has chosen the resource method: the session
 * cookie is resolved, the {@link AccessTable} decides (401 without a needed session, 403 with the
 * wrong role), and every state-changing request must carry the {@link Csrf} proof (403). Access
 * is decided on the matched resource template, not the raw URL, so no encoding trick can reach
 * a method under a path the table does not see. Answers are JSON, never a redirect. Writes
 * anyone may make (the shared terminal's) are limited per client address, so one device cannot
 * flood the table's screens ({@link AccessTable#rateLimitedPerAddress}).
 */
@Priority(Priorities.AUTHENTICATION)
public final class SecurityFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /**
   * The socket's peer address, set by {@link ClientAddressFilter} (a servlet filter: JAX-RS cannot
   * see it). The client's address is worked out from it ({@link ClientRequest}).
   */
  public static final String CLIENT_ADDRESS_ATTRIBUTE = "dev.charon.security.clientAddress";
  static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String RESOLVED = SecurityFilter.class.getName() + ".resolved";
  private static final String SCOPE = SecurityFilter.class.getName() + ".scope";
  /**
   * Public writes per client address and window: a player taps "close" a few times a minute; a
   * script would do it thousands of times a second and push every change to every screen.
   */
  public static final int MAX_PUBLIC_WRITES_PER_WINDOW = 30;
  public static final long PUBLIC_WRITE_WINDOW_SECONDS = 10;

  private final Sessions sessions;
  private final Throttle publicWrites;
  private final Optional<PublicUrl> publicUrl;
  private final TrustedProxies trustedProxies;

  /** For a LAN: no public URL, no trusted proxies. */
  public SecurityFilter(Sessions sessions) {
    this(sessions, Optional.empty(), TrustedProxies.NONE);
  }

  /**
   * @param publicUrl where the browsers reach Charon through a reverse proxy (charon.public.url)
   * @param trustedProxies whose forwarding headers say who the client is (charon.trusted.proxies)
   */
  public SecurityFilter(Sessions sessions, Optional<PublicUrl> publicUrl, TrustedProxies trustedProxies) {
    this(sessions, new Throttle(MAX_PUBLIC_WRITES_PER_WINDOW, Duration.ofSeconds(PUBLIC_WRITE_WINDOW_SECONDS),
        System::nanoTime), publicUrl, trustedProxies);
  }

  SecurityFilter(Sessions sessions, Throttle publicWrites) {
    this(sessions, publicWrites, Optional.empty(), TrustedProxies.NONE);
  }

  private SecurityFilter(Sessions sessions, Throttle publicWrites, Optional<PublicUrl> publicUrl,
      TrustedProxies trustedProxies) {
    this.sessions = sessions;
    this.publicWrites = publicWrites;
    this.publicUrl = publicUrl;
    this.trustedProxies = trustedProxies;
  }

  /**
   * The client's request and what that means for cookies.
   *
   * @param published made through the public URL: its path and scheme scope the cookies
   */
  record Scope(ClientRequest client, boolean published, String cookiePath, boolean secure) {}

  /**
   * A request counts as made through the public URL when it names the public URL's host (in
   * {@code Host}, or forwarded by a trusted proxy) or comes from a trusted proxy; then the cookies
   * take the public URL's path and {@code Secure} from its scheme (a proxy may publish the
   * context {@code /charon} as {@code /games/charon/}, over HTTPS while the container sees HTTP).
   * Any other request (a LAN screen at the machine's own address) is scoped as without the setting.
   */
  Scope scope(ContainerRequestContext request) {
    if (request.getProperty(SCOPE) instanceof Scope s) {
      return s;
    }
    URI uri = request.getUriInfo().getRequestUri();
    Object peer = request.getProperty(CLIENT_ADDRESS_ATTRIBUTE);
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    ClientRequest client = ClientRequest.of(peer == null ? "unknown" : peer.toString(), request.getHeaders()::get,
        uri.getScheme(), uri.getHost(), port, trustedProxies);
    boolean published = publicUrl.isPresent()
        && (client.viaTrustedProxy()
            || withoutTrailingDot(client.host()).equals(withoutTrailingDot(publicUrl.get().host())));
    Scope scope = published
        ? new Scope(client, true, publicUrl.get().path(), publicUrl.get().secure())
        : new Scope(client, false, cookiePath(request.getUriInfo().getBaseUri()), client.scheme().equals("https"));
    request.setProperty(SCOPE, scope);
    return scope;
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** The origins a write may come from: the one the client addressed, and the public URL's. */
  private List<URI> ownOrigins(ClientRequest client) {
    List<URI> origins = new ArrayList<>(2);
    origins.add(URI.create(client.origin()));
    publicUrl.ifPresent(u -> origins.add(URI.create(u.origin())));
    return origins;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
    String method = request.getMethod();
    String path = matchedPath(uri);
    Access access = AccessTable.lookup(method, path);
    String token = cookie(request, Cookies.SESSION);
    Sessions.Resolved resolved = sessions.resolve(token);
    Scope scope = scope(request);
    RequestIdentity identity = new RequestIdentity(resolved.caller(), token, scope.client().address(),
        scope.cookiePath(), scope.secure());
    request.setSecurityContext(identity);
    request.setProperty(RESOLVED, resolved);

    Optional<Caller> caller = resolved.caller();
    switch (access) {
      case PUBLIC -> { }
      case ANYONE_OR_USER -> {
        if (resolved.dead()) {
          refuse(request, 401, "Your session has ended: log in again");
          return;
        }
      }
      case PLAYER, GM -> {
        Role needed = access == Access.GM ? Role.GM : Role.PLAYER;
        if (caller.isEmpty()) {
          refuse(request, 401, resolved.dead() ? "Your session has ended: log in again" : "Log in first");
          return;
        }
        if (!caller.get().role().covers(needed)) {
          refuse(request, 403, "This needs the " + needed + " role");
          return;
        }
      }
    }
    if (STATE_CHANGING.contains(method)) {
      Optional<String> refusal = Csrf.refusal(cookie(request, Csrf.COOKIE), request.getHeaderString(Csrf.HEADER),
          request.getHeaderString("Origin"), request.getHeaderString("Sec-Fetch-Site"), ownOrigins(scope.client()));
      if (refusal.isPresent()) {
        refuse(request, 403, refusal.get());
        return;
      }
    }
    // Last, so that only writes that would really run are counted.
    if (AccessTable.rateLimitedPerAddress(method, path)) {
      Throttle.Attempt attempt = publicWrites.acquire("address:" + identity.clientAddress());
      if (!attempt.granted()) {
        Response tooMany = ErrorMapper.json(429, "Too many requests; try again in " + attempt.retryAfterSeconds()
            + " s", null);
        tooMany.getHeaders().putSingle("Retry-After", String.valueOf(attempt.retryAfterSeconds()));
        request.abortWith(tooMany);
      }
    }
  }

  /** Hands out the CSRF cookie where it is missing, and keeps the session cookie in step. */
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!Csrf.wellFormed(cookie(request, Csrf.COOKIE))) {
      Scope scope = scope(request);
      response.getHeaders().add("Set-Cookie", Cookies.csrf(Csrf.newToken(), scope.cookiePath(), scope.secure()));
    }
    if (!(request.getSecurityContext() instanceof RequestIdentity identity)) {
      return; // not matched to a resource (404, 405): no session was looked at
    }
    Object resolved = request.getProperty(RESOLVED);
    if (resolved instanceof Sessions.Resolved r && !response.getCookies().containsKey(Cookies.SESSION)) {
      if (r.dead()) {
        response.getHeaders().add("Set-Cookie", Cookies.clearSession(identity.cookiePath(), identity.isSecure()));
      } else if (r.refreshed()) {
        response.getHeaders().add("Set-Cookie", Cookies.session(identity.sessionToken(), identity));
      }
    }
  }

  private static void refuse(ContainerRequestContext request, int status, String message) {
    request.abortWith(ErrorMapper.json(status, message, null));
  }

  /** The path of the matched resource method, e.g. {@code gm/players/{username}/password}. */
  static String matchedPath(ExtendedUriInfo uri) {
    List<UriTemplate> templates = new ArrayList<>(uri.getMatchedTemplates());
    if (templates.isEmpty()) {
      return uri.getPath(false);
    }
    Collections.reverse(templates); // Jersey lists the most specific (the method's) first
    StringBuilder path = new StringBuilder();
    for (UriTemplate t : templates) {
      path.append('/').append(t.getTemplate());
    }
    return path.toString().replaceAll("/+", "/");
  }

  /** The context path as a cookie path: {@code /} or {@code /charon/} (the API lives at {@code <it>api/}). */
  static String cookiePath(URI apiBase) {
    String p = UriBuilder.fromUri(apiBase).build().getPath();
    if (p == null || p.isEmpty()) {
      return "/";
    }
    String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
  }

  /**
   * The first value of a cookie, parsed by hand: a malformed Cookie header must be "no cookie",
   * never an exception (and so never a 500).
   */
  static String cookie(ContainerRequestContext request, String name) {
    List<String> headers = request.getHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String part : header.split("[;,]")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
          return part.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }
}
