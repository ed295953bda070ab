package dev.charon.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many SSE subscribers on one selector thread, so that a thousand streams cost the benchmark
 * one thread, not a thousand. Each subscriber notes when each event id arrived.
 */
public final class NioSubscribers implements AutoCloseable {
  public final class Sub {
    public final SocketChannel channel;
    /** Arrival time by version, in a ring: the benchmark reads a version right after it came. */
    private final long[] arrivals = new long[ARRIVAL_RING];
    /** Parser state across reads: how much of "\nid: " matched, then the digits so far. */
    private int matched;
    private long digits = -1;
    public volatile long lastId = -1;
    /** When the newest event arrived (System.nanoTime). */
    public volatile long lastArrival;
    /** Set when the server closed the stream (EOF or reset): a dropped subscriber, not a slow one. */
    public volatile boolean closedByServer;
    public final AtomicLong bytes = new AtomicLong();
    public long connectNanos;
    /** Events whose id was not above the one before: a frame of a version this stream already had. */
    public volatile int repeatedIds;
    /** Everything received, when the subscribers were made with {@code recordBytes}. */
    private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

    /** What this stream received so far, as text (only when recording). */
    public synchronized String receivedText() {
      return received.toString(StandardCharsets.UTF_8);
    }

    synchronized void record(byte[] b, int n) {
      received.write(b, 0, n);
    }

    Sub(SocketChannel channel) {
      this.channel = channel;
    }

    /** When {@code version} arrived (System.nanoTime), valid while it is among the newest 1,024. */
    public long arrivalOf(long version) {
      return arrivals[(int) (version & (ARRIVAL_RING - 1))];
    }

    /**
     * Scans bytes for the marker and the number after it (by default "\nid: <digits>\n") without
     * building strings: the client must stay cheap.
     */
    void scan(byte[] b, int n, long now) {
      for (int i = 0; i < n; i++) {
        byte c = b[i];
        if (digits >= 0) {
          if (c >= '0' && c <= '9') {
            digits = digits * 10 + (c - '0');
            continue;
          }
          if (c == '\n' || c == '\r' || !idLine) {
            arrivals[(int) (digits & (ARRIVAL_RING - 1))] = now;
            lastArrival = now;
            arrived(this, digits);
          }
          digits = -1;
          matched = c == marker[0] ? 1 : 0;
          continue;
        }
        if (c == marker[matched]) {
          if (++matched == marker.length) {
            digits = 0;
            matched = 0;
          }
        } else {
          // Restarting at the mismatching byte is enough for the markers used ("\nid: " and
          // "\"version\":" in JSON): no match can begin inside a failed one.
          matched = c == marker[0] ? 1 : 0;
        }
      }
    }
  }

  private static final int ARRIVAL_RING = 1024;

  private final Selector selector;
  public final List<Sub> subs = new ArrayList<>();
  private final Thread loop;
  private volatile boolean running = true;

  private final boolean recordBytes;
  private final byte[] marker;
  /** The marker is the SSE id line, whose number must end the line. */
  private final boolean idLine;

  public NioSubscribers() throws IOException {
    this(false);
  }

  /** @param recordBytes keep every byte each stream receives (for tests that look inside) */
  public NioSubscribers(boolean recordBytes) throws IOException {
    this(recordBytes, "\nid: ");
  }

  /**
   * @param marker what precedes an event's version in the stream: Charon's streams carry it as
   *     the SSE id ({@code "\nid: "}); a system whose ids are its own (nchan's are
   *     {@code <time>:<n>}) is given events whose data holds it, e.g. {@code "\"version\":"}
   */
  public NioSubscribers(boolean recordBytes, String marker) throws IOException {
    this.recordBytes = recordBytes;
    this.marker = marker.getBytes(StandardCharsets.US_ASCII);
    this.idLine = marker.equals("\nid: ");
    selector = Selector.open();
    loop = new Thread(this::run, "bench-nio");
    loop.setDaemon(true);
    loop.start();
  }

