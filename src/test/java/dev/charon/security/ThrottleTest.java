package dev.charon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sliding window that limits logins and public writes, on its own with a hand-moved clock. */
class ThrottleTest {
  private static final long SECOND_NANOS = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(0);
  private final Throttle throttle = new Throttle(5, Duration.ofMinutes(1), now::get);

  @Test
  void opensAgainWhenTheOldestAttemptLeavesTheWindow() {
    for (int i = 0; i < 5; i++) {
      assertTrue(throttle.acquire("account:pia").granted());
      now.addAndGet(10 * SECOND_NANOS);
    }
    // attempts at 0, 10, 20, 30, 40 s; now 50 s: the one at 0 s leaves at 60 s
    Throttle.Attempt refused = throttle.acquire("account:pia", "address:1.2.3.4");
    assertFalse(refused.granted());
    assertEquals(10, refused.retryAfterSeconds());
    assertTrue(throttle.acquire("account:other").granted(), "other keys are not affected");
    now.set(60 * SECOND_NANOS);
    assertTrue(throttle.acquire("account:pia").granted());
    assertFalse(throttle.acquire("account:pia").granted(), "five inside the window again");
    throttle.clear("account:pia");
    assertTrue(throttle.acquire("account:pia").granted());
  }

  @Test
  void aRefusalCountsNothingOnTheOtherKeys() {
    for (int i = 0; i < 5; i++) {
      assertTrue(throttle.acquire("account:gm", "address:10.0.0." + i).granted());
    }
    for (int i = 0; i < 20; i++) {
      assertFalse(throttle.acquire("account:gm", "address:10.0.0.99").granted());
    }
    for (int i = 0; i < 5; i++) {
      assertTrue(throttle.acquire("account:pia", "address:10.0.0.99").granted(), "attempt " + i);
    }
  }

  @Test
  void aReleasedAttemptGivesItsPlaceBackOnEveryKey() {
    List<Throttle.Attempt> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      held.add(throttle.acquire("account:gm", "address:a"));
      now.addAndGet(SECOND_NANOS);
    }
    assertFalse(throttle.acquire("account:gm").granted());
    assertFalse(throttle.acquire("address:a").granted());
    throttle.release(held.get(2));
    assertTrue(throttle.acquire("account:gm").granted(), "the released place is free");
    assertFalse(throttle.acquire("account:gm").granted(), "and only that one");
    assertTrue(throttle.acquire("address:a").granted());
    throttle.release(throttle.acquire("address:a")); // a refusal: releasing it changes nothing
    assertFalse(throttle.acquire("address:a").granted());
  }

  @Test
  void ofManyConcurrentAttemptsExactlyTheLimitIsGranted() throws Exception {
    int threads = 64;
    Throttle realTime = new Throttle(5, Duration.ofMinutes(1), System::nanoTime);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<Boolean>> granted = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String address = "address:10.0.0." + i;
        granted.add(pool.submit(() -> {
          start.await();
          return realTime.acquire("account:gm", address).granted();
        }));
      }
      int count = 0;
      for (Future<Boolean> f : granted) {
        count += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(5, count);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLeastRecentlyTriedKeysAreDroppedBeyondTheCap() {
    Throttle big = new Throttle(1, Duration.ofMinutes(1), now::get);
    assertTrue(big.acquire("address:first").granted());
    for (int i = 0; i < Throttle.MAX_TRACKED_KEYS; i++) {
      big.acquire("address:" + i);
    }
    assertTrue(big.acquire("address:first").granted(), "forgotten: the heap stays bounded");
    assertFalse(big.acquire("address:" + (Throttle.MAX_TRACKED_KEYS - 1)).granted(), "recent keys are kept");
  }
}
