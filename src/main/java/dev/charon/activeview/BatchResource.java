package dev.charon.activeview;

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

/**
 * The GM console's staged changes, sent as one batch ({@link Batch}: one version, one event per
 * stream), and undo of the GM's last writes ({@link GmWrites}). GM-only, as everything under
 * {@code gm/} (AccessTable).
 */
// At the root, as ViewResource: a class at "gm" would be the best match for every gm/... path and hide theirs.
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class BatchResource {
  private final GmWrites gm;
  private final Map<String, Action> actions;

  /** @param actions the write endpoints a batch may hold, by name (the wiring gathers them from each feature) */
  public BatchResource(GmWrites gm, Map<String, Action> actions) {
    this.gm = gm;
    this.actions = Map.copyOf(actions);
  }

  @POST
  @Path("gm/batch")
  public Map<String, Object> batch(@Context ContainerRequestContext request) {
    Body body = Body.of(request, Batch.MAX_BODY_BYTES);
    Map<String, Object> written = Written.of(gm.apply(Batch.read(body, actions)));
    written.put("undo_steps", gm.steps());
    return written;
  }

  @GET
  @Path("gm/undo")
  public Map<String, Object> undoSteps() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("steps", gm.steps());
    body.put("max_steps", GmWrites.MAX_UNDO_STEPS);
    return body;
  }

  @POST
  @Path("gm/undo")
  public Map<String, Object> undo(@Context ContainerRequestContext request) {
    Body.none(request);
    return Written.of(gm.undo());
  }
}
