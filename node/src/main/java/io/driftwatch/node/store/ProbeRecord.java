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
 * @param observed true when the probe read the host, so its facts are as of {@code probedAt}; false
 *     for the record of a failed probe (only {@code probe:reachable} changed), which must not move
 *     the time the other facts are known as of
 */
public record ProbeRecord(
    String host,
    Instant probedAt,
    List<ChangeEvent> changes,
    Optional<FactSet> snapshot,
    Map<String, String> contents,
    boolean observed) {

  /** The record of a probe that read the host. */
  public ProbeRecord(
      String host,
      Instant probedAt,
      List<ChangeEvent> changes,
      Optional<FactSet> snapshot,
      Map<String, String> contents) {
    this(host, probedAt, changes, snapshot, contents, true);
  }

  /** The record of a failed probe: the host's reachability changed, nothing else was read. */
  public static ProbeRecord unreachable(String host, Instant at, ChangeEvent reachability) {
    return new ProbeRecord(host, at, List.of(reachability), Optional.empty(), Map.of(), false);
  }

  public ProbeRecord {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(probedAt, "probedAt");
    changes = List.copyOf(changes);
    Objects.requireNonNull(snapshot, "snapshot");
    contents = Map.copyOf(contents);
    if (!observed && snapshot.isPresent()) {
      throw new IllegalArgumentException("a probe that did not read the host has no snapshot");
    }
    for (ChangeEvent change : changes) {
      if (!change.host().equals(host) || !change.detectedAt().equals(probedAt)) {
        throw new IllegalArgumentException(
            "change " + change.id() + " does not belong to this probe");
      }
    }
  }
}
