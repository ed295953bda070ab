package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /api/campaign/images/}: images of the campaign's image folders and not one byte more. */
class CampaignImageEndpointTest extends CampaignApiTest {
  static final String SECRET = "TOP-SECRET-BYTES-OUTSIDE-THE-CAMPAIGN";

  @Override
  void prepare(Path root) throws IOException {
    // A file beside the campaign, and a link inside an image folder that points at it.
    Files.writeString(root.getParent().resolve("secret.png"), SECRET);
    Files.writeString(root.getParent().resolve("passwd"), SECRET);
    Files.createSymbolicLink(root.resolve("campaign/NPCs/images/link.png"), root.getParent().resolve("secret.png"));
    Files.writeString(root.resolve("campaign/NPCs/images/notes.txt"), "GM notes");
    Files.writeString(root.resolve("campaign/NPCs/images/broken.png"), "not a picture at all");
    // a 512×512 portrait like the original campaign's (100-200 kB): noise compresses badly
    java.util.Random random = new java.util.Random(7);
    java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(512, 512, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        big.setRGB(x, y, (x / 2) << 16 | (y / 2) << 8 | random.nextInt(64));
      }
    }
    javax.imageio.ImageIO.write(big, "png", root.resolve("campaign/NPCs/images/big.png").toFile());
    java.awt.image.BufferedImage token = new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 300; x++) {
        token.setRGB(x, y, ((x - 150) * (x - 150) + (y - 150) * (y - 150) < 140 * 140 ? 0xff000000 : 0) | random.nextInt(0xffffff));
      }
    }
    javax.imageio.ImageIO.write(token, "png", root.resolve("campaign/NPCs/images/token.png").toFile());
  }

  @Test
  void aThumbnailIsThePictureScaledToTheWidthAskedForAndRevalidatedByItsOwnTag() throws IOException {
    String path = "campaign/images/campaign/NPCs/images/big.png";
    Response original = api(path).request().get();
    byte[] full = original.readEntity(byte[].class);
    for (int w : new int[] {64, 128}) {
      Response r = api(path).queryParam("w", w).request().get();
      assertEquals(200, r.getStatus());
      assertEquals("image/jpeg", r.getMediaType().toString(), "no transparency: JPEG");
      byte[] bytes = r.readEntity(byte[].class);
      java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
      assertEquals(w, img.getWidth());
      assertEquals(w, img.getHeight(), "square stays square");
      assertTrue(bytes.length * 10 < full.length, bytes.length + " of " + full.length);
      String tag = r.getHeaderString("ETag");
      assertFalse(tag.equals(original.getHeaderString("ETag")), "a thumbnail's tag is not the original's");
      assertEquals(304, api(path).queryParam("w", w).request().header("If-None-Match", tag).get().getStatus());
      System.out.printf("[thumbnail] 512x512 %d B -> w=%d %d B%n", full.length, w, bytes.length);
    }
    Response token = api("campaign/images/campaign/NPCs/images/token.png").queryParam("w", 64).request().get();
    assertEquals("image/png", token.getMediaType().toString(), "transparent token art stays PNG");
    java.awt.image.BufferedImage t = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(token.readEntity(byte[].class)));
    assertEquals(64, t.getWidth());
    assertEquals(0, t.getRGB(0, 0) >>> 24, "the corner stays transparent");
  }

  @Test
  void aSmallWellPackedPictureIsSentAsItIsWhenAThumbnailWouldNotBeSmaller() {
    String path = "campaign/images/campaign/NPCs/images/sexton.png";
    byte[] full = api(path).request().get().readEntity(byte[].class);
    Response r = api(path).queryParam("w", 64).request().get();
    assertEquals(200, r.getStatus());
    assertTrue(r.readEntity(byte[].class).length <= full.length, "never more bytes than the original");
  }

  @Test
  void aThumbnailWidthNotOfferedIsA400AndAnUnreadablePictureIsSentAsItIs() {
    for (String w : new String[] {"63", "0", "-64", "abc", "", "64.0", "99999999999"}) {
      Response r = api("campaign/images/campaign/NPCs/images/sexton.png").queryParam("w", w).request().get();
      assertEquals(400, r.getStatus(), "w=" + w);
      assertTrue(r.readEntity(String.class).contains("\"field\":\"w\""), "w=" + w);
    }
    Response broken = api("campaign/images/campaign/NPCs/images/broken.png").queryParam("w", "64").request().get();
    assertEquals(200, broken.getStatus());
    assertEquals("not a picture at all", new String(broken.readEntity(byte[].class), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(404, api("campaign/images/campaign/NPCs/images/nobody.png").queryParam("w", "64").request().get().getStatus());
  }

  @Test
  void servesIndexedImagesWithTheirType() {
    Response r = api("campaign/images/campaign/NPCs/images/sexton.png").request().get();
    assertEquals(200, r.getStatus());
    assertEquals("image/png", r.getMediaType().toString());
    byte[] bytes = r.readEntity(byte[].class);
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals(200, api("campaign/images/campaign/images/crew/sable_ng.png").request().get().getStatus());
  }

  @Test
  void hostilePathsNeverReachAFileOutsideTheImageFolders() throws IOException {
    List<String> hostile = List.of(
        "campaign/images/../../secret.png",
        "campaign/images/campaign/NPCs/images/../../../../secret.png",
        "campaign/images/%2e%2e/%2e%2e/secret.png",
        "campaign/images/campaign/NPCs/images/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.png",
        "campaign/images/campaign%2FNPCs%2Fimages%2Fsexton.png",
        "campaign/images/..%5C..%5Csecret.png",
        "campaign/images//etc/passwd",
        "campaign/images/%2Fetc%2Fpasswd",
        "campaign/images/%252e%252e/%252e%252e/secret.png",
        "campaign/images/campaign/NPCs/images/sexton.png%00.yaml",
        "campaign/images/campaign/NPCs/images/link.png",
        "campaign/images/campaign/NPCs/images/notes.txt",
        "campaign/images/campaign/npcs.yaml",
        "campaign/images/galaxy/charybdis-drift/location.yaml",
        "campaign/images/campaign/NPCs/images/",
        "campaign/images/campaign/NPCs/images",
        "campaign/images/C:%5Cwindows%5Cwin.ini",
        "campaign/images/campaign/NPCs/./images/sexton.png");
    for (String path : hostile) {
      CampaignApiTest.Raw r = raw(path);
      // Grizzly refuses encoded slashes, backslashes and NULs itself, before Jersey, with an empty
      // 500 (Tomcat: 400); our own check (CampaignImages) refuses them too where a container lets them by.
      boolean containerRefusal = path.matches("(?i).*%(2F|5C|00).*") && r.status() == 500 && r.text().endsWith("\r\n\r\n");
      assertTrue(r.status() == 400 || r.status() == 404 || containerRefusal, path + " answered " + r.status());
      assertFalse(r.text().contains(SECRET), path + " leaked the secret");
      assertFalse(r.text().contains("GM notes"), path + " served a non-image");
    }
  }

  @Test
  void refusalsAreJson() {
    Response r = api("campaign/images/campaign/npcs.yaml").request().get();
    assertEquals(404, r.getStatus());
    assertTrue(r.readEntity(String.class).contains("\"error\""));
    Response bad = api("campaign/images/%2e%2e/x.png").request().get();
    assertEquals(400, bad.getStatus());
  }

  @Test
  void aLinkOutOfTheCampaignIsReportedAtLoad() {
    assertTrue(charon.campaign().current().problems().stream()
        .anyMatch(p -> p.file().equals("campaign/NPCs/images/link.png") && p.message().contains("outside")));
    assertFalse(charon.campaign().current().images().contains("campaign/NPCs/images/link.png"));
  }

  @Test
  void anImageSwappedForALinkAfterLoadingIsRefused() throws IOException {
    Path portrait = campaignRoot.resolve("campaign/NPCs/images/mira_salk.png");
    Files.delete(portrait);
    Files.createSymbolicLink(portrait, campaignRoot.getParent().resolve("secret.png"));
    CampaignApiTest.Raw r = raw("campaign/images/campaign/NPCs/images/mira_salk.png");
    assertEquals(404, r.status());
    assertFalse(r.text().contains(SECRET));
  }
}
