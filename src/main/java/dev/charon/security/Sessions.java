package dev.charon.security;

import dev.charon.platform.Tx;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Login sessions: a random 256-bit token in the browser's cookie, its SHA-256 in H2 (so they
 * survive a restart and a database copy logs nobody in). Expiry slides: each use pushes it out
 * again, at most once per {@link #TOUCH_INTERVAL} to keep reads from turning into writes.
 * Whoever ends a session (logout, password reset, deletion, expiry) tells the {@link Listener}s,
 * which close that session's streams.
 */
public final class Sessions {
  /** Idle time after which a session ends; generous because players keep phones logged in. */
  public static final Duration IDLE_TIMEOUT = Duration.ofDays(14);
  /** A session's expiry is written again only when it is older than this. */
  static final Duration TOUCH_INTERVAL = Duration.ofHours(1);
  static final int TOKEN_BYTES = 32;
  /** Base64url without padding of 32 bytes; anything else is not ours and is refused unread. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** Told, after the fact, which sessions ended and why ("logout", "expired", ...). */
  public interface Listener {
    void ended(List<String> sessionKeys, String reason);
  }

  /** A new session: the token goes into the cookie and nowhere else. */
  public record Issued(String token, Caller caller) {}

  /** What the cookie of a request turned out to be. */
  public record Resolved(Optional<Caller> caller, boolean presented, boolean refreshed) {
    static final Resolved NONE = new Resolved(Optional.empty(), false, false);
    static final Resolved INVALID = new Resolved(Optional.empty(), true, false);

    /** A cookie was sent but names no live session (expired, ended, forged, malformed). */
    public boolean dead() {
      return presented && caller.isEmpty();
    }
  }

  /** Cap on sessions remembered in memory; beyond it requests simply ask H2 every time. */
  static final int KNOWN_SESSIONS_MAX = 10_000;

  /** A live session as H2 last said; removed when it ends, never trusted past its expiry. */
  private record Known(String username, Role role, Instant expiresAt) {}

  private final EntityManagerFactory emf;
  private final Clock clock;
  /**
   * Sessions read from H2, by key, so that a request with a cookie costs no query (the lookup
   * was about a sixth of a token move's server time). Every way a session ends goes through
   * {@link #endKeys}, which forgets it here; an account's role never changes.
   */
  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
  /** Guards {@link #endings}: a lookup that raced with an ending must not put the session back. */
  private final Object forgetting = new Object();
  private long endings; // guarded by forgetting
  private final SecureRandom random = new SecureRandom();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public Sessions(EntityManagerFactory emf, Clock clock) {
    this.emf = emf;
    this.clock = clock;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  Issued create(Account account) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String key = key(token);
    Instant now = now();
    Tx.in(emf, em -> {
      em.persist(new UserSession(key, em.find(Account.class, account.id()), now, now.plus(IDLE_TIMEOUT)));
      return null;
    });
    return new Issued(token, new Caller(account.username(), account.role(), key));
  }

  /** Never throws for a bad cookie: anything that is not a live session is {@link Resolved#INVALID}. */
  public Resolved resolve(String token) {
    if (token == null || token.isEmpty()) {
      return Resolved.NONE;
    }
    if (!TOKEN.matcher(token).matches()) {
      return Resolved.INVALID;
    }
    String key = key(token);
    Instant now = now();
    Known session = known.get(key);
    if (session == null) {
      session = lookUp(key);
      if (session == null) {
        return Resolved.INVALID;
      }
    }
    if (!session.expiresAt().isAfter(now)) {
      endKeys(List.of(key), "expired");
      return Resolved.INVALID;
    }
    boolean refresh = session.expiresAt().isBefore(now.plus(IDLE_TIMEOUT).minus(TOUCH_INTERVAL));
    if (refresh) {
      Instant expiresAt = now.plus(IDLE_TIMEOUT);
      Tx.in(emf, em -> em.createQuery("UPDATE UserSession s SET s.expiresAt = :e WHERE s.tokenHash = :k")
          .setParameter("e", expiresAt).setParameter("k", key).executeUpdate());
      // Only while still remembered: a session ended meanwhile stays ended.
      known.replace(key, session, new Known(session.username(), session.role(), expiresAt));
    }
    return new Resolved(Optional.of(new Caller(session.username(), session.role(), key)), true, refresh);
  }

  /** Reads a session from H2 and remembers it; null if there is none. */
  private Known lookUp(String key) {
    long endingsBefore;
    synchronized (forgetting) {
      endingsBefore = endings;
    }
    // Plain SQL by primary key, no transaction and no entity building (JPQL here tripled the
    // tail latency of the messages poll).
    List<?> rows = Tx.read(emf, em -> em.createNativeQuery("SELECT a.username, a.role, s.expires_at FROM user_session s "
        + "JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?1").setParameter(1, key).getResultList());
    Optional<Object[]> row = rows.stream().map(r -> (Object[]) r).findFirst();
    if (row.isEmpty()) {
      return null;
    }
    Known session = new Known((String) row.get()[0], Role.valueOf((String) row.get()[1]), instant(row.get()[2]));
    synchronized (forgetting) {
      if (endings == endingsBefore && known.size() < KNOWN_SESSIONS_MAX) {
        known.put(key, session);
      }
    }
    return session;
  }

  /** Ends the session of this cookie token, if it is one. */
  public void end(String token, String reason) {
    if (token != null && TOKEN.matcher(token).matches()) {
      endKeys(List.of(key(token)), reason);
    }
  }

  /** Ends every session of an account (password reset, deletion). */
  public void endAll(Account account, String reason) {
    List<String> keys = Tx.in(emf, em -> em.createQuery(
            "SELECT s.tokenHash FROM UserSession s WHERE s.account.id = :a", String.class)
        .setParameter("a", account.id()).getResultList());
    endKeys(keys, reason);
  }

  /** Deletes expired sessions and closes their streams; run every minute or so. */
  public void sweep() {
    List<String> keys = Tx.in(emf, em -> em.createQuery(
            "SELECT s.tokenHash FROM UserSession s WHERE s.expiresAt <= :now", String.class)
        .setParameter("now", now()).getResultList());
    endKeys(keys, "expired");
  }

  void endKeys(List<String> keys, String reason) {
    if (keys.isEmpty()) {
      return;
    }
    Tx.in(emf, em -> em.createQuery("DELETE FROM UserSession s WHERE s.tokenHash IN :keys")
        .setParameter("keys", keys).executeUpdate());
    synchronized (forgetting) {
      endings++;
      keys.forEach(known::remove);
    }
    for (Listener l : listeners) {
      l.ended(keys, reason);
    }
  }

  public int count() {
    return Tx.in(emf, em -> em.createQuery("SELECT COUNT(s) FROM UserSession s", Long.class).getSingleResult()).intValue();
  }

  static String key(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Instant instant(Object value) {
    return value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
