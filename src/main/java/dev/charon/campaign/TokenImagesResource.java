package dev.charon.campaign;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/gm/encounter/token-images/} (spec/api.md §3.5): the GM's token palette. A class
 * of its own because JAX-RS picks one root class per request, and {@code gm/encounter} (the
 * encounter writes) would otherwise shadow a method path below it.
 */
@Path("gm/encounter/token-images")
@Produces(MediaType.APPLICATION_JSON)
public class TokenImagesResource {
  private final CampaignReads reads;

  public TokenImagesResource(CampaignReads reads) {
    this.reads = reads;
  }

  @GET
  public Response images(@Context Request request) {
    return reads.tokenImages().toResponse(request);
  }
}
