package io.driftwatch.bench.fleet;

import java.time.Duration;

/**
 * Measures one run of a phase: wall time and node CPU around the run alone; target CPU and loopback
 * bytes as deltas between two quiet moments (the targets' process trees settled before and after),
 * so that the teardown of one phase is never counted in the next.
 */
final class Meter {

  /** Where a tool's node-side CPU is found. */
  enum NodeSide {
    /** In this JVM's own threads (Driftwatch). */
    THIS_JVM,
    /** In child processes this JVM waits for, plus detached ones the run reports (the peers). */
    CHILD_PROCESSES
  }

  /** Leave the number of session processes as it is; only wait for it to stop changing. */
  static final int ANY = Integer.MAX_VALUE;

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  private final TargetCpu target;

  Meter(TargetCpu target) {
    this.target = target;
  }

  /**
   * @param settleTo how many session processes may remain below the listeners after the run before
   *     the closing counters are read: 0 for tools whose connections close with the run
   */
  Measurement measure(NodeSide side, int settleTo, FleetRun run) throws Exception {
    settle(ANY);
    long target0 = target.nanos();
    long lo0 = Loopback.receivedBytes();
    long jvm0 = NodeCpu.jvmNanos();
    long children0 = NodeCpu.reapedChildrenNanos();
    long start = System.nanoTime();
    FleetRun.Outcome outcome = run.run();
    long wall = System.nanoTime() - start;
    // Read before settling: the polling below costs this JVM CPU that is not Driftwatch's.
    long node =
        side == NodeSide.THIS_JVM
            ? NodeCpu.jvmNanos() - jvm0
            : NodeCpu.reapedChildrenNanos() - children0 + outcome.detachedCpuNanos();
    settle(settleTo);
    return new Measurement(
        wall,
        node,
        target.nanos() - target0,
        Loopback.receivedBytes() - lo0,
        outcome.sshWireBytes());
  }

  /** Waits for the targets to be quiet with at most {@code sessions} session processes. */
  void settle(int sessions) throws InterruptedException {
    if (!target.settle(sessions, SETTLE_TIMEOUT)) {
      throw new IllegalStateException(
          "targets did not settle within "
              + SETTLE_TIMEOUT
              + " ("
              + target.sessionProcesses()
              + " session processes)");
    }
  }
}
