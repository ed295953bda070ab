import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Write → event latency through a proxy the automated test does not start (Apache httpd), by hand:
 * the same measurement as ReverseProxyIT's benchmark (3,000 warm-up moves, then 300 token moves
 * with 1 and with 100 event streams; the time from sending the move until the last stream has its
 * event). Every base URL must lead to the same Charon (e.g. direct and through the proxy).
 *
 * <pre>java tools/ProxyBench.java GM_PASSWORD http://127.0.0.1:8080/ https://localhost:19443/</pre>
 *
 * Trusts any certificate (a self-signed test one): never point it at anything but your own test.
 */
public class ProxyBench {
  static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
  static final Pattern TOKEN_ID = Pattern.compile("\"token_id\":\"([^\"]+)\"");
  static final String CSRF = "A".repeat(43);
  static final int WARMUP_MOVES = 3000;
  static final int MOVES = 300;

  record Gm(HttpClient client, URI base, String session) {
    HttpResponse<String> send(String path, String body) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
          .header("Cookie", "csrftoken=" + CSRF + (session == null ? "" : "; " + session));
      if (body != null) {
        b.header("Content-Type", "application/json").header("X-CSRFToken", CSRF)
            .POST(HttpRequest.BodyPublishers.ofString(body));
      }
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
      }
      return r;
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) {}
      public void checkServerTrusted(X509Certificate[] c, String a) {}
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    String password = args[0];
    String[] token = null;
    System.out.println("| path | streams | POST→event p50 (ms) | p99 (ms) | max (ms) |\n|---|---|---|---|---|");
    for (int a = 1; a < args.length; a++) {
      URI base = URI.create(args[a]);
      HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
      HttpResponse<String> login = new Gm(client, base, null).send("api/auth/login/",
          "{\"username\":\"gm\",\"password\":\"" + password + "\"}");
      Gm gm = new Gm(client, base, login.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("CHARON_SESSION=")).findFirst().orElseThrow().split(";")[0]);
      if (token == null) {
        token = placeToken(gm);
      }
      for (int i = 0; i < WARMUP_MOVES; i++) {
        move(gm, token, i);
      }
      HttpClient readers = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
      for (int streams : new int[] {1, 100}) {
        List<Map<Long, Long>> arrivals = new ArrayList<>();
        List<Stream<String>> bodies = new ArrayList<>();
        CountDownLatch opened = new CountDownLatch(streams);
        for (int s = 0; s < streams; s++) {
          Map<Long, Long> seen = new ConcurrentHashMap<>();
          arrivals.add(seen);
          HttpResponse<Stream<String>> r = readers.send(HttpRequest.newBuilder(base.resolve("api/active-view/stream/"))
              .build(), HttpResponse.BodyHandlers.ofLines());
          bodies.add(r.body());
          Thread reader = new Thread(() -> {
            try {
              r.body().forEach(line -> {
                Matcher m = VERSION.matcher(line);
                if (line.startsWith("data:") && m.find()) {
                  seen.putIfAbsent(Long.parseLong(m.group(1)), System.nanoTime());
                  opened.countDown();
                }
              });
            } catch (RuntimeException closed) {
              // the stream was closed at the end of the round
            }
          });
          reader.setDaemon(true);
          reader.start();
        }
        if (!opened.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("streams did not open");
        }
        long[] latency = new long[MOVES];
        for (int m = 0; m < MOVES; m++) {
          long t0 = System.nanoTime();
          long version = move(gm, token, m);
          long last = 0;
          for (Map<Long, Long> seen : arrivals) {
            while (!seen.containsKey(version)) {
              Thread.onSpinWait();
            }
            last = Math.max(last, seen.get(version));
          }
          latency[m] = last - t0;
        }
        Arrays.sort(latency);
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", base, streams, latency[MOVES / 2] / 1e6,
            latency[MOVES * 99 / 100] / 1e6, latency[MOVES - 1] / 1e6);
        bodies.forEach(Stream::close);
      }
    }
  }

  /** ENCOUNTER on the demo campaign's MSV Cormorant, every room shown, a token at (3, 1) on its bridge. */
  static String[] placeToken(Gm gm) throws Exception {
    gm.send("api/gm/switch-view/", "{\"view_type\":\"ENCOUNTER\",\"location_slug\":\"msv-cormorant\"}");
    gm.send("api/gm/encounter/room-visibility/", "{\"all\":true}");
    Matcher id = TOKEN_ID.matcher(gm.send("api/gm/encounter/place-token/",
        "{\"type\":\"player\",\"name\":\"Bench\",\"x\":3,\"y\":1}").body());
    if (!id.find()) {
      throw new IllegalStateException("no token placed");
    }
    return new String[] {id.group(1), "3", "1"};
  }

  static long move(Gm gm, String[] token, int i) throws Exception {
    Matcher m = VERSION.matcher(gm.send("api/gm/encounter/move-token/", "{\"token_id\":\"" + token[0] + "\",\"x\":"
        + (Integer.parseInt(token[1]) + i % 2) + ",\"y\":" + token[2] + "}").body());
    m.find();
    return Long.parseLong(m.group(1));
  }
}
