package dev.charon.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.testing.RawHttp;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.servlet.WebappContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WAR's error page, on a servlet container, given what a container's error dispatch sets
 * (status, original URI, exception): JSON under /api/, plain text elsewhere, never the
 * exception. The real container's dispatch is checked by ContainerSmokeIT.
 */
class ErrorPageServletTest {
  private static final String SECRET = "secret detail of a failure";
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = new HttpServer();
    NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
    server.addListener(listener);
    WebappContext app = new WebappContext("charon", "/charon");
    ErrorPageServlet errorPage = new ErrorPageServlet();
    app.addServlet("error", errorPage).addMapping(ErrorPageServlet.PATH);
    // Plays the container's error dispatch: /charon/fail/<status>/<original path> with the attributes set.
    app.addServlet("fail", new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String[] parts = req.getPathInfo().split("/", 3);
        int status = Integer.parseInt(parts[1]);
        req.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        req.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/charon/" + parts[2]);
        req.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException(SECRET));
        req.setAttribute(RequestDispatcher.ERROR_MESSAGE, SECRET);
        res.setStatus(status);
        if (status == 405) {
          res.setHeader("Allow", "GET, HEAD");
        }
        errorPage.service(req, res);
      }
    }).addMapping("/fail/*");
    app.deploy(server);
    server.start();
    base = URI.create("http://127.0.0.1:" + listener.getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  private RawHttp.Reply get(String target) throws IOException {
    return RawHttp.send(base, "GET", target, "127.0.0.1");
  }

  @Test
  void failureUnderTheApiIsJsonWithoutTheException() throws Exception {
    RawHttp.Reply r = get("/charon/fail/500/api/gm/broadcast/");
    assertEquals(500, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.toString());
    assertEquals("{\"error\":\"Internal Server Error\"}", r.body());
    assertEquals("no-store", r.header("Cache-Control"));
  }

  @Test
  void failureOfAPageIsOneLineOfPlainText() throws Exception {
    RawHttp.Reply r = get("/charon/fail/404/terminal/nope.png");
    assertEquals(404, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("text/plain"), r.toString());
    assertEquals("404 Not Found\n", r.body());
    assertFalse(r.toString().contains(SECRET));
  }

  @Test
  void headersOfTheErrorAreKept() throws Exception {
    RawHttp.Reply r = get("/charon/fail/405/terminal/");
    assertEquals(405, r.status(), r.toString());
    assertEquals("GET, HEAD", r.header("Allow"));
    assertEquals("405 Method Not Allowed\n", r.body());
  }

  @Test
  void pathsThatMerelyStartWithApiArePages() throws Exception {
    assertTrue(get("/charon/fail/404/apiary/").header("Content-Type").startsWith("text/plain"));
    assertTrue(get("/charon/fail/404/api").header("Content-Type").startsWith("application/json"));
  }

  @Test
  void theErrorPageAskedForDirectlyIsNotFound() throws Exception {
    RawHttp.Reply r = RawHttp.send(base, "DELETE", "/charon" + ErrorPageServlet.PATH, "127.0.0.1");
    assertEquals(404, r.status(), r.toString());
    assertEquals("404 Not Found\n", r.body());
  }
}
