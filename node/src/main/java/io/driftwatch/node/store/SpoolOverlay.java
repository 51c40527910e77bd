package io.driftwatch.node.store;

import io.driftwatch.node.fact.FactSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A host's newest state while some of its records still wait in the spool: the store's answer with
 * the spooled records applied on top, oldest first, as the store itself would apply them. A host
 * entity that restarts then carries on from everything it was acknowledged, neither losing the
 * spooled changes nor finding (and recording) them again.
 *
 * <p>The store may already hold the first spooled records (a write that timed out may still have
 * landed, a drained record is deleted from the spool only after the store acknowledged it).
 * Applying those again is harmless: a host's records form one sequence, the store holds a prefix of
 * it, and replaying a suffix of that prefix in order leaves every key at the value of its last
 * change. Only {@code changesSinceSnapshot} may count such records twice; it only decides when the
 * next snapshot is due.
 */
final class SpoolOverlay {

  private SpoolOverlay() {}

  static Optional<StoredState> apply(Optional<StoredState> stored, List<ProbeRecord> spooled) {
    FactSet facts = stored.map(StoredState::facts).orElse(FactSet.empty());
    Instant lastProbeAt = stored.map(StoredState::lastProbeAt).orElse(null);
    Instant lastSnapshotAt = stored.map(StoredState::lastSnapshotAt).orElse(null);
    int changesSinceSnapshot = stored.map(StoredState::changesSinceSnapshot).orElse(0);
    for (ProbeRecord probe : spooled) {
      if (probe.snapshot().isPresent()) {
        // The full state after this probe, which its changes led to.
        facts = probe.snapshot().get();
        lastSnapshotAt = later(lastSnapshotAt, probe.probedAt());
        changesSinceSnapshot = 0;
      } else {
        facts = facts.apply(probe.changes());
        changesSinceSnapshot += probe.changes().size();
      }
      if (probe.observed()) {
        lastProbeAt = later(lastProbeAt, probe.probedAt());
      }
    }
    // Like the store: a host is known from its first probe that read it.
    if (lastProbeAt == null) {
      return Optional.empty();
    }
    return Optional.of(new StoredState(facts, lastProbeAt, lastSnapshotAt, changesSinceSnapshot));
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
