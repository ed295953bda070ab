package dev.charon.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per key ("account:alice", "address:10.0.0.7") in a sliding window. Once a key
 * has {@link #MAX_FAILURES_PER_WINDOW} failures inside {@link #WINDOW}, further attempts are
 * refused without checking the password until the oldest failure leaves the window. Keys are
 * counted whether or not the account exists, so throttling reveals nothing about usernames.
 * In memory on purpose: a restart forgetting the counts is harmless.
 */
public final class LoginThrottle {
  public static final int MAX_FAILURES_PER_WINDOW = 5;
  public static final Duration WINDOW = Duration.ofMinutes(1);
  /** Beyond this many keys the idle ones are dropped, so a flood of names cannot fill the heap. */
  static final int MAX_TRACKED_KEYS = 50_000;

  private final LongSupplier nanoTime;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Seconds until an attempt is allowed again for the most throttled key; empty if allowed now. */
  public OptionalLong retryAfterSeconds(String... keys) {
    long now = nanoTime.getAsLong();
    long waitNanos = 0;
    for (String key : keys) {
      Deque<Long> times = failures.get(key);
      if (times == null) {
        continue;
      }
      synchronized (times) {
        prune(times, now);
        if (times.size() >= MAX_FAILURES_PER_WINDOW) {
          // The attempt becomes possible when enough old failures have left the window.
          long oldestThatMustLeave = times.stream().skip(times.size() - MAX_FAILURES_PER_WINDOW).findFirst().orElse(now);
          waitNanos = Math.max(waitNanos, oldestThatMustLeave + WINDOW.toNanos() - now);
        }
      }
    }
    return waitNanos <= 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
  }

  public void failed(String... keys) {
    long now = nanoTime.getAsLong();
    if (failures.size() > MAX_TRACKED_KEYS) {
      failures.values().removeIf(times -> {
        synchronized (times) {
          prune(times, now);
          return times.isEmpty();
        }
      });
    }
    for (String key : keys) {
      Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        prune(times, now);
        times.addLast(now);
      }
    }
  }

  /** A right password clears its account's count (not the address's: one success proves little). */
  public void succeeded(String key) {
    failures.remove(key);
  }

  private static void prune(Deque<Long> times, long now) {
    while (!times.isEmpty() && now - times.peekFirst() >= WINDOW.toNanos()) {
      times.removeFirst();
    }
  }
}
