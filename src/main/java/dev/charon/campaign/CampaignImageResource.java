package dev.charon.campaign;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/campaign/images/<path>}: campaign images only (see {@link CampaignImages} for
 * what is served and why nothing else can be). The path arrives still encoded, so encoded
 * traversal tricks are seen before anything decodes them.
 */
@Path("campaign/images")
public class CampaignImageResource {
  private final CampaignImages images;

  public CampaignImageResource(CampaignImages images) {
    this.images = images;
  }

  @GET
  @Path("{path: .+}")
  public Response image(@Encoded @PathParam("path") String path, @Context Request request) {
    CampaignImages.Image image = images.find(path);
    EntityTag tag = new EntityTag(image.etag());
    CacheControl revalidate = new CacheControl();
    revalidate.setNoCache(true);
    revalidate.setNoTransform(false);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.tag(tag).cacheControl(revalidate).build();
    }
    return Response.ok(image.file().toFile(), image.type()).tag(tag).cacheControl(revalidate).build();
  }
}
