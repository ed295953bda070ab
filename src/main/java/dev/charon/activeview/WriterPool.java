package dev.charon.activeview;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that write to the streams' sockets: at most {@code threads} of them, taking the
 * streams that have something to write from one lock-free queue. An event to a thousand idle
 * streams queues a thousand tasks and wakes at most {@code threads} threads. A
 * {@link ThreadPoolExecutor} woke a thread for nearly every task instead: its writers emptied
 * the queue as fast as the publisher filled it, so almost every task met an empty queue and
 * signalled; waking threads was a tenth of the server's CPU at 1,000 subscribers (a flight
 * recording, docs/benchmarks.md).
 *
 * <p>Tasks run in the order they were queued. A task that blocks (a write to a client that
 * stopped reading) holds one thread; the others go on with the queue. Threads end when idle,
 * so a quiet server holds none.
 */
final class WriterPool extends AbstractExecutorService {
  private static final Logger LOG = Logger.getLogger(WriterPool.class.getName());
  private static final long IDLE_THREAD_SECONDS = 30;

  private final int threads;
  private final ThreadPoolExecutor pool;
  private final ConcurrentLinkedQueue<Runnable> ready = new ConcurrentLinkedQueue<>();
  /** Threads taking tasks from {@link #ready}, or about to. */
  private final AtomicInteger pumps = new AtomicInteger();
  /** How often a thread was handed the queue (tests: a burst must not wake one per task). */
  private final java.util.concurrent.atomic.LongAdder wakeUps = new java.util.concurrent.atomic.LongAdder();

  WriterPool(int threads, ThreadFactory factory) {
    this.threads = threads;
    this.pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    if (pool.isShutdown()) {
      throw new RejectedExecutionException("the writer pool is shut down");
    }
    ready.add(task);
    if (claimPump()) {
      wakeUps.increment();
      try {
        pool.execute(this::pump);
      } catch (RejectedExecutionException e) {
        pumps.decrementAndGet(); // shut down meanwhile: the running pumps, if any, take the task
        throw e;
      }
    }
  }

  /** Counts one more pump if fewer than {@link #threads} run; true when the caller must start it. */
  private boolean claimPump() {
    while (true) {
      int running = pumps.get();
      if (running >= threads) {
        return false; // every pump is busy; one of them takes the task
      }
      if (pumps.compareAndSet(running, running + 1)) {
        return true;
      }
    }
  }

  private void pump() {
    boolean counted = true;
    try {
      do {
        for (Runnable task; (task = ready.poll()) != null; ) {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a stream writer task failed", e);
          }
        }
        pumps.decrementAndGet();
        counted = false;
        // A task queued after the last poll by a caller that saw every pump busy: take it too.
      } while (!ready.isEmpty() && (counted = claimPump()));
    } finally {
      if (counted) {
        pumps.decrementAndGet(); // an Error ended the pump
      }
    }
  }

  long wakeUps() {
    return wakeUps.sum();
  }

  @Override
  public void shutdown() {
    pool.shutdown(); // pumps already started run until the queue is empty
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> dropped = List.copyOf(ready);
    ready.clear();
    pool.shutdownNow();
    return dropped;
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }
}
