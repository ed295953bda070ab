package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The writer threads: few of them, woken rarely, and no task ever left behind. */
class WriterPoolTest {
  private static final int THREADS = 4;

  private static java.util.concurrent.ThreadFactory counting(AtomicInteger started) {
    return r -> {
      started.incrementAndGet();
      Thread t = new Thread(r, "test-writer");
      t.setDaemon(true);
      return t;
    };
  }

  @Test
  void aBurstOfTasksRunsOnAtMostTheThreadsAndEveryTaskRuns() throws Exception {
    AtomicInteger threadsStarted = new AtomicInteger();
    WriterPool pool = new WriterPool(THREADS, counting(threadsStarted));
    int tasks = 10_000;
    CountDownLatch done = new CountDownLatch(tasks);
    Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < tasks; i++) {
      pool.execute(() -> {
        ranOn.add(Thread.currentThread());
        done.countDown();
      });
    }
    assertTrue(done.await(10, TimeUnit.SECONDS), "tasks left: " + done.getCount());
    assertTrue(ranOn.size() <= THREADS, "ran on " + ranOn.size() + " threads");
    assertTrue(threadsStarted.get() <= THREADS, threadsStarted + " threads started");
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void tasksQueuedWhileEveryThreadIsBusyWakeNoOneAndAreTakenByThoseThreads() throws Exception {
    WriterPool pool = new WriterPool(THREADS, counting(new AtomicInteger()));
    CountDownLatch busy = new CountDownLatch(THREADS);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < THREADS; i++) {
      pool.execute(() -> {
        busy.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    assertTrue(busy.await(10, TimeUnit.SECONDS));
    long before = pool.wakeUps();
    // An event to a thousand streams while the writers are busy: a thousand tasks, no wake-up.
    CountDownLatch done = new CountDownLatch(1000);
    for (int i = 0; i < 1000; i++) {
      pool.execute(done::countDown);
    }
    assertEquals(before, pool.wakeUps());
    release.countDown();
    assertTrue(done.await(10, TimeUnit.SECONDS), "tasks left: " + done.getCount());
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void tasksQueuedFromManyThreadsAtOnceAreNeverLeftInTheQueue() throws Exception {
    WriterPool pool = new WriterPool(2, counting(new AtomicInteger()));
    ExecutorService publishers = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        // Small bursts: the pumps keep running out of work and ending while more arrives.
        int tasks = 40;
        CountDownLatch done = new CountDownLatch(tasks);
        for (int p = 0; p < 4; p++) {
          publishers.execute(() -> {
            for (int i = 0; i < tasks / 4; i++) {
              pool.execute(done::countDown);
            }
          });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS), "round " + round + ": tasks left: " + done.getCount());
      }
    } finally {
      publishers.shutdownNow();
      pool.shutdownNow();
    }
  }

  @Test
  void aShutdownRunsWhatIsQueuedAndRefusesMore() throws Exception {
    WriterPool pool = new WriterPool(1, counting(new AtomicInteger()));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    pool.execute(() -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ran.incrementAndGet();
    });
    for (int i = 0; i < 10; i++) {
      pool.execute(ran::incrementAndGet); // behind the blocked one, as closes queued at undeploy
    }
    pool.shutdown();
    try {
      pool.execute(ran::incrementAndGet);
      throw new AssertionError("a task was taken after shutdown");
    } catch (RejectedExecutionException expected) {
      // refused, as Subscriber expects
    }
    release.countDown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(11, ran.get());
  }
}
