package dev.charon.bridge;

import dev.charon.activeview.ActiveView;
import dev.charon.activeview.BridgeCommands;
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
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The shared terminal's BRIDGE routes: what the crew may read, and navigating while the GM lets it. */
@Path("bridge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class BridgeResource {
  private final BridgeReads reads;
  private final ActiveView activeView;

  public BridgeResource(BridgeReads reads, ActiveView activeView) {
    this.reads = reads;
    this.activeView = activeView;
  }

  @GET
  @Path("personnel")
  public Response personnel(@Context Request request) {
    return reads.playerPersonnel().toResponse(request);
  }

  @GET
  @Path("logs")
  public Response logs(@Context Request request) {
    return reads.playerLogs().toResponse(request);
  }

  /** 409 unless the GM has handed the bridge to the players (and BRIDGE is on screen). */
  @POST
  @Path("navigate")
  public Map<String, Object> navigate(@Context ContainerRequestContext request) {
    BridgeCommands.Request r = NavigationBody.read(Body.of(request));
    return Written.of(activeView.apply(BridgeCommands.navigateAsPlayers(r)));
  }
}
