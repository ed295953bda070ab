package dev.charon.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.platform.AllowedHosts;
import dev.charon.platform.Settings;
import dev.charon.platform.TrustedProxies;
import dev.charon.testing.RawHttp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.servlet.WebappContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host check as a servlet filter on a real servlet container (Grizzly): a request that names
 * another host never reaches what is behind it, on pages and under /api/ alike, and gets 421 in
 * the form each expects.
 */
class AllowedHostsFilterTest {
  private final AtomicInteger reached = new AtomicInteger();
  private HttpServer server;

  private URI start(AllowedHosts allowed) throws IOException {
    return start(allowed, TrustedProxies.NONE);
  }

  private URI start(AllowedHosts allowed, TrustedProxies trusted) throws IOException {
    server = new HttpServer();
    NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
    server.addListener(listener);
    WebappContext app = new WebappContext("charon", "/charon");
    app.addFilter("hosts", new AllowedHostsFilter(allowed, trusted)).addMappingForUrlPatterns(null, "/*");
    app.addServlet("behind", new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        reached.incrementAndGet();
        res.setContentType("text/plain");
        res.setContentLength(7);
        res.getWriter().write("reached");
      }
    }).addMapping("/*");
    app.deploy(server);
    server.start();
    return URI.create("http://127.0.0.1:" + listener.getPort() + "/");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  private static AllowedHosts listed(String value) {
    return AllowedHosts.parse(Settings.ALLOWED_HOSTS, value);
  }

  @Test
  void foreignHostGets421AsJsonUnderTheApiAndNothingBehindRuns() throws Exception {
    URI base = start(listed("charon.lan"));
    RawHttp.Reply r = RawHttp.send(base, "GET", "/charon/api/active-view/stream/", "rebound.attacker.example");
    assertEquals(421, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.toString());
    assertEquals(AllowedHostsFilter.REFUSAL, JsonMapper.MAPPER.readTree(r.body()).get("error").asText());
    assertEquals(0, reached.get());
  }

  @Test
  void foreignHostGets421AsPlainTextOnPages() throws Exception {
    URI base = start(listed("charon.lan"));
    RawHttp.Reply r = RawHttp.send(base, "GET", "/charon/terminal/", "rebound.attacker.example:" + base.getPort());
    assertEquals(421, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("text/plain"), r.toString());
    assertEquals("421 " + AllowedHostsFilter.REFUSAL + "\n", r.body());
    assertEquals(0, reached.get());
  }

  @Test
  void listedHostsAndLoopbackPass() throws Exception {
    URI base = start(listed("charon.lan,tv.lan:8080"));
    for (String host : new String[] {"charon.lan", "Charon.LAN:" + base.getPort(), "tv.lan:8080", "localhost",
        "127.0.0.1:" + base.getPort(), "[::1]:8080"}) {
      RawHttp.Reply r = RawHttp.send(base, "GET", "/charon/api/health/", host);
      assertEquals(200, r.status(), host + ": " + r);
      assertEquals("reached", r.body(), host);
    }
    assertEquals(421, RawHttp.send(base, "GET", "/charon/api/health/", "tv.lan:9090").status(), "listed with a port");
  }

  @Test
  void unsetAcceptsAnyHost() throws Exception {
    URI base = start(AllowedHosts.ANY);
    RawHttp.Reply r = RawHttp.send(base, "GET", "/charon/terminal/", "rebound.attacker.example");
    assertEquals(200, r.status(), r.toString());
    assertEquals(1, reached.get());
  }

  @Test
  void behindATrustedProxyTheForwardedHostIsTheOneChecked() throws Exception {
    // The proxy passes its own upstream name in Host and the browser's in X-Forwarded-Host.
    URI base = start(listed("games.example.org"), TrustedProxies.parse(Settings.TRUSTED_PROXIES, "127.0.0.1"));
    assertEquals(200, RawHttp.send(base, "GET", "/charon/api/health/", "backend.internal:8080",
        "X-Forwarded-Host: games.example.org").status());
    assertEquals(421, RawHttp.send(base, "GET", "/charon/api/health/", "localhost",
        "X-Forwarded-Host: rebound.attacker.example").status(), "a rebinding page behind the proxy");
    assertEquals(421, RawHttp.send(base, "GET", "/charon/api/health/", "localhost",
        "Forwarded: host=rebound.attacker.example").status());
    assertEquals(1, reached.get());
  }

  @Test
  void aForwardedHostFromAnUntrustedClientIsIgnored() throws Exception {
    URI base = start(listed("games.example.org"), TrustedProxies.parse(Settings.TRUSTED_PROXIES, "10.0.0.2"));
    assertEquals(421, RawHttp.send(base, "GET", "/charon/api/health/", "rebound.attacker.example",
        "X-Forwarded-Host: games.example.org", "Forwarded: host=games.example.org").status());
    assertEquals(200, RawHttp.send(base, "GET", "/charon/api/health/", "games.example.org",
        "X-Forwarded-Host: rebound.attacker.example").status());
  }
}
