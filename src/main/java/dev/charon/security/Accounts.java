package dev.charon.security;

import dev.charon.platform.Tx;
import dev.charon.web.ApiError;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The accounts in H2: the one GM (created on first run) and the players the GM manages.
 * Usernames are case-insensitive (phones capitalise the first letter): stored and looked up in
 * lower case.
 */
public final class Accounts {
  public static final String GM_USERNAME = "gm";
  public static final int MIN_USERNAME_CHARS = 3;
  public static final int MAX_USERNAME_CHARS = 32;
  public static final int MIN_PASSWORD_CHARS = 8;
  public static final int MAX_PASSWORD_CHARS = 200;
  /** 24 characters from a 56-letter alphabet: about 139 bits. */
  static final int GENERATED_PASSWORD_CHARS = 24;
  private static final String GENERATED_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{" + MIN_USERNAME_CHARS + "," + MAX_USERNAME_CHARS + "}");

  /**
   * Data of other features kept by username (messages addressed to a player, read marks), to be
   * removed in the same transaction as the account: a player created later under the same name
   * is another person and must not inherit any of it.
   */
  public interface Dependent {
    void accountDeleted(EntityManager em, String username);
  }

  private final EntityManagerFactory emf;
  private final PasswordHasher hasher;
  private final List<Dependent> dependents = new CopyOnWriteArrayList<>();

  public Accounts(EntityManagerFactory emf, PasswordHasher hasher) {
    this.emf = emf;
    this.hasher = hasher;
  }

  public void addDependent(Dependent d) {
    dependents.add(d);
  }

  /** The outcome of the first-run check: the password is present only if it was generated. */
  public record FirstRun(boolean created, Optional<String> generatedPassword) {}

  /**
   * Creates the GM account if there is none: with the configured password, or a generated one
   * that the caller prints once. An existing GM is never touched (the setting is for the first run).
   */
  public synchronized FirstRun ensureGm(Optional<String> configuredPassword) {
    boolean exists = tx(em -> !em.createQuery("SELECT a.id FROM Account a WHERE a.role = :r", Long.class)
        .setParameter("r", Role.GM).setMaxResults(1).getResultList().isEmpty());
    if (exists) {
      return new FirstRun(false, Optional.empty());
    }
    Optional<String> generated = configuredPassword.isPresent() ? Optional.empty() : Optional.of(generatePassword());
    String password = configuredPassword.orElseGet(generated::get);
    validatePassword("charon.gm.password", password);
    create(GM_USERNAME, Role.GM, password);
    return new FirstRun(true, generated);
  }

  public Account createPlayer(String username, String password) {
    String name = validateUsername(username);
    validatePassword("password", password);
    return create(name, Role.PLAYER, password);
  }

  /** Synchronized: two creations of one name must give one account and one 409, not a 500. */
  private synchronized Account create(String username, Role role, String password) {
    String hash = hasher.hash(password); // outside the transaction: it takes a while
    return tx(em -> {
      if (find(em, username).isPresent()) {
        throw ApiError.conflict("username", "An account named '" + username + "' already exists");
      }
      Account a = new Account(username, role, hash, Instant.now().truncatedTo(ChronoUnit.MICROS));
      em.persist(a);
      return a;
    });
  }

  /** The account if the password is right; the same empty answer, in about the same time, otherwise. */
  Optional<Account> verify(String username, String password) {
    Optional<Account> account = find(normalize(username));
    if (account.isEmpty()) {
      hasher.verifyNobody(password);
      return Optional.empty();
    }
    String stored = account.get().passwordHash;
    if (!hasher.verify(password, stored)) {
      return Optional.empty();
    }
    if (hasher.needsRehash(stored)) {
      setHash(account.get().username, hasher.hash(password));
    }
    return account;
  }

  public List<Account> all() {
    return tx(em -> em.createQuery("SELECT a FROM Account a ORDER BY a.role, a.username", Account.class).getResultList());
  }

  /** A player's account, or 404; the GM's own account is not managed here. */
  public Account player(String username) {
    return find(normalize(username)).filter(a -> a.role == Role.PLAYER)
        .orElseThrow(() -> ApiError.notFound("username", "No player named '" + username + "'"));
  }

  public void resetPassword(String username, String password) {
    Account a = player(username);
    validatePassword("password", password);
    setHash(a.username, hasher.hash(password));
  }

  public void delete(String username) {
    Account a = player(username);
    tx(em -> {
      Account managed = em.find(Account.class, a.id);
      if (managed != null) {
        em.remove(managed);
        dependents.forEach(d -> d.accountDeleted(em, managed.username));
      }
      return null;
    });
  }

  /** Existing usernames among the given ones, for validating message recipients. */
  public List<String> existing(List<String> usernames) {
    if (usernames.isEmpty()) {
      return List.of();
    }
    return tx(em -> em.createQuery("SELECT a.username FROM Account a WHERE a.username IN :names", String.class)
        .setParameter("names", usernames).getResultList());
  }

  public Optional<Account> find(String username) {
    return tx(em -> find(em, username));
  }

  private static Optional<Account> find(EntityManager em, String username) {
    return em.createQuery("SELECT a FROM Account a WHERE a.username = :u", Account.class)
        .setParameter("u", username).getResultStream().findFirst();
  }

  private void setHash(String username, String hash) {
    tx(em -> em.createQuery("UPDATE Account a SET a.passwordHash = :h WHERE a.username = :u")
        .setParameter("h", hash).setParameter("u", username).executeUpdate());
  }

  static String normalize(String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }

  /** Lower-cases, then applies the rules: 3–32 of {@code a-z 0-9 _ . -}. */
  public static String validateUsername(String username) {
    String name = normalize(username);
    if (!USERNAME.matcher(name).matches()) {
      throw ApiError.badRequest("username", "username must be " + MIN_USERNAME_CHARS + "–" + MAX_USERNAME_CHARS
          + " characters of a–z, 0–9, '_', '.', '-'");
    }
    return name;
  }

  public static void validatePassword(String field, String password) {
    if (password == null || password.length() < MIN_PASSWORD_CHARS || password.length() > MAX_PASSWORD_CHARS
        || password.isBlank()) {
      throw ApiError.badRequest(field, "password must be " + MIN_PASSWORD_CHARS + "–" + MAX_PASSWORD_CHARS + " characters");
    }
  }

  static String generatePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(GENERATED_PASSWORD_CHARS);
    for (int i = 0; i < GENERATED_PASSWORD_CHARS; i++) {
      sb.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
    }
    return sb.toString();
  }

  private <T> T tx(Function<EntityManager, T> work) {
    return Tx.in(emf, work);
  }
}
