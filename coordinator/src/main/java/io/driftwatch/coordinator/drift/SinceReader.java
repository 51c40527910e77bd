package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.ChangeStore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Dates findings: when the host's current value of the key appeared, i.e. the {@code detectedAt} of
 * the host's last recorded change of that key (one store read, limit 1). No change recorded means
 * the value is as old as the host's history: since stays null. At most {@code maxReads} reads per
 * call, {@code parallelism} in flight; findings beyond the cap stay undated.
 */
final class SinceReader {

  private record HostKey(String host, String key) {}

  private final ChangeStore store;
  private final int maxReads;
  private final int parallelism;

  SinceReader(ChangeStore store, int maxReads, int parallelism) {
    this.store = store;
    this.maxReads = maxReads;
    this.parallelism = parallelism;
  }

  CompletionStage<List<Finding>> date(List<Finding> findings, Instant now) {
    Set<HostKey> wanted = new LinkedHashSet<>();
    for (Finding f : findings) {
      if (wanted.size() >= maxReads) {
        break;
      }
      wanted.add(new HostKey(f.host(), f.key()));
    }
    return Bounded.map(
            List.copyOf(wanted),
            parallelism,
            hk ->
                store
                    .changes(new ChangeQuery(hk.host(), hk.key(), "", TimeRange.until(now), 1))
                    .thenApply(
                        page ->
                            page.changes().isEmpty()
                                ? null
                                : page.changes().get(page.changes().size() - 1).detectedAt()))
        .thenApply(
            since ->
                findings.stream()
                    .map(f -> f.withSince(since.get(new HostKey(f.host(), f.key()))))
                    .toList());
  }
}
