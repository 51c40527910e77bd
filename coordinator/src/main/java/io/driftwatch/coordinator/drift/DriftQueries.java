package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRef;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.TimeSpec;
import io.driftwatch.coordinator.fleet.FleetAggregate;
import io.driftwatch.coordinator.fleet.FleetAnswer;
import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ChangeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Evaluates drift: judges the selected hosts against their baselines and expectations, applies the
 * exceptions, ranks each finding ({@link SeverityRules}, or the expectation's own severity) and
 * dates it ({@link SinceReader}). The judging is pure ({@link PeerConsensus}, {@link
 * ExpectationJudge}, {@link BaselineJudge}, {@link ExceptionFilter}); this class gathers what they
 * need: the registry and the policies, fleet aggregates scattered to the members like a fleet diff
 * (one per peer group, one per expectation), and per-host state reads for time and golden
 * baselines.
 *
 * <p>Which baseline judges a host: with {@code ?baseline=NAME} that one only (for the selected
 * hosts its selector matches; no expectations). Otherwise every registered baseline whose selector
 * matches the host, or, when none does, the default peers baseline (its role); and every
 * expectation whose selector matches it.
 */
public final class DriftQueries {

  /** Where an expectation's facts or the os facts are aggregated, every holder is named. */
  private static final int EVERY_HOST = Integer.MAX_VALUE;

  private final KnownHosts known;
  private final FleetQueries fleet;
  private final HostQueries hosts;
  private final Supplier<CompletionStage<Policies>> policies;
  private final DriftSettings settings;
  private final SinceReader since;
  private final Clock clock;

  /**
   * @param policies the policies in force (the policy registry's current view)
   */
  public DriftQueries(
      KnownHosts known,
      FleetQueries fleet,
      HostQueries hosts,
      ChangeStore store,
      Supplier<CompletionStage<Policies>> policies,
      DriftSettings settings,
      Clock clock) {
    this.known = known;
    this.fleet = fleet;
    this.hosts = hosts;
    this.policies = policies;
    this.settings = settings;
    this.since = new SinceReader(store, settings.sinceReads(), settings.sinceParallelism());
    this.clock = clock;
  }

  public DriftSettings settings() {
    return settings;
  }

  /** What a drift query asks: which hosts, against what, and which findings to list. */
  public record Ask(Selector selector, String baseline, boolean includeExcepted, Severity atLeast) {

    /** Every finding of every host, silenced ones left out. */
    public static Ask all() {
      return new Ask(Selector.all(), null, false, Severity.LOW);
    }
  }

  /** Findings before exceptions, ranking and dating, and the hosts no member answered for. */
  private record Judged(
      List<Finding> findings, Map<String, Severity> severities, Set<String> missing) {

    static Judged of(List<Judged> parts) {
      List<Finding> findings = new ArrayList<>();
      Map<String, Severity> severities = new HashMap<>();
      Set<String> missing = new TreeSet<>();
      for (Judged j : parts) {
        findings.addAll(j.findings());
        severities.putAll(j.severities());
        missing.addAll(j.missing());
      }
      return new Judged(findings, severities, missing);
    }
  }

  /** The current findings of the selected hosts; none selected is a NotFoundException. */
  public CompletionStage<DriftReport> evaluate(Ask ask) {
    Instant now = clock.instant();
    return known
        .all()
        .thenCombine(policies.get(), (all, p) -> judge(ask, all, p, now))
        .thenCompose(stage -> stage)
        .exceptionally(
            error -> {
              throw Failures.rethrow(Failures.unwrap(error));
            });
  }

  private CompletionStage<DriftReport> judge(Ask ask, List<HostSpec> all, Policies p, Instant now) {
    Map<String, HostSpec> selected = FleetQueries.select(all, ask.selector());
    List<CompletableFuture<Judged>> parts = new ArrayList<>();
    if (ask.baseline() != null) {
      Baseline b =
          p.baselines().stream()
              .filter(x -> x.name().equals(ask.baseline()))
              .findFirst()
              .orElseThrow(() -> new NotFoundException("no baseline named " + ask.baseline()));
      parts.add(baseline(b, all, matching(selected, b.selector()), now).toCompletableFuture());
    } else {
      List<HostSpec> byDefault = new ArrayList<>();
      for (HostSpec h : selected.values()) {
        if (p.baselines().stream().noneMatch(b -> b.selector().matches(h))) {
          byDefault.add(h);
        }
      }
      parts.add(peers(all, byDefault).toCompletableFuture());
      for (Baseline b : p.baselines()) {
        List<HostSpec> judged = matching(selected, b.selector());
        if (!judged.isEmpty()) {
          parts.add(baseline(b, all, judged, now).toCompletableFuture());
        }
      }
      parts.add(
          expectations(all, p.expectations(), ask.selector(), selected).toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              Judged judged = Judged.of(parts.stream().map(CompletableFuture::join).toList());
              List<Finding> kept =
                  ExceptionFilter.apply(
                          judged.findings().stream()
                              .filter(f -> selected.containsKey(f.host()))
                              .toList(),
                          p.exceptions(),
                          selected,
                          now,
                          ask.includeExcepted())
                      .stream()
                      .map(f -> f.withSeverity(rank(f, judged.severities())))
                      .filter(f -> f.severity().atLeast(ask.atLeast()))
                      .toList();
              List<String> missing =
                  judged.missing().stream().filter(selected::containsKey).sorted().toList();
              Map<String, Map<String, String>> tags =
                  selected.values().stream()
                      .collect(Collectors.toMap(HostSpec::name, HostSpec::tags));
              return since
                  .date(kept, now)
                  .thenApply(
                      dated ->
                          new DriftReport(
                              dated,
                              selected.size(),
                              selected.size() - missing.size(),
                              missing,
                              tags));
            });
  }

  private Severity rank(Finding f, Map<String, Severity> fixed) {
    Severity own = fixed.get(f.id());
    return own != null ? own : settings.severity().of(f);
  }

  private static List<HostSpec> matching(Map<String, HostSpec> hosts, Selector selector) {
    return hosts.values().stream().filter(selector::matches).toList();
  }

  /** The default peers baseline: one aggregate per role of the judged hosts. */
  private CompletionStage<Judged> peers(List<HostSpec> all, List<HostSpec> judged) {
    PeerConsensus consensus = PeerConsensus.of(settings);
    // A judged host is compared with its whole role, not with the selected part of it.
    Set<String> roles = PeerGroups.of(judged).keySet();
    Map<String, Set<String>> groups = PeerGroups.of(all);
    Set<String> names = judged.stream().map(HostSpec::name).collect(Collectors.toSet());
    List<CompletableFuture<Judged>> answers = new ArrayList<>();
    for (String role : roles) {
      int size = groups.get(role).size();
      if (size >= settings.minPeers()) {
        answers.add(
            peerGroup(all, consensus, Selector.exactRole(role), size, names).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(done -> Judged.of(answers.stream().map(CompletableFuture::join).toList()));
  }

  /** One peer group's findings about the {@code judged} hosts in it. */
  private CompletionStage<Judged> peerGroup(
      List<HostSpec> all, PeerConsensus consensus, Selector group, int size, Set<String> judged) {
    return fleet
        .aggregate(all, group, "", consensus.hostCap(size))
        .thenApply(
            answer ->
                new Judged(
                    consensus.judge(answer.aggregate()).stream()
                        .filter(f -> judged.contains(f.host()))
                        .toList(),
                    Map.of(),
                    Set.copyOf(answer.missing())));
  }

  /** A registered baseline's findings about {@code judged}. */
  private CompletionStage<Judged> baseline(
      Baseline b, List<HostSpec> all, List<HostSpec> judged, Instant now) {
    Set<String> names = judged.stream().map(HostSpec::name).collect(Collectors.toSet());
    return switch (b.kind()) {
      case PEERS -> {
        PeerConsensus consensus =
            new PeerConsensus(
                settings.minPeers(), b.threshold(), settings.ignore(), Source.BASELINE, b.name());
        int size = (int) all.stream().filter(b.selector()::matches).count();
        yield peerGroup(all, consensus, b.selector(), size, names);
      }
      case TIME -> {
        Instant at = TimeSpec.parse(b.at(), now);
        yield perHost(b, judged, h -> differences(new HostRef(h, at), h), List.of());
      }
      case GOLDEN -> {
        if (b.isSnapshot()) {
          FactSet saved = FactSet.of(b.facts());
          yield perHost(
              b,
              judged,
              h -> hosts.facts(h, "", null).thenApply(f -> saved.diff(f.facts())),
              settings.ignore());
        }
        HostRef golden = new HostRef(b.host(), b.at() == null ? null : TimeSpec.parse(b.at(), now));
        yield perHost(
            b,
            judged.stream().filter(h -> !h.name().equals(b.host())).toList(),
            h -> differences(golden, h),
            settings.ignore());
      }
    };
  }

  private CompletionStage<List<FactDifference>> differences(HostRef reference, String host) {
    return hosts
        .diff(reference, new HostRef(host, null), "")
        .thenApply(HostQueries.Diff::differences);
  }

  /**
   * A time or golden baseline, host by host (bounded like the since reads). A host with no state to
   * compare (not probed, or not yet at the reference time) is missing, not drifting.
   */
  private CompletionStage<Judged> perHost(
      Baseline b,
      List<HostSpec> judged,
      Function<String, CompletionStage<List<FactDifference>>> read,
      List<KeyPattern> ignore) {
    Set<String> unanswered = ConcurrentHashMap.newKeySet();
    return Bounded.map(
            judged.stream().map(HostSpec::name).toList(),
            settings.sinceParallelism(),
            h ->
                read.apply(h)
                    .handle(
                        (d, error) -> {
                          if (error == null) {
                            return d;
                          }
                          if (Failures.unwrap(error) instanceof NotFoundException) {
                            unanswered.add(h);
                            return null;
                          }
                          throw Failures.rethrow(Failures.unwrap(error));
                        }))
        .thenApply(
            diffs -> {
              List<Finding> findings = new ArrayList<>();
              diffs.forEach((h, d) -> findings.addAll(BaselineJudge.judge(h, b.name(), d, ignore)));
              return new Judged(findings, Map.of(), Set.copyOf(unanswered));
            });
  }

  /**
   * Every expectation that speaks about a selected host: one aggregate per expectation (its
   * selector, its key's plain prefix, every holder named), and the os facts that choose the version
   * ordering when one compares versions.
   */
  private CompletionStage<Judged> expectations(
      List<HostSpec> registry,
      List<Expectation> expectations,
      Selector asked,
      Map<String, HostSpec> selected) {
    List<Expectation> relevant =
        expectations.stream()
            .filter(e -> selected.values().stream().anyMatch(e.selector()::matches))
            .toList();
    if (relevant.isEmpty()) {
      return CompletableFuture.completedFuture(new Judged(List.of(), Map.of(), Set.of()));
    }
    Map<Expectation, CompletableFuture<FleetAnswer>> answers = new LinkedHashMap<>();
    for (Expectation e : relevant) {
      answers.put(
          e, aggregate(registry, e.selector(), KeyGlob.prefix(e.key())).toCompletableFuture());
    }
    CompletableFuture<FleetAnswer> os =
        relevant.stream().anyMatch(e -> e.op().comparesVersions())
            ? aggregate(registry, asked, VersionSchemes.OS_ID).toCompletableFuture()
            : CompletableFuture.completedFuture(null);
    List<CompletableFuture<?>> waits = new ArrayList<>(answers.values());
    waits.add(os);
    return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<Expectation, Map<String, Map<String, String>>> facts = new HashMap<>();
              Set<String> missing = new TreeSet<>();
              answers.forEach(
                  (e, a) -> {
                    FleetAnswer answer = a.join();
                    if (answer != null) {
                      facts.put(e, byHost(answer.aggregate(), e::coversKey));
                      missing.addAll(answer.missing());
                    }
                  });
              ExpectationJudge.Judged j =
                  ExpectationJudge.judge(relevant, selected, facts, schemes(os.join()));
              return new Judged(j.findings(), j.severities(), missing);
            });
  }

  /** An aggregate naming every holder; null when the selector matches no monitored host. */
  private CompletionStage<FleetAnswer> aggregate(
      List<HostSpec> registry, Selector selector, String prefix) {
    return fleet
        .aggregate(registry, selector, prefix, EVERY_HOST)
        .handle(
            (answer, error) -> {
              if (error == null) {
                return answer;
              }
              if (Failures.unwrap(error) instanceof NotFoundException) {
                return null;
              }
              throw Failures.rethrow(Failures.unwrap(error));
            });
  }

  /** Host → (key → value) for the keys {@code wanted} accepts, every compared host present. */
  static Map<String, Map<String, String>> byHost(
      FleetAggregate aggregate, Predicate<String> wanted) {
    Map<String, Map<String, String>> byHost = new HashMap<>();
    aggregate.hosts().forEach(h -> byHost.put(h, new HashMap<>()));
    aggregate
        .keys()
        .forEach(
            (key, tally) -> {
              if (wanted.test(key)) {
                tally
                    .values()
                    .forEach(
                        (value, holders) ->
                            holders.hosts().forEach(h -> byHost.get(h).put(key, value)));
              }
            });
    return byHost;
  }

  private static Map<String, VersionScheme> schemes(FleetAnswer os) {
    Map<String, VersionScheme> schemes = new HashMap<>();
    if (os != null) {
      byHost(
              os.aggregate(),
              k -> k.equals(VersionSchemes.OS_ID) || k.equals(VersionSchemes.OS_ID_LIKE))
          .forEach(
              (h, f) ->
                  schemes.put(
                      h,
                      VersionSchemes.of(
                          f.get(VersionSchemes.OS_ID), f.get(VersionSchemes.OS_ID_LIKE))));
    }
    return schemes;
  }
}
