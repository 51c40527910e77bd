package io.driftwatch.bench.fleet;

/** One tool probing every host of the fleet once: the action a phase measures. */
@FunctionalInterface
interface FleetRun {

  /**
   * What only the tool itself can tell about a run.
   *
   * @param sshWireBytes SSH packet bytes the tool counted, or -1 when it cannot tell
   * @param detachedCpuNanos node CPU of processes nobody waits for (ssh ControlMaster processes)
   */
  record Outcome(long sshWireBytes, long detachedCpuNanos) {
    static final Outcome NOTHING = new Outcome(-1, 0);
  }

  Outcome run() throws Exception;
}
