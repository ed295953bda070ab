package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.charon.browser.Browser;
import dev.charon.browser.Screenshots;
import dev.charon.security.Csrf;
import dev.charon.testing.Agent;
import dev.charon.testing.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The reverse-proxy recipes of docs/deploy.md, run: Debian's nginx and Caddy, each configured from
 * the doc's own code blocks (only names, ports and certificate paths replaced), in front of one
 * Tomcat that runs the WAR twice, as {@code ROOT.war} (root recipes) and {@code charon.war} (the
 * sub-path recipes, {@code /games/charon/} to {@code /charon}), each with its settings from the
 * doc's JNDI block. The root deployment is published at nginx's root site, the {@code /charon}
 * one at Caddy's sub-path site: those two rest on {@code charon.public.url}, the other two on the
 * forwarding headers of a trusted proxy. Everything listens on loopback high ports, with a
 * self-signed certificate made here by openssl. A missing nginx, Caddy or openssl fails the
 * test (CI installs them in .ci/run); it never skips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Screenshots.class)
class ReverseProxyIT {
  static final String GM_PASSWORD = "reverse-proxy-gm-password";
  static final Duration UI = Duration.ofSeconds(20);
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  /** The recipes' worker_shutdown_timeout and grace_period, and what a stop may take on top. */
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  static final Duration SHUTDOWN_SLACK = Duration.ofSeconds(5);
  static final String NGINX = System.getProperty("charon.nginx", "/usr/sbin/nginx");
  static final String CADDY = System.getProperty("charon.caddy", "/usr/bin/caddy");
  static final String OPENSSL = System.getProperty("charon.openssl", "/usr/bin/openssl");
  /** The doc's placeholders. */
  static final String DOC_HOST = "games.example.org";
  static final String DOC_TOMCAT = "127.0.0.1:8080";
  static final String DOC_CERT = "/etc/ssl/certs/games.example.org.pem";
  static final String DOC_KEY = "/etc/ssl/private/games.example.org.key";
  static final String SUB_PATH = "/games/charon/";

  /** One published Charon: a recipe of a proxy in front of one of the two deployments. */
  record Site(String name, URI base, String cookiePath) {
    String origin() {
      return base.getScheme() + "://" + base.getAuthority();
    }
  }

  static Path work;
  static Map<String, String> recipes;
  static TomcatServer tomcat;
  static SSLContext tls;
  /** HTTP/2 where the server offers it (ALPN), as a browser; trusts only the test's certificate. */
  static HttpClient https;
  /** HTTP/1.1 over TLS: every stream its own connection, as separate devices. */
  static HttpClient https1;
  static Proxy nginx;
  static Proxy caddy;
  static Site nginxRoot;
  static Site nginxSub;
  static Site caddyRoot;
  static Site caddySub;
  static List<Site> sites;

  /** A proxy server run by the test in the foreground. */
  static final class Proxy {
    final String name;
    final Path dir;
    final Process process;

