package io.driftwatch.node.store;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one successful probe adds to history.
 *
 * @param snapshot the full state after this probe, present when a snapshot is due
 * @param contents text of small tracked files by sha256 (content-addressed, written once)
 */
public record ProbeRecord(
    String host,
    Instant probedAt,
    List<ChangeEvent> changes,
    Optional<FactSet> snapshot,
    Map<String, String> contents) {

  public ProbeRecord {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(probedAt, "probedAt");
    changes = List.copyOf(changes);
    Objects.requireNonNull(snapshot, "snapshot");
    contents = Map.copyOf(contents);
    for (ChangeEvent change : changes) {
      if (!change.host().equals(host) || !change.detectedAt().equals(probedAt)) {
        throw new IllegalArgumentException(
            "change " + change.id() + " does not belong to this probe");
      }
    }
  }
}
