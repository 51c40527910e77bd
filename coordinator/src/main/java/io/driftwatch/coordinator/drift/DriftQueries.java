package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.fleet.FleetAnswer;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ChangeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Evaluates drift: judges the selected hosts against their baseline (the peers of their role by
 * default), then ranks each finding ({@link SeverityRules}) and dates it ({@link SinceReader}). The
 * judging itself is pure ({@link PeerConsensus}); this class gathers what it needs: the registry,
 * one fleet aggregate per peer group (scattered to the members like a fleet diff), store reads.
 */
public final class DriftQueries {

  private final KnownHosts known;
  private final FleetQueries fleet;
  private final HostQueries hosts;
  private final DriftSettings settings;
  private final SinceReader since;
  private final Clock clock;

  public DriftQueries(
      KnownHosts known,
      FleetQueries fleet,
      HostQueries hosts,
      ChangeStore store,
      DriftSettings settings,
      Clock clock) {
    this.known = known;
    this.fleet = fleet;
    this.hosts = hosts;
    this.settings = settings;
    this.since = new SinceReader(store, settings.sinceReads(), settings.sinceParallelism());
    this.clock = clock;
  }

  public DriftSettings settings() {
    return settings;
  }

  /** What a drift query asks: which hosts, and which findings to list. */
  public record Ask(Selector selector, String baseline, boolean includeExcepted, Severity atLeast) {

    /** Every finding of every host, silenced ones left out. */
    public static Ask all() {
      return new Ask(Selector.all(), null, false, Severity.LOW);
    }
  }

  /** The current findings of the selected hosts; none selected is a NotFoundException. */
  public CompletionStage<DriftReport> evaluate(Ask ask) {
    Instant now = clock.instant();
    return known
        .all()
        .thenCompose(
            all -> {
              List<HostSpec> selected = all.stream().filter(ask.selector()::matches).toList();
              if (selected.isEmpty()) {
                throw new NotFoundException(
                    ask.selector().toString().isEmpty()
                        ? "no hosts are monitored"
                        : "no monitored host matches selector " + ask.selector());
              }
              Set<String> names = selected.stream().map(HostSpec::name).collect(Collectors.toSet());
              return peers(all, selected)
                  .thenCompose(
                      judged -> {
                        List<Finding> kept =
                            judged.findings().stream()
                                .filter(f -> names.contains(f.host()))
                                .map(f -> f.withSeverity(settings.severity().of(f)))
                                .filter(f -> f.severity().atLeast(ask.atLeast()))
                                .toList();
                        List<String> missing =
                            judged.missing().stream().filter(names::contains).sorted().toList();
                        return since
                            .date(kept, now)
                            .thenApply(
                                dated ->
                                    new DriftReport(
                                        dated,
                                        selected.size(),
                                        selected.size() - missing.size(),
                                        missing,
                                        selected.stream()
                                            .collect(
                                                Collectors.toMap(HostSpec::name, HostSpec::tags))));
                      });
            })
        .exceptionally(
            error -> {
              throw Failures.rethrow(Failures.unwrap(error));
            });
  }

  /** Findings of some hosts, and the hosts no member answered for. */
  private record Judged(List<Finding> findings, Set<String> missing) {}

  /** The default peers baseline: one aggregate per role of the selected hosts. */
  private CompletionStage<Judged> peers(List<HostSpec> all, List<HostSpec> selected) {
    PeerConsensus consensus = PeerConsensus.of(settings);
    // A selected host is judged against its whole role, not against the selected part of it.
    Set<String> roles = PeerGroups.of(selected).keySet();
    Map<String, Set<String>> groups = PeerGroups.of(all);
    List<CompletableFuture<FleetAnswer>> answers = new ArrayList<>();
    for (String role : roles) {
      int size = groups.get(role).size();
      if (size < settings.minPeers()) {
        continue;
      }
      answers.add(
          fleet
              .aggregate(Selector.exactRole(role), "", consensus.hostCap(size))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<Finding> findings = new ArrayList<>();
              Set<String> missing = new TreeSet<>();
              for (CompletableFuture<FleetAnswer> a : answers) {
                FleetAnswer answer = a.join();
                findings.addAll(consensus.judge(answer.aggregate()));
                missing.addAll(answer.missing());
              }
              return new Judged(findings, missing);
            });
  }
}
