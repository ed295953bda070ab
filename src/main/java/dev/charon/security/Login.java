package dev.charon.security;

import dev.charon.web.ApiError;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a username and password and opens a new session. Unknown user and wrong password get
 * the same 401 after the same amount of hashing.
 *
 * <p>Throttling (OWASP's "device cookies"): a login from a device that holds a valid device
 * cookie for that username is limited only by that device's own failures. Any other login is
 * limited per account and per client address. Either way the attempt is counted
 * <em>before</em> the password is hashed ({@link Throttle#acquire}), so at most
 * {@link #MAX_FAILURES_PER_WINDOW} checks per key and {@link #WINDOW} can run even in a
 * concurrent burst; a right password takes its attempt back.
 */
public final class Login {
  static final String WRONG = "Wrong username or password";
  public static final int MAX_FAILURES_PER_WINDOW = 5;
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private final Accounts accounts;
  private final Sessions sessions;
  private final Throttle throttle;
  private final DeviceCookies devices;

  /** A new session, and a new device cookie for the browser that logged in. */
  public record Outcome(Sessions.Issued session, String deviceCookie) {}

  /** @param throttle counts per key; {@link #throttle} makes one with this class's limits */
  public Login(Accounts accounts, Sessions sessions, Throttle throttle, DeviceCookies devices) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.devices = devices;
  }

  /** {@link #MAX_FAILURES_PER_WINDOW} per {@link #WINDOW}, on the system's monotonic clock. */
  public static Throttle throttle() {
    return new Throttle(MAX_FAILURES_PER_WINDOW, WINDOW, System::nanoTime);
  }

  /**
   * @param previousToken the session cookie the browser still holds, if any: it is ended, so a
   *     login always leaves exactly one fresh session on that device (no session fixation)
   * @param deviceCookie the browser's device cookie, if any (anything malformed counts as none)
   */
  public Outcome login(String username, String password, String clientAddress, String previousToken,
      String deviceCookie) {
    if (username.isEmpty()) {
      throw ApiError.badRequest("username", "username is required");
    }
    if (username.length() > Accounts.MAX_USERNAME_CHARS) {
      throw ApiError.badRequest("username", "username must be at most " + Accounts.MAX_USERNAME_CHARS + " characters");
    }
    if (password.isEmpty()) {
      throw ApiError.badRequest("password", "password is required");
    }
    if (password.length() > Accounts.MAX_PASSWORD_CHARS) {
      throw ApiError.badRequest("password", "password must be at most " + Accounts.MAX_PASSWORD_CHARS + " characters");
    }
    String name = Accounts.normalize(username);
    String accountKey = "account:" + name;
    Optional<String> device = devices.deviceOf(deviceCookie, name);
    Throttle.Attempt attempt = device.isPresent()
        ? throttle.acquire("device:" + device.get())
        : throttle.acquire(accountKey, "address:" + clientAddress);
    if (!attempt.granted()) {
      long seconds = attempt.retryAfterSeconds();
      throw ApiError.tooManyRequests(seconds, "Too many failed logins; try again in " + seconds + " s");
    }
    Optional<Account> account;
    try {
      account = accounts.verify(username, password);
    } catch (RuntimeException e) {
      throttle.release(attempt); // the database failed, not the password
      throw e;
    }
    if (account.isEmpty()) {
      throw new ApiError(401, WRONG, null); // the attempt stays counted: it was a failure
    }
    throttle.release(attempt);
    // A right password clears the count it was checked against. A known device's success
    // leaves the account's count alone: those failures are someone else's guesses.
    throttle.clear(device.map(d -> "device:" + d).orElse(accountKey));
    sessions.end(previousToken, "login");
    return new Outcome(sessions.create(account.get()), devices.issue(account.get().username()));
  }
}
