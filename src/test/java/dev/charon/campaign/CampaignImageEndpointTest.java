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
