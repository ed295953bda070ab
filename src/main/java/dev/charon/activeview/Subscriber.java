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
 * One open stream, as registered with the {@link jakarta.ws.rs.sse.SseBroadcaster}. It never
 * blocks the broadcaster: {@link #send} only queues, and a writer thread drains the queue into
 * the real connection. A client that falls {@link #QUEUE_CAPACITY_EVENTS} events behind (a
 * stuck tablet, a dead Wi-Fi link) is disconnected, so its browser reconnects and resyncs from
 * a fresh snapshot instead of silently freezing as the original's did.
 */
final class Subscriber implements SseEventSink {
  private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

  /** Far more than a healthy client ever has pending; each event is about 1 KB. */
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

  /**
   * Queues an event. Events whose version is not above the last one queued are dropped: the
   * snapshot sent at registration already contains them. Throwing once closed makes the
   * broadcaster cancel this subscription, so dead subscribers do not pile up in it.
   */
  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    boolean startDrain = false;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("subscriber closed");
      }
      if (finishing) {
        return DONE; // the stream is saying goodbye; nothing more goes after the last event
      }
      long version = versionOf(event);
      if (version != Long.MIN_VALUE) {
        if (version <= lastVersion) {
          return DONE;
        }
        lastVersion = version;
      }
      if (queue.size() >= QUEUE_CAPACITY_EVENTS) {
        LOG.info("closing a stream that fell " + QUEUE_CAPACITY_EVENTS + " events behind");
        closeLater();
        throw new IllegalStateException("subscriber too slow");
      }
      queue.add(event);
      if (!draining) {
        draining = true;
        startDrain = true;
      }
    }
    if (startDrain) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        closeLater();
      }
    }
    return DONE;
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
        closeLater();
      }
    }
  }

  /** Writes queued events in order on a writer thread; a failed write means the client is gone. */
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

  /** Marks closed at once (no more queuing) and closes the connection off the caller's thread. */
  private void closeLater() {
    if (markClosed()) {
      try {
        writers.execute(this::closeConnection);
      } catch (RejectedExecutionException e) {
        closeConnection();
      }
    }
  }

  @Override
  public void close() {
    if (markClosed()) {
      closeConnection();
    }
  }

  private boolean markClosed() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
      queue.clear();
    }
    onGone.run();
    return true;
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
