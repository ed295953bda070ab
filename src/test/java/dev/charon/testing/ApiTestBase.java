package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.activeview.ActiveView;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.platform.Charon;
import dev.charon.platform.Database;
import dev.charon.platform.Settings;
import dev.charon.security.PasswordHasher;
import dev.charon.web.CharonApplication;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.junit.jupiter.api.AfterEach;
import org.glassfish.jersey.test.TestProperties;

/**
 * The whole JAX-RS application on a real Grizzly socket (the in-memory connector cannot
 * stream), with an in-memory H2 and a campaign built in code.
 *
 * <p>The default client ({@link #target}, {@link #post}, {@link #stream}) is the GM: it logs in
 * over HTTP on first use, like the SPA, and then sends the session cookie and the CSRF proof.
 * {@link #anonymous()} and {@link #agent()} are clients without a session, for security tests.
 * Passwords are hashed with {@link #TEST_HASH_ITERATIONS}: 600,000 iterations before each of
 * 100+ tests would cost minutes; {@code PasswordHasherTest} covers the production setting.
 */
public abstract class ApiTestBase extends JerseyTest {
  protected static final ObjectMapper JSON = new ObjectMapper();
  public static final String GM_PASSWORD = "gm-test-password";
  static final int TEST_HASH_ITERATIONS = 1_000;
  /** Read by {@link TestClientAddress}: lets a test play several devices from one machine. */
  public static final String CLIENT_ADDRESS_HEADER = "X-Test-Client-Address";
  protected Charon charon;
  private Agent gm;
  private final List<Client> extraClients = new ArrayList<>();

  /** Short, so that tests see dead clients removed quickly. */
  protected Duration heartbeat() {
    return Duration.ofSeconds(15);
  }

  /** The stream caps; tests of the caps lower them. */
  protected dev.charon.activeview.StreamLimits streamLimits() {
    return dev.charon.activeview.StreamLimits.DEFAULTS;
  }

  protected Campaign campaign() {
    return TestCampaigns.standard();
  }

  /**
   * PBKDF2 iterations of this test's password hasher. A test of concurrent logins raises it: the
   * race it checks lasts as long as a password check.
   */
  protected int hashIterations() {
    return TEST_HASH_ITERATIONS;
  }

  /** The clock sessions expire by; a test that needs time to pass returns a {@link MovableClock}. */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  /** CHARON's model: none (the campaign's fallback replies) unless a test gives one. */
  protected Optional<dev.charon.computer.DraftModel> model() {
    return Optional.empty();
  }

  /** The settings; tests behind a reverse proxy add a public URL and trusted proxies. */
  protected Settings settings() {
    return new Settings(Path.of("target"), Optional.empty(), Optional.of(GM_PASSWORD));
  }

  @Override
  protected Application configure() {
    forceSet(TestProperties.CONTAINER_PORT, "0");
    Database db = Database.openUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    CampaignHolder holder = new CampaignHolder(campaign());
    charon = new Charon(settings(), db, holder,
        new ActiveView(holder, heartbeat(), streamLimits()), PasswordHasher.withIterations(hashIterations()), clock(),
        model());
    charon.accounts().ensureGm(charon.settings().gmPassword());
    return new CharonApplication(charon).register(TestClientAddress.class);
  }

  @Override
  protected void configureClient(ClientConfig config) {
    config.register((ClientRequestFilter) request -> {
      Agent session = gm();
      request.getHeaders().add("Cookie", session.cookieHeader());
      if (!request.getHeaders().containsKey("X-CSRFToken")) {
        request.getHeaders().add("X-CSRFToken", session.cookies.get("csrftoken"));
      }
    });
  }

  /** The GM's browser, logged in on first use. */
  protected synchronized Agent gm() {
    if (gm == null) {
      gm = new Agent(getBaseUri()).loggedIn("gm", GM_PASSWORD);
    }
    return gm;
  }

  /** A fresh browser without a session (it picks up cookies as it goes). */
  protected Agent agent() {
    return new Agent(getBaseUri());
  }

  /** A player's browser: the account is created (by the GM) and logged in. */
  protected Agent player(String username) {
    Agent.Reply created = gm().post("api/gm/players/", "{\"username\":\"" + username + "\",\"password\":\"" + username
        + "-password\"}");
    if (created.status() != 201 && created.status() != 409) {
      throw new AssertionError("creating " + username + ": " + created);
    }
    return agent().loggedIn(username, username + "-password");
  }

  /** A JAX-RS client with no session, no cookies and no CSRF header. */
  protected WebTarget anonymous() {
    Client c = ClientBuilder.newClient();
    extraClients.add(c);
    return c.target(getBaseUri());
  }

  // JUnit does not inherit JerseyTest's @AfterEach onto an override: without the annotation
  // here no test server, database or scheduler was ever shut down.
  @AfterEach
  @Override
  public void tearDown() throws Exception {
    try {
      extraClients.forEach(Client::close);
      super.tearDown();
    } finally {
      if (charon != null) {
        charon.close();
      }
    }
  }

  protected URI uri(String path) {
    return getBaseUri().resolve(path);
  }

  protected Response post(String path, String json) {
    return target(path).request().post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
  }

  protected JsonNode postOk(String path, String json) {
    try (Response r = post(path, json)) {
      String body = r.readEntity(String.class);
      if (r.getStatus() != 200) {
        throw new AssertionError(path + " " + json + " -> " + r.getStatus() + " " + body);
      }
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  protected JsonNode getJson(String path) {
    try (Response r = target(path).request().get()) {
      return JSON.readTree(r.readEntity(String.class));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A stream opened with the GM's session cookie (public streams do not need it). */
  protected SseClient stream(String path) {
    SseClient c = new SseClient(uri(path), Map.of("Cookie", gm().cookieHeader()));
    c.awaitOpen();
    return c;
  }

  /**
   * Sends a write that must be refused: the status, an {@code error} and (unless null) the
   * {@code field} it names, and the GM's view of the active view byte-identical afterwards.
   */
  protected void refused(Agent who, String path, String body, int status, String field) {
    String before = getJson("api/gm/active-view/").toString();
    Agent.Reply r = who.post(path, body);
    org.junit.jupiter.api.Assertions.assertEquals(status, r.status(), path + " " + body + " " + r);
    org.junit.jupiter.api.Assertions.assertTrue(r.json().has("error"), r.body());
    if (field != null) {
      org.junit.jupiter.api.Assertions.assertEquals(field, r.json().path("field").asText(), r.body());
    }
    org.junit.jupiter.api.Assertions.assertEquals(before, getJson("api/gm/active-view/").toString(),
        "a refused write changed the state: " + path + " " + body);
  }

  protected void enterShip() {
    postOk("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + TestCampaigns.SHIP + "\"}");
  }
}
