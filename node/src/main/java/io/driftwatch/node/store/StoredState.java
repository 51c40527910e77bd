package io.driftwatch.node.store;

import io.driftwatch.node.fact.FactSet;
import java.time.Instant;

/**
 * The newest recorded state of a host, enough for a host entity to carry on after a restart.
 *
 * @param lastSnapshotAt null when the host has been probed but no snapshot recorded yet
 * @param changesSinceSnapshot change events recorded after the last snapshot (for the snapshot
 *     policy)
 */
public record StoredState(
    FactSet facts, Instant lastProbeAt, Instant lastSnapshotAt, int changesSinceSnapshot) {}
