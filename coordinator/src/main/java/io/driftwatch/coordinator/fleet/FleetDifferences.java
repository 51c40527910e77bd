package io.driftwatch.coordinator.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a fleet aggregate into the keys its hosts disagree on, the rarest deviation first: a key
 * where one host differs from all others comes before one where four do, because the lone outlier
 * is what a person hunting drift looks for.
 */
public final class FleetDifferences {

  private FleetDifferences() {}

  /**
   * The keys on which the aggregate's hosts disagree.
   *
   * @param valuesListed at most this many values per key (the majority and the rarest others)
   */
  public static List<Disagreement> of(FleetAggregate aggregate, int valuesListed) {
    if (valuesListed < 2) {
      throw new IllegalArgumentException("valuesListed must be at least 2");
    }
    int compared = aggregate.hosts().size();
    List<Disagreement> found = new ArrayList<>();
    aggregate
        .keys()
        .forEach(
            (key, tally) -> {
              List<Disagreement.Value> values = values(tally);
              if (values.size() > 1) {
                found.add(disagreement(key, compared, values, valuesListed));
              }
            });
    found.sort(Comparator.comparingInt(Disagreement::deviating).thenComparing(Disagreement::key));
    return found;
  }

  /** Every value held (absent included when some host lacks the key), the majority first. */
  private static List<Disagreement.Value> values(KeyTally tally) {
    List<Disagreement.Value> values = new ArrayList<>(tally.values().size() + 1);
    for (Map.Entry<String, ValueTally> e : tally.values().entrySet()) {
      values.add(new Disagreement.Value(e.getKey(), e.getValue().count(), e.getValue().hosts()));
    }
    if (tally.absent().count() > 0) {
      values.add(new Disagreement.Value(null, tally.absent().count(), tally.absent().hosts()));
    }
    // Most hosts first; among equals a present value before absence, then by value, so the
    // majority of a tie is the same on every run.
    values.sort(
        Comparator.comparingInt(Disagreement.Value::count)
            .reversed()
            .thenComparing(
                Disagreement.Value::value, Comparator.nullsLast(Comparator.naturalOrder())));
    return values;
  }

  private static Disagreement disagreement(
      String key, int compared, List<Disagreement.Value> byCount, int valuesListed) {
    Disagreement.Value top = byCount.get(0);
    Disagreement.Value majority = new Disagreement.Value(top.value(), top.count(), List.of());
    List<Disagreement.Value> rarestFirst = new ArrayList<>(byCount.subList(1, byCount.size()));
    rarestFirst.sort(
        Comparator.comparingInt(Disagreement.Value::count)
            .thenComparing(
                Disagreement.Value::value, Comparator.nullsLast(Comparator.naturalOrder())));
    List<Disagreement.Value> listed = new ArrayList<>();
    listed.add(majority);
    listed.addAll(rarestFirst.subList(0, Math.min(rarestFirst.size(), valuesListed - 1)));
    return new Disagreement(
        key,
        compared,
        majority,
        compared - top.count(),
        byCount.size(),
        byCount.get(1).count() == top.count(),
        listed);
  }
}
