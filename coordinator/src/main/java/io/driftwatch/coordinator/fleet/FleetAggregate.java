package io.driftwatch.coordinator.fleet;

import io.driftwatch.node.CborSerializable;
import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.fact.FactSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group of hosts holds, key by key: for every key any of them has, each value with how many
 * hosts hold it (and which, up to {@code hostCap}), and which lack it. One member builds it for its
 * own hosts; the coordinator merges the members' aggregates ({@link #plus}), so that facts never
 * travel host by host. Merging is associative and commutative over disjoint groups.
 *
 * @param hosts the hosts compared, sorted
 * @param notProbed hosts that answered but have no state to compare (never probed, or not yet at
 *     the instant asked), sorted
 * @param hostCap a value held by more hosts than this is counted without names
 */
public record FleetAggregate(
    List<String> hosts, List<String> notProbed, Map<String, KeyTally> keys, int hostCap)
    implements CborSerializable {

  public FleetAggregate {
    hosts = List.copyOf(hosts);
    notProbed = List.copyOf(notProbed);
    keys = Map.copyOf(keys);
    if (hostCap < 1) {
      throw new IllegalArgumentException("hostCap must be at least 1");
    }
  }

  /** The aggregate of no hosts. */
  public static FleetAggregate empty(int hostCap) {
    return new FleetAggregate(List.of(), List.of(), Map.of(), hostCap);
  }

  public static Builder builder(int hostCap) {
    return new Builder(hostCap);
  }

  /** Every host that answered, compared or not. */
  public Set<String> answered() {
    Set<String> all = new HashSet<>(hosts);
    all.addAll(notProbed);
    return all;
  }

  /** The aggregate of this group and {@code other}, which must not share a host. */
  public FleetAggregate plus(FleetAggregate other) {
    if (other.hostCap != hostCap) {
      throw new IllegalArgumentException("aggregates with different host caps");
    }
    ValueTally allOfThis = ValueTally.of(hosts, hostCap);
    ValueTally allOfOther = ValueTally.of(other.hosts, hostCap);
    Map<String, KeyTally> sum = new HashMap<>();
    keys.forEach(
        (key, tally) -> {
          KeyTally theirs = other.keys.get(key);
          sum.put(
              key,
              theirs == null ? tally.plusAbsent(allOfOther, hostCap) : tally.plus(theirs, hostCap));
        });
    other.keys.forEach(
        (key, tally) -> {
          if (!keys.containsKey(key)) {
            sum.put(key, tally.plusAbsent(allOfThis, hostCap));
          }
        });
    return new FleetAggregate(
        ValueTally.mergeSorted(hosts, other.hosts),
        ValueTally.mergeSorted(notProbed, other.notProbed),
        sum,
        hostCap);
  }

  /**
   * Builds one group's aggregate, host by host; not thread-safe, used by one actor at a time.
   *
   * <p>Hosts of one fleet are mostly alike, so each host is compared with the first one (the
   * reference) through {@link FactSet#diff}, and only its differences are counted one by one: the
   * cost per host is one diff of two fact sets, and the counting grows with the drift, not with the
   * number of facts.
   */
  public static final class Builder {

    private final int hostCap;
    private final Map<String, FactSet> added = new HashMap<>();
    private final TreeSet<String> notProbed = new TreeSet<>();
    private FactSet reference;

    /** Key → value → the hosts holding a value other than the reference's. */
    private final Map<String, Map<String, Counter>> deviations = new HashMap<>();

    /** Key of the reference → the hosts lacking it. */
    private final Map<String, Counter> lacking = new HashMap<>();

    private Builder(int hostCap) {
      if (hostCap < 1) {
        throw new IllegalArgumentException("hostCap must be at least 1");
      }
      this.hostCap = hostCap;
    }

    /** One value's running count, with names until there are more than the cap. */
    private static final class Counter {
      int count;
      List<String> hosts = new ArrayList<>();

      void add(String host, int cap) {
        count++;
        if (hosts != null) {
          if (count > cap) {
            hosts = null;
          } else {
            hosts.add(host);
          }
        }
      }

      ValueTally toTally() {
        return new ValueTally(count, hosts == null ? List.of() : hosts.stream().sorted().toList());
      }
    }

    /** Counts a host's facts; each host is added once. */
    public Builder add(String host, FactSet facts) {
      if (added.put(host, facts) != null) {
        throw new IllegalArgumentException("host " + host + " added twice");
      }
      if (reference == null) {
        reference = facts;
        return this;
      }
      for (FactDifference d : reference.diff(facts)) {
        Counter counter =
            d.right() == null
                ? lacking.computeIfAbsent(d.key(), k -> new Counter())
                : deviations
                    .computeIfAbsent(d.key(), k -> new HashMap<>(2))
                    .computeIfAbsent(d.right(), v -> new Counter());
        counter.add(host, hostCap);
      }
      return this;
    }

    /** A host that answered with no state to compare. */
    public Builder addNotProbed(String host) {
      notProbed.add(host);
      return this;
    }

    public FleetAggregate build() {
      List<String> hosts = added.keySet().stream().sorted().toList();
      Map<String, KeyTally> tallies = new HashMap<>();
      if (reference != null) {
        reference
            .asMap()
            .forEach((key, value) -> tallies.put(key, referenceKey(key, value, hosts)));
      }
      deviations.forEach(
          (key, values) -> {
            if (!tallies.containsKey(key)) {
              tallies.put(key, otherKey(key, values, hosts));
            }
          });
      return new FleetAggregate(hosts, List.copyOf(notProbed), tallies, hostCap);
    }

    /** A key the reference has: its value is held by every host not deviating from it. */
    private KeyTally referenceKey(String key, String value, List<String> hosts) {
      Map<String, Counter> others = deviations.getOrDefault(key, Map.of());
      Counter absent = lacking.get(key);
      int deviating =
          others.values().stream().mapToInt(c -> c.count).sum()
              + (absent == null ? 0 : absent.count);
      Map<String, ValueTally> values = new HashMap<>();
      others.forEach((v, counter) -> values.put(v, counter.toTally()));
      values.put(value, holding(key, value, hosts.size() - deviating, hosts));
      return new KeyTally(values, absent == null ? ValueTally.NONE : absent.toTally());
    }

    /** A key the reference lacks: every host not holding a value lacks it too. */
    private KeyTally otherKey(String key, Map<String, Counter> values, List<String> hosts) {
      Map<String, ValueTally> tallies = new HashMap<>();
      values.forEach((v, counter) -> tallies.put(v, counter.toTally()));
      int present = values.values().stream().mapToInt(c -> c.count).sum();
      return new KeyTally(tallies, holding(key, null, hosts.size() - present, hosts));
    }

    /**
     * The hosts holding {@code value} (null: lacking the key), known to be {@code count}: named by
     * looking at each host only when few enough to be named, which is rare for the common value.
     */
    private ValueTally holding(String key, String value, int count, List<String> hosts) {
      if (count == 0) {
        return ValueTally.NONE;
      }
      if (count > hostCap) {
        return new ValueTally(count, List.of());
      }
      return new ValueTally(
          count, hosts.stream().filter(h -> Objects.equals(added.get(h).get(key), value)).toList());
    }
  }
}
