package dev.charon.activeview;

/**
 * How many event streams the server keeps open, per client address and in all. Each stream
 * holds a socket and a container connection slot for as long as the screen stays; without a
 * cap, one device on the network could open streams until the container accepts nothing else
 * (Tomcat's default is 8,192 connections). The defaults are far above what a table needs (a
 * GM console, a TV and twenty phones, each maybe with a few tabs) and far below that limit.
 *
 * @param maxPerAddress streams one client address may hold; the next gets 429
 * @param maxTotal streams the whole server holds; the next gets 503
 */
public record StreamLimits(int maxPerAddress, int maxTotal) {
  public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 200;
  public static final int DEFAULT_MAX_STREAMS_TOTAL = 4_000;
  /** Seconds a refused screen waits before it tries again (its EventSource retries by itself). */
  static final long RETRY_AFTER_SECONDS = 10;

  public static final StreamLimits DEFAULTS =
      new StreamLimits(DEFAULT_MAX_STREAMS_PER_ADDRESS, DEFAULT_MAX_STREAMS_TOTAL);

  public StreamLimits {
    if (maxPerAddress < 1 || maxTotal < 1) {
      throw new IllegalArgumentException("stream limits must be positive");
    }
  }
}
