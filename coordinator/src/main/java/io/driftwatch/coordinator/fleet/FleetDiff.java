package io.driftwatch.coordinator.fleet;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "which of these hosts are not like the others, and how?".
 *
 * @param at the instant compared, or null for current state
 * @param hosts hosts selected
 * @param answered hosts whose state was compared
 * @param notProbed hosts that answered without a state to compare, sorted
 * @param missing hosts that did not answer in time, sorted
 * @param count keys with a disagreement, all of them
 * @param differences the first {@code limit} of those, rarest deviation first
 */
public record FleetDiff(
    String selector,
    String prefix,
    Instant at,
    int hosts,
    int answered,
    List<String> notProbed,
    List<String> missing,
    int count,
    List<Disagreement> differences) {

  public FleetDiff {
    notProbed = List.copyOf(notProbed);
    missing = List.copyOf(missing);
    differences = List.copyOf(differences);
  }

  public boolean truncated() {
    return differences.size() < count;
  }
}
