package io.driftwatch.coordinator.fleet;

import io.driftwatch.coordinator.context.ChangeSetContext;
import io.driftwatch.node.fact.ChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Groups change events into fleet change sets: the same transition of the same key on many hosts
 * becomes one entry ("openssl 3.0.11 → 3.0.13 on 412 hosts between 10:02 and 10:09"), oldest first.
 */
public final class ChangeSets {

  private ChangeSets() {}

  private record Transition(String key, String oldValue, String newValue) {}

  private static final class Group {
    final TreeSet<String> hosts = new TreeSet<>();
    final ChangeSetContext.Builder context = new ChangeSetContext.Builder();
    int events;
    Instant first;
    Instant last;

    void add(ChangeEvent e) {
      hosts.add(e.host());
      events++;
      first = first == null || e.detectedAt().isBefore(first) ? e.detectedAt() : first;
      last = last == null || e.detectedAt().isAfter(last) ? e.detectedAt() : last;
    }
  }

  /**
   * The change sets of the events of the {@code selected} hosts, ordered by first detection (then
   * key).
   *
   * @param hostsListed at most this many host names per change set
   * @param contextOf adds what is known about one change (its host's records, the context events
   *     around it) to its change set's context
   * @param eventsListed at most this many context events per change set
   */
  public static List<ChangeSet> group(
      List<ChangeEvent> events,
      Set<String> selected,
      int hostsListed,
      BiConsumer<ChangeEvent, ChangeSetContext.Builder> contextOf,
      int eventsListed) {
    Map<Transition, Group> groups = new LinkedHashMap<>();
    for (ChangeEvent e : events) {
      if (selected.contains(e.host())) {
        Group group =
            groups.computeIfAbsent(
                new Transition(e.key(), e.oldValue(), e.newValue()), t -> new Group());
        group.add(e);
        contextOf.accept(e, group.context);
      }
    }
    List<ChangeSet> sets = new ArrayList<>(groups.size());
    groups.forEach(
        (t, g) ->
            sets.add(
                new ChangeSet(
                    t.key(),
                    t.oldValue(),
                    t.newValue(),
                    g.hosts.size(),
                    g.hosts.stream().limit(hostsListed).toList(),
                    g.events,
                    g.first,
                    g.last,
                    g.context.build(g.hosts.size(), eventsListed))));
    sets.sort(
        Comparator.comparing(ChangeSet::first)
            .thenComparing(ChangeSet::key)
            .thenComparing(ChangeSet::oldValue, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ChangeSet::newValue, Comparator.nullsFirst(Comparator.naturalOrder())));
    return sets;
  }
}
