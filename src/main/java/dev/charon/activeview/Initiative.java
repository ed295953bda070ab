package dev.charon.activeview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional turn order of a combat round: token ids in order and the index of the one whose turn
 * it is (docs/protocol.md, "Turn order"). Mothership is not initiative-driven; the GM uses this when
 * they run rounds. Never empty: no order is {@code null} in {@link ActiveViewState}.
 */
public record Initiative(List<String> order, int current) {
  /** A table has a handful of combatants; this keeps a runaway script small. */
  public static final int MAX_ENTRIES = 50;

  public Initiative {
    order = List.copyOf(order);
    if (order.isEmpty() || current < 0 || current >= order.size()) {
      throw new IllegalArgumentException("current " + current + " outside an order of " + order.size());
    }
  }

  public String currentId() {
    return order.get(current);
  }

  /** The next turn, wrapping after the last. */
  public Initiative next() {
    return new Initiative(order, (current + 1) % order.size());
  }

  /** The previous turn, wrapping before the first. */
  public Initiative previous() {
    return new Initiative(order, (current + order.size() - 1) % order.size());
  }

  /**
   * The order without the ids no longer among {@code tokens} (a token removed, the tokens cleared, the
   * location switched), or null when none is left. When the current token went, the turn passes to
   * the next one still there, as if the removed token had ended its turn. Returns this instance when
   * nothing went, so an unchanged state stays the same value.
   */
  public Initiative keepOnly(Map<String, ?> tokens) {
    if (tokens.keySet().containsAll(order)) {
      return this;
    }
    List<String> kept = new ArrayList<>();
    int removedBefore = 0;
    for (int i = 0; i < order.size(); i++) {
      if (tokens.containsKey(order.get(i))) {
        kept.add(order.get(i));
      } else if (i < current) {
        removedBefore++;
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    // The current one gone: index current - removedBefore is the next one kept (or wraps to 0).
    return new Initiative(kept, (current - removedBefore) % kept.size());
  }

  /** A new order that keeps the turn with the same token when it is still in it, else starts at the first. */
  public static Initiative of(List<String> order, Initiative before) {
    int current = before == null ? 0 : Math.max(0, order.indexOf(before.currentId()));
    return new Initiative(order, current);
  }

  /** The players' view: only the tokens they see; {@code currentIndex} -1 when the current one is hidden. */
  public record Visible(List<String> order, int currentIndex) {}

  Visible visibleTo(Set<String> seen) {
    List<String> visible = new ArrayList<>();
    int index = -1;
    for (int i = 0; i < order.size(); i++) {
      if (seen.contains(order.get(i))) {
        if (i == current) {
          index = visible.size();
        }
        visible.add(order.get(i));
      }
    }
    return new Visible(visible, index);
  }
}
