package dev.charon.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many SSE subscribers on one selector thread, so that a thousand streams cost the benchmark
 * one thread, not a thousand. Each subscriber notes when each event id arrived.
 */
final class NioSubscribers implements AutoCloseable {
  final class Sub {
    final SocketChannel channel;
    final StringBuilder pending = new StringBuilder();
    final ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
    volatile long lastId = -1;
    /** Set when the server closed the stream (EOF or reset): a dropped subscriber, not a slow one. */
    volatile boolean closedByServer;
    final AtomicLong bytes = new AtomicLong();
    long connectNanos;
    long openedAt;

    Sub(SocketChannel channel) {
      this.channel = channel;
    }
  }

  private final Selector selector;
  final List<Sub> subs = new ArrayList<>();
  private final Thread loop;
  private volatile boolean running = true;

  NioSubscribers() throws IOException {
    selector = Selector.open();
    loop = new Thread(this::run, "bench-nio");
    loop.setDaemon(true);
    loop.start();
  }

  /** Opens a stream and waits for its first event; returns the time that took. */
  Sub open(String host, int port, String path) throws Exception {
    long t0 = System.nanoTime();
    SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
    ch.configureBlocking(false);
    Sub sub = new Sub(ch);
    sub.openedAt = t0;
    ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
    synchronized (subs) {
      subs.add(sub);
    }
    synchronized (this) {
      pendingRegistrations.add(sub);
    }
    selector.wakeup();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (sub.lastId < 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no first event");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
    sub.connectNanos = System.nanoTime() - t0;
    return sub;
  }

  private final List<Sub> pendingRegistrations = new ArrayList<>();

  private void run() {
    ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
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
            continue;
          }
          long now = System.nanoTime();
          s.bytes.addAndGet(n);
          buf.flip();
          s.pending.append(StandardCharsets.UTF_8.decode(buf));
          int idx;
          while ((idx = s.pending.indexOf("\nid: ")) >= 0) {
            int end = s.pending.indexOf("\n", idx + 5);
            if (end < 0) {
              break;
            }
            long id = Long.parseLong(s.pending.substring(idx + 5, end).trim());
            s.arrivals.put(id, now);
            s.lastId = id;
            s.pending.delete(0, end);
          }
          if (s.pending.length() > 1_000_000) {
            s.pending.setLength(0);
          }
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
    for (Sub s : subs) {
      s.channel.close();
    }
    selector.close();
  }
}
