package dev.charon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.web.SlowClientGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slow request bodies on a real Tomcat (its default thread pool of 200): 260 connections from one
 * address send a login body a byte a second. Without a bound they would hold 150 worker threads
 * and more for as long as they lasted (measured before: 260 such connections made health time out for
 * everyone). With {@link SlowClientGuard}: the address gets 32 requests in progress, the rest are
 * refused at once with 503, the 32 get 408 once the body deadline passes, and meanwhile another
 * address is served as usual: health and a stream. On tomcat-conf ({@code maxSwallowSize="0"}):
 * with Tomcat's default (2 MB), Tomcat itself drains each refused body on a worker thread at the
 * client's pace, and health from the other address timed out (measured while writing this test).
 */
class SlowClientsIT {
  private static final int SLOW_CONNECTIONS = 260;
  private static final int BODY_BYTES = 400;

  @Test
  void slowBodiesFromOneAddressAreBoundedAndEveryoneElseIsServedMeanwhile() throws Exception {
    Path work = Path.of(ServerProcess.required("charon.it.dir"), "slow-clients");
    try (TomcatServer tomcat = new TomcatServer(work, "", Map.of("charon.data.dir", work.resolve("data").toString(),
        "charon.gm.password", "slow-clients-gm-password"))) {
      tomcat.start();
      int port = tomcat.base().getPort();
      InetAddress slowAddress = InetAddress.getByName("127.0.0.1");
      InetAddress otherAddress = InetAddress.getByName("127.0.0.2");
      // With the CSRF proof, as a browser's login sends it: refused without it, the body is never read.
      dev.charon.testing.Agent page = new dev.charon.testing.Agent(tomcat.base());
      page.get("api/active-view/");
      String csrf = page.cookies.get("csrftoken");
      List<Socket> slow = new ArrayList<>();
      Map<Socket, Long> opened = new ConcurrentHashMap<>();
      for (int i = 0; i < SLOW_CONNECTIONS; i++) {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, slowAddress, 0);
        s.setSoTimeout(30_000);
        String head = "POST /api/auth/login/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
            + "Content-Type: application/json\r\nCookie: csrftoken=" + csrf + "\r\nX-CSRFToken: " + csrf + "\r\n"
            + "Content-Length: " + BODY_BYTES + "\r\n\r\n{";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
        opened.put(s, System.nanoTime());
      }
      ExecutorService pool = Executors.newCachedThreadPool();
      // One more byte a second on every slow connection that is still open.
      Future<?> trickle = pool.submit(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          for (Socket s : slow) {
            try {
              OutputStream out = s.getOutputStream();
              out.write(' ');
              out.flush();
            } catch (IOException e) {
              // answered and closed: fine
            }
          }
          try {
            Thread.sleep(1000); // the client's own pace, not a synchronisation
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      List<Future<Integer>> statuses = new ArrayList<>();
      for (Socket s : slow) {
        statuses.add(pool.submit(() -> status(s)));
      }

      // Meanwhile another address: health answers promptly, a stream opens and gets its snapshot.
      List<Long> healthMillis = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long t0 = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, otherAddress, 0)) {
          s.setSoTimeout(10_000);
          s.getOutputStream().write(("GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1:" + port
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          assertEquals(200, status(s));
        }
        healthMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      }
      try (Socket stream = new Socket(InetAddress.getByName("127.0.0.1"), port, otherAddress, 0)) {
        stream.setSoTimeout(10_000);
        stream.getOutputStream().write(("GET /api/active-view/stream/ HTTP/1.1\r\nHost: 127.0.0.1:" + port
            + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(in.readLine().contains(" 200"), "the other address's stream opens");
        String line;
        do {
          line = in.readLine();
        } while (line != null && !line.equals("event: activeview"));
        assertEquals("event: activeview", line, "and gets its snapshot");
      }

      int refused = 0;
      int timedOut = 0;
      for (Future<Integer> f : statuses) {
        int status = f.get(60, TimeUnit.SECONDS);
        if (status == 503) {
          refused++;
        } else if (status == 408) {
          timedOut++;
        } else {
          throw new AssertionError("a slow client got " + status);
        }
      }
      trickle.cancel(true);
      pool.shutdownNow();
      for (Socket s : slow) {
        s.close();
      }
      System.out.println("slow clients: " + refused + " refused (503), " + timedOut + " cut off (408); health from "
          + "another address: " + healthMillis + " ms");
      assertEquals(SlowClientGuard.MAX_IN_FLIGHT_PER_ADDRESS, timedOut, "the address held at most this many");
      assertEquals(SLOW_CONNECTIONS - SlowClientGuard.MAX_IN_FLIGHT_PER_ADDRESS, refused);
      assertTrue(healthMillis.stream().allMatch(ms -> ms < 2000), "health meanwhile: " + healthMillis);
    }
  }

  /** The status code of the response on this socket (-1 if it closed without one). */
  private static int status(Socket s) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    String line = in.readLine();
    if (line == null) {
      return -1;
    }
    return Integer.parseInt(line.split(" ")[1]);
  }
}
