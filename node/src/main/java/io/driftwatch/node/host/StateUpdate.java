package io.driftwatch.node.host;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.FactSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outcome of folding one collection into a host's known state: the next state, the change
 * events between them and whether a snapshot is due. Pure, so the rules about failed categories and
 * first probes are tested without actors.
 *
 * @param firstProbe true when nothing was known before; the state is then recorded as a snapshot
 *     and no change events are emitted (a host appearing is not thousands of changes)
 */
public record StateUpdate(
    FactSet next, List<ChangeEvent> changes, boolean snapshotDue, boolean firstProbe) {

  /**
   * Whether the last probe reached the host: a fact like any other, so that reachability changes
   * appear in the host's history.
   */
  public static final String REACHABLE = "probe:reachable";

  /**
   * Folds {@code collected} into {@code previous}.
   *
   * @param previousProbeAt when {@code previous} was observed, or null when never probed
   */
  public static StateUpdate of(
      String host,
      FactSet previous,
      Instant previousProbeAt,
      Collection collected,
      Instant probedAt,
      SnapshotPolicy policy,
      Instant lastSnapshotAt,
      int changesSinceSnapshot) {
    FactSet next = keepKnownValuesOfFailedCategories(previous, collected).with(REACHABLE, "true");
    boolean firstProbe = previousProbeAt == null;
    List<ChangeEvent> changes =
        firstProbe
            ? List.of()
            : ChangeEvent.between(host, previous, next, previousProbeAt, probedAt);
    boolean snapshotDue =
        policy.isDue(lastSnapshotAt, changesSinceSnapshot, changes.size(), probedAt);
    return new StateUpdate(next, changes, snapshotDue, firstProbe);
  }

  /**
   * The change event recording that a probe at {@code at} failed to reach a host that was reachable
   * (or never marked) before; empty when it was already marked unreachable.
   *
   * @param reachableSince the last successful probe, start of the window
   */
  public static Optional<ChangeEvent> unreachable(
      String host, FactSet current, Instant reachableSince, Instant at) {
    String now = current.get(REACHABLE);
    if ("false".equals(now)) {
      return Optional.empty();
    }
    return Optional.of(
        new ChangeEvent(
            UUID.randomUUID().toString(), host, REACHABLE, now, "false", reachableSince, at));
  }

  /**
   * A category that failed this time keeps its previous values, so that an unreadable or truncated
   * source is never recorded as "everything in it was removed". When nothing was known of the
   * category before, whatever was collected of it is better than nothing.
   */
  static FactSet keepKnownValuesOfFailedCategories(FactSet previous, Collection collected) {
    Set<String> known =
        previous.asMap().keySet().stream().map(FactKey::category).collect(Collectors.toSet());
    Set<String> keep =
        collected.failedCategories().keySet().stream()
            .filter(known::contains)
            .collect(Collectors.toSet());
    return collected.facts().withCategoriesFrom(previous, keep);
  }
}
