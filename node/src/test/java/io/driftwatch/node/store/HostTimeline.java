package io.driftwatch.node.store;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the probe records of one host the way a host entity does: each new state is diffed against
 * the previous one, the window runs from the previous probe, and a snapshot is attached on request.
 */
public final class HostTimeline {

  private final String host;
  private FactSet current = FactSet.empty();
  private Instant lastProbeAt;

  public HostTimeline(String host) {
    this.host = host;
  }

  /** A probe that found {@code facts}, without a snapshot. */
  public ProbeRecord probe(Instant at, Map<String, String> facts) {
    return probe(at, FactSet.of(facts), false, Map.of());
  }

  /** A probe that found {@code facts} and stores them as a full snapshot. */
  public ProbeRecord probeWithSnapshot(Instant at, Map<String, String> facts) {
    return probe(at, FactSet.of(facts), true, Map.of());
  }

  public ProbeRecord probe(
      Instant at, FactSet facts, boolean snapshot, Map<String, String> contentsBySha256) {
    List<ChangeEvent> changes = ChangeEvent.between(host, current, facts, lastProbeAt, at);
    current = facts;
    lastProbeAt = at;
    return new ProbeRecord(
        host, at, changes, snapshot ? Optional.of(facts) : Optional.empty(), contentsBySha256);
  }

  /** The state after the last probe built. */
  public FactSet current() {
    return current;
  }
}
