package dev.charon.security;

import dev.charon.web.ApiError;
import java.util.Optional;

/**
 * Checks a username and password and opens a new session. Unknown user and wrong password get
 * the same 401 after the same amount of hashing; repeated failures per account and per client
 * address are refused with 429 before any hashing.
 */
public final class Login {
  static final String WRONG = "Wrong username or password";

  private final Accounts accounts;
  private final Sessions sessions;
  private final LoginThrottle throttle;

  public Login(Accounts accounts, Sessions sessions, LoginThrottle throttle) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /**
   * @param previousToken the session cookie the browser still holds, if any: it is ended, so a
   *     login always leaves exactly one fresh session on that device (no session fixation)
   */
  public Sessions.Issued login(String username, String password, String clientAddress, String previousToken) {
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
    String accountKey = "account:" + Accounts.normalize(username);
    String addressKey = "address:" + clientAddress;
    throttle.retryAfterSeconds(accountKey, addressKey).ifPresent(seconds -> {
      throw ApiError.tooManyRequests(seconds, "Too many failed logins; try again in " + seconds + " s");
    });
    Optional<Account> account = accounts.verify(username, password);
    if (account.isEmpty()) {
      throttle.failed(accountKey, addressKey);
      throw new ApiError(401, WRONG, null);
    }
    throttle.succeeded(accountKey);
    sessions.end(previousToken, "login");
    return sessions.create(account.get());
  }
}
