package dev.charon.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.List;
import java.util.Locale;

/**
 * Sends the SPA's text files compressed on any container, with no container setting. The build
 * writes {@code x.js.br} and {@code x.js.gz} beside {@code x.js} (vite.config.ts); for a GET or
 * HEAD whose browser accepts one of them, the request goes on to the container's own static-file
 * servlet asking for that file, and the answer is relabelled: the original's Content-Type plus
 * Content-Encoding. The container still does what it does well for static files (ETag, Last-Modified,
 * 304s, HEAD, ranges, sendfile-free streaming), and nothing is compressed per request.
 *
 * <p>Never under {@code /api/}: the event streams must stay uncompressed and unbuffered, and JSON
 * answers are small.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class Precompressed extends HttpFilter {
  /** Preferred first: brotli is 15-20 % smaller than gzip on these bundles. */
  static final List<Encoding> ENCODINGS = List.of(new Encoding("br", ".br"), new Encoding("gzip", ".gz"));

  /** The extensions the build compresses (vite-plugin-compression2's default set). */
  private static final List<String> COMPRESSIBLE = List.of(".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml");

  record Encoding(String token, String suffix) {}

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String method = req.getMethod();
    String path = staticPath(req);
    if (path == null || !("GET".equals(method) || "HEAD".equals(method)) || !compressible(path)) {
      chain.doFilter(req, res);
      return;
    }
    // Caches must key on the header even when this answer is the uncompressed one.
    res.addHeader("Vary", "Accept-Encoding");
    Encoding chosen = choose(req.getHeader("Accept-Encoding"), path);
    if (chosen == null) {
      chain.doFilter(req, res);
      return;
    }
    String contentType = req.getServletContext().getMimeType(path);
    chain.doFilter(new Renamed(req, path + chosen.suffix()), new Relabelled(res, contentType, chosen.token()));
  }

  /** The file a request for the container's static-file servlet names, or null for the API. */
  private static String staticPath(HttpServletRequest req) {
    String servletPath = req.getServletPath();
    String path = req.getPathInfo() == null ? servletPath : servletPath + req.getPathInfo();
    if (path == null || path.isEmpty() || path.startsWith("/api/") || path.equals("/api")) {
      return null;
    }
    return path;
  }

  private static boolean compressible(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return COMPRESSIBLE.stream().anyMatch(lower::endsWith);
  }

  private Encoding choose(String acceptEncoding, String path) throws MalformedURLException {
    for (Encoding e : ENCODINGS) {
      if (accepts(acceptEncoding, e.token()) && getServletContext().getResource(path + e.suffix()) != null) {
        return e;
      }
    }
    return null;
  }

  /**
   * Whether an Accept-Encoding header allows a coding: named (or {@code *}) with a q above 0. A
   * coding named with q=0 is refused even when {@code *} would allow it (RFC 9110 12.5.3).
   */
  static boolean accepts(String header, String coding) {
    if (header == null || header.isBlank()) {
      return false;
    }
    Boolean named = null;
    boolean star = false;
    for (String part : header.split(",")) {
      String[] fields = part.split(";");
      String name = fields[0].trim().toLowerCase(Locale.ROOT);
      boolean positive = true;
      for (int i = 1; i < fields.length; i++) {
        String p = fields[i].trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("q=")) {
          positive = positiveQ(p.substring(2).trim());
        }
      }
      if (name.equals(coding)) {
        named = positive;
      } else if (name.equals("*")) {
        star = positive;
      }
    }
    return named != null ? named : star;
  }

  private static boolean positiveQ(String q) {
    try {
      return Double.parseDouble(q) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The same request, naming the compressed file to the static-file servlet. */
  private static final class Renamed extends HttpServletRequestWrapper {
    private final String path;

    Renamed(HttpServletRequest req, String path) {
      super(req);
      this.path = path;
    }

    @Override
    public String getServletPath() {
      return path;
    }

    @Override
    public String getPathInfo() {
      return null;
    }

    @Override
    public String getRequestURI() {
      return getContextPath() + path;
    }

    @Override
    public StringBuffer getRequestURL() {
      StringBuffer url = new StringBuffer();
      url.append(getScheme()).append("://").append(getServerName()).append(':').append(getServerPort()).append(getRequestURI());
      return url;
    }
  }

  /**
   * The static-file servlet labels x.js.br as a brotli archive; the browser must see JavaScript
   * sent with Content-Encoding: br. Headers the servlet sets for the file itself pass through.
   */
  private static final class Relabelled extends HttpServletResponseWrapper {
    private final String contentType;

    Relabelled(HttpServletResponse res, String contentType, String coding) {
      super(res);
      this.contentType = contentType;
      res.setHeader("Content-Encoding", coding);
      if (contentType != null) {
        res.setContentType(contentType); // as the container labels the uncompressed file
      }
    }

    @Override
    public void setContentType(String type) {
      // ignored: the compressed file's own type (application/gzip) is not what it carries
    }

    @Override
    public void setCharacterEncoding(String charset) {
      // ignored for the same reason: a charset for application/gzip is not the file's
    }

    @Override
    public void setHeader(String name, String value) {
      if (!"Content-Type".equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!"Content-Type".equalsIgnoreCase(name)) {
        super.addHeader(name, value);
      }
    }
  }
}
