package dev.charon.activeview;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of one projection behind {@link SseBroadcaster}s. The broadcasters are
 * created from the container's {@link Sse} when the first stream opens (JAX-RS offers no other
 * way to get one outside a request); until then there is nobody to push to.
 *
 * <p>The subscribers are spread over {@link #SHARDS} broadcasters in turn, not held by one:
 * Jersey's broadcaster (a {@link java.util.concurrent.SubmissionPublisher} beneath) walks every
 * subscription it holds on each registration, to refuse a duplicate. With one broadcaster that
 * walk was the largest single cost of a connect at 1,000 screens (17 % of the server's samples
 * while 1,000 streams connected, docs/benchmarks.md): each step is a cache miss on a node
 * allocated at another connect. An event costs the same either way (every subscription is
 * offered it once), plus one call per broadcaster.
 */
final class Fanout {
  /** Broadcasters per projection; a walk on registration meets at most 1/SHARDS of the subscribers. */
  static final int SHARDS = 32;

  private final Executor writers;
  private final AtomicInteger live = new AtomicInteger();
  private SseBroadcaster[] broadcasters; // guarded by the ActiveView lock
  private int nextShard; // guarded by the ActiveView lock

  Fanout(Executor writers) {
    this.writers = writers;
  }

  /** A registered stream, and whether its opener must write its first frames ({@link Subscriber#writeFirst}). */
  record Registered(Subscriber subscriber, boolean writeFirst) {}

  /** Called under the ActiveView lock, so no event can be published between these steps. */
  Registered register(Sse sse, SseEventSink connection, Supplier<OutputStream> containerStream, List<Frame> first,
      Consumer<Subscriber> onGone) {
    if (broadcasters == null) {
      broadcasters = new SseBroadcaster[SHARDS];
      for (int i = 0; i < SHARDS; i++) {
        broadcasters[i] = sse.newBroadcaster();
      }
    }
    live.incrementAndGet();
    Subscriber subscriber = new Subscriber(connection, containerStream, writers, gone -> {
      live.decrementAndGet();
      onGone.accept(gone);
    });
    // Register first, then queue the snapshot: any later version reaches this subscriber
    // after the snapshot, and nothing can fall in between (the original's defect 1.3).
    broadcasters[nextShard].register(subscriber);
    nextShard = (nextShard + 1) % SHARDS;
    return new Registered(subscriber, subscriber.queueFirst(first));
  }

  /** Called under the ActiveView lock, so events leave in version order. */
  void publish(Frame event) {
    if (broadcasters != null) {
      for (SseBroadcaster b : broadcasters) {
        b.broadcast(event);
      }
    }
  }

  int subscribers() {
    return live.get();
  }

  void close() {
    if (broadcasters != null) {
      for (SseBroadcaster b : broadcasters) {
        b.close();
      }
    }
  }
}
