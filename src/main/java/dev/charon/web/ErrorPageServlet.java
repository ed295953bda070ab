package dev.charon.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to every error the container hands back to the application (the default error
 * page in {@code WEB-INF/web.xml}): a file that is not there (404), a method the static files do
 * not take (405), a request the container refused after routing it here (400), an exception
 * thrown outside Jersey (500). JSON shaped like {@link ErrorMapper}'s under {@code /api/}, one
 * line of plain text elsewhere. Never the container's own page, which names the server and its
 * version, and never the exception or the container's message.
 *
 * <p>Errors the container answers before it knows the application (a malformed request line, a
 * URI it will not decode such as {@code %2f}) never get here: the host's error report answers
 * them, which {@code tomcat-conf/conf/server.xml} keeps free of server details.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH, asyncSupported = true)
public class ErrorPageServlet extends HttpServlet {
  /** The location of the error page in {@code WEB-INF/web.xml}. */
  public static final String PATH = "/charon-error";

  /** Every method: an error dispatch keeps the method of the request that failed (PUT, TRACE, ...). */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (!(code instanceof Integer status) || uri == null) {
      // Asked for by its own URL: there is no page here.
      write(req, res, 404, null, req.getRequestURI());
      return;
    }
    write(req, res, status >= 400 ? status : 500, null, uri.toString());
  }

  /**
   * Writes an error answer, keeping headers already set (a 405's {@code Allow}).
   *
   * @param message what the client is told; null for the status's reason phrase
   * @param requestUri the URI the client asked for, which decides JSON or text
   */
  static void write(HttpServletRequest req, HttpServletResponse res, int status, String message, String requestUri)
      throws IOException {
    if (res.isCommitted()) {
      return; // part of an answer has left already: nothing can replace it
    }
    res.resetBuffer();
    res.setStatus(status);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    String text = message != null ? message : reason(status);
    String body;
    if (isApi(req.getContextPath(), requestUri)) {
      res.setContentType("application/json;charset=UTF-8");
      body = JsonMapper.MAPPER.writeValueAsString(Map.of("error", text));
    } else {
      res.setContentType("text/plain;charset=UTF-8");
      body = status + " " + text + "\n";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    res.setContentLength(bytes.length);
    ServletOutputStream out = res.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** Under {@code /api/}: the SPA and other API clients read JSON there, never a page. */
  static boolean isApi(String contextPath, String requestUri) {
    String path = requestUri.startsWith(contextPath) ? requestUri.substring(contextPath.length()) : requestUri;
    return path.equals("/api") || path.startsWith("/api/");
  }

  static String reason(int status) {
    if (status == 421) {
      return "Misdirected Request"; // not in JAX-RS's list
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return status >= 500 ? "Server error" : "Request failed";
  }
}
