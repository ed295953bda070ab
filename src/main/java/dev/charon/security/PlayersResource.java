package dev.charon.security;

import dev.charon.web.Body;
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
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code api/gm/players/}: the GM lists, creates, re-passwords and deletes player accounts. */
@Path("gm/players")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PlayersResource {
  private final PlayerAdmin admin;

  public PlayersResource(PlayerAdmin admin) {
    this.admin = admin;
  }

  @GET
  public Map<String, Object> list() {
    List<Map<String, Object>> players = admin.list().stream().map(PlayersResource::json).toList();
    return Map.of("players", players, "count", players.size());
  }

  @POST
  public Response create(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    Account created = admin.create(body.string("username", "", 4 * Accounts.MAX_USERNAME_CHARS),
        body.textAsGiven("password", Accounts.MAX_PASSWORD_CHARS).orElse(""));
    return Response.status(201).entity(json(created)).build();
  }

  @POST
  @Path("{username}/password")
  public Map<String, Object> resetPassword(@PathParam("username") String username,
      @Context ContainerRequestContext request) {
    Body body = Body.of(request);
    admin.resetPassword(username, body.textAsGiven("password", Accounts.MAX_PASSWORD_CHARS).orElse(""));
    return Map.of("success", true, "username", username);
  }

  @DELETE
  @Path("{username}")
  public Map<String, Object> delete(@PathParam("username") String username, @Context ContainerRequestContext request) {
    Body.none(request);
    admin.delete(username);
    return Map.of("success", true, "username", username);
  }

  private static Map<String, Object> json(Account a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", a.username());
    m.put("role", a.role().name());
    m.put("created_at", a.createdAt().toString());
    return m;
  }
}
