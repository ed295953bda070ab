package dev.charon.computer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.charon.activeview.GmWrites;
import dev.charon.activeview.ViewCommands;
import dev.charon.web.ApiError;
import dev.charon.web.Body;
import dev.charon.web.Written;
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
import java.util.Map;
import java.util.Optional;

/** The GM's CHARON routes (docs/charon.md): each parses its body and makes one call. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ComputerGmResource {
  private final Computer computer;
  private final GmWrites gm;

  public ComputerGmResource(Computer computer, GmWrites gm) {
    this.computer = computer;
    this.gm = gm;
  }

  @GET
  @Path("gm/charon/channels")
  public ObjectNode channels() {
    return computer.channelList();
  }

  @POST
  @Path("gm/charon/channels")
  public Response createChannel(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String name = body.requiredString("channel", ChannelNames.MAX_CHARS + 1);
    return Response.status(201).entity(computer.createChannel(name)).build();
  }

  /** Puts a channel on the shared terminal. */
  @POST
  @Path("gm/charon/active-channel")
  public Map<String, Object> activeChannel(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String name = computer.requireExisting(body.requiredString("channel", ChannelNames.MAX_CHARS + 1));
    return Written.of(gm.apply(ViewCommands.charonActiveChannel(name)));
  }

  @GET
  @Path("gm/charon/{channel}/conversation")
  public ObjectNode conversation(@PathParam("channel") String channel) {
    return computer.gmConversation(channel);
  }

  @GET
  @Path("gm/charon/{channel}/pending")
  public ObjectNode pending(@PathParam("channel") String channel) {
    return computer.pending(channel);
  }

  @POST
  @Path("gm/charon/{channel}/send")
  public ObjectNode send(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String content = nonBlank(body.textAsGiven("content", Computer.MAX_CONTENT_CHARS), "content");
    return computer.send(channel, content, body.optionalString("reply_to", 36));
  }

  @POST
  @Path("gm/charon/{channel}/generate")
  public Response generate(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String prompt = body.requiredString("prompt", Computer.MAX_PROMPT_CHARS);
    Optional<String> override = body.optionalString("context_override", Computer.MAX_PROMPT_CHARS)
        .filter(s -> !s.isEmpty());
    return Response.accepted(computer.generate(channel, prompt, override, body.optionalString("query_id", 36))).build();
  }

  @POST
  @Path("gm/charon/{channel}/regenerate")
  public Response regenerate(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return Response.accepted(computer.regenerate(channel, body.requiredString("pending_id", 36))).build();
  }

  @POST
  @Path("gm/charon/{channel}/approve")
  public ObjectNode approve(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String id = body.requiredString("pending_id", 36);
    Optional<String> edited = body.textAsGiven("modified_content", Computer.MAX_CONTENT_CHARS);
    return computer.approve(channel, id, edited);
  }

  @POST
  @Path("gm/charon/{channel}/reject")
  public ObjectNode reject(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    return computer.reject(channel, body.requiredString("pending_id", 36));
  }

  @POST
  @Path("gm/charon/{channel}/mark-read")
  public ObjectNode markRead(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body.none(request);
    return computer.markRead(channel);
  }

  @POST
  @Path("gm/charon/{channel}/clear")
  public ObjectNode clear(@PathParam("channel") String channel, @Context ContainerRequestContext request) {
    Body.none(request);
    return computer.clear(channel);
  }

  @GET
  @Path("gm/charon/{channel}/export")
  public Response export(@PathParam("channel") String channel) {
    ObjectNode body = computer.export(channel);
    String day = body.path("exported_at").asText().substring(0, 10);
    return Response.ok(body).header("Content-Disposition",
        "attachment; filename=\"charon-" + channel + "-" + day + ".json\"").build();
  }

  private static String nonBlank(Optional<String> text, String field) {
    return text.filter(s -> !s.isBlank()).orElseThrow(() -> ApiError.badRequest(field, field + " is required"));
  }
}
