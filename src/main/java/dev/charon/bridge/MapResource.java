package dev.charon.bridge;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** The 3D maps (spec/api.md §3.7, bridge.md §8), public, revalidated by ETag. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class MapResource {
  private final BridgeReads reads;

  public MapResource(BridgeReads reads) {
    this.reads = reads;
  }

  @GET
  @Path("star-map")
  public Response starMap(@Context Request request) {
    return reads.starMap().toResponse(request);
  }

  @GET
  @Path("system-map/{system}")
  public Response systemMap(@PathParam("system") String system, @Context Request request) {
    return reads.systemMap(system).toResponse(request);
  }

  @GET
  @Path("orbit-map/{system}/{body}")
  public Response orbitMap(@PathParam("system") String system, @PathParam("body") String body,
      @Context Request request) {
    return reads.orbitMap(system, body).toResponse(request);
  }
}
