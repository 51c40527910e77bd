package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.fleet.FleetDiff;
import io.driftwatch.node.host.HostSpec;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Reads the facts a golden baseline saves: one host's state, or a group's consensus. */
public interface GoldenSnapshots {

  /** The facts of {@code host} now ({@code at} null) or at {@code at}. */
  CompletionStage<Map<String, String>> ofHost(String host, Instant at);

  /** The consensus of the hosts {@code like} selects, now ({@code at} null) or at {@code at}. */
  CompletionStage<Map<String, String>> ofGroup(Selector like, Instant at);

  /**
   * Snapshots of the monitored fleet: a host's facts from {@link HostQueries}, a group's consensus
   * ({@link GroupConsensus}) from the {@link FleetQueries} diff of the group and one of its
   * members.
   */
  static GoldenSnapshots of(HostQueries hosts, FleetQueries fleet, KnownHosts known) {
    return new GoldenSnapshots() {
      @Override
      public CompletionStage<Map<String, String>> ofHost(String host, Instant at) {
        return hosts.facts(host, "", at).thenApply(f -> Map.copyOf(f.facts().asMap()));
      }

      @Override
      public CompletionStage<Map<String, String>> ofGroup(Selector like, Instant at) {
        return fleet
            .diff(like, "", at, Integer.MAX_VALUE)
            .exceptionally(GoldenSnapshots::namingLike)
            .thenCompose(
                diff ->
                    known
                        .all()
                        .thenCompose(
                            specs ->
                                ofHost(member(like, diff, specs), at)
                                    .thenApply(
                                        facts -> GroupConsensus.of(facts, diff.differences()))));
      }
    };
  }

  /** Says that the group comes from the baseline's {@code like}. */
  private static FleetDiff namingLike(Throwable error) {
    if (Failures.unwrap(error) instanceof NotFoundException n) {
      throw new NotFoundException("like: " + n.getMessage());
    }
    throw error instanceof CompletionException c ? c : new CompletionException(error);
  }

  /** A member whose state the diff compared: the first by name. */
  private static String member(Selector like, FleetDiff diff, List<HostSpec> specs) {
    Set<String> without = new HashSet<>(diff.notProbed());
    without.addAll(diff.missing());
    String first = null;
    for (HostSpec spec : specs) {
      if (like.matches(spec)
          && !without.contains(spec.name())
          && (first == null || spec.name().compareTo(first) < 0)) {
        first = spec.name();
      }
    }
    if (first == null || diff.answered() == 0) {
      throw new NotFoundException(
          "like: no probed host matches " + (like.toString().isEmpty() ? "(all)" : like));
    }
    return first;
  }
}
