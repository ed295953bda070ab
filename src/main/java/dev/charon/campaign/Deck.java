package dev.charon.campaign;

import java.util.List;
import java.util.Optional;

/**
 * One level of an encounter map. Coordinates are grid cells; {@code grid} is absent for the
 * legacy files that only carry an image.
 *
 * @param imageUrl URL (relative to the context root) of a same-stem map image, or ""
 */
public record Deck(
    String id,
    String name,
    int level,
    Optional<Grid> grid,
    List<Room> rooms,
    List<Connection> connections,
    List<TerminalMarker> terminals,
    List<Poi> poi,
    String imageUrl) {

  public Deck {
    rooms = List.copyOf(rooms);
    connections = List.copyOf(connections);
    terminals = List.copyOf(terminals);
    poi = List.copyOf(poi);
  }

  public Optional<Room> room(String roomId) {
    return rooms.stream().filter(r -> r.id().equals(roomId)).findFirst();
  }

  /** The room that contains the cell, if any. */
  public Optional<Room> roomAt(int x, int y) {
    return rooms.stream().filter(r -> r.contains(x, y)).findFirst();
  }

  public boolean inGrid(int x, int y) {
    return grid.map(g -> x >= 0 && y >= 0 && x < g.width() && y < g.height()).orElse(false);
  }

  public record Grid(int width, int height, int unitSize) {}

  public record Room(String id, String name, int x, int y, int width, int height, String status, String description) {
    /** A cell (cx, cy) is inside when x ≤ cx < x+width and y ≤ cy < y+height. */
    public boolean contains(int cx, int cy) {
      return cx >= x && cx < x + width && cy >= y && cy < y + height;
    }
  }

  /** An edge between two rooms of this deck; doorType "" means a plain passage. */
  public record Connection(String id, String from, String to, String doorType, String doorStatus) {}

  public record Position(double x, double y) {}

  public record TerminalMarker(String id, String room, Position position, String terminalSlug, String name) {}

  public record Poi(
      String id, String type, String room, Position position, String name, String icon, String status, String description) {}
}
