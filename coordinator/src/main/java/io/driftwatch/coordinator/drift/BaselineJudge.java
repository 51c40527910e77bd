package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.FactDifference;
import java.util.List;

/**
 * Findings of a host against a time or golden baseline (pure): every difference between the
 * reference state (left) and the host's current state (right) is one, with the reference's value
 * expected. Against another host or a snapshot the keys that identify a host ({@code ignore}) are
 * left out: they differ between any two hosts; against the host's own past they are kept.
 */
final class BaselineJudge {

  private BaselineJudge() {}

  static List<Finding> judge(
      String host, String baseline, List<FactDifference> differences, List<KeyPattern> ignore) {
    return differences.stream()
        .filter(d -> ignore.stream().noneMatch(p -> p.matches(d.key())))
        .map(d -> Finding.of(host, d.key(), d.right(), d.left(), Source.BASELINE, baseline))
        .toList();
  }
}
