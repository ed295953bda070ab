package dev.charon.activeview;

import dev.charon.security.RequestIdentity;
import dev.charon.web.ErrorMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Reading the active view: one snapshot by REST, or a stream of every change by SSE. The
 * player paths carry the player projection; the {@code gm/} paths carry everything and are for
 * the GM only.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ActiveViewResource {
  private final ActiveView activeView;

  public ActiveViewResource(ActiveView activeView) {
    this.activeView = activeView;
  }

  @GET
  @Path("active-view")
  public String playerSnapshot() {
    return activeView.snapshotJson(Projection.PLAYER);
  }

  @GET
  @Path("gm/active-view")
  public String gmSnapshot() {
    return activeView.snapshotJson(Projection.GM);
  }

  /** A reconnect's Last-Event-ID needs no replay: the first frame is always the current state. */
  @GET
  @Path("active-view/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void playerStream(@Context SseEventSink sink, @Context Sse sse, @Context ContainerRequestContext request) {
    RequestIdentity identity = RequestIdentity.of(request);
    activeView.subscribe(Projection.PLAYER, sse, sink, null, identity.clientAddress(), connection(request));
  }

  /** Lives as long as the GM's session: logging out (or expiry) closes it with an auth event. */
  @GET
  @Path("gm/active-view/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void gmStream(@Context SseEventSink sink, @Context Sse sse, @Context ContainerRequestContext request) {
    RequestIdentity identity = RequestIdentity.of(request);
    activeView.subscribe(Projection.GM, sse, sink, identity.required().sessionKey(), identity.clientAddress(),
        connection(request));
  }

  /**
   * Only GET opens a stream. JAX-RS would answer HEAD by running the GET method, and the
   * container then discards every byte written, so no heartbeat ever fails: each HEAD left a
   * subscriber and a socket behind for good.
   */
  @HEAD
  @Path("active-view/stream")
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  public Response playerStreamHead() {
    return onlyGet();
  }

  @HEAD
  @Path("gm/active-view/stream")
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  public Response gmStreamHead() {
    return onlyGet();
  }

  private static Response onlyGet() {
    Response refused = ErrorMapper.json(405, "A stream opens with GET only", null);
    refused.getHeaders().putSingle("Allow", "GET");
    return refused;
  }

  private static StreamConnection connection(ContainerRequestContext request) {
    return request.getProperty(StreamConnection.ATTRIBUTE) instanceof StreamConnection c ? c : null;
  }
}
