package io.driftwatch.coordinator.fleet;

import java.util.HashMap;
import java.util.Map;

/**
 * The value distribution of one fact key over an aggregate's hosts: each value with its tally, and
 * the hosts that lack the key ({@code absent}).
 */
public record KeyTally(Map<String, ValueTally> values, ValueTally absent) {

  public KeyTally {
    values = Map.copyOf(values);
  }

  /** The distribution over two disjoint groups of hosts. */
  KeyTally plus(KeyTally other, int cap) {
    Map<String, ValueTally> sum = new HashMap<>(values);
    other.values.forEach((value, tally) -> sum.merge(value, tally, (a, b) -> a.plus(b, cap)));
    return new KeyTally(sum, absent.plus(other.absent, cap));
  }

  /** This distribution with {@code hosts} (which never had the key) added as absent. */
  KeyTally plusAbsent(ValueTally hosts, int cap) {
    return new KeyTally(values, absent.plus(hosts, cap));
  }
}
