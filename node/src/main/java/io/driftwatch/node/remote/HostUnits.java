package io.driftwatch.node.remote;

import io.driftwatch.node.collect.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the node holds of one host between remote probes: per unit, the hash the target reported and
 * the snapshot of the unit's inputs it was sent with, valid for one plan only (a changed root, sudo
 * setting or set of inputs starts over). Immutable; a probe that succeeds replaces it.
 *
 * @param sudoRefused why the host's sudo read was refused, by unit, kept while the unit is
 *     unchanged
 * @param collected what the collector made of these units, reused as it is when the target reports
 *     every unit unchanged (null before the first probe)
 */
record HostUnits(
    ProbePlan plan,
    Map<Integer, String> hashes,
    Map<Integer, Snapshot> snapshots,
    Map<Integer, String> sudoRefused,
    Collection collected) {

  HostUnits {
    hashes = Map.copyOf(hashes);
    snapshots = Map.copyOf(snapshots);
    sudoRefused = Map.copyOf(sudoRefused);
  }

  static HostUnits none(ProbePlan plan) {
    return new HostUnits(plan, Map.of(), Map.of(), Map.of(), null);
  }

  Optional<Snapshot> snapshot(int unit) {
    return Optional.ofNullable(snapshots.get(unit));
  }
}
