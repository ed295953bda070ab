package dev.charon.activeview;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open stream, as registered with the {@link jakarta.ws.rs.sse.SseBroadcaster}. Jersey's
 * broadcaster already gives each subscriber its own bounded buffer and delivery task (and closes
 * a subscriber whose buffer overflows); this class adds what it lacks:
 *
 * <ul>
 *   <li>the snapshot frame is queued under the ActiveView lock and written by a writer thread,
 *       so registering never blocks a GM's write, and no later event can overtake it;
 *   <li>events not newer than the last one queued are dropped (the snapshot already has them);
 *   <li>closing never blocks the caller (it may be the publisher, under the ActiveView lock).
 * </ul>
 *
 * A client that stops reading makes its delivery task block in a socket write; its buffer in
 * the broadcaster then fills and it is disconnected, so the browser reconnects and resyncs
 * instead of silently freezing as the original's did. Other subscribers are not affected: each
 * is written by its own task.
 */
final class Subscriber implements SseEventSink {
  private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

  /** Backstop for events queued here while a writer is busy; each event is about 150 bytes. */
  static final int QUEUE_CAPACITY_EVENTS = 256;

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final SseEventSink connection;
  private final Executor writers;
  private final Runnable onGone;
  private final ArrayDeque<OutboundSseEvent> queue = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this
  private boolean finishing; // guarded by this: close once the queue is written
  private long lastVersion = Long.MIN_VALUE; // guarded by this
  private volatile boolean closed;

  Subscriber(SseEventSink connection, Executor writers, Runnable onGone) {
    this.connection = connection;
    this.writers = writers;
    this.onGone = onGone;
  }

  /** The first frame, queued under the ActiveView lock: a writer thread sends it. */
  void sendFirst(OutboundSseEvent snapshot) {
    if (enqueue(snapshot)) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        close();
      }
    }
  }

  /**
   * Called by the broadcaster's delivery task for this subscriber, one event at a time: writes
   * on that task's thread unless a writer is already busy with this stream. Throwing once
   * closed makes the broadcaster cancel this subscription, so dead ones do not pile up in it.
   */
  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    if (enqueue(event)) {
      drain();
    }
    return DONE;
  }

  /** Queues the event; true when the caller must drain (nobody else is writing). */
  private boolean enqueue(OutboundSseEvent event) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("subscriber closed");
      }
      if (finishing) {
        return false; // the stream is saying goodbye; nothing more goes after the last event
      }
      long version = versionOf(event);
      if (version != Long.MIN_VALUE) {
        if (version <= lastVersion) {
          return false;
        }
        lastVersion = version;
      }
      if (queue.size() >= QUEUE_CAPACITY_EVENTS) {
        LOG.info("closing a stream that fell " + QUEUE_CAPACITY_EVENTS + " events behind");
        close();
        throw new IllegalStateException("subscriber too slow");
      }
      queue.add(event);
      if (draining) {
        return false;
      }
      draining = true;
      return true;
    }
  }

  /**
   * Queues a last event (after everything already queued) and closes the stream once it is
   * written: how a stream whose session ended says why before it goes.
   */
  void finish(OutboundSseEvent last) {
    boolean startDrain = false;
    synchronized (this) {
      if (closed || finishing) {
        return;
      }
      finishing = true;
      queue.add(last);
      if (!draining) {
        draining = true;
        startDrain = true;
      }
    }
    if (startDrain) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        close();
      }
    }
  }

  /** Writes queued events in order; a failed write means the client is gone. */
  private void drain() {
    while (true) {
      OutboundSseEvent next;
      boolean done;
      synchronized (this) {
        next = closed ? null : queue.poll();
        done = next == null && finishing && !closed;
        if (next == null) {
          draining = false;
        }
      }
      if (done) {
        close();
        return;
      }
      if (next == null) {
        return;
      }
      try {
        CompletionStage<?> written = connection.send(next);
        if (written.toCompletableFuture().isCompletedExceptionally()) {
          close();
          return;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "stream write failed", e);
        close();
        return;
      }
    }
  }

  private static long versionOf(OutboundSseEvent event) {
    String id = event.getId();
    return id == null ? Long.MIN_VALUE : Long.parseLong(id);
  }

  /**
   * Marks the subscriber closed at once and closes the connection on a writer thread: the
   * caller may be the publisher holding the ActiveView lock, and closing a connection whose
   * client stopped reading can block.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
    }
    onGone.run();
    try {
      writers.execute(this::closeConnection);
    } catch (RejectedExecutionException e) {
      closeConnection();
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing a stream failed", e);
    }
  }

  @Override
  public boolean isClosed() {
    return closed || connection.isClosed();
  }
}
