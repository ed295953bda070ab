package dev.charon.activeview;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open stream, as registered with the {@link jakarta.ws.rs.sse.SseBroadcaster}. The
 * broadcaster delivers to it inline (see {@link InlineDeliveryExecutor}); this class never
 * writes on the publisher's thread:
 *
 * <ul>
 *   <li>{@code send} only queues the frame and, if no writer is busy with this stream, hands the
 *       stream to the bounded writer pool; the caller may be the publisher holding the
 *       ActiveView lock, so this must never wait on a socket;
 *   <li>the stream's first frames are written by the request that opened it, after it left the
 *       ActiveView lock ({@link #queueFirst}, {@link #writeFirst}): handing them to a writer
 *       thread cost a thread wake-up on every connect, on the path a screen waits on, and the
 *       first write of a new socket never blocks (its buffer is empty);
 *   <li>the first frames go through Jersey's sink, which opens the response; later frames go
 *       straight to the container's stream beneath it (see {@link #writeDirect}) when there is
 *       one ({@link StreamConnectionFilter}); the sink is still what closes the stream;
 *   <li>a writer takes everything queued at once and writes it as one chunk with one flush, so
 *       a subscriber that falls behind a burst of writes catches up in a few writes instead of
 *       one per event;
 *   <li>the snapshot frame is queued first under the ActiveView lock, so no later event can
 *       overtake it, and events not newer than the last one queued are dropped;
 *   <li>closing never blocks the caller.
 * </ul>
 *
 * A client that stops reading makes its writer block in a socket write (bounded by the
 * connector's write timeout); its queue then fills and it is disconnected, so the browser
 * reconnects and resyncs instead of silently freezing as the original's did. Other subscribers
 * are written by the other writer threads.
 */
final class Subscriber implements SseEventSink {
  private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

  /** Events queued for one stream before it counts as stuck and is closed; each is ~150 bytes. */
  static final int QUEUE_CAPACITY_EVENTS = 256;

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final SseEventSink connection;
  /** The container's stream under Jersey's sink, for the frames after the first (see {@link #writeDirect}). */
  private final Supplier<OutputStream> containerStream;
  /** Set once the first frames went through Jersey; only the writer with the turn uses it. */
  private OutputStream direct;
  private final Executor writers;
  private final Consumer<Subscriber> onGone;
  private final ArrayDeque<Frame> queue = new ArrayDeque<>(); // guarded by this
  /** One task object per stream, not one per event: a thousand streams get each event. */
  private final Runnable drainTask = this::drain;
  private boolean draining; // guarded by this
  private boolean finishing; // guarded by this: close once the queue is written
  private long lastVersion = Long.MIN_VALUE; // guarded by this
  private volatile boolean closed;
  /**
   * The container said the connection is over (see {@link StreamConnection}): the sink and the
   * response behind it may already serve another request, so nothing may touch them again.
   */
  private volatile boolean containerEnded; // written under this
  /** A writer thread is inside Jersey's sink (a send or the close); guarded by this. */
  private boolean inSink;
  /** The stream was closed while a writer was in the sink: that writer closes the connection. */
  private boolean closeOnLeave; // guarded by this
  /**
   * How long the container's end-of-connection callback waits for a writer to leave the sink.
   * A sink whose socket failed returns at once; the bound only keeps a container thread from
   * waiting forever should one not.
   */
  static final long SINK_EXIT_WAIT_MILLIS = 2_000;

  /** A stream written through Jersey's sink alone (no servlet container beneath: tests, Grizzly). */
  Subscriber(SseEventSink connection, Executor writers, Consumer<Subscriber> onGone) {
    this(connection, () -> null, writers, onGone);
  }

  /**
   * @param containerStream the container's output stream of this response once Jersey has
   *     opened it (null where there is none)
   * @param onGone told once, with this subscriber, when the stream is gone
   */
  Subscriber(SseEventSink connection, Supplier<OutputStream> containerStream, Executor writers,
      Consumer<Subscriber> onGone) {
    this.connection = connection;
    this.containerStream = containerStream;
    this.writers = writers;
    this.onGone = onGone;
  }

  /**
   * Queues the event for a writer thread. Throwing once closed makes the broadcaster cancel
   * this subscription, so dead ones do not pile up in it.
   */
  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    // Charon publishes only frames (Fanout.publish takes nothing else).
    if (enqueue((Frame) event)) {
      startDrain();
    }
    return DONE;
  }

  /**
   * Queues the stream's first frames without handing the stream to a writer: the caller takes
   * the turn and must call {@link #writeFirst} once it has left the ActiveView lock (when this
   * returns true). Frames published in between queue behind these and are written in order.
   */
  boolean queueFirst(List<Frame> first) {
    boolean turn = false;
    for (Frame f : first) {
      turn |= enqueue(f);
    }
    return turn;
  }

  /**
   * Writes what is queued on the calling thread (the request that opened the stream, which holds
   * no lock), one batch; anything queued after it goes to a writer thread, as usual.
   */
  void writeFirst() {
    Frame batch = nextBatch(false);
    if (batch == null) {
      return;
    }
    boolean written = write(batch);
    leaveSink();
    if (!written) {
      close();
    } else if (moreToWrite()) {
      startDrain();
    }
  }

  /** After a written batch: whether the turn goes on (more queued, or a goodbye to finish). */
  private synchronized boolean moreToWrite() {
    if (queue.isEmpty() && (closed || !finishing)) {
      draining = false;
      return false;
    }
    return true;
  }

  private void startDrain() {
    try {
      writers.execute(drainTask);
    } catch (RejectedExecutionException e) {
      close();
    }
  }

  /** Queues the frame; true when the caller must start a writer (none is busy here). */
  private boolean enqueue(Frame frame) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("subscriber closed");
      }
      if (finishing) {
        return false; // the stream is saying goodbye; nothing more goes after the last event
      }
      long version = frame.version();
      if (version != Frame.NO_VERSION) {
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
      queue.add(frame);
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
  void finish(Frame last) {
    boolean start = false;
    synchronized (this) {
      if (closed || finishing) {
        return;
      }
      finishing = true;
      queue.add(last);
      if (!draining) {
        draining = true;
        start = true;
      }
    }
    if (start) {
      startDrain();
    }
  }

  /** Writes what is queued, in order, a batch per write; a failed write means the client is gone. */
  private void drain() {
    Frame batch = nextBatch(false);
    while (batch != null) {
      if (!write(batch)) {
        leaveSink();
        close();
        return;
      }
      batch = nextBatch(true);
    }
  }

  /**
   * One step of a writer's turn, in one synchronized block (a fan-out to 1,000 streams does this
   * 1,000 times per event, and each monitor entered is an atomic instruction on a line another
   * core last wrote): leaves the sink after the batch just written, if {@code afterWrite}, and
   * takes everything queued since as the next batch, entering the sink for it. Null when the turn
   * is over: nothing is queued (a stream saying goodbye is then closed), the stream was closed,
   * or the container ended the connection.
   */
  private Frame nextBatch(boolean afterWrite) {
    Frame one = null; // the usual case: one event queued, written without a list
    List<Frame> several = null;
    boolean closeConnectionNow = false;
    boolean finishNow = false;
    synchronized (this) {
      if (afterWrite) {
        closeConnectionNow = leaveSinkHoldingLock();
      }
      if (closed || queue.isEmpty()) {
        draining = false;
        finishNow = !closed && finishing;
      } else if (!containerEnded && !inSink) {
        if (queue.size() == 1) {
          one = queue.poll();
        } else {
          several = new ArrayList<>(queue);
          queue.clear();
        }
        inSink = true;
      } else {
        queue.clear(); // ended, or being closed (only a close holds the sink besides a writer)
      }
    }
    if (closeConnectionNow) {
      closeConnection(); // closed while this thread wrote: the close waited for it
    }
    if (finishNow) {
      close();
    }
    return one != null ? one : several != null ? Frame.concat(several) : null;
  }

  /** Writes a batch, the sink entered: through Jersey until it has opened the response, then directly. */
  private boolean write(Frame batch) {
    return direct != null ? writeDirect(batch) : writeThroughJersey(batch);
  }

  /**
   * The first frames go through Jersey's sink: its first write opens the response (status,
   * headers, the suspended request). Once it has, the container's own stream is taken for the
   * frames after.
   */
  private boolean writeThroughJersey(Frame frame) {
    try {
      CompletionStage<?> written = connection.send(frame);
      if (written.toCompletableFuture().isCompletedExceptionally()) {
        return false;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "stream write failed", e);
      return false;
    }
    direct = containerStream.get();
    return true;
  }

  /**
   * A frame after the first, written straight to the container's stream, which Jersey's sink
   * writes to as well: the same bytes, the same socket, one flush. Jersey's sink would first
   * enter the request's scope, parse the response's media type from its headers, look up the
   * frame's writer and run its interceptor chain, for every frame and every stream: a quarter of
   * the writer threads' time at 1,000 streams (a flight recording, docs/benchmarks.md). The
   * sink is still the stream's: it is closed through Jersey, never here, and {@link #nextBatch}
   * keeps the two from overlapping.
   */
  private boolean writeDirect(Frame frame) {
    try {
      direct.write(frame.bytes());
      direct.flush();
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "stream write failed", e);
      return false;
    }
  }

  /**
   * Jersey's sink may be used only while the container has not ended the connection, and the
   * container must not finish ending it (and recycle the request and response for another
   * connection) while a writer is inside the sink: after a failed write Jersey closes the sink
   * and completes the request from the writer's thread, and if that came after the recycling it
   * completed or wrote to the next connection's response (Jersey #3719, Tomcat bug 61768).
   * {@link #nextBatch} enters the sink only before the container ended the connection, and
   * {@link #connectionEnded} waits for the writer to leave it.
   */
  private void leaveSink() {
    boolean closeNow;
    synchronized (this) {
      closeNow = leaveSinkHoldingLock();
    }
    if (closeNow) {
      closeConnection(); // closed while this thread wrote: the close waited for it
    }
  }

  /** Under this lock: leaves the sink; true when a close came meanwhile and is now the caller's to do. */
  private boolean leaveSinkHoldingLock() {
    inSink = false;
    boolean closeNow = closeOnLeave;
    closeOnLeave = false;
    notifyAll(); // a container thread in connectionEnded may wait for the sink
    return closeNow;
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
    onGone.accept(this);
    try {
      writers.execute(this::closeConnection);
    } catch (RejectedExecutionException e) {
      closeConnection();
    }
  }

  /**
   * The container ended the connection (its callback thread calls this before it recycles the
   * request): from now on nothing touches the sink, and a writer inside it is waited for.
   */
  void connectionEnded() {
    synchronized (this) {
      containerEnded = true;
      long deadline = System.nanoTime() + SINK_EXIT_WAIT_MILLIS * 1_000_000;
      while (inSink) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          LOG.warning("a stream's writer did not leave the sink within " + SINK_EXIT_WAIT_MILLIS + " ms");
          break;
        }
        try {
          wait(leftMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    close();
  }

  private void closeConnection() {
    // After a failed write Jersey has already closed the sink and released its request scope,
    // and the container may have recycled the response; closing it again would touch both.
    // The same holds once the container said the connection ended.
    synchronized (this) {
      if (containerEnded) {
        return;
      }
      if (inSink) {
        // A writer is in the sink (perhaps blocked on a client that stopped reading): writes to
        // the container's stream and Jersey's close must not overlap, and this thread must not
        // wait for a socket. The writer closes the connection when it leaves.
        closeOnLeave = true;
        return;
      }
      inSink = true;
    }
    try {
      if (!connection.isClosed()) {
        connection.close();
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing a stream failed", e);
    } finally {
      leaveSink();
    }
  }


  @Override
  public boolean isClosed() {
    return closed || connection.isClosed();
  }
}
