package dev.charon.web;

import dev.charon.platform.AllowedHosts;
import dev.charon.platform.Charon;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a request for a host name Charon does not answer to ({@link AllowedHosts}) with 421
 * Misdirected Request, on every path (pages, API, streams), before anything answers it. The name
 * is the one the container took from {@code Host}, the same the CSRF Origin check compares.
 * Async-supported because it sits in front of the SSE URLs (STACK.md trap 3).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AllowedHostsFilter extends HttpFilter {
  static final String REFUSAL = "This server does not answer to that host name (see charon.allowed.hosts)";

  private AllowedHosts allowed;

  /** For the container: the setting is read from the running Charon in {@link #init()}. */
  public AllowedHostsFilter() {}

  /** For tests. */
  AllowedHostsFilter(AllowedHosts allowed) {
    this.allowed = allowed;
  }

  @Override
  public void init() {
    if (allowed == null) {
      allowed = Charon.installed().settings().allowedHosts();
    }
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (allowed.allows(req.getServerName(), req.getServerPort())) {
      chain.doFilter(req, res);
    } else {
      ErrorPageServlet.write(req, res, 421, REFUSAL, req.getRequestURI());
    }
  }
}
