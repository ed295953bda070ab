package dev.charon.campaign;

import dev.charon.testing.ApiTestBase;
import jakarta.ws.rs.client.WebTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole JAX-RS application on Grizzly over the demo campaign, extracted into a fresh folder
 * per test (tests edit it). Paths are the real ones, below {@code /api/}; requests go as the
 * logged-in GM (see {@link ApiTestBase}), {@code anonymous()} for what players see.
 */
abstract class CampaignApiTest extends ApiTestBase {
  Path dataDir;
  Path campaignRoot;

  @Override
  protected Campaign campaign() {
    try {
      dataDir = Files.createTempDirectory("charon-campaign-api");
      campaignRoot = CampaignLoader.extractDemo(dataDir.resolve(CampaignLoader.DEMO_DIR_NAME));
      prepare(campaignRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CampaignLoader.loadFolder(campaignRoot);
  }

  /** Changes the campaign folder before it is loaded. */
  void prepare(Path root) throws IOException {}

  /**
   * A target below {@code /api/} (the application's own {@code @ApplicationPath}); a
   * {@code ?name=value} suffix becomes a query parameter.
   */
  WebTarget api(String path) {
    int q = path.indexOf('?');
    WebTarget t = target("api/" + (q < 0 ? path : path.substring(0, q)));
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        t = t.queryParam(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return t;
  }

  @AfterEach
  void deleteFolder() throws IOException {
    try (Stream<Path> s = Files.walk(dataDir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** What came back for a request written byte for byte (no client normalises the path). */
  record Raw(int status, String text) {}

  Raw raw(String pathAfterApi) throws IOException {
    URI base = target().getUri();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + base.getPath() + "api/" + pathAfterApi + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      String statusLine = text.lines().findFirst().orElse("");
      return new Raw(Integer.parseInt(statusLine.split(" ")[1]), text);
    }
  }
}
