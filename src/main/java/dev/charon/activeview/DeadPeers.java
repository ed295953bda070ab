package dev.charon.activeview;

import dev.charon.activeview.TcpTable.SocketId;
import dev.charon.activeview.TcpTable.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds streams whose peer is gone although no write has failed, from the kernel's TCP state
 * ({@link TcpTable}), checked twice per heartbeat:
 *
 * <ul>
 *   <li><b>half-open</b> — a tablet that lost its Wi-Fi, a phone that died: the heartbeat's bytes
 *       are retransmitted and never acknowledged. {@link #RETRANSMITS_OF_A_DEAD_PEER} in a row
 *       take at least 1.4 s of total silence (200, 400, 800 ms timeouts at the least), far
 *       beyond what a live connection on a table's network ever shows;
 *   <li><b>stopped reading</b> — a proxy or a frozen client that keeps the connection but reads
 *       nothing: its receive window stays closed and the kernel probes it. Closed at two checks
 *       in a row (half a heartbeat apart) counts as stopped.
 * </ul>
 *
 * Either way the stream is closed; a client that was merely asleep reconnects and resyncs. A
 * socket the table does not list is left to the other ways of finding dead streams.
 *
 * @param <T> what is watched (a subscriber; tests use anything)
 */
final class DeadPeers<T> {
  static final int RETRANSMITS_OF_A_DEAD_PEER = 3;
  static final int CLOSED_WINDOW_CHECKS_OF_A_STOPPED_READER = 2;

  private static final class Watched<T> {
    final T stream;
    int closedWindowChecks; // only touched by the one checking thread

    Watched(T stream) {
      this.stream = stream;
    }
  }

  private final Map<SocketId, Watched<T>> watched = new ConcurrentHashMap<>();

  void watch(SocketId socket, T stream) {
    watched.put(socket, new Watched<>(stream));
  }

  void forget(SocketId socket, T stream) {
    watched.computeIfPresent(socket, (k, w) -> w.stream == stream ? null : w);
  }

  boolean isEmpty() {
    return watched.isEmpty();
  }

  /**
   * The streams found dead in this table; they are forgotten here (the caller closes them), as
   * are streams that ended meanwhile ({@code ended}), should one have raced its registration.
   */
  List<T> check(Map<SocketId, State> table, java.util.function.Predicate<T> ended) {
    List<T> dead = new ArrayList<>();
    watched.forEach((socket, w) -> {
      if (ended.test(w.stream)) {
        watched.remove(socket, w);
        return;
      }
      State state = table.get(socket);
      if (state == null) {
        return;
      }
      boolean halfOpen = state.timer() == TcpTable.RETRANSMIT_TIMER && state.retransmits() >= RETRANSMITS_OF_A_DEAD_PEER;
      boolean windowClosed = state.timer() == TcpTable.ZERO_WINDOW_PROBE_TIMER && state.unacknowledgedBytes() > 0;
      w.closedWindowChecks = windowClosed ? w.closedWindowChecks + 1 : 0;
      if (halfOpen || w.closedWindowChecks >= CLOSED_WINDOW_CHECKS_OF_A_STOPPED_READER) {
        dead.add(w.stream);
        watched.remove(socket, w);
      }
    });
    return dead;
  }
}
