package dev.charon.table;

import dev.charon.activeview.ActiveView;
import dev.charon.campaign.CampaignHolder;
import dev.charon.security.Caller;
import dev.charon.security.RequestIdentity;
import dev.charon.web.Body;
import dev.charon.web.Written;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** A player's phone at the table: which tokens are theirs, and moving one. */
@Path("table")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class TableResource {
  private static final int MAX_ID_CHARS = 100;

  private final TokenLinks links;
  private final ActiveView activeView;
  private final CampaignHolder campaign;

  public TableResource(TokenLinks links, ActiveView activeView, CampaignHolder campaign) {
    this.links = links;
    this.activeView = activeView;
    this.campaign = campaign;
  }

  /** Only the caller's own: the tokens of theirs that players may see now, and their crew members. */
  @GET
  @Path("me")
  public Map<String, Object> me(@Context ContainerRequestContext request) {
    Caller caller = RequestIdentity.of(request).required();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", caller.username());
    out.put("tokens", links.visibleTokensOf(caller.username(), activeView.state(), campaign.current()));
    out.put("crew", links.crewOf(caller.username()));
    out.put("player_movement", activeView.state().playerMovement());
    return out;
  }

  /** The body of the GM's {@code move-token}, without {@code deck_id}: a player moves within the token's deck. */
  @POST
  @Path("move")
  public Map<String, Object> move(@Context ContainerRequestContext request) {
    Caller caller = RequestIdentity.of(request).required();
    Body body = Body.of(request);
    return Written.of(activeView.apply(TableCommands.playerMove(links, caller.username(),
        body.requiredString("token_id", MAX_ID_CHARS), body.requiredInt("x"), body.requiredInt("y"))));
  }
}
