package dev.charon.activeview;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of one projection behind one {@link SseBroadcaster}. The broadcaster is
 * created from the container's {@link Sse} when the first stream opens (JAX-RS offers no other
 * way to get one outside a request); until then there is nobody to push to.
 */
final class Fanout {
  private final Executor writers;
  private final AtomicInteger live = new AtomicInteger();
  private SseBroadcaster broadcaster; // guarded by the ActiveView lock

  Fanout(Executor writers) {
    this.writers = writers;
  }

  /** Called under the ActiveView lock, so no event can be published between these steps. */
  Subscriber register(Sse sse, SseEventSink connection, List<Frame> first, Consumer<Subscriber> onGone) {
    if (broadcaster == null) {
      broadcaster = sse.newBroadcaster();
    }
    live.incrementAndGet();
    Subscriber subscriber = new Subscriber(connection, writers, gone -> {
      live.decrementAndGet();
      onGone.accept(gone);
    });
    // Register first, then queue the snapshot: any later version reaches this subscriber
    // after the snapshot, and nothing can fall in between (the original's defect 1.3).
    broadcaster.register(subscriber);
    first.forEach(subscriber::send);
    return subscriber;
  }

  /** Called under the ActiveView lock, so events leave in version order. */
  void publish(Frame event) {
    if (broadcaster != null) {
      broadcaster.broadcast(event);
    }
  }

  int subscribers() {
    return live.get();
  }

  void close() {
    if (broadcaster != null) {
      broadcaster.close();
    }
  }
}
