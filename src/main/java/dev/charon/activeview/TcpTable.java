package dev.charon.activeview;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's view of this machine's TCP connections, read from Linux's {@code /proc/net/tcp}
 * and {@code /proc/net/tcp6}: for each connection, whether it is retransmitting data its peer
 * never acknowledged, or probing a peer whose receive window stayed closed. The servlet API
 * cannot see either, and an SSE stream writes too little (a heartbeat) for a socket write to fail
 * before TCP itself gives up, which Linux does after about fifteen minutes.
 */
final class TcpTable {
  /** One end of a connection as the server sees it: its own port and the peer's address. */
  record SocketId(int localPort, InetAddress remoteAddress, int remotePort) {
    static Optional<SocketId> of(int localPort, String remoteAddress, int remotePort) {
      try {
        // A numeric literal is parsed, never looked up; a name would be refused by the check.
        if (remoteAddress == null || !remoteAddress.matches("[0-9A-Fa-f:.]+")) {
          return Optional.empty();
        }
        return Optional.of(new SocketId(localPort, InetAddress.getByName(remoteAddress), remotePort));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * @param unacknowledgedBytes bytes written but not acknowledged by the peer (tx_queue)
   * @param timer the kernel's timer on the socket: {@link #RETRANSMIT_TIMER}, {@link #ZERO_WINDOW_PROBE_TIMER}, ...
   * @param retransmits retransmissions of the oldest unacknowledged data, in a row
   */
  record State(long unacknowledgedBytes, int timer, int retransmits) {}

  static final int RETRANSMIT_TIMER = 1;
  static final int ZERO_WINDOW_PROBE_TIMER = 4;
  private static final String ESTABLISHED = "01";
  static final List<Path> SOURCES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private TcpTable() {}

  /** True where the kernel offers the tables (Linux); elsewhere dead peers are found by TCP alone. */
  static boolean available() {
    return SOURCES.stream().anyMatch(Files::isReadable);
  }

  /** The established connections; an unreadable table counts as empty. */
  static Map<SocketId, State> read() {
    Map<SocketId, State> all = new HashMap<>();
    for (Path source : SOURCES) {
      try {
        all.putAll(parse(Files.readAllLines(source)));
      } catch (IOException | RuntimeException e) {
        // Not on Linux, or /proc hidden: nothing to add.
      }
    }
    return all;
  }

  /**
   * Parses the table's text. A line: {@code sl local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid ...},
   * addresses as hex words in the kernel's byte order, e.g. {@code 0100007F:1F90} for 127.0.0.1:8080.
   */
  static Map<SocketId, State> parse(List<String> lines) {
    Map<SocketId, State> out = new HashMap<>();
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 7 || !f[0].endsWith(":") || !ESTABLISHED.equals(f[3])) {
        continue; // the header, or a listening or closing socket
      }
      try {
        String[] local = f[1].split(":");
        String[] remote = f[2].split(":");
        String[] queues = f[4].split(":");
        String[] timer = f[5].split(":");
        SocketId id = new SocketId(Integer.parseInt(local[1], 16), address(remote[0]), Integer.parseInt(remote[1], 16));
        out.put(id, new State(Long.parseLong(queues[0], 16), Integer.parseInt(timer[0], 16),
            Integer.parseInt(f[6], 16)));
      } catch (RuntimeException | UnknownHostException e) {
        // A line in a format this does not know: skip it rather than guess.
      }
    }
    return out;
  }

  /** Hex 32-bit words, each in little-endian byte order (x86 and ARM Linux). */
  static InetAddress address(String hex) throws UnknownHostException {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; the servlet API says a.b.c.d.
    return InetAddress.getByAddress(bytes);
  }
}
