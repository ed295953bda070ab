package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-stream queue in front of a connection, with a stub connection that can be held. */
class SubscriberTest {
  private final ExecutorService writers = Executors.newFixedThreadPool(2);

  /** A connection whose first write waits until released, as a socket whose buffer is full. */
  static final class HeldConnection implements SseEventSink {
    final List<String> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      firstWriteStarted.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (writes) {
        writes.add(event.toString());
        writes.notifyAll();
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isClosed() {
      return closed.getCount() == 0;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @AfterEach
  void stop() {
    writers.shutdownNow();
  }

  private static Frame event(long v) {
    return Frame.event("activeview", Long.toString(v), "{\"v\":" + v + "}", -1);
  }

  @Test
  void sendNeverWritesOnTheCallersThreadAndABacklogLeavesAsOneWrite() throws Exception {
    HeldConnection connection = new HeldConnection();
    Subscriber s = new Subscriber(connection, writers, gone -> { });
    s.send(event(1));
    assertTrue(connection.firstWriteStarted.await(10, TimeUnit.SECONDS));
    // The writer is stuck in the first write; these calls return at once and queue up.
    for (long v = 2; v <= 5; v++) {
      s.send(event(v));
    }
    s.send(Frame.comment("heartbeat"));
    connection.release.countDown();
    awaitWrites(connection, 2);
    assertEquals(event(1).toString(), connection.writes.get(0));
    assertEquals(event(2).toString() + event(3) + event(4) + event(5) + ": heartbeat\n\n", connection.writes.get(1));
  }

  @Test
  void versionsNotNewerThanTheLastQueuedAreDropped() throws Exception {
    HeldConnection connection = new HeldConnection();
    connection.release.countDown();
    Subscriber s = new Subscriber(connection, writers, gone -> { });
    s.send(event(5)); // the snapshot already contains versions up to 5
    s.send(event(5));
    s.send(event(4));
    s.send(event(6));
    awaitUntil(connection, w -> String.join("", w).contains("id: 6"));
    assertEquals(event(5).toString() + event(6), String.join("", connection.writes));
  }

  @Test
  void aStreamThatFallsTooFarBehindIsClosedAndRefusesMore() throws Exception {
    HeldConnection connection = new HeldConnection();
    AtomicInteger gone = new AtomicInteger();
    Subscriber s = new Subscriber(connection, writers, s1 -> gone.incrementAndGet());
    s.send(event(1));
    assertTrue(connection.firstWriteStarted.await(10, TimeUnit.SECONDS));
    for (long v = 2; v < 2 + Subscriber.QUEUE_CAPACITY_EVENTS; v++) {
      s.send(event(v));
    }
    assertThrows(IllegalStateException.class, () -> s.send(event(1000)));
    assertTrue(s.isClosed());
    assertEquals(1, gone.get());
    assertThrows(IllegalStateException.class, () -> s.send(event(1001)), "the broadcaster then drops it");
    connection.release.countDown();
    assertTrue(connection.closed.await(10, TimeUnit.SECONDS), "the connection itself is closed too");
  }

  /**
   * A write that fails the way Jersey's sink fails one (it closes itself and returns a failed
   * stage) must not be followed by a second close: by then the container may have recycled the
   * response (tomcat-conf/conf/server.xml).
   */
  @Test
  void aConnectionThatClosedItselfOnAFailedWriteIsNotClosedAgain() throws Exception {
    AtomicInteger closes = new AtomicInteger();
    CountDownLatch asked = new CountDownLatch(1);
    SseEventSink failing = new SseEventSink() {
      private volatile boolean closed;

      @Override
      public CompletionStage<?> send(OutboundSseEvent event) {
        closed = true;
        return CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
      }

      @Override
      public boolean isClosed() {
        asked.countDown();
        return closed;
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    };
    AtomicInteger gone = new AtomicInteger();
    Subscriber s = new Subscriber(failing, writers, s1 -> gone.incrementAndGet());
    s.send(event(1));
    assertTrue(asked.await(10, TimeUnit.SECONDS), "the subscriber went to close the connection");
    writers.shutdown(); // the close task was queued before it asked; let it finish
    assertTrue(writers.awaitTermination(10, TimeUnit.SECONDS));
    assertTrue(s.isClosed());
    assertEquals(1, gone.get());
    assertEquals(0, closes.get(), "closed once, by the sink itself");
  }

  private static void awaitWrites(HeldConnection c, int n) throws InterruptedException {
    awaitUntil(c, w -> w.size() >= n);
  }

  private static void awaitUntil(HeldConnection c, java.util.function.Predicate<List<String>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    synchronized (c.writes) {
      while (!done.test(c.writes)) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, "gave up waiting; writes: " + c.writes);
        c.writes.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  @Test
  void theContainerEndingAConnectionWaitsForTheWriterToLeaveTheSinkAndNothingTouchesItAfter() throws Exception {
    HeldConnection connection = new HeldConnection();
    AtomicInteger gone = new AtomicInteger();
    Subscriber s = new Subscriber(connection, writers, s1 -> gone.incrementAndGet());
    s.send(event(1));
    assertTrue(connection.firstWriteStarted.await(10, TimeUnit.SECONDS), "a writer is inside the sink");
    CountDownLatch ended = new CountDownLatch(1);
    Thread container = new Thread(() -> {
      s.connectionEnded(); // as the container's callback thread does, before it recycles the response
      ended.countDown();
    });
    container.start();
    // While the writer is inside the sink, the container's thread must not go on to recycle.
    assertTrue(!ended.await(200, TimeUnit.MILLISECONDS), "connectionEnded returned while a write was in progress");
    connection.release.countDown();
    assertTrue(ended.await(10, TimeUnit.SECONDS), "connectionEnded returns once the writer left");
    assertEquals(1, gone.get());
    assertThrows(IllegalStateException.class, () -> s.send(event(2)));
    writers.shutdown();
    assertTrue(writers.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(1, connection.writes.size(), "nothing written after the container ended it");
    assertEquals(1, connection.closed.getCount(), "the sink is not closed by Charon after the container ended it");
  }

  /** The container's stream: records bytes; can hold a write, or fail every one. */
  static final class HeldStream extends java.io.OutputStream {
    final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    final CountDownLatch writeStarted = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(0);
    volatile boolean fail;
    volatile boolean writing;
    int flushes;

    @Override
    public void write(int b) {
      throw new UnsupportedOperationException("frames are written whole");
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      writing = true;
      try {
        writeStarted.countDown();
        release.await(10, TimeUnit.SECONDS);
        if (fail) {
          throw new java.io.IOException("Broken pipe");
        }
        synchronized (bytes) {
          bytes.write(b, off, len);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        writing = false;
      }
    }

    @Override
    public void flush() {
      flushes++;
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void theFirstFramesGoThroughJerseysSinkAndLaterOnesToTheContainersStreamEachWithOneFlush() {
    StreamOpenTest.RecordingSink sink = new StreamOpenTest.RecordingSink();
    HeldStream container = new HeldStream();
    Subscriber s = new Subscriber(sink, () -> container, Runnable::run, gone -> { });
    assertTrue(s.queueFirst(List.of(event(1))));
    s.writeFirst();
    assertEquals(1, sink.writes.size());
    assertTrue(sink.writes.get(0).contains("id: 1\n"), sink.writes.get(0));
    assertEquals("", container.text(), "the first frames open the response through Jersey");
    s.send(event(2));
    s.send(event(3));
    assertEquals(1, sink.writes.size(), "later frames do not go through the sink");
    assertTrue(container.text().contains("id: 2\n") && container.text().indexOf("id: 3\n") > container.text().indexOf("id: 2\n"),
        container.text());
    assertEquals(2, container.flushes, "one flush per write");
    s.close();
    assertTrue(sink.closed, "the stream is closed through Jersey's sink");
  }

  @Test
  void withoutAContainerStreamEveryFrameGoesThroughTheSink() {
    StreamOpenTest.RecordingSink sink = new StreamOpenTest.RecordingSink();
    Subscriber s = new Subscriber(sink, () -> null, Runnable::run, gone -> { });
    s.queueFirst(List.of(event(1)));
    s.writeFirst();
    s.send(event(2));
    assertEquals(2, sink.writes.size());
  }

  @Test
  void aFailedWriteToTheContainersStreamClosesTheStreamThroughItsSinkOnce() {
    StreamOpenTest.RecordingSink sink = new StreamOpenTest.RecordingSink();
    HeldStream container = new HeldStream();
    AtomicInteger gone = new AtomicInteger();
    Subscriber s = new Subscriber(sink, () -> container, Runnable::run, s1 -> gone.incrementAndGet());
    s.queueFirst(List.of(event(1)));
    s.writeFirst();
    container.fail = true;
    s.send(event(2));
    assertTrue(s.isClosed());
    assertEquals(1, gone.get());
    assertTrue(sink.closed, "Jersey's sink is closed, which completes the request");
    assertThrows(IllegalStateException.class, () -> s.send(event(3)));
  }

  @Test
  void aCloseWhileAWriterIsBlockedInTheContainersStreamIsDoneByThatWriterWhenItLeaves() throws Exception {
    StreamOpenTest.RecordingSink sink = new StreamOpenTest.RecordingSink();
    HeldStream container = new HeldStream();
    List<Runnable> tasks = new CopyOnWriteArrayList<>();
    Subscriber s = new Subscriber(sink, () -> container, tasks::add, gone -> { });
    s.queueFirst(List.of(event(1)));
    s.writeFirst();
    container.release = new CountDownLatch(1); // the next write blocks, as on a client that stopped reading
    s.send(event(2));
    Runnable drain = tasks.remove(0);
    Thread writer = new Thread(drain);
    writer.start();
    assertTrue(container.writeStarted.await(10, TimeUnit.SECONDS));
    s.close();
    tasks.remove(0).run(); // the close, on another thread than the blocked writer: it must not wait
    assertTrue(!sink.closed, "the sink was closed while a write to its stream was under way");
    container.release.countDown();
    writer.join(10_000);
    assertTrue(sink.closed, "the writer closed the sink when it left");
  }
}
