package dev.charon.activeview;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives each stream request a {@link StreamConnection} and, once Jersey has suspended the request
 * for the stream, registers it with the container. The response it passes on sends the headers
 * with the first frame ({@link FirstFrameResponse}). Async-supported because it sits in front of
 * the SSE URLs (STACK.md trap 3). Outside a servlet container (the Jersey test server) there is
 * no such filter, and dead clients are found by failed writes alone.
 */
@WebFilter(urlPatterns = {"/api/active-view/stream/*", "/api/gm/active-view/stream/*"}, asyncSupported = true)
public class StreamConnectionFilter extends HttpFilter {
  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    StreamConnection connection = new StreamConnection(
        req.getRemoteAddr() + " \"" + req.getMethod() + " " + req.getRequestURI() + "\"",
        TcpTable.SocketId.of(req.getLocalPort(), req.getRemoteAddr(), req.getRemotePort()));
    req.setAttribute(StreamConnection.ATTRIBUTE, connection);
    // A stream's connection is never reused for another request (it ends when the stream does),
    // and saying so lets the container send the frames as they are instead of in chunks: one
    // write into the socket buffer per frame instead of three (chunk size, frame, line end), and
    // 6 bytes fewer per event: 135 instead of 141 for a token move (docs/benchmarks.md).
    res.setHeader("Connection", "close");
    FirstFrameResponse response = new FirstFrameResponse(res);
    connection.response(response);
    try {
      chain.doFilter(req, response);
    } finally {
      register(req, connection);
    }
  }

  private static void register(HttpServletRequest req, StreamConnection connection) {
    if (!req.isAsyncStarted()) {
      connection.end(); // refused, or not a stream at all: nothing stays open
      return;
    }
    try {
      // Allowed until this dispatch returns to the container, which is when the container
      // starts watching the socket: no signal can be missed in between.
      req.getAsyncContext().addListener(connection);
    } catch (IllegalStateException completedMeanwhile) {
      connection.end();
    }
  }
}
