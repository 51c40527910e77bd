package io.driftwatch.coordinator.fleet;

import io.driftwatch.node.fact.TimeRange;
import java.util.List;

/**
 * Fleet change sets over a time range.
 *
 * @param hosts hosts selected
 * @param truncated the range held more change events than the limit: older ones were not grouped
 * @param eventsUnavailable why no context events were merged (the store did not answer), or null
 */
public record FleetChanges(
    String selector,
    TimeRange range,
    int hosts,
    boolean truncated,
    List<ChangeSet> changeSets,
    String eventsUnavailable) {

  public FleetChanges {
    changeSets = List.copyOf(changeSets);
  }
}
