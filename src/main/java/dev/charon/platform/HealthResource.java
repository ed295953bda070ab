package dev.charon.platform;

import dev.charon.activeview.Projection;
import dev.charon.security.RequestIdentity;
import dev.charon.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health/}: is the server up ({@code 200 {"status":"UP"}}) or not ({@code 503
 * {"status":"DOWN"}}). Anyone may ask that (a monitor, a proxy's probe); the details are the
 * GM's: the version, the tables and the migrations help an attacker, and the stream counts tell
 * when the GM console is at the table.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  private final Charon charon;

  public HealthResource(Charon charon) {
    this.charon = charon;
  }

  @GET
  public Response health(@Context ContainerRequestContext request) {
    boolean dbUp = charon.database().ping();
    Database.SchemaStatus schema = charon.database().schema();
    boolean up = dbUp && schema.pending() == 0;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    if (RequestIdentity.of(request).isUserInRole(Role.GM.name())) {
      body.putAll(details(dbUp, schema));
    }
    return Response.status(up ? 200 : 503).entity(body).build();
  }

  private Map<String, Object> details(boolean dbUp, Database.SchemaStatus schema) {
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("status", dbUp ? "UP" : "DOWN");
    db.put("migrations", schema.applied());
    db.put("pending_migrations", schema.pending());
    // Lets the GM check that the active view was never given a table: it lives in memory.
    db.put("tables", dbUp ? charon.database().tableNames() : List.of());

    Map<String, Object> sse = new LinkedHashMap<>();
    sse.put("clients", charon.activeView().subscribers());
    sse.put("player_clients", charon.activeView().subscribers(Projection.PLAYER));
    sse.put("gm_clients", charon.activeView().subscribers(Projection.GM));

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("application", "charon");
    details.put("version", Charon.version());
    details.put("started_at", charon.startedAt().toString());
    details.put("uptime_seconds", Duration.between(charon.startedAt(), Instant.now()).toSeconds());
    details.put("database", db);
    details.put("sse", sse);
    details.put("state_version", charon.activeView().version());
    details.put("campaign_problems", charon.campaign().current().problems().size());
    return details;
  }
}
