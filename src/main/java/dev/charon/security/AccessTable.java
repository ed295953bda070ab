package dev.charon.security;

import java.util.List;
import java.util.Set;

/**
 * The one place that says who may call what, by method and path (relative to {@code /api/},
 * without slashes at either end). Rules are tried in order; the first match decides. Anything
 * not listed is GM-only: a new endpoint is closed until someone opens it here on purpose.
 *
 * <p>Patterns: literal segments, {@code *} for exactly one segment, a trailing {@code **} for
 * any number of further segments (zero included).
 */
public final class AccessTable {
  static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  static final Set<String> POST = Set.of("POST");
  static final Set<String> ANY = Set.of();

  /** One line of the table. An empty method set matches every method. */
  public record Rule(Set<String> methods, String pattern, Access access) {
    boolean matches(String method, String[] path) {
      return (methods.isEmpty() || methods.contains(method)) && match(pattern.split("/"), path);
    }
  }

  public static final List<Rule> RULES = List.of(
      // Everything under gm/ is the GM's, reads included (hidden rooms, the GM stream).
      new Rule(ANY, "gm/**", Access.GM),
      new Rule(POST, "auth/login", Access.PUBLIC),
      new Rule(POST, "auth/logout", Access.PUBLIC),
      new Rule(READS, "auth/me", Access.PUBLIC),
      new Rule(READS, "health", Access.PUBLIC),
      new Rule(READS, "active-view", Access.PUBLIC),
      new Rule(READS, "active-view/stream", Access.PUBLIC),
      new Rule(READS, "ship-status", Access.PUBLIC),
      new Rule(READS, "encounter-map/**", Access.PUBLIC),
      new Rule(READS, "terminal/*/*", Access.PUBLIC),
      new Rule(READS, "campaign/images/**", Access.PUBLIC),
      new Rule(READS, "star-map", Access.PUBLIC),
      new Rule(READS, "system-map/*", Access.PUBLIC),
      new Rule(READS, "orbit-map/*/*", Access.PUBLIC),
      // BRIDGE: the crew's dossiers and logs, each only as far as the GM disclosed them.
      new Rule(READS, "bridge/personnel", Access.PUBLIC),
      new Rule(READS, "bridge/logs", Access.PUBLIC),
      // The shared terminal navigates the BRIDGE only while the GM lets the players explore (else 409).
      new Rule(POST, "bridge/navigate", Access.PUBLIC),
      // A player at the shared terminal closes the comm overlay.
      new Rule(POST, "terminal/hide", Access.PUBLIC),
      // The shared terminal reads the CHARON channel on screen and, in QUERY mode, asks it; the
      // computer itself refuses other channels, DISPLAY mode and more than 10 a minute.
      new Rule(READS, "charon/*/conversation", Access.PUBLIC),
      new Rule(POST, "charon/*/submit", Access.PUBLIC),
      new Rule(READS, "messages", Access.ANYONE_OR_USER),
      new Rule(POST, "messages/read", Access.PLAYER),
      // A player's phone at the table: their own tokens, and moving one (TableCommands decides whose).
      new Rule(READS, "table/me", Access.PLAYER),
      new Rule(POST, "table/move", Access.PLAYER));

  /**
   * PUBLIC writes that carry their own limits: login is throttled by {@link Login}, logout only
   * ends the caller's own session. Every other PUBLIC write, today's and any added later, is
   * rate-limited per client address by {@link SecurityFilter}.
   */
  static final Set<String> PUBLIC_WRITES_WITH_OWN_LIMITS = Set.of("auth/login", "auth/logout");

  /** Deny by default: whatever is not listed needs the GM. */
  public static final Access DEFAULT = Access.GM;

  private AccessTable() {}

  public static Access lookup(String method, String path) {
    String[] segments = split(path);
    for (Rule rule : RULES) {
      if (rule.matches(method, segments)) {
        return rule.access();
      }
    }
    return DEFAULT;
  }

  /** A write anyone may make, not one with its own limits: {@link SecurityFilter} rate-limits it per address. */
  public static boolean rateLimitedPerAddress(String method, String path) {
    return SecurityFilter.STATE_CHANGING.contains(method) && lookup(method, path) == Access.PUBLIC
        && !PUBLIC_WRITES_WITH_OWN_LIMITS.contains(String.join("/", split(path)));
  }

  static String[] split(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  private static boolean match(String[] pattern, String[] path) {
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].equals("**") && i == pattern.length - 1) {
        return path.length >= i;
      }
      if (i >= path.length || !(pattern[i].equals("*") || pattern[i].equals(path[i]))) {
        return false;
      }
    }
    return pattern.length == path.length;
  }
}
