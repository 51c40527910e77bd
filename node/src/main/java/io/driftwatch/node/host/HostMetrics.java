package io.driftwatch.node.host;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts for {@code /metrics} kept by this member's host entities: how many monitored hosts are in
 * each state, and how many probes ended how. Shared by every entity of the member on purpose — a
 * scrape must not ask thousands of entities — and safe for that: only atomic counters, each entity
 * moving its own host between states.
 */
public final class HostMetrics {

  /** How a probe ended. */
  public enum Outcome {
    /** Read the host and recorded what it found. */
    OK,
    /** Could not read the host. */
    UNREACHABLE,
    /** Read the host, but the store took nothing: not believed, found again by a later probe. */
    STORE_UNAVAILABLE,
    /** Not started: the store's spool is full, so nothing it found could be recorded. */
    SKIPPED
  }

  private final Map<HostStatus.State, AtomicLong> hosts = new EnumMap<>(HostStatus.State.class);
  private final Map<Outcome, AtomicLong> probes = new EnumMap<>(Outcome.class);

  public HostMetrics() {
    for (HostStatus.State state : HostStatus.State.values()) {
      hosts.put(state, new AtomicLong());
    }
    for (Outcome outcome : Outcome.values()) {
      probes.put(outcome, new AtomicLong());
    }
  }

  /** Monitored hosts on this member, per state (every state present). */
  public Map<HostStatus.State, Long> hostsByState() {
    Map<HostStatus.State, Long> counts = new EnumMap<>(HostStatus.State.class);
    hosts.forEach((state, count) -> counts.put(state, count.get()));
    return counts;
  }

  /** Probes that ended on this member since it started, per outcome (every outcome present). */
  public Map<Outcome, Long> probesByOutcome() {
    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    probes.forEach((outcome, count) -> counts.put(outcome, count.get()));
    return counts;
  }

  void probed(Outcome outcome) {
    probes.get(outcome).incrementAndGet();
  }

  /** One entity's place in the host counts; confined to that entity. */
  Place place() {
    return new Place();
  }

  /** Where one entity's host is counted: in one state while monitored, nowhere otherwise. */
  final class Place {
    private HostStatus.State counted;

    private Place() {}

    /** Counts the host in {@code state}; null when it is not (or no longer) monitored. */
    void set(HostStatus.State state) {
      if (state == counted) {
        return;
      }
      if (counted != null) {
        hosts.get(counted).decrementAndGet();
      }
      if (state != null) {
        hosts.get(state).incrementAndGet();
      }
      counted = state;
    }
  }
}
