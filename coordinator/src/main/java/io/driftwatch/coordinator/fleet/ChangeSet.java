package io.driftwatch.coordinator.fleet;

import io.driftwatch.coordinator.context.ChangeSetContext;
import java.time.Instant;
import java.util.List;

/**
 * One transition of one key ({@code old → new}; null = absent) seen on several hosts, grouped:
 * which hosts, how often, and between which detection times.
 *
 * @param hostCount hosts that made the transition
 * @param hosts those hosts, sorted; only the first ones when there are more than are listed
 * @param events how many change events were grouped (a host flapping back and forth counts each
 *     time)
 * @param first the earliest detection
 * @param last the latest detection
 * @param context who made it and what happened around it, merged over its changes
 */
public record ChangeSet(
    String key,
    String oldValue,
    String newValue,
    int hostCount,
    List<String> hosts,
    int events,
    Instant first,
    Instant last,
    ChangeSetContext context) {

  public ChangeSet {
    hosts = List.copyOf(hosts);
  }

  public boolean hostsTruncated() {
    return hosts.size() < hostCount;
  }
}
