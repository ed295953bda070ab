package dev.charon.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Passes the socket's peer address to {@link SecurityFilter} (Jersey exposes servlet request
 * attributes as request properties; JAX-RS itself has no notion of the client's address). Only
 * when that peer is a trusted proxy (charon.trusted.proxies) does {@link ClientRequest} take the
 * client's address from X-Forwarded-For or Forwarded, which any other client could forge.
 * Async-supported because it sits in front of the SSE URLs (STACK.md trap 3).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ClientAddressFilter extends HttpFilter {
  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    req.setAttribute(SecurityFilter.CLIENT_ADDRESS_ATTRIBUTE, req.getRemoteAddr());
    chain.doFilter(req, res);
  }
}
