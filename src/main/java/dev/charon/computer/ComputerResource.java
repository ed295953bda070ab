package dev.charon.computer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.security.RequestIdentity;
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
import jakarta.ws.rs.core.Response;

/** The shared terminal's CHARON routes: read the channel on screen, ask a question in QUERY mode. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ComputerResource {
  private final Computer computer;

  public ComputerResource(Computer computer) {
    this.computer = computer;
  }

  @GET
  @Path("charon/{channel}/conversation")
  public ObjectNode conversation(@PathParam("channel") String channel) {
    return computer.playerConversation(channel);
  }

  /** 202: the query is stored and on every screen; the answer comes later, pushed. */
  @POST
  @Path("charon/{channel}/submit")
  public Response submit(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String query = body.requiredString("query", Computer.MAX_QUERY_CHARS);
    return Response.accepted(computer.submit(channel, query, RequestIdentity.of(request).clientAddress())).build();
  }
}
