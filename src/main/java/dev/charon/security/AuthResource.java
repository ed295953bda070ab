package dev.charon.security;

import dev.charon.web.ApiError;
import dev.charon.web.Body;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code api/auth/}: log in (a new session cookie and a new device cookie each time), log out
 * (the device cookie stays: the device is still known), and "who am I".
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AuthResource {
  private final Login login;
  private final Sessions sessions;

  public AuthResource(Login login, Sessions sessions) {
    this.login = login;
    this.sessions = sessions;
  }

  @POST
  @Path("login")
  public Response login(@Context ContainerRequestContext context) {
    RequestIdentity identity = RequestIdentity.of(context);
    Body body = Body.of(context);
    String username = body.string("username", "", Accounts.MAX_USERNAME_CHARS);
    String password = body.textAsGiven("password", Accounts.MAX_PASSWORD_CHARS).orElse("");
    Login.Outcome outcome = login.login(username, password, identity.clientAddress(), identity.sessionToken(),
        SecurityFilter.cookie(context, Cookies.DEVICE));
    return Response.ok(me(outcome.session().caller()))
        .cookie(Cookies.session(outcome.session().token(), identity), Cookies.device(outcome.deviceCookie(), identity))
        .build();
  }

  @POST
  @Path("logout")
  public Response logout(@Context ContainerRequestContext context) {
    Body.none(context);
    RequestIdentity identity = RequestIdentity.of(context);
    sessions.end(identity.sessionToken(), "logout");
    return Response.ok(Map.of("success", true))
        .cookie(Cookies.clearSession(identity.cookiePath(), identity.isSecure())).build();
  }

  @GET
  @Path("me")
  public Map<String, Object> me(@Context ContainerRequestContext context) {
    return me(RequestIdentity.of(context).caller().orElseThrow(() -> ApiError.unauthorized("Not logged in")));
  }

  private static Map<String, Object> me(Caller caller) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", caller.username());
    body.put("role", caller.role().name());
    return body;
  }
}
