package dev.charon.campaign;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/campaign/images/<path>}: campaign images only (see {@link CampaignImages} for
 * what is served and why nothing else can be). The path arrives still encoded, so encoded
 * traversal tricks are seen before anything decodes them. {@code ?w=64} or {@code ?w=128} asks
 * for a thumbnail of that width ({@link Thumbnails}).
 */
@Path("campaign/images")
public class CampaignImageResource {
  private final CampaignImages images;
  private final Thumbnails thumbnails = new Thumbnails();

  public CampaignImageResource(CampaignImages images) {
    this.images = images;
  }

  @GET
  @Path("{path: .+}")
  public Response image(@Encoded @PathParam("path") String path, @QueryParam("w") String w, @Context Request request) {
    java.util.Optional<Integer> width = Thumbnails.width(w);
    CampaignImages.Image image = images.find(path);
    java.util.Optional<Thumbnails.Thumbnail> thumbnail = width.flatMap(px -> thumbnails.of(images, image, px));
    EntityTag tag = new EntityTag(thumbnail.map(Thumbnails.Thumbnail::etag).orElse(image.etag()));
    CacheControl revalidate = new CacheControl();
    revalidate.setNoCache(true);
    revalidate.setNoTransform(false);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.tag(tag).cacheControl(revalidate).build();
    }
    if (thumbnail.isPresent()) {
      return Response.ok(thumbnail.get().bytes(), thumbnail.get().type()).tag(tag).cacheControl(revalidate).build();
    }
    return Response.ok(image.file().toFile(), image.type()).tag(tag).cacheControl(revalidate).build();
  }
}
