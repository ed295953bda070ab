package dev.charon.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Attempts per key ("account:alice", "address:10.0.0.7", "device:...") in a sliding window.
 * An attempt is counted <em>when it is allowed</em>, before the slow work it guards (a password
 * check), so a burst of concurrent attempts cannot all slip past a check that was made before
 * any of them was counted: at most {@code maxPerWindow} run per key and window, the rest are
 * refused with the time until the oldest counted attempt leaves the window. An attempt that
 * turns out not to be a failure is {@link #release released}.
 *
 * <p>Keys are counted whether or not an account exists, so throttling reveals nothing about
 * usernames. In memory on purpose: a restart forgetting the counts is harmless.
 */
public final class Throttle {
  /** Beyond this many keys the least recently used is dropped, so a flood of names cannot fill the heap. */
  static final int MAX_TRACKED_KEYS = 50_000;

  /**
   * What {@link #acquire} decided: either the attempt was counted ({@link #granted()}), or a key
   * was at its limit and nothing was counted.
   *
   * @param at when it was counted (the throttle's clock); identifies it for {@link #release}
   */
  public record Attempt(boolean granted, long retryAfterSeconds, long at, List<String> keys) {}

  private final int maxPerWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  /**
   * Times of counted attempts per key, oldest first. Guarded by {@code this}: an acquire must
   * check and count all its keys as one step (account and address together), and the critical
   * section is a few deque operations, so one lock costs nothing next to a password hash.
   * Access order, so the eldest entry is the key least recently tried.
   */
  private final LinkedHashMap<String, ArrayDeque<Long>> counted = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
      return size() > MAX_TRACKED_KEYS;
    }
  };

  public Throttle(int maxPerWindow, Duration window, LongSupplier nanoTime) {
    if (maxPerWindow < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a throttle needs a positive limit and window");
    }
    this.maxPerWindow = maxPerWindow;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  public int maxPerWindow() {
    return maxPerWindow;
  }

  /**
   * Counts an attempt against every key, or against none if any key is at its limit. Atomic:
   * of N concurrent callers with the same key, at most {@link #maxPerWindow()} are granted.
   */
  public synchronized Attempt acquire(String... keys) {
    long now = nanoTime.getAsLong();
    long waitNanos = 0;
    for (String key : keys) {
      ArrayDeque<Long> times = counted.get(key);
      if (times == null) {
        continue;
      }
      prune(times, now);
      if (times.size() >= maxPerWindow) {
        // Allowed again once enough of the counted attempts have left the window.
        long oldestThatMustLeave = times.stream().skip(times.size() - maxPerWindow).findFirst().orElse(now);
        waitNanos = Math.max(waitNanos, oldestThatMustLeave + windowNanos - now);
      }
    }
    if (waitNanos > 0) {
      return new Attempt(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L), now, List.of());
    }
    for (String key : keys) {
      counted.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }
    return new Attempt(true, 0, now, List.of(keys));
  }

  /** Takes back a granted attempt on every key it was counted on (it was not a failure after all). */
  public synchronized void release(Attempt attempt) {
    if (!attempt.granted()) {
      return;
    }
    for (String key : attempt.keys()) {
      ArrayDeque<Long> times = counted.get(key);
      if (times != null) {
        times.removeLastOccurrence(attempt.at()); // equal times are interchangeable
        if (times.isEmpty()) {
          counted.remove(key);
        }
      }
    }
  }

  /** Forgets every attempt counted on a key (e.g. an account's, once its password was given right). */
  public synchronized void clear(String key) {
    counted.remove(key);
  }

  private void prune(ArrayDeque<Long> times, long now) {
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
  }
}
