package dev.charon.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.charon.activeview.ViewCommands;
import dev.charon.activeview.ViewType;
import dev.charon.encounter.EncounterCommands;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Latency of the encounter-map endpoint for the largest demo map (MSV Cormorant, deck A), over
 * real HTTP on Grizzly, one client, sequential requests. Off by default; run it with
 *
 * <pre>mvn -B -o -Dskip.npm=true test -Dtest=EncounterMapBenchmark -Dcharon.benchmark=true</pre>
 *
 * Results go to stdout and target/benchmark-encounter-map.txt; docs/benchmarks.md keeps them.
 */
@EnabledIfSystemProperty(named = "charon.benchmark", matches = "true")
class EncounterMapBenchmark extends CampaignApiTest {
  static final int WARMUP_REQUESTS = 3_000;
  static final int MEASURED_REQUESTS = 10_000;

  @Test
  void encounterMapLatency() throws Exception {
    charon.activeView().apply(ViewCommands.switchView(ViewType.ENCOUNTER, Optional.of("msv-cormorant"), "", false));
    charon.activeView().apply(EncounterCommands.setRooms(java.util.Map.of(), Optional.of(true), Optional.of("cormorant_a")));
    // Forced to HTTP/1.1: Grizzly answers an h2c upgrade without a Content-Type (STACK.md trap 5).
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI base = target().getUri().resolve("api/");
    List<String> lines = new ArrayList<>();
    lines.add(measure(http, base, "encounter-map/msv-cormorant/", null, "player map, 9 rooms revealed"));
    lines.add(measure(http, base, "gm/encounter-map/msv-cormorant/", null, "GM map, 9 rooms"));
    String etag = http.send(HttpRequest.newBuilder(base.resolve("encounter-map/msv-cormorant/")).build(),
        HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
    lines.add(measure(http, base, "encounter-map/msv-cormorant/", etag, "player map, If-None-Match -> 304"));
    Path out = Path.of("target", "benchmark-encounter-map.txt");
    Files.write(out, lines);
    lines.forEach(System.out::println);
  }

  private static String measure(HttpClient http, URI base, String path, String etag, String label)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    HttpRequest request = b.build();
    int expected = etag == null ? 200 : 304;
    long bytes = 0;
    for (int i = 0; i < WARMUP_REQUESTS; i++) {
      assertEquals(expected, http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
    }
    long[] micros = new long[MEASURED_REQUESTS];
    for (int i = 0; i < MEASURED_REQUESTS; i++) {
      long t = System.nanoTime();
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      micros[i] = (System.nanoTime() - t) / 1_000;
      bytes = r.body().length;
      assertEquals(expected, r.statusCode());
    }
    Arrays.sort(micros);
    return String.format("%-36s n=%d body=%d B  p50=%d us  p99=%d us  max=%d us", label, MEASURED_REQUESTS, bytes,
        micros[MEASURED_REQUESTS / 2], micros[MEASURED_REQUESTS * 99 / 100], micros[MEASURED_REQUESTS - 1]);
  }
}
