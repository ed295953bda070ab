package dev.charon.bench;

import java.util.Arrays;

/** Percentiles and milliseconds for the benchmarks' tables. */
final class Stats {
  private Stats() {}

  /** The p-th percentile (nearest rank) of nanosecond values. */
  static long pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }

  static long max(long[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  /** Nanoseconds as milliseconds with two decimals. */
  static String ms(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }
}
