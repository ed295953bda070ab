package dev.charon.security;

/** The GM runs the session and may do everything; a player reads their own messages. */
public enum Role {
  GM,
  PLAYER;

  /** The GM may use every player endpoint too (e.g. to see what players see). */
  public boolean covers(Role required) {
    return this == GM || this == required;
  }
}
