package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.charon.web.ApiError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our own path checks, for the escapes a container might let through to Jersey. */
class CampaignImagesTest {
  @TempDir
  Path dataDir;

  @Test
  void encodedEscapesAreRefusedBeforeAnyLookup() {
    CampaignImages images = new CampaignImages(new CampaignHolder(CampaignLoader.load(Optional.empty(), dataDir)));
    assertEquals("image/png", images.find("campaign/NPCs/images/sexton.png").type().toString());
    for (String bad : List.of("campaign%2FNPCs%2Fimages%2Fsexton.png", "..%5C..%5Csecret.png",
        "campaign/NPCs/images/sexton.png%00.yaml", "%2e%2e/secret.png", "../secret.png", "/etc/passwd",
        "campaign//NPCs/images/sexton.png", "campaign/NPCs/images/%zz.png", "campaign/NPCs/images/x.png%",
        "C:\\windows\\win.ini")) {
      ApiError e = assertThrows(ApiError.class, () -> images.find(bad), bad);
      assertEquals(400, e.status(), bad);
    }
    assertEquals(404, assertThrows(ApiError.class, () -> images.find("campaign/npcs.yaml")).status());
    assertEquals(404, assertThrows(ApiError.class, () -> images.find("campaign/NPCs/images/nobody.png")).status());
  }

  @Test
  void decodingKeepsPlusSignsAndReadsUtf8() {
    assertEquals("a+b c/ü.png", CampaignImages.decode("a+b%20c/%C3%BC.png"));
    assertEquals("api/campaign/images/campaign/NPCs/images/a%20b%2Bc.png",
        ImageIndex.url("campaign/NPCs/images/a b+c.png"));
  }
}
