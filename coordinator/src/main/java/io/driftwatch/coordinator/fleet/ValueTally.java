package io.driftwatch.coordinator.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * How many hosts hold one value (or lack a key), and which: the names are kept, complete and
 * sorted, only while {@code count} is at most the aggregate's host cap, so that the majority of a
 * large fleet never travels as names.
 *
 * @param hosts every host holding the value when {@code count <= cap}, else empty
 */
public record ValueTally(int count, List<String> hosts) {

  public ValueTally {
    hosts = List.copyOf(hosts);
    if (count < 0 || hosts.size() > count) {
      throw new IllegalArgumentException(
          "a tally of " + count + " with " + hosts.size() + " hosts");
    }
  }

  static final ValueTally NONE = new ValueTally(0, List.of());

  /** The tally of exactly these hosts (sorted). */
  static ValueTally of(List<String> sortedHosts, int cap) {
    return new ValueTally(sortedHosts.size(), sortedHosts.size() <= cap ? sortedHosts : List.of());
  }

  /** Whether {@link #hosts} names every host counted. */
  public boolean complete() {
    return hosts.size() == count;
  }

  /** The tally of both groups of hosts, which must be disjoint. */
  ValueTally plus(ValueTally other, int cap) {
    int sum = count + other.count;
    if (sum > cap || !complete() || !other.complete()) {
      return new ValueTally(sum, List.of());
    }
    return new ValueTally(sum, mergeSorted(hosts, other.hosts));
  }

  static List<String> mergeSorted(List<String> a, List<String> b) {
    List<String> merged = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a.get(i).compareTo(b.get(j)) <= 0)) {
        merged.add(a.get(i++));
      } else {
        merged.add(b.get(j++));
      }
    }
    return merged;
  }
}
