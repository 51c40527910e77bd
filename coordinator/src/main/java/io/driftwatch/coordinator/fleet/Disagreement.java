package io.driftwatch.coordinator.fleet;

import java.util.List;

/**
 * One key on which the compared hosts disagree: its majority value and every value with the hosts
 * holding it (rarest first after the majority). A null value means the key is absent.
 *
 * @param hosts the hosts compared
 * @param deviating hosts not holding the majority value
 * @param distinct how many different values (absent counting as one) the hosts hold
 * @param tied another value is held by as many hosts as the majority
 * @param values the majority first, then the rarest deviations; at most the listing limit
 */
public record Disagreement(
    String key,
    int hosts,
    Value majority,
    int deviating,
    int distinct,
    boolean tied,
    List<Value> values) {

  public Disagreement {
    values = List.copyOf(values);
  }

  /**
   * A value and the hosts holding it.
   *
   * @param value null when the key is absent
   * @param hosts the hosts, sorted; empty when more hosts hold it than are listed
   */
  public record Value(String value, int count, List<String> hosts) {

    public Value {
      hosts = List.copyOf(hosts);
    }

    /** Whether {@link #hosts} names only some of the hosts. */
    public boolean hostsTruncated() {
      return hosts.size() < count;
    }
  }
}
