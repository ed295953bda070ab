package dev.charon.activeview;

/**
 * The GM's "follow me": the rectangle of the map the GM's console shows, in map units (the deck
 * map's own coordinates, 0,0 at its top-left corner), which every shared terminal then shows
 * instead of its own pan and zoom, so a TV frames what the GM frames. It names the location and
 * deck it was taken on: a terminal follows it only while it shows that same map, so a rectangle
 * of the previous map never frames the next one. Absent (null in the state) when projector mode
 * is off.
 */
public record Projector(String locationSlug, String deckId, double x, double y, double width, double height) {
  /** Coordinates are bounded so a bad script cannot push absurd numbers to every screen. */
  public static final double MAX_MAP_UNITS = 1_000_000;
  /** Narrower than one unit is no view of a map: also keeps a zoom factor finite on the terminal. */
  public static final double MIN_SIZE_MAP_UNITS = 1;

  /** Hundredths of a unit: finer than any screen shows, and keeps events short. */
  static double rounded(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
