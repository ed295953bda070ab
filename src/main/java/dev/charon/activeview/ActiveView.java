package dev.charon.activeview;

import dev.charon.campaign.CampaignHolder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application-scoped owner of the shared state (one per deployment). Every change goes
 * through {@link #apply}: one lock covers validation, the new state, the version bump, the
 * rendering of both projections and the hand-off to the broadcasters, so versions are gap-free
 * and events leave in version order. Nothing inside the lock reads a file or waits on a
 * client; it only builds a few kilobytes of JSON.
 *
 * <p>The state lives in memory only: a restart starts at {@link ActiveViewState#STANDBY} under a
 * new {@code epoch}, which tells reconnecting clients to drop what they held.
 */
public final class ActiveView implements AutoCloseable {
  /** Comment frames on idle streams so dead clients are found and proxies keep the line open. */
  public static final long HEARTBEAT_INTERVAL_SECONDS = 15;
  /** The SSE event name that tells a client its session ended. */
  public static final String AUTH_EVENT = "auth";
  /**
   * Threads that write to sockets. Each takes a stream's whole backlog in one write, so a
   * handful keep up with a thousand streams; more would only contend for the cores (measured in
   * docs/benchmarks.md: 16 threads gave about half the throughput of 4 at 1,000 subscribers). A
   * writer blocks only while a client's socket is full (a client that stopped reading, until the
   * connector's write timeout or its full queue closes it), so this many clients would have to
   * be stuck at the same moment before a healthy one waits.
   */
  static final int WRITER_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  /**
   * How long {@link #close} waits for the writers to write what is queued and close the streams.
   * A writer blocks only on a client that stopped reading, so this is reached only then; the
   * writer is interrupted after it.
   */
  static final long CLOSE_WAIT_SECONDS = 5;

  private final Object lock = new Object();
  private final CampaignHolder campaign;
  private final String epoch;
  private final ThreadPoolExecutor writers;
  private final ScheduledExecutorService heartbeat;
  private final Fanout players;
  private final Fanout gms;
  private volatile Snapshot current; // written only under lock; volatile for lock-free reads
  /** Streams opened with a login session, by session key, so that ending the session ends them. */
  private final Map<String, List<Subscriber>> bySession = new HashMap<>(); // guarded by lock

  public ActiveView(CampaignHolder campaign) {
    this(campaign, java.time.Duration.ofSeconds(HEARTBEAT_INTERVAL_SECONDS));
  }

  /** Tests shorten the heartbeat to see dead clients go within a test's patience. */
  public ActiveView(CampaignHolder campaign, java.time.Duration heartbeatInterval) {
    this.campaign = campaign;
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.epoch = HexFormat.of().formatHex(random);
    // A bounded pool with a queue, not a cached one: an event to a thousand idle subscribers
    // must not start a thousand threads. Idle threads end, so a quiet server holds none.
    this.writers = new ThreadPoolExecutor(WRITER_THREADS, WRITER_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemon("charon-sse-writer"));
    writers.allowCoreThreadTimeOut(true);
    this.players = new Fanout(writers);
    this.gms = new Fanout(writers);
    this.current = Snapshot.first(epoch, ActiveViewState.STANDBY, campaign.current());
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("charon-sse-heartbeat"));
    heartbeat.scheduleAtFixedRate(this::beat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The result of an accepted write: the version that contains it and the answer's payload. */
  public record Applied<R>(long version, R result) {}

  /**
   * Applies one transition atomically. If it throws (bad input, unknown id) nothing changed,
   * no version was used and nothing was pushed.
   */
  public <R> Applied<R> apply(Transition<R> transition) {
    synchronized (lock) {
      Snapshot before = current;
      var campaignNow = campaign.current();
      Transition.Change<R> change = transition.apply(before.state, campaignNow);
      Snapshot after = before.next(change.state(), campaignNow);
      current = after;
      players.publish(after.patch(Projection.PLAYER));
      gms.publish(after.patch(Projection.GM));
      return new Applied<>(after.version, change.result());
    }
  }

  /** Registers a stream and queues the current snapshot as its first frame. */
  public void subscribe(Projection projection, Sse sse, SseEventSink connection) {
    subscribe(projection, sse, connection, null);
  }

  /**
   * Registers a stream that lives only as long as a login session ({@code sessionKey}, null for
   * none): {@link #endSessions} closes it with an {@code auth} event.
   */
  public void subscribe(Projection projection, Sse sse, SseEventSink connection, String sessionKey) {
    synchronized (lock) {
      Snapshot now = current;
      Subscriber subscriber = fanout(projection).register(sse, connection, now.snapshotEvent(projection));
      if (sessionKey != null) {
        List<Subscriber> streams = bySession.computeIfAbsent(sessionKey, k -> new ArrayList<>());
        streams.removeIf(Subscriber::isClosed); // a GM reconnecting all evening leaves no trail
        streams.add(subscriber);
      }
    }
  }

  /**
   * Sends {@code event: auth} with {@code data: {"reason": ...}} to every stream of these
   * sessions, after what they already have queued, and then closes them. Browsers are told why
   * (and go to the login page) instead of meeting an HTTP error mid-stream.
   */
  public void endSessions(Collection<String> sessionKeys, String reason) {
    Frame auth = Frame.event(AUTH_EVENT, null, "{\"reason\":" + jsonString(reason) + "}", -1);
    synchronized (lock) {
      for (String key : sessionKeys) {
        List<Subscriber> streams = bySession.remove(key);
        if (streams != null) {
          streams.forEach(s -> s.finish(auth));
        }
      }
    }
  }

  private static String jsonString(String s) {
    try {
      return dev.charon.web.JsonMapper.MAPPER.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public ActiveViewState state() {
    return current.state;
  }

  public long version() {
    return current.version;
  }

  public String epoch() {
    return epoch;
  }

  /** The whole projection with epoch and version, as JSON: the body of GET /api/active-view/. */
  public String snapshotJson(Projection projection) {
    return current.json(projection);
  }

  public int subscribers() {
    return players.subscribers() + gms.subscribers();
  }

  public int subscribers(Projection projection) {
    return fanout(projection).subscribers();
  }

  private Fanout fanout(Projection projection) {
    return projection == Projection.GM ? gms : players;
  }

  private void beat() {
    Frame comment = Frame.comment("heartbeat");
    synchronized (lock) {
      players.publish(comment);
      gms.publish(comment);
    }
  }

  /**
   * Closes every stream and stops the heartbeat and writer threads, returning once they ended: an
   * undeploy that left one running would keep the whole deployment (its class loader, every class)
   * in memory, and Tomcat warns about it (RedeployIT).
   */
  @Override
  public void close() {
    try {
      // The beat first: one in progress must not publish to a closed broadcaster.
      heartbeat.shutdown();
      awaitEnd(heartbeat);
      synchronized (lock) {
        players.close();
        gms.close();
      }
      writers.shutdown(); // the closes just queued still run
      awaitEnd(writers);
    } catch (InterruptedException e) {
      heartbeat.shutdownNow();
      writers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the pool's threads to end; interrupts them if they take {@link #CLOSE_WAIT_SECONDS}. */
  private static void awaitEnd(java.util.concurrent.ExecutorService pool) throws InterruptedException {
    if (!pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
      pool.shutdownNow(); // a writer blocked on a client that stopped reading
      pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
