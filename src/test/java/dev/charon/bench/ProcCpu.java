package dev.charon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of server processes from Linux's {@code /proc/<pid>/stat} (user + system, every
 * thread), read the same way for a JVM and for nginx's master and worker processes, so that the
 * two systems' CPU per write compare like for like.
 */
final class ProcCpu {
  /** {@code /proc} counts in clock ticks, 100 per second on Linux (getconf CLK_TCK). */
  static final long NANOS_PER_TICK = 10_000_000L;

  private ProcCpu() {}

  /** utime + stime of one {@code stat} file (a process's, or one thread's under task/). */
  static long ticks(Path stat) throws IOException {
    String s = Files.readString(stat);
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** CPU time of this process and all its descendants alive now (nginx's workers), in nanoseconds. */
  static long treeNanos(long pid) throws IOException {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    long ticks = 0;
    for (long p : pids) {
      try {
        ticks += ticks(Path.of("/proc", Long.toString(p), "stat"));
      } catch (NoSuchFileException gone) {
        // a process that ended between listing and reading
      }
    }
    return ticks * NANOS_PER_TICK;
  }
}