    Proxy(String name, Path dir, List<String> command, Map<String, String> env) throws IOException {
      this.name = name;
      this.dir = dir;
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("console.log").toFile());
      pb.environment().putAll(env);
      this.process = pb.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    String log() {
      try {
        return Files.readString(dir.resolve("console.log"));
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    for (String binary : List.of(NGINX, CADDY, OPENSSL)) {
      if (!Files.isExecutable(Path.of(binary))) {
        fail(binary + " is missing: install Debian's nginx-light (or nginx), caddy and openssl "
            + "(apt-get install -y nginx-light caddy openssl; .ci/run does), or point -Dcharon.nginx, "
            + "-Dcharon.caddy, -Dcharon.openssl at them");
      }
    }
    work = Path.of(ServerProcess.required("charon.it.dir"), "reverse-proxy");
    recipes = recipes(Path.of(ServerProcess.required("charon.tomcat.conf")).getParent().resolve("docs/deploy.md"));
    tomcat = new TomcatServer(work.resolve("tomcat"), "", Map.of("charon.gm.password", GM_PASSWORD));
    Path certs = Files.createDirectories(work.resolve("certs"));
    Path cert = certs.resolve("cert.pem");
    Path key = certs.resolve("key.pem");
    run(List.of(OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
        cert.toString(), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
    tls = trusting(cert);
    https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    https1 = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    int[] ports = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort(),
        ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
    nginxRoot = new Site("nginx", URI.create("https://localhost:" + ports[0] + "/"), "/");
    nginxSub = new Site("nginx-subpath", URI.create("https://localhost:" + ports[1] + SUB_PATH), SUB_PATH);
    caddyRoot = new Site("caddy", URI.create("https://localhost:" + ports[2] + "/"), "/");
    caddySub = new Site("caddy-subpath", URI.create("https://localhost:" + ports[3] + SUB_PATH), SUB_PATH);
    sites = List.of(nginxRoot, nginxSub, caddyRoot, caddySub);

    // Tomcat: ROOT published at nginx's root site, /charon at Caddy's sub-path site.
    Path webapps = tomcat.catalinaBase().resolve("webapps");
    Files.copy(ServerProcess.war(), webapps.resolve("charon.war"));
    Path contexts = Files.createDirectories(tomcat.catalinaBase().resolve("conf/Catalina/localhost"));
    Files.writeString(contexts.resolve("ROOT.xml"), tomcatContext(nginxRoot.base(), work.resolve("data-root")));
    Files.writeString(contexts.resolve("charon.xml"), tomcatContext(caddySub.base(), work.resolve("data-charon")));
    String upstream = "127.0.0.1:" + tomcat.base().getPort();
    tomcat.start();
    awaitOk(URI.create("http://" + upstream + "/charon/api/health/"), HttpClient.newHttpClient(), null);

    nginx = startNginx(work.resolve("nginx"), upstream, cert, key, ports[0], ports[1], ports[4]);
    caddy = startCaddy(work.resolve("caddy"), upstream, cert, key, ports[2], ports[3], ports[5]);
    for (Site s : sites) {
      awaitOk(s.base().resolve("api/health/"), https, s.name().startsWith("nginx") ? nginx : caddy);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Proxy p : Arrays.asList(nginx, caddy)) {
      if (p != null && p.process.isAlive()) {
        p.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (tomcat != null) {
      tomcat.stop();
    }
  }

  // ---------------------------------------------------------------- the recipes, from the doc

  private static final Pattern RECIPE = Pattern.compile("<!-- recipe: ([a-z-]+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```",
      Pattern.DOTALL);

  /** The code blocks of docs/deploy.md marked {@code <!-- recipe: name -->}, by name. */
  static Map<String, String> recipes(Path doc) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = RECIPE.matcher(Files.readString(doc));
    while (m.find()) {
      out.put(m.group(1), m.group(2) + "\n");
    }
    for (String needed : List.of("tomcat-context", "nginx-main", "nginx-upstream", "nginx-snippet", "nginx-site",
        "nginx-subpath", "caddy", "caddy-subpath")) {
      assertTrue(out.containsKey(needed), "docs/deploy.md has no block marked <!-- recipe: " + needed + " -->");
    }
    return out;
  }

  /** The recipe with every {@code from} replaced; a {@code from} the doc no longer has fails the test. */
  static String recipe(String name, String... fromTo) {
    String text = recipes.get(name);
    for (int i = 0; i < fromTo.length; i += 2) {
      assertTrue(text.contains(fromTo[i]), "docs/deploy.md's recipe '" + name + "' no longer contains '" + fromTo[i]
          + "': change ReverseProxyIT together with the doc");
      text = text.replace(fromTo[i], fromTo[i + 1]);
    }
    return text;
  }

  static String tomcatContext(URI publicUrl, Path dataDir) {
    return recipe("tomcat-context", "https://" + DOC_HOST + "/", publicUrl.toString(),
        "</Context>", "  <Environment name=\"charon/dataDir\" value=\"" + dataDir
            + "\" type=\"java.lang.String\" override=\"false\"/>\n</Context>");
  }

  static Proxy startNginx(Path dir, String upstream, Path cert, Path key, int rootPort, int subPort, int httpPort)
      throws Exception {
    Files.createDirectories(dir.resolve("snippets"));
    Files.writeString(dir.resolve("snippets/charon-proxy.conf"), recipe("nginx-snippet"));
    String[] tls = {"ssl_certificate     " + DOC_CERT, "ssl_certificate     " + cert,
        "ssl_certificate_key " + DOC_KEY, "ssl_certificate_key " + key,
        "server_name " + DOC_HOST, "server_name localhost"};
    String root = recipe("nginx-site", concat(tls, "listen 80;", "listen 127.0.0.1:" + httpPort + ";",
        "    listen [::]:80;\n", "", "listen 443 ssl http2;", "listen 127.0.0.1:" + rootPort + " ssl http2;",
        "    listen [::]:443 ssl http2;\n", ""));
    String sub = recipe("nginx-subpath", concat(tls, "listen 443 ssl http2;",
        "listen 127.0.0.1:" + subPort + " ssl http2;", "    listen [::]:443 ssl http2;\n", ""));
    // The process-level lines a packaged nginx.conf has, for an unprivileged run from this folder.
    String conf = "worker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log")
        + " info;\n" + recipe("nginx-main") + "events { worker_connections 1024; }\nhttp {\n"
        + "access_log " + dir.resolve("access.log") + ";\n"
        + tempPaths(dir, "client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        + recipe("nginx-upstream", DOC_TOMCAT, upstream) + root + sub + "}\n";
    Files.writeString(dir.resolve("nginx.conf"), conf);
    return new Proxy("nginx", dir, List.of(NGINX, "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
        "-e", dir.resolve("error.log").toString(), "-g", "daemon off;"), Map.of());
  }

  private static String tempPaths(Path dir, String... kinds) {
    StringBuilder s = new StringBuilder();
    for (String kind : kinds) {
      s.append(kind).append("_temp_path ").append(dir.resolve("temp-" + kind)).append(";\n");
    }
    return s.toString();
  }

  static Proxy startCaddy(Path dir, String upstream, Path cert, Path key, int rootPort, int subPort, int httpPort)
      throws Exception {
    Files.createDirectories(dir);
    String tlsLine = "\ttls " + cert + " " + key + "\n";
    // Test-only global options: no admin endpoint, no port 80, no Let's Encrypt, state in this folder.
    String root = recipe("caddy", "\tgrace_period 10s\n", "\tgrace_period 10s\n\tadmin off\n\thttp_port " + httpPort
            + "\n\tauto_https disable_redirects\n\tstorage file_system " + dir.resolve("data") + "\n",
        DOC_HOST + " {\n", "https://localhost:" + rootPort + " {\n" + tlsLine, DOC_TOMCAT, upstream);
    String sub = recipe("caddy-subpath", DOC_HOST + " {\n", "https://localhost:" + subPort + " {\n" + tlsLine,
        DOC_TOMCAT, upstream);
    Files.writeString(dir.resolve("Caddyfile"), root + "\n" + sub);
    return new Proxy("caddy", dir, List.of(CADDY, "run", "--config", dir.resolve("Caddyfile").toString(),
        "--adapter", "caddyfile"), Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
        "XDG_CONFIG_HOME", dir.resolve("config").toString()));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + out);
    }
  }

