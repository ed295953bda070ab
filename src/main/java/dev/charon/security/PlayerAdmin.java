package dev.charon.security;

import java.util.List;

/**
 * The GM's account management: changing a password or deleting an account also ends that
 * player's sessions everywhere (their open streams get an {@code auth} event and close).
 * Deleting also removes what other features keep under that username ({@link Accounts.Dependent}).
 */
public final class PlayerAdmin {
  private final Accounts accounts;
  private final Sessions sessions;

  public PlayerAdmin(Accounts accounts, Sessions sessions) {
    this.accounts = accounts;
    this.sessions = sessions;
  }

  public List<Account> list() {
    return accounts.all();
  }

  public Account create(String username, String password) {
    return accounts.createPlayer(username, password);
  }

  public void resetPassword(String username, String password) {
    Account player = accounts.player(username);
    accounts.resetPassword(player.username(), password);
    sessions.endAll(player, "password_changed");
  }

  public void delete(String username) {
    Account player = accounts.player(username);
    // Sessions first: deleting the account cascades their rows away in the database, and the
    // streams must still learn that they ended.
    sessions.endAll(player, "account_deleted");
    accounts.delete(player.username());
  }
}
