package dev.charon.campaign;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Encounter maps (docs/protocol.md "Static campaign data"): the player's map holds only revealed
 * rooms of the location on screen; the GM's holds everything.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class EncounterMapResource {
  private final CampaignReads reads;

  public EncounterMapResource(CampaignReads reads) {
    this.reads = reads;
  }

  @GET
  @Path("encounter-map/{slug}")
  public Response playerMap(@PathParam("slug") String slug, @QueryParam("deck_id") String deckId,
      @Context Request request) {
    return reads.playerMap(slug, optional(deckId)).toResponse(request);
  }

  @GET
  @Path("gm/encounter-map/{slug}")
  public Response gmMap(@PathParam("slug") String slug, @QueryParam("deck_id") String deckId,
      @Context Request request) {
    return reads.gmMap(slug, optional(deckId)).toResponse(request);
  }

  @GET
  @Path("gm/encounter-map/{slug}/all-decks")
  public Response allDecks(@PathParam("slug") String slug, @Context Request request) {
    return reads.allDecks(slug).toResponse(request);
  }

  private static Optional<String> optional(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }
}