  /**
   * Opens a stream and waits for its first event (the snapshot); throws if it does not come
   * within 10 s or the server closes the stream first.
   */
  public Sub open(String host, int port, String path) throws Exception {
    return open(host, port, path, "");
  }

  /** @param extraHeaders header lines, each ending in CRLF (e.g. a Cookie for the GM stream) */
  public Sub open(String host, int port, String path, String extraHeaders) throws Exception {
    long t0 = System.nanoTime();
    SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
    ch.configureBlocking(false);
    Sub sub = new Sub(ch);
    ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nAccept: text/event-stream\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    synchronized (subs) {
      subs.add(sub);
    }
    synchronized (this) {
      pendingRegistrations.add(sub);
    }
    selector.wakeup();
    long deadline = t0 + 10_000_000_000L;
    synchronized (progress) {
      while (sub.lastId < 0 && !sub.closedByServer) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        progress.wait(Math.max(1, left / 1_000_000));
      }
    }
    if (sub.lastId < 0) {
      throw new IllegalStateException("stream " + subs.indexOf(sub) + " got no first event within 10 s ("
          + sub.bytes.get() + " bytes, " + (sub.closedByServer ? "closed by the server" : "still open") + ")");
    }
    sub.connectNanos = System.nanoTime() - t0;
    return sub;
  }

  private final List<Sub> pendingRegistrations = new ArrayList<>();

  /** Guards {@link #target} and {@link #reached}: how the waiting thread learns, without polling. */
  private final Object progress = new Object();
  private long target = Long.MAX_VALUE;
  private int reached;

  private void arrived(Sub s, long id) {
    synchronized (progress) {
      long before = s.lastId;
      if (id <= before) {
        s.repeatedIds++;
        return;
      }
      s.lastId = id;
      if (before < 0) {
        progress.notifyAll(); // a stream's first event: open() waits for it
      }
      if (before < target && id >= target && ++reached == subs.size()) {
        progress.notifyAll();
      }
    }
  }

  /**
   * Blocks until every subscriber has seen {@code version}; the arrival times are in each
   * {@link Sub#arrivalOf}. Throws if one was closed by the server or the time runs out.
   */
  public void awaitAll(long version, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (progress) {
      target = version;
      reached = (int) subs.stream().filter(s -> s.lastId >= version).count();
      while (reached < subs.size()) {
        for (Sub s : subs) {
          if (s.closedByServer && s.lastId < version) {
            throw new IllegalStateException("subscriber " + subs.indexOf(s) + " stopped at " + s.lastId + " of " + version
                + " (the server closed its stream)");
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          Sub behind = subs.stream().filter(s -> s.lastId < version).findFirst().orElseThrow();
          throw new IllegalStateException("subscriber " + subs.indexOf(behind) + " never got version " + version
              + " (its stream is still open; last id " + behind.lastId + ")");
        }
        progress.wait(Math.max(1, left / 1_000_000));
      }
      target = Long.MAX_VALUE;
    }
  }

  private void run() {
    ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
    byte[] bytes = new byte[buf.capacity()];
    try {
      while (running) {
        selector.select(50);
        synchronized (this) {
          for (Sub s : pendingRegistrations) {
            s.channel.register(selector, SelectionKey.OP_READ, s);
          }
          pendingRegistrations.clear();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Sub s = (Sub) key.attachment();
          buf.clear();
          int n;
          try {
            n = s.channel.read(buf);
          } catch (IOException e) {
            s.closedByServer = true;
            key.cancel();
            continue;
          }
          if (n < 0) {
            s.closedByServer = true;
            key.cancel();
            synchronized (progress) {
              progress.notifyAll();
            }
            continue;
          }
          long now = System.nanoTime();
          s.bytes.addAndGet(n);
          buf.flip();
          buf.get(bytes, 0, n);
          if (recordBytes) {
            s.record(bytes, n);
          }
          s.scan(bytes, n, now);
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      loop.join(1000); // let the loop see the flag before its selector goes away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Sub s : subs) {
      s.channel.close();
    }
    selector.close();
  }
}
