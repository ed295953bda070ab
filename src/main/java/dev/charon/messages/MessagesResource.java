package dev.charon.messages;

import dev.charon.security.RequestIdentity;
import dev.charon.web.ApiError;
import dev.charon.web.Body;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Messages: the players' poll and read marks, the GM's broadcast, export and import. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MessagesResource {
  private static final Pattern SINCE = Pattern.compile("[0-9]{1,18}");
  private final Messages messages;

  public MessagesResource(Messages messages) {
    this.messages = messages;
  }

  @GET
  @Path("messages")
  public Map<String, Object> poll(@QueryParam("since") String since, @Context ContainerRequestContext security) {
    OptionalLong after = OptionalLong.empty();
    if (since != null) {
      if (!SINCE.matcher(since).matches()) {
        throw ApiError.badRequest("since", "since must be a message id (a non-negative integer)");
      }
      after = OptionalLong.of(Long.parseLong(since));
    }
    Messages.Page page = messages.poll(RequestIdentity.of(security).username(), after);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messages", page.messages().stream().map(MessagesResource::json).toList());
    body.put("count", page.messages().size());
    body.put("has_more", page.hasMore());
    return body;
  }

  @POST
  @Path("messages/read")
  public Map<String, Object> markRead(@Context ContainerRequestContext request) {
    List<Long> ids = Body.of(request).requiredLongList("ids", Messages.MAX_READ_IDS);
    int marked = messages.markRead(RequestIdentity.of(request).required().username(), ids);
    return Map.of("success", true, "marked", marked);
  }

  @POST
  @Path("gm/broadcast")
  public Map<String, Object> broadcast(@Context ContainerRequestContext request) {
    Body body = Body.of(request);
    var draft = new Messages.Draft(body.textAsGiven("content", Messages.MAX_CONTENT_CHARS).orElse(""),
        body.optionalString("sender", Messages.MAX_SENDER_CHARS), body.optionalExact("priority"),
        body.optionalStringList("recipients", Messages.MAX_RECIPIENTS, 64).orElse(List.of()));
    long id = messages.send(draft, RequestIdentity.of(request).required().username());
    return Map.of("success", true, "message_id", id);
  }

  @GET
  @Path("gm/messages/export")
  public Map<String, Object> export() {
    List<Exported> all = messages.export();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("format", MessageImport.FORMAT);
    body.put("format_version", MessageImport.FORMAT_VERSION);
    body.put("exported_at", Instant.now().toString());
    body.put("count", all.size());
    body.put("messages", all);
    return body;
  }

  @POST
  @Path("gm/messages/import")
  public Map<String, Object> importMessages(@Context ContainerRequestContext request) {
    List<Exported> parsed = MessageImport.parse(Body.of(request, MessageImport.MAX_IMPORT_BYTES).node());
    Messages.Imported result = messages.importAll(parsed);
    return Map.of("success", true, "imported", result.imported(), "skipped", result.skipped());
  }

  private static Map<String, Object> json(Messages.Item m) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", m.id());
    item.put("sender", m.sender());
    item.put("content", m.content());
    item.put("priority", m.priority().name());
    item.put("created_at", m.createdAt().toString());
    item.put("read", m.read());
    return item;
  }
}
