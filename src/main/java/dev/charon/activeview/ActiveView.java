package dev.charon.activeview;

import dev.charon.campaign.CampaignHolder;
import dev.charon.web.ApiError;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

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
  private static final Logger LOG = Logger.getLogger(ActiveView.class.getName());
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
  private final WriterPool writers;
  private final ScheduledExecutorService heartbeat;
  private final long probeDelayMillis;
  private final Fanout players;
  private final Fanout gms;
  private volatile Snapshot current; // written only under lock; volatile for lock-free reads
  /** Streams opened with a login session, by session key, so that ending the session ends them. */
  private final Map<String, List<Subscriber>> bySession = new HashMap<>(); // guarded by lock
  private final StreamLimits limits;
  /** Incremented only under the lock; decremented by whichever thread sees a stream go. */
  private final Map<String, AtomicInteger> streamsByAddress = new ConcurrentHashMap<>();
  private final DeadPeers<Subscriber> deadPeers = new DeadPeers<>();
  /** Other features' events on the same streams; added at start-up, before any stream opens. */
  private final List<Feed> feeds = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Another feature's events on the two streams (CHARON's conversations), in one order with the
   * active view's: both are published under the same lock. Its methods run under that lock, so
   * they must be quick and must not call back into this ActiveView.
   */
  public interface Feed {
    /** What a new stream of this projection gets right after the active-view snapshot; null for nothing. */
    Frame snapshot(Projection projection, ActiveViewState state);

    /**
     * After every committed active-view change: frames that change brings for the players and for
     * the GM (either null). CHARON sends the players the conversation of a newly active channel.
     */
    default Pushed<Void> afterChange(ActiveViewState before, ActiveViewState after) {
      return null;
    }
  }

  /** Frames to push to each projection (either may be null) and an answer for the caller. */
  public record Pushed<R>(Frame player, Frame gm, R result) {}

  /** Adds a feed; streams opened from now on get its snapshot. */
  public void addFeed(Feed feed) {
    feeds.add(feed);
  }

  /**
   * Runs a feed's update under the lock and pushes the frames it returns, so that feed events and
   * active-view events leave in the order they were made and no stream opening at the same moment
   * misses one or gets one twice (it gets the feed's snapshot either before or after the update).
   * The update sees the current active-view state; it must be quick (no I/O).
   */
  public <R> R publish(java.util.function.Function<ActiveViewState, Pushed<R>> update) {
    synchronized (lock) {
      Pushed<R> pushed = update.apply(current.state);
      push(pushed);
      return pushed == null ? null : pushed.result();
    }
  }

  private void push(Pushed<?> pushed) {
    if (pushed == null) {
      return;
    }
    if (pushed.player() != null) {
      players.publish(pushed.player());
    }
    if (pushed.gm() != null) {
      gms.publish(pushed.gm());
    }
  }

  public ActiveView(CampaignHolder campaign) {
    this(campaign, java.time.Duration.ofSeconds(HEARTBEAT_INTERVAL_SECONDS));
  }

  /** Tests shorten the heartbeat to see dead clients go within a test's patience. */
  public ActiveView(CampaignHolder campaign, java.time.Duration heartbeatInterval) {
    this(campaign, heartbeatInterval, StreamLimits.DEFAULTS);
  }

  public ActiveView(CampaignHolder campaign, java.time.Duration heartbeatInterval, StreamLimits limits) {
    this.campaign = campaign;
    this.limits = limits;
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.epoch = HexFormat.of().formatHex(random);
    // A bounded pool, not a cached one: an event to a thousand idle subscribers must not start
    // a thousand threads, nor wake a thread per subscriber (WriterPool).
    this.writers = new WriterPool(WRITER_THREADS, daemon("charon-sse-writer"));
    this.players = new Fanout(writers);
    this.gms = new Fanout(writers);
    this.current = Snapshot.first(epoch, ActiveViewState.STANDBY, campaign.current(), campaign.doorIds());
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("charon-sse-heartbeat"));
    this.probeDelayMillis = Math.min(PROBE_DELAY_MILLIS, heartbeatInterval.toMillis() / 2);
    heartbeat.scheduleAtFixedRate(this::beat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
    if (TcpTable.available()) {
      long half = Math.max(1, heartbeatInterval.toMillis() / 2);
      heartbeat.scheduleAtFixedRate(this::closeDeadPeers, half, half, TimeUnit.MILLISECONDS);
    }
  }

  /** The result of an accepted write: the version that contains it and the answer's payload. */
  public record Applied<R>(long version, R result) {}

  /**
   * Applies one transition atomically. If it throws (bad input, unknown id) nothing changed,
   * no version was used and nothing was pushed.
   *
   * <p>A transition that leaves the state equal (a token moved to its own cell, a door set to its
   * status, the overlay hidden when none is shown) is accepted with the current version and
   * pushes nothing: that version already contains what was asked for, and no screen could show
   * a difference. Without this, one client repeating such a write made a version and an event to
   * every screen per request (3,000 hides: 3,000 events of nothing). No write needs an event for
   * its own sake: every client reacts to state, never to the arrival of a frame. A campaign
   * reload is never a no-op: the same state renders differently with another campaign.
   */
  public <R> Applied<R> apply(Transition<R> transition) {
    synchronized (lock) {
      Snapshot before = current;
      var campaignNow = campaign.current();
      Transition.Change<R> change = transition.apply(before.state, campaignNow);
      // equals is cheap here: unchanged fields share their instance with the state before, and
      // records and maps compare by identity first.
      if (campaignNow == before.campaign && change.state().equals(before.state)) {
        return new Applied<>(before.version, change.result());
      }
      Snapshot after = before.next(change.state(), campaignNow);
      current = after;
      players.publish(after.patch(Projection.PLAYER));
      gms.publish(after.patch(Projection.GM));
      for (Feed feed : feeds) {
        push(feed.afterChange(before.state, after.state));
      }
      return new Applied<>(after.version, change.result());
    }
  }

  /**
   * Registers a stream and writes the current snapshot as its first frame, on the calling thread
   * once the lock is left (later frames go by the writer threads).
   *
   * @param sessionKey the login session the stream lives as long as ({@link #endSessions} closes
   *     it with an {@code auth} event), null for none
   * @param clientAddress who opened it, for the per-address cap
   * @param connection the container's signal that the connection ended, null where there is none
   * @throws ApiError 429 above the per-address cap, 503 above the total; nothing is registered
   */
  public void subscribe(Projection projection, Sse sse, SseEventSink sink, String sessionKey, String clientAddress,
      StreamConnection connection) {
    Subscriber subscriber;
    boolean writeFirst;
    synchronized (lock) {
      // Checked and counted under the lock, so concurrent opens cannot overshoot; a stream that
      // goes away only ever lowers the counts, from whichever thread notices.
      if (subscribers() >= limits.maxTotal()) {
        throw ApiError.serviceUnavailable(StreamLimits.RETRY_AFTER_SECONDS,
            "The server holds as many screens as it may (" + limits.maxTotal() + "); try again later");
      }
      AtomicInteger fromAddress = streamsByAddress.computeIfAbsent(clientAddress, a -> new AtomicInteger());
      if (fromAddress.get() >= limits.maxPerAddress()) {
        throw ApiError.tooManyRequests(StreamLimits.RETRY_AFTER_SECONDS,
            "Too many open screens from this address (" + limits.maxPerAddress() + "); close some and try again");
      }
      fromAddress.incrementAndGet();
      Optional<TcpTable.SocketId> socket = connection == null ? Optional.empty() : connection.socket();
      List<Frame> first = new ArrayList<>(1 + feeds.size());
      first.add(current.snapshotEvent(projection));
      for (Feed feed : feeds) {
        Frame f = feed.snapshot(projection, current.state);
        if (f != null) {
          first.add(f);
        }
      }
      Supplier<OutputStream> containerStream = connection == null ? () -> null : connection::containerStream;
      Fanout.Registered registered = fanout(projection).register(sse, sink, containerStream, first, gone -> {
        streamsByAddress.computeIfPresent(clientAddress, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        socket.ifPresent(id -> deadPeers.forget(id, gone));
      });
      subscriber = registered.subscriber();
      writeFirst = registered.writeFirst();
      Subscriber watched = subscriber;
      if (!watched.isClosed()) {
        socket.ifPresent(id -> deadPeers.watch(id, watched));
      }
      if (sessionKey != null) {
        List<Subscriber> streams = bySession.computeIfAbsent(sessionKey, k -> new ArrayList<>());
        streams.removeIf(Subscriber::isClosed); // a GM reconnecting all evening leaves no trail
        streams.add(subscriber);
      }
    }
    if (writeFirst) {
      // Off the lock, on this request's thread: the screen waits for these frames, and a writer
      // thread would first have to be woken for them.
      subscriber.writeFirst();
    }
    if (connection != null) {
      connection.onEnd(subscriber::connectionEnded);
    }
  }

  /** Open streams per client address (only addresses with at least one). */
  int streamsFrom(String clientAddress) {
    AtomicInteger n = streamsByAddress.get(clientAddress);
    return n == null ? 0 : n.get();
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

  /**
   * How long after each heartbeat a second, tiny comment follows. A client that closed its
   * socket (FIN) still lets the first write after that succeed, and only answers it with a
   * reset; without the probe such a stream would be noticed a whole heartbeat later. The probe
   * meets the reset, fails, and the stream goes within one heartbeat. It costs 4 bytes per
   * stream per beat.
   */
  static final long PROBE_DELAY_MILLIS = 250;
  private static final Frame HEARTBEAT = Frame.comment("heartbeat");
  private static final Frame PROBE = Frame.comment("");

  private void beat() {
    publishToAll(HEARTBEAT);
    heartbeat.schedule(() -> publishToAll(PROBE), probeDelayMillis, TimeUnit.MILLISECONDS);
  }

  /** Closes streams whose peer the kernel shows gone (see {@link DeadPeers}); off the lock. */
  private void closeDeadPeers() {
    try {
      if (deadPeers.isEmpty()) {
        return;
      }
      for (Subscriber dead : deadPeers.check(TcpTable.read(), Subscriber::isClosed)) {
        LOG.info("closing a stream whose client stopped answering (half-open) or reading");
        dead.close();
      }
    } catch (RuntimeException e) {
      // A failed check is retried at the next one; it must not end the heartbeat's thread.
      LOG.log(Level.WARNING, "checking streams for dead peers failed", e);
    }
  }

  private void publishToAll(Frame comment) {
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
  private static void awaitEnd(ExecutorService pool) throws InterruptedException {
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
