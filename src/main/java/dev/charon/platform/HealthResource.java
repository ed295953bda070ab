package dev.charon.platform;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health/}: is the server up, is the database reachable, who is connected. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  private final Charon charon;

  public HealthResource(Charon charon) {
    this.charon = charon;
  }

  @GET
  public Response health() {
    boolean dbUp = charon.database().ping();
    Database.SchemaStatus schema = charon.database().schema();
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("status", dbUp ? "UP" : "DOWN");
    db.put("migrations", schema.applied());
    db.put("pending_migrations", schema.pending());
    // Lets anyone check that the active view was never given a table: it lives in memory.
    db.put("tables", dbUp ? charon.database().tableNames() : java.util.List.of());

    Map<String, Object> sse = new LinkedHashMap<>();
    sse.put("clients", charon.activeView().subscribers());
    sse.put("player_clients", charon.activeView().subscribers(dev.charon.activeview.Projection.PLAYER));
    sse.put("gm_clients", charon.activeView().subscribers(dev.charon.activeview.Projection.GM));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", dbUp && schema.pending() == 0 ? "UP" : "DOWN");
    body.put("application", "charon");
    body.put("version", Charon.version());
    body.put("started_at", charon.startedAt().toString());
    body.put("uptime_seconds", Duration.between(charon.startedAt(), Instant.now()).toSeconds());
    body.put("database", db);
    body.put("sse", sse);
    body.put("state_version", charon.activeView().version());
    body.put("campaign_problems", charon.campaign().current().problems().size());
    return Response.status(dbUp ? 200 : 503).entity(body).build();
  }
}
