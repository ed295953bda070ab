package dev.charon.table;

import dev.charon.activeview.GmWrites;
import dev.charon.security.Accounts;
import dev.charon.web.ApiError;
import dev.charon.web.Body;
import dev.charon.web.Written;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The GM's side of the table: who moves which token, and whether players may move at all. */
@Path("gm/table")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class TableGmResource {
  private final TokenLinks links;
  private final GmWrites gm;

  public TableGmResource(TokenLinks links, GmWrites gm) {
    this.links = links;
    this.gm = gm;
  }

  @GET
  @Path("links")
  public Map<String, Object> list() {
    List<Map<String, Object>> all = links.all().stream().map(TableGmResource::json).toList();
    return Map.of("links", all, "count", all.size());
  }

  /** {@code {"username", "token_id"}} or {@code {"username", "crew_id"}}: exactly one target. */
  @POST
  @Path("links")
  public Map<String, Object> link(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    String username = body.requiredString("username", 4 * Accounts.MAX_USERNAME_CHARS);
    Optional<String> token = body.optionalString("token_id", TokenLinks.MAX_TARGET_ID_CHARS);
    Optional<String> crew = body.optionalString("crew_id", TokenLinks.MAX_TARGET_ID_CHARS);
    if (token.isPresent() == crew.isPresent()) {
      throw ApiError.badRequest("token_id", "Exactly one of token_id and crew_id is required");
    }
    TokenLinks.Link link = token.isPresent()
        ? links.link(username, TokenLinks.Kind.TOKEN, token.get())
        : links.link(username, TokenLinks.Kind.CREW, crew.get());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.putAll(json(link));
    return out;
  }

  @DELETE
  @Path("links/token/{id}")
  public Map<String, Object> unlinkToken(@PathParam("id") String id, @Context ContainerRequestContext request) {
    return unlink(TokenLinks.Kind.TOKEN, id, request);
  }

  @DELETE
  @Path("links/crew/{id}")
  public Map<String, Object> unlinkCrew(@PathParam("id") String id, @Context ContainerRequestContext request) {
    return unlink(TokenLinks.Kind.CREW, id, request);
  }

  @POST
  @Path("player-movement")
  public Map<String, Object> movement(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    boolean enabled = body.optionalBoolean("enabled")
        .orElseThrow(() -> ApiError.badRequest("enabled", "enabled is required"));
    return Written.of(gm.apply(TableCommands.movement(enabled)));
  }

  private Map<String, Object> unlink(TokenLinks.Kind kind, String id, ContainerRequestContext request) {
    Body.none(request);
    links.unlink(kind, id);
    return Map.of("success", true, kind.field, id);
  }

  private static Map<String, Object> json(TokenLinks.Link l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", l.username());
    m.put(l.kind().field, l.targetId());
    return m;
  }
}
