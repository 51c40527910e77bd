package io.driftwatch.bench.fleet;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU spent on the node (the machine running the probes), three ways: this JVM's own threads (for
 * Driftwatch, which runs in it), the children this JVM started and waited for (a peer command and
 * every process it waited for in turn), and detached processes found by a word in their command
 * line (ssh ControlMaster processes fork into the background, so nobody waits for them).
 */
public final class NodeCpu {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private NodeCpu() {}

  /** This JVM's process CPU time so far. */
  public static long jvmNanos() {
    return OS.getProcessCpuTime();
  }

  /** The own CPU time (utime + stime) of a running process so far; -1 once it is gone. */
  public static long processNanos(long pid) {
    return ProcStat.of(pid).map(s -> ClockTicks.toNanos(s.ownTicks())).orElse(-1L);
  }

  /** CPU of this JVM's children that have exited and been waited for, with theirs. */
  static long reapedChildrenNanos() {
    ProcStat self = ProcStat.self();
    return ClockTicks.toNanos(self.cutime() + self.cstime());
  }

  /** Running processes whose command line contains {@code marker} (e.g. a control socket dir). */
  static List<ProcessHandle> processesMentioning(String marker) {
    return ProcessHandle.allProcesses().filter(p -> commandLine(p.pid()).contains(marker)).toList();
  }

  /** Own CPU (utime + stime) of these processes so far. */
  static long ownNanos(List<ProcessHandle> processes) {
    long ticks = 0;
    for (ProcessHandle p : processes) {
      ticks += ProcStat.of(p.pid()).map(ProcStat::ownTicks).orElse(0L);
    }
    return ClockTicks.toNanos(ticks);
  }

  // /proc/PID/cmdline, NULs as spaces; ssh masters rewrite theirs to "ssh: SOCKET [mux]".
  private static String commandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
