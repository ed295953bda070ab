package dev.charon.bridge;

import dev.charon.activeview.GmWrites;
import dev.charon.activeview.BridgeCommands;
import dev.charon.web.ApiError;
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

/** The GM's BRIDGE routes: everything to read, what to disclose, where the screens look. */
@Path("gm/bridge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class BridgeGmResource {
  private final BridgeReads reads;
  private final Disclosures disclosures;
  private final GmWrites gm;

  public BridgeGmResource(BridgeReads reads, Disclosures disclosures, GmWrites gm) {
    this.reads = reads;
    this.disclosures = disclosures;
    this.gm = gm;
  }

  @GET
  @Path("personnel")
  public Response personnel(@Context Request request) {
    return reads.gmPersonnel().toResponse(request);
  }

  @GET
  @Path("logs")
  public Response logs(@Context Request request) {
    return reads.gmLogs().toResponse(request);
  }

  @POST
  @Path("npc-known")
  public Map<String, Object> npcKnown(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String npcId = body.requiredString("npc_id", Disclosures.MAX_NPC_ID_CHARS);
    boolean known = required(body, "known");
    return disclosures.setKnown(npcId, known);
  }

  /** {@code session} is the log's file name, e.g. {@code session-003.md}. */
  @POST
  @Path("log-visible")
  public Map<String, Object> logVisible(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String session = body.requiredString("session", Disclosures.MAX_SESSION_CHARS);
    boolean visible = required(body, "visible");
    return disclosures.setLogVisible(session, visible);
  }

  @POST
  @Path("navigate")
  public Map<String, Object> navigate(@Context ContainerRequestContext request) {
    BridgeCommands.Request r = NavigationBody.read(Body.of(request));
    return Written.of(gm.apply(BridgeCommands.navigate(r)));
  }

  @POST
  @Path("explore")
  public Map<String, Object> explore(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Written.of(gm.apply(BridgeCommands.explore(required(body, "enabled"))));
  }

  private static boolean required(Body body, String field) {
    return body.optionalBoolean(field).orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }
}
