package io.driftwatch.coordinator.context;

import io.driftwatch.node.fact.ChangeContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The merged context of a fleet change set: who made the change on how many hosts (from each host's
 * own records), the external events around it, and one line saying both ("apt-get upgrade by alice
 * on 40 hosts, during cm-run #812").
 *
 * @param actors the actors the hosts' records name, most hosts first
 * @param events the context events of any of its changes, oldest first
 * @param summary one line for people; null when nothing is known
 */
public record ChangeSetContext(List<Actor> actors, List<PostedEvent> events, String summary) {

  /** Nothing known. */
  public static final ChangeSetContext NONE = new ChangeSetContext(List.of(), List.of(), null);

  /** Actors named in the summary before "and N more". */
  static final int ACTORS_SUMMARISED = 3;

  /** Events named in the summary before "and N more". */
  static final int EVENTS_SUMMARISED = 2;

  /** Characters of an event's {@code what} in the summary. */
  static final int WHAT_SUMMARISED = 80;

  public ChangeSetContext {
    actors = List.copyOf(actors);
    events = List.copyOf(events);
  }

  /**
   * One actor of a change set.
   *
   * @param hosts on how many of its hosts the records name this actor
   * @param what what the records say was run (the most common, on those hosts), or null
   */
  public record Actor(String actor, int hosts, String what) {}

  public boolean isEmpty() {
    return actors.isEmpty() && events.isEmpty();
  }

  /** Collects the context of one change set's changes, one change at a time. */
  public static final class Builder {
    private final Map<String, Set<String>> hostsByActor = new HashMap<>();
    private final Map<String, Map<String, Integer>> whatByActor = new HashMap<>();
    private final Map<String, PostedEvent> events = new LinkedHashMap<>();

    /** A host's records name {@code actor} (and what was run, or null) for one of the changes. */
    public Builder attribute(String host, String actor, String what) {
      if (actor == null || actor.isBlank()) {
        return this;
      }
      hostsByActor.computeIfAbsent(actor, a -> new TreeSet<>()).add(host);
      if (what != null && !what.isBlank()) {
        whatByActor.computeIfAbsent(actor, a -> new HashMap<>()).merge(what, 1, Integer::sum);
      }
      return this;
    }

    /**
     * What one change's host records say: their actor, and what they say was run (the detail, else
     * the action, of the strongest record naming that actor, else of the strongest record).
     */
    public Builder attribute(String host, ChangeContext context) {
      if (context == null || context.actor() == null) {
        return this;
      }
      String what =
          context.records().stream()
              .filter(r -> context.actor().equals(r.actor()))
              .findFirst()
              .or(() -> context.records().stream().findFirst())
              .map(r -> r.detail() != null ? r.detail() : r.action())
              .orElse(null);
      return attribute(host, context.actor(), what);
    }

    /** Context events of one of the changes. */
    public Builder events(Collection<PostedEvent> matched) {
      matched.forEach(e -> events.putIfAbsent(e.id(), e));
      return this;
    }

    /**
     * @param hostCount hosts in the change set
     * @param eventsListed at most this many events, the latest
     */
    public ChangeSetContext build(int hostCount, int eventsListed) {
      List<Actor> actors = new ArrayList<>();
      hostsByActor.forEach(
          (actor, hosts) -> actors.add(new Actor(actor, hosts.size(), mostCommon(actor))));
      actors.sort(Comparator.comparingInt(Actor::hosts).reversed().thenComparing(Actor::actor));
      List<PostedEvent> sorted = new ArrayList<>(events.values());
      sorted.sort(Comparator.comparing(PostedEvent::at).thenComparing(PostedEvent::id));
      if (sorted.size() > eventsListed) {
        sorted = sorted.subList(sorted.size() - eventsListed, sorted.size());
      }
      if (actors.isEmpty() && sorted.isEmpty()) {
        return NONE;
      }
      return new ChangeSetContext(actors, sorted, summary(actors, sorted, hostCount));
    }

    private String mostCommon(String actor) {
      Map<String, Integer> counts = whatByActor.get(actor);
      if (counts == null) {
        return null;
      }
      return counts.entrySet().stream()
          .sorted(
              Map.Entry.<String, Integer>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * "apt-get upgrade by alice on 40 hosts, during cm-run #812"; without actors "on 40 hosts, during
   * deploy web 1.4.2".
   */
  static String summary(List<Actor> actors, List<PostedEvent> events, int hostCount) {
    StringBuilder s = new StringBuilder();
    if (actors.isEmpty()) {
      s.append("on ").append(hosts(hostCount));
    } else {
      List<String> parts = new ArrayList<>();
      for (Actor a : actors.subList(0, Math.min(ACTORS_SUMMARISED, actors.size()))) {
        parts.add(
            (a.what() == null ? "" : cut(a.what()) + " ")
                + "by "
                + a.actor()
                + " on "
                + hosts(a.hosts()));
      }
      s.append(list(parts, actors.size(), "actor"));
    }
    if (!events.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (PostedEvent e : events.subList(0, Math.min(EVENTS_SUMMARISED, events.size()))) {
        parts.add(e.type().wireName() + " " + cut(e.what()));
      }
      s.append(", during ").append(list(parts, events.size(), "event"));
    }
    return s.toString();
  }

  /** "a", "a and b", "a, b and 3 more events". */
  private static String list(List<String> parts, int total, String noun) {
    int more = total - parts.size();
    if (more > 0) {
      return String.join(", ", parts) + " and " + more + " more " + noun + (more == 1 ? "" : "s");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  private static String hosts(int n) {
    return n + (n == 1 ? " host" : " hosts");
  }

  private static String cut(String what) {
    String oneLine = what.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= WHAT_SUMMARISED
        ? oneLine
        : oneLine.substring(0, WHAT_SUMMARISED - 1) + "…";
  }
}
