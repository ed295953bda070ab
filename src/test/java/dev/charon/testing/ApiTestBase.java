package dev.charon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.charon.activeview.ActiveView;
import dev.charon.campaign.Campaign;
import dev.charon.campaign.CampaignHolder;
import dev.charon.platform.Charon;
import dev.charon.platform.Database;
import dev.charon.platform.Settings;
import dev.charon.web.CharonApplication;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;

/**
 * The whole JAX-RS application on a real Grizzly socket (the in-memory connector cannot
 * stream), with an in-memory H2 and a campaign built in code.
 */
public abstract class ApiTestBase extends JerseyTest {
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected Charon charon;

  /** Short, so that tests see dead clients removed quickly. */
  protected Duration heartbeat() {
    return Duration.ofSeconds(15);
  }

  protected Campaign campaign() {
    return TestCampaigns.standard();
  }

  @Override
  protected Application configure() {
    forceSet(TestProperties.CONTAINER_PORT, "0");
    Database db = Database.openUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    CampaignHolder holder = new CampaignHolder(campaign());
    charon = new Charon(new Settings(Path.of("target"), Optional.empty(), Optional.empty()), db, holder,
        new ActiveView(holder, heartbeat()));
    return new CharonApplication(charon);
  }

  @Override
  public void tearDown() throws Exception {
    try {
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

  protected SseClient stream(String path) {
    SseClient c = new SseClient(uri(path));
    c.awaitOpen();
    return c;
  }

  protected void enterShip() {
    postOk("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"" + TestCampaigns.SHIP + "\"}");
  }
}
