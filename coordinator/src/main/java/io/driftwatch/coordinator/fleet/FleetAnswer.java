package io.driftwatch.coordinator.fleet;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members' partial aggregates merged, and who is missing: the selected hosts no partial covers.
 * A partial that shares a host with one merged before (two members claiming a host, which cluster
 * sharding should never allow) is left out whole rather than counting a host twice.
 *
 * @param aggregate the merged aggregate of every host that answered
 * @param hosts how many hosts the answer is about: those selected and any a member added that the
 *     registry had not shown yet
 * @param missing selected hosts no member answered for, sorted
 * @param partialsLeftOut partials left out because they overlapped
 */
public record FleetAnswer(
    FleetAggregate aggregate, int hosts, List<String> missing, int partialsLeftOut) {

  public FleetAnswer {
    missing = List.copyOf(missing);
  }

  public static FleetAnswer of(
      Collection<String> selected, List<FleetAggregate> partials, int hostCap) {
    FleetAggregate merged = FleetAggregate.empty(hostCap);
    Set<String> answered = new HashSet<>();
    int leftOut = 0;
    for (FleetAggregate partial : partials) {
      Set<String> theirs = partial.answered();
      if (theirs.stream().anyMatch(answered::contains)) {
        leftOut++;
        continue;
      }
      answered.addAll(theirs);
      merged = merged.plus(partial);
    }
    TreeSet<String> missing = new TreeSet<>(selected);
    missing.removeAll(answered);
    Set<String> all = new HashSet<>(selected);
    all.addAll(answered);
    return new FleetAnswer(merged, all.size(), List.copyOf(missing), leftOut);
  }
}
