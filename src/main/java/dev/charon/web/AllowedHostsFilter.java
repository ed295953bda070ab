package dev.charon.web;

import dev.charon.platform.AllowedHosts;
import dev.charon.platform.Charon;
import dev.charon.platform.TrustedProxies;
import dev.charon.security.ClientRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Refuses a request for a host name Charon does not answer to ({@link AllowedHosts}) with 421
 * Misdirected Request, on every path (pages, API, streams), before anything answers it. The name
 * is the one the container took from {@code Host}, or the one a trusted proxy forwarded (the
 * browser's {@code Host} when the proxy passes on its own): the same the CSRF Origin check compares.
 * Async-supported because it sits in front of the SSE URLs (STACK.md trap 3).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AllowedHostsFilter extends HttpFilter {
  static final String REFUSAL = "This server does not answer to that host name (see charon.allowed.hosts)";

  private AllowedHosts allowed;
  private TrustedProxies trusted;

  /** For the container: the setting is read from the running Charon in {@link #init()}. */
  public AllowedHostsFilter() {}

  /** For tests. */
  AllowedHostsFilter(AllowedHosts allowed) {
    this(allowed, TrustedProxies.NONE);
  }

  /** For tests. */
  AllowedHostsFilter(AllowedHosts allowed, TrustedProxies trusted) {
    this.allowed = allowed;
    this.trusted = trusted;
  }

  @Override
  public void init() {
    if (allowed == null) {
      allowed = Charon.installed().settings().allowedHosts();
      trusted = Charon.installed().settings().trustedProxies();
    }
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    boolean allows;
    if (allowed.any()) {
      allows = true;
    } else {
      ClientRequest client = ClientRequest.of(req.getRemoteAddr(), name -> Collections.list(req.getHeaders(name)),
          req.getScheme(), req.getServerName(), req.getServerPort(), trusted);
      allows = allowed.allows(client.host(), client.port());
    }
    if (allows) {
      chain.doFilter(req, res);
    } else {
      ErrorPageServlet.write(req, res, 421, REFUSAL, req.getRequestURI());
    }
  }
}
