package dev.charon.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers for the pages and static files of the SPA. Hashed assets are cached for a year; the
 * pages themselves are revalidated so a new deployment shows at once. Async-supported because
 * it also sits in front of the SSE URLs (STACK.md trap 3).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PageHeadersFilter extends HttpFilter {
  static final long ASSET_MAX_AGE_SECONDS = 365L * 24 * 3600;

  /** Same-origin only; images may be data: URLs (generated thumbnails) or blobs. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
      + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
      + "base-uri 'self'; form-action 'self'";

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.startsWith("/api/")) {
      if (path.startsWith("/assets/")) {
        res.setHeader("Cache-Control", "public, max-age=" + ASSET_MAX_AGE_SECONDS + ", immutable");
      } else {
        res.setHeader("Cache-Control", "no-cache");
      }
      res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      res.setHeader("X-Frame-Options", "DENY");
      res.setHeader("Referrer-Policy", "same-origin");
    }
    res.setHeader("X-Content-Type-Options", "nosniff");
    chain.doFilter(req, res);
  }
}
