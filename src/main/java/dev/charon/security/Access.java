package dev.charon.security;

/** Who may call an endpoint. Writes additionally need the CSRF proof, whatever their access. */
public enum Access {
  /** Anyone, e.g. the shared terminal. */
  PUBLIC,
  /** Anyone; answers depend on who asks. A session cookie that is no longer valid is a 401, so a
   * player whose session ended is sent to the login page instead of silently seeing less. */
  ANYONE_OR_USER,
  /** A logged-in player or the GM. */
  PLAYER,
  /** The GM only. */
  GM
}
