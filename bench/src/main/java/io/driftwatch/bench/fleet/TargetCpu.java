package io.driftwatch.bench.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * CPU spent on the targets: the sum of utime+stime+cutime+cstime over every bench sshd listener and
 * all its descendants (per-connection sshd, session, shell and whatever the probe ran). A finished
 * command's time moves into its parent's cutime when it is reaped, and a closed connection's into
 * the listener's, so a delta taken between two quiet moments counts everything the targets did for
 * the phase, once. Reads are only meaningful when the trees are settled, hence {@link #settle}.
 */
final class TargetCpu {

  private static final Duration POLL = Duration.ofMillis(100);

  private final List<ProcessHandle> listeners;

  TargetCpu(List<ProcessHandle> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** CPU of all listener trees so far, in nanoseconds (tick resolution per process). */
  long nanos() {
    long ticks = 0;
    for (ProcessHandle p : processes()) {
      ticks += ProcStat.of(p.pid()).map(ProcStat::treeTicks).orElse(0L);
    }
    return ClockTicks.toNanos(ticks);
  }

  /** Processes below the listeners: the per-connection and per-session ones. */
  int sessionProcesses() {
    return pids().size() - listeners.size();
  }

  /**
   * Waits until at most {@code maxSessionProcesses} processes run below the listeners and the set
   * of processes has stayed the same across two polls (teardown of the last phase finished, every
   * exited process reaped), or until {@code timeout}.
   *
   * @return false if it timed out
   */
  boolean settle(int maxSessionProcesses, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    Set<Long> last = null;
    while (System.nanoTime() - end < 0) {
      Set<Long> now = pids();
      if (now.equals(last) && now.size() - listeners.size() <= maxSessionProcesses) {
        return true;
      }
      last = now;
      Thread.sleep(POLL.toMillis());
    }
    return false;
  }

  private Set<Long> pids() {
    Set<Long> pids = new TreeSet<>();
    processes().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  private List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle listener : listeners) {
      all.add(listener);
      listener.descendants().forEach(all::add);
    }
    return all;
  }
}
