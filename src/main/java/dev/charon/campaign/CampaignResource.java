package dev.charon.campaign;

import dev.charon.web.Body;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Campaign reads (spec/api.md §3.2, §3.3, §3.6) and the GM's reload. Every GET is revalidated by
 * ETag ({@link Cacheable}); the logic lives in {@link CampaignReads} and {@link CampaignReloader}.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CampaignResource {
  private final CampaignReads reads;
  private final CampaignReloader reloader;

  public CampaignResource(CampaignReads reads, CampaignReloader reloader) {
    this.reads = reads;
    this.reloader = reloader;
  }

  @GET
  @Path("gm/locations")
  public Response locations(@Context Request request) {
    return reads.locations().toResponse(request);
  }

  @GET
  @Path("ship-status")
  public Response shipStatus(@Context Request request) {
    return reads.shipStatus().toResponse(request);
  }

  /** Players: only the terminal the GM has opened as the overlay. */
  @GET
  @Path("terminal/{location}/{terminal}")
  public Response playerTerminal(@PathParam("location") String location, @PathParam("terminal") String terminal,
      @Context Request request) {
    return reads.playerTerminal(location, terminal).toResponse(request);
  }

  @GET
  @Path("gm/terminal/{location}/{terminal}")
  public Response gmTerminal(@PathParam("location") String location, @PathParam("terminal") String terminal,
      @Context Request request) {
    return reads.gmTerminal(location, terminal).toResponse(request);
  }

  @GET
  @Path("gm/campaign/problems")
  public Response problems(@Context Request request) {
    return reads.problems().toResponse(request);
  }

  /** Re-reads the campaign folder now (the watcher does the same when files change). */
  @POST
  @Path("gm/campaign/reload")
  public Map<String, Object> reload(@Context ContainerRequestContext request) {
    Body.none(request);
    return reloader.reload();
  }
}
