package io.driftwatch.cassandra;

import io.driftwatch.node.fact.FactSet;
import java.time.Instant;

/** A full snapshot of a host's facts as it was at {@code takenAt}. */
record Snapshot(Instant takenAt, FactSet facts) {}
