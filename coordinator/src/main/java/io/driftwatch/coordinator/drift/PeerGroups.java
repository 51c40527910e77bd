package io.driftwatch.coordinator.drift;

import io.driftwatch.node.host.HostSpec;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The default peer groups (pure): every distinct {@code role} tag value is one, with its nearest
 * role only: a host tagged {@code web/canary} is in group {@code web/canary}, not in {@code web}.
 * Hosts without a role have no peers.
 */
public final class PeerGroups {

  public static final String ROLE = "role";

  private PeerGroups() {}

  /** Role → its hosts, for the roles of {@code hosts}. */
  public static Map<String, Set<String>> of(Collection<HostSpec> hosts) {
    Map<String, Set<String>> groups = new TreeMap<>();
    for (HostSpec h : hosts) {
      String role = h.tags().get(ROLE);
      if (role != null) {
        groups.computeIfAbsent(role, r -> new TreeSet<>()).add(h.name());
      }
    }
    return groups;
  }
}
