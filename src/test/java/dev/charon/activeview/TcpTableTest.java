package dev.charon.activeview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.charon.activeview.TcpTable.SocketId;
import dev.charon.activeview.TcpTable.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the kernel's TCP tables, and which streams the readings make dead. */
class TcpTableTest {
  private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

  @Test
  void parsesEstablishedIpv4AndIpv6ConnectionsWithTheirQueuesAndTimers() {
    Map<SocketId, State> table = TcpTable.parse(List.of(HEADER,
        // listening socket: skipped
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1 0 100 0 0 10 0",
        // 127.0.0.1:8080 <- 127.0.0.2:40000, 36 bytes unacknowledged, retransmit timer, 3 retransmits
        "   1: 0100007F:1F90 0200007F:9C40 01 00000024:00000000 01:00000030 00000003  1000        0 2 1 0 20 4 30 10 -1",
        // a dual-stack socket: ::ffff:127.0.0.1:8080 <- ::ffff:127.0.0.3:40001, zero-window probing
        "   2: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000300007F:9C41 01 00001000:00000000 04:00000100 00000000  1000 0 3 1 0 20 4 30 10 -1",
        // ::1:8080 <- ::1:40002, idle
        "   3: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:9C42 01 00000000:00000000 00:00000000 00000000  1000 0 4 1 0 20 4 30 10 -1",
        "garbage that is not a table line"));
    assertEquals(3, table.size(), table.toString());
    assertEquals(new State(0x24, TcpTable.RETRANSMIT_TIMER, 3), table.get(id(8080, "127.0.0.2", 40000)));
    assertEquals(new State(0x1000, TcpTable.ZERO_WINDOW_PROBE_TIMER, 0), table.get(id(8080, "127.0.0.3", 40001)));
    assertEquals(new State(0, 0, 0), table.get(id(8080, "0:0:0:0:0:0:0:1", 40002)));
  }

  @Test
  void socketIdsAreMadeOnlyFromNumericAddresses() {
    assertTrue(SocketId.of(8080, "charon.example", 1).isEmpty(), "a name is never looked up");
    assertTrue(SocketId.of(8080, null, 1).isEmpty());
    assertEquals(id(8080, "127.0.0.1", 5), SocketId.of(8080, "::ffff:127.0.0.1", 5).orElseThrow());
  }

  @Test
  void aPeerThatAcknowledgesNothingForThreeRetransmitsIsDead() {
    DeadPeers<String> peers = new DeadPeers<>();
    SocketId tablet = id(8080, "127.0.0.2", 40000);
    peers.watch(tablet, "tablet");
    assertEquals(List.of(), peers.check(Map.of(tablet, new State(20, TcpTable.RETRANSMIT_TIMER, 2)), s -> false),
        "two retransmits can be a lossy moment");
    assertEquals(List.of("tablet"), peers.check(Map.of(tablet, new State(20, TcpTable.RETRANSMIT_TIMER, 3)), s -> false));
    assertTrue(peers.isEmpty(), "a stream found dead is forgotten");
  }

  @Test
  void aReaderWhoseWindowStaysClosedAcrossTwoChecksHasStopped() {
    DeadPeers<String> peers = new DeadPeers<>();
    SocketId proxy = id(8080, "127.0.0.3", 40001);
    peers.watch(proxy, "proxy");
    State closed = new State(4096, TcpTable.ZERO_WINDOW_PROBE_TIMER, 0);
    assertEquals(List.of(), peers.check(Map.of(proxy, closed), s -> false), "once can be a busy moment");
    assertEquals(List.of(), peers.check(Map.of(proxy, new State(0, 0, 0)), s -> false), "it read again: reset");
    assertEquals(List.of(), peers.check(Map.of(proxy, closed), s -> false));
    assertEquals(List.of("proxy"), peers.check(Map.of(proxy, closed), s -> false));
  }

  @Test
  void healthyUnlistedAndEndedStreamsAreLeftAloneOrForgotten() {
    DeadPeers<String> peers = new DeadPeers<>();
    SocketId healthy = id(8080, "127.0.0.4", 1);
    SocketId unlisted = id(8080, "127.0.0.5", 2);
    SocketId ended = id(8080, "127.0.0.6", 3);
    peers.watch(healthy, "healthy");
    peers.watch(unlisted, "unlisted");
    peers.watch(ended, "ended");
    assertEquals(List.of(), peers.check(Map.of(healthy, new State(16, TcpTable.RETRANSMIT_TIMER, 0),
        ended, new State(16, TcpTable.RETRANSMIT_TIMER, 9)), "ended"::equals));
    peers.forget(healthy, "healthy");
    peers.forget(unlisted, "someone else"); // only the stream that registered a socket forgets it
    assertEquals(List.of("unlisted"), peers.check(Map.of(unlisted, new State(16, TcpTable.RETRANSMIT_TIMER, 5)), s -> false));
    assertTrue(peers.isEmpty());
  }

  private static SocketId id(int localPort, String address, int remotePort) {
    return SocketId.of(localPort, address, remotePort).orElseThrow();
  }
}