  static SSLContext trusting(Path certPem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certPem)) {
      store.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static void awaitOk(URI uri, HttpClient client, Proxy proxy) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (proxy != null && !proxy.process.isAlive()) {
        fail(proxy.name + " exited with " + proxy.process.exitValue() + ":\n" + proxy.log());
      }
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(200); // polling a readiness probe, not synchronising threads
    }
    fail(uri + " never answered 200 (last: " + last + ")" + (proxy == null ? "" : "\n" + proxy.log()));
  }

  // ------------------------------------------------------------------------------ the checks

  @Test
  @Order(1)
  void eachRecipeSpeaksHttp2AndRedirectsToThePublicPath() throws Exception {
    for (Site s : sites) {
      HttpResponse<String> health = https.send(HttpRequest.newBuilder(s.base().resolve("api/health/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), s.name());
      assertEquals(HttpClient.Version.HTTP_2, health.version(), s.name() + " offers HTTP/2");
      assertEquals(s.base().resolve("gmconsole/"), redirect(s.base().resolve("gmconsole")), s.name());
      if (s.cookiePath().equals(SUB_PATH)) {
        assertEquals(s.base(), redirect(URI.create(s.base().toString().replaceAll("/$", ""))), s.name());
      }
    }
  }

  private static URI redirect(URI from) throws Exception {
    HttpResponse<Void> r = https.send(HttpRequest.newBuilder(from).build(), HttpResponse.BodyHandlers.discarding());
    assertTrue(r.statusCode() == 301 || r.statusCode() == 302, from + " answered " + r.statusCode());
    return from.resolve(r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  @Order(2)
  void theGmLogsInAndWritesInChromiumThroughEachRecipe() throws Exception {
    for (Site s : sites) {
      Browser b = Screenshots.track(new Browser("gm-" + s.name(), "--ignore-certificate-errors",
          "--host-resolver-rules=MAP localhost 127.0.0.1"));
      try {
        b.driver.get(s.base().resolve("login/?next=gmconsole/").toString());
        b.await("the login form at " + s.name(), UI, d -> !d.findElements(By.name("username")).isEmpty());
        b.driver.findElement(By.name("username")).sendKeys("gm");
        b.driver.findElement(By.name("password")).sendKeys(GM_PASSWORD);
        b.driver.findElement(By.cssSelector("button[type=submit]")).click();
        b.await("the GM console at " + s.name(), UI,
            d -> !d.findElements(By.cssSelector("[data-testid=gm-console]")).isEmpty());
        assertTrue(b.driver.getCurrentUrl().startsWith(s.base().resolve("gmconsole/").toString()),
            b.driver.getCurrentUrl());
        assertEquals("h2", b.js("return performance.getEntriesByType('navigation')[0].nextHopProtocol"), s.name());
        Object status = b.driver.executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            const csrf = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).substring(10);
            fetch('../api/gm/switch-view/', {method: 'POST', body: JSON.stringify({view_type: 'STANDBY'}),
                headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf}})
              .then((r) => done(r.status), (e) => done(String(e)));
            """);
        assertEquals(200L, status, s.name() + ": a write from the GM console");
        Cookie session = b.driver.manage().getCookieNamed("CHARON_SESSION");
        assertEquals(s.cookiePath(), session.getPath(), s.name());
        assertTrue(session.isSecure(), s.name());
        b.screenshot(Screenshots.DIR, "reverse-proxy");
      } finally {
        Screenshots.untrack(b);
        b.close();
      }
    }
  }

  @Test
  @Order(3)
  void aTokenMoveReachesATerminalStreamThroughEachRecipe() throws Exception {
    for (Site s : sites) {
      Agent gm = new Agent(s.base(), https).loggedIn("gm", GM_PASSWORD);
      Token token = placeToken(gm);
      try (SseClient terminal = new SseClient(s.base().resolve("api/active-view/stream/"), Map.of(), https1)) {
        terminal.awaitOpen();
        long version = gm.postJson("api/gm/encounter/move-token/", "{\"token_id\":\"" + token.id() + "\",\"x\":"
            + (token.x() + 1) + ",\"y\":" + token.y() + "}").get("version").asLong();
        terminal.awaitVersion(version);
        assertEquals(token.x() + 1, terminal.state().path("encounter_tokens").path(token.id()).path("x").asInt(),
            s.name());
      }
      // Both root sites lead to the same deployment: leave the cells free for the next site.
      gm.postJson("api/gm/encounter/remove-token/", "{\"token_id\":\"" + token.id() + "\"}");
    }
  }

  record Token(String id, int x, int y) {}

  /** The encounter of the first map with every room shown, and a token in its first room two cells wide. */
  static Token placeToken(Agent gm) {
    String slug = null;
    List<JsonNode> locations = new ArrayList<>();
    gm.getJson("api/gm/locations/").get("locations").forEach(locations::add);
    while (slug == null) {
      JsonNode l = locations.remove(0);
      l.path("children").forEach(locations::add);
      slug = l.path("has_map").asBoolean() ? l.get("slug").asText() : null;
    }
    gm.postJson("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + slug + "\"}");
    gm.postJson("api/gm/encounter/room-visibility/", "{\"all\":true}");
    String deck = gm.getJson("api/gm/active-view/").get("encounter_deck_id").asText();
    for (JsonNode room : gm.getJson("api/gm/encounter-map/" + slug + "/?deck_id=" + deck).get("current_deck")
        .get("rooms")) {
      if (room.get("width").asInt() >= 2) {
        int x = room.get("x").asInt();
        int y = room.get("y").asInt();
        String id = gm.postJson("api/gm/encounter/place-token/", "{\"type\":\"player\",\"name\":\"Proxy\",\"x\":" + x
            + ",\"y\":" + y + "}").get("token_id").asText();
        return new Token(id, x, y);
      }
    }
    throw new IllegalStateException("no room two cells wide on " + slug);
  }

  /**
   * Both root sites lead to the ROOT deployment; each pair of clients is its own: .2/.3 through
   * nginx, .4/.5 through Caddy. The trusted proxy is 127.0.0.1 only, so these are untrusted
   * clients that write X-Forwarded-For (and Forwarded, and a forged host) themselves.
   */
  @Test
  @Order(4)
  void aSpoofedXForwardedForFromAnUntrustedClientDoesNotEscapeTheLoginThrottle() throws Exception {
    int n = 0;
    for (Site s : List.of(nginxRoot, caddyRoot)) {
      String attacker = s == nginxRoot ? "127.0.0.2" : "127.0.0.4";
      String neighbour = s == nginxRoot ? "127.0.0.3" : "127.0.0.5";
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        statuses.add(rawLogin(s, attacker, "nobody-" + s.name() + "-" + i, "X-Forwarded-For: 6.6.6." + i,
            "Forwarded: for=6.6.7." + i));
      }
      assertEquals(List.of(401, 401, 401, 401, 401, 429, 429), statuses, s.name() + ": every attempt counted for "
          + attacker + ", whatever it claimed");
      assertEquals(401, rawLogin(s, neighbour, "nobody-" + s.name() + "-next"), s.name()
          + ": another client behind the same proxy has its own count");
      assertEquals(403, rawLogin(s, neighbour, "gm", "Origin: https://evil.example", "X-Forwarded-Host: evil.example",
          "X-Forwarded-Proto: https", "Forwarded: for=6.6.6.6;host=evil.example;proto=https"),
          s.name() + ": a forged host does not make a foreign origin ours");
      n++;
    }
    assertEquals(2, n);
  }

  /**
   * A login over its own TLS connection from {@code localAddress} (any 127.x address is this
   * machine), with a CSRF token of its own making (cookie and header agree) and these header lines.
   */
  static int rawLogin(Site s, String localAddress, String username, String... headerLines) throws IOException {
    String token = Csrf.newToken();
    byte[] body = ("{\"username\":\"" + username + "\",\"password\":\"wrong-password-" + username + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder("POST " + s.base().getPath() + "api/auth/login/ HTTP/1.1\r\n")
        .append("Host: ").append(s.base().getAuthority()).append("\r\n")
        .append("Cookie: csrftoken=").append(token).append("\r\nX-CSRFToken: ").append(token).append("\r\n")
        .append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    for (String h : headerLines) {
      request.append(h).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    Socket plain = new Socket();
    plain.bind(new InetSocketAddress(localAddress, 0));
    plain.connect(new InetSocketAddress("127.0.0.1", s.base().getPort()), 5000);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", s.base().getPort(),
        true)) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(reply);
      assertTrue(status.find(), "no HTTP answer: " + reply);
      return Integer.parseInt(status.group(1));
    }
  }

  // ----------------------------------------------------------------------------- the benchmark

  static final int BENCH_WARMUP_MOVES = 3000;
  static final int BENCH_MOVES = 300;
  static final int[] BENCH_STREAMS = {1, 100};

  /**
   * Write → event latency at 1 and 100 streams, direct to Tomcat and through each proxy's root
   * recipe (a tool, not a test: only with {@code -Dcharon.benchmark=true}; docs/benchmarks.md).
   */
  @Test
  @Order(5)
  @EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
  void writeToEventLatencyDirectAndThroughEachProxy() throws Exception {
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<String, URI> targets = new LinkedHashMap<>();
    targets.put("direct (HTTP/1.1, no TLS)", tomcat.base());
    targets.put("nginx (TLS; writes over HTTP/2)", nginxRoot.base());
    targets.put("Caddy (TLS; writes over HTTP/2)", caddyRoot.base());
    Agent warm = new Agent(tomcat.base(), plain).loggedIn("gm", GM_PASSWORD);
    Token token = placeToken(warm);
    for (int i = 0; i < BENCH_WARMUP_MOVES; i++) {
      move(warm, token, i);
    }
    StringBuilder report = new StringBuilder("| path | streams | POST→event p50 (ms) | p99 (ms) | max (ms) |\n"
        + "|---|---|---|---|---|\n");
    for (Map.Entry<String, URI> target : targets.entrySet()) {
      boolean direct = target.getValue().equals(tomcat.base());
      Agent gm = new Agent(target.getValue(), direct ? plain : https).loggedIn("gm", GM_PASSWORD);
      for (int i = 0; i < BENCH_MOVES; i++) {
        move(gm, token, i); // this path's connections and the proxy warm too
      }
      for (int streams : BENCH_STREAMS) {
        List<SseClient> open = new ArrayList<>();
        HttpClient streamClient = direct ? plain : https1;
        try {
          for (int i = 0; i < streams; i++) {
            SseClient c = new SseClient(target.getValue().resolve("api/active-view/stream/"), Map.of(), streamClient);
            open.add(c);
          }
          open.forEach(SseClient::awaitOpen);
          long[] latency = new long[BENCH_MOVES];
          for (int m = 0; m < BENCH_MOVES; m++) {
            long t0 = System.nanoTime();
            long version = move(gm, token, m);
            long last = 0;
            for (SseClient c : open) {
              c.await("version " + version, x -> x.versionNanos.containsKey(version), Duration.ofSeconds(20));
              last = Math.max(last, c.versionNanos.get(version));
            }
            latency[m] = last - t0;
          }
          Arrays.sort(latency);
          report.append("| ").append(target.getKey()).append(" | ").append(streams).append(" | ")
              .append(ms(latency[latency.length / 2])).append(" | ").append(ms(latency[latency.length * 99 / 100]))
              .append(" | ").append(ms(latency[latency.length - 1])).append(" |\n");
          System.out.println(report);
        } finally {
          open.forEach(SseClient::close);
        }
      }
    }
    Path out = Path.of(ServerProcess.required("charon.it.dir")).getParent().resolve("benchmarks/reverse-proxy.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("Written to " + out + ":\n" + report);
  }

  private static long move(Agent gm, Token token, int i) {
    return gm.postJson("api/gm/encounter/move-token/", "{\"token_id\":\"" + token.id() + "\",\"x\":"
        + (token.x() + (i % 2 == 0 ? 1 : 0)) + ",\"y\":" + token.y() + "}").get("version").asLong();
  }

  private static String ms(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }

  // ------------------------------------------------------------------------- graceful shutdown

  /** Last: it stops the proxies. Without the recipes' timeouts both wait for the stream forever. */
  @Test
  @Order(6)
  void aProxyStoppedWithAStreamOpenEndsWithinItsShutdownTimeout() throws Exception {
    try (SseClient screen = new SseClient(nginxRoot.base().resolve("api/active-view/stream/"), Map.of(), https1)) {
      screen.awaitOpen();
      long t0 = System.nanoTime();
      run(List.of(NGINX, "-p", nginx.dir + "/", "-c", nginx.dir.resolve("nginx.conf").toString(), "-e",
          nginx.dir.resolve("error.log").toString(), "-s", "quit"));
      assertTrue(nginx.process.waitFor(SHUTDOWN_TIMEOUT.plus(SHUTDOWN_SLACK).toMillis(), TimeUnit.MILLISECONDS),
          "nginx -s quit still running after " + SHUTDOWN_TIMEOUT.plus(SHUTDOWN_SLACK));
      System.out.printf("nginx -s quit with a stream open took %.1f s%n", (System.nanoTime() - t0) / 1e9);
      screen.await("the stream to end", SseClient::ended, Duration.ofSeconds(5));
    }
    try (SseClient screen = new SseClient(caddyRoot.base().resolve("api/active-view/stream/"), Map.of(), https1)) {
      screen.awaitOpen();
      long t0 = System.nanoTime();
      caddy.process.destroy(); // SIGTERM, as systemctl stop caddy
      assertTrue(caddy.process.waitFor(SHUTDOWN_TIMEOUT.plus(SHUTDOWN_SLACK).toMillis(), TimeUnit.MILLISECONDS),
          "Caddy still running after " + SHUTDOWN_TIMEOUT.plus(SHUTDOWN_SLACK));
      System.out.printf("Caddy's stop (SIGTERM) with a stream open took %.1f s%n", (System.nanoTime() - t0) / 1e9);
      screen.await("the stream to end", SseClient::ended, Duration.ofSeconds(5));
    }
  }
}
