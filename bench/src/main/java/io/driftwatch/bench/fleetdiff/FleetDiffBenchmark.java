package io.driftwatch.bench.fleetdiff;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.ConfigFactory;
import io.driftwatch.bench.cassandra.BenchKeyspace;
import io.driftwatch.bench.cassandra.Percentiles;
import io.driftwatch.cassandra.CassandraChangeStore;
import io.driftwatch.cassandra.CassandraSessions;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.LocalHosts;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SqliteChangeStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The fleet diff benchmark (issue 5), in one JVM and one run: 10,000 simulated hosts × 2,000 facts
 * on one member with the embedded store (heap bytes per fact, ingest of probes changing 1% of the
 * facts, {@code GET /v1/fleet/diff} over all hosts, over one role and at a past instant), the naive
 * text peer over the same facts, then the same fleet diff across three members on Cassandra.
 *
 * <pre>bench/run-fleet-diff.sh [--hosts N] [--facts F] [--cluster-hosts C] [--queries Q]</pre>
 */
public final class FleetDiffBenchmark {

  /** The flap period, and the clock's step between ingest rounds. */
  static final Duration PERIOD = Duration.ofMinutes(10);

  /** Probes outstanding at once while registering and ingesting. */
  private static final int IN_FLIGHT = 256;

  private static final Duration LOAD_DEADLINE = Duration.ofMinutes(6);

  private final FleetDiffOptions options;
  private final FleetDiffClient client = new FleetDiffClient();

  private FleetDiffBenchmark(FleetDiffOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    FleetDiffOptions options = FleetDiffOptions.parse(args);
    long started = System.nanoTime();
    FleetDiffBenchmark bench = new FleetDiffBenchmark(options);
    Path tmp = Files.createTempDirectory("fleet-diff-bench");
    FleetDiffResults.OneMember one = bench.oneMember(tmp);
    FleetDiffResults.Cluster three = options.clusterHosts() > 0 ? bench.threeMembers(tmp) : null;
    deleteTree(tmp);
    FleetDiffResults results =
        new FleetDiffResults(
            options, one, three, Duration.ofNanos(System.nanoTime() - started), Instant.now());
    String report = FleetDiffReport.markdown(results, options.commit());
    Path out = options.out().resolve("fleet-diff-" + LocalDate.today() + ".md");
    Files.writeString(out, report);
    System.out.println(report);
    System.err.println("wrote " + out);
    System.exit(0);
  }

  private FleetDiffResults.OneMember oneMember(Path tmp) throws Exception {
    Instant start = SimFleet.startNear(Instant.now(), PERIOD);
    StepClock clock = new StepClock(start);
    SimFleet fleet = new SimFleet(options.hosts(), options.facts(), PERIOD, start);
    Path data = Files.createDirectories(tmp.resolve("embedded"));
    ChangeStore store = SqliteChangeStore.open(data);
    BenchMember member = BenchMember.start(store, clock, freePort(), null, ConfigFactory.empty());
    try {
      waitFor("the member to be up", () -> member.members() == 1);
      long before = Heap.usedAfterGc();

      long t0 = System.nanoTime();
      List<HostSpec> specs = fleet.specs();
      forAll(specs, spec -> member.registry.register(spec));
      double registerSeconds = seconds(t0);
      log("registered %,d hosts in %.1f s", specs.size(), registerSeconds);
      waitFor("every host's first probe", () -> member.probedHosts() == fleet.hosts());
      double loadSeconds = seconds(t0);
      log("all %,d hosts probed after %.1f s", fleet.hosts(), loadSeconds);
      long after = Heap.usedAfterGc();
      long facts = factsHeld(List.of(member));
      double bytesPerFact = (after - before) / (double) facts;
      log(
          "heap %,d MB for %,d facts: %.2f bytes per fact",
          (after - before) >> 20, facts, bytesPerFact);

      // Ingest: each round moves the clock one flap period and probes every host once.
      List<String> names = specs.stream().map(HostSpec::name).toList();
      List<FleetDiffResults.IngestRound> rounds = new ArrayList<>();
      Instant beforeIngest = clock.instant();
      for (int r = 0; r < options.ingestRounds(); r++) {
        clock.advance(PERIOD);
        rounds.add(ingestRound(member, names));
        log("ingest round %d: %.0f probes/s", r + 1, rounds.get(r).probesPerSecond());
      }

      // What each fleet query pays before aggregating: the registry, read and decoded whole.
      List<Double> registryMs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long s = System.nanoTime();
        BenchMember.await(store.hosts());
        registryMs.add((System.nanoTime() - s) / 1e6);
      }
      double registryReadMs = Percentiles.median(registryMs);
      log("registry read: %.0f ms", registryReadMs);

      List<String> small =
          names.stream().filter(n -> n.startsWith(SimFleet.SMALL_ROLE + "-")).toList();
      String role = "role=" + SimFleet.SMALL_ROLE;
      List<FleetDiffResults.Latency> now =
          latencies(
              member.httpPort,
              List.of(new Selection("all hosts", "", null), new Selection(role, role, null)),
              options.queries());
      FleetDiffResults.Latency all = now.get(0);
      // Between the first probes and the first ingest round: every host's state as loaded.
      Instant past = beforeIngest.plus(Duration.ofSeconds(1));
      FleetDiffResults.Latency atRole =
          latencies(
                  member.httpPort,
                  List.of(new Selection(role + ", at= a past instant", role, past)),
                  options.atQueries())
              .get(0);

      FleetDiffResults.Peer peer = peer(tmp, member, names, small, all, now.get(1));
      return new FleetDiffResults.OneMember(
          fleet.hosts(),
          options.facts(),
          facts,
          bytesPerFact,
          (after - before),
          registryReadMs,
          registerSeconds,
          loadSeconds,
          rounds,
          all,
          now.get(1),
          atRole,
          peer);
    } finally {
      member.close();
      store.close();
    }
  }

  /** Dumps every host's current facts as text and times the naive program over them. */
  private FleetDiffResults.Peer peer(
      Path tmp,
      BenchMember member,
      List<String> all,
      List<String> small,
      FleetDiffResults.Latency ourAll,
      FleetDiffResults.Latency ourRole)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("text"));
    long t0 = System.nanoTime();
    for (LocalHosts.Entry e : member.localHosts().entries()) {
      NaivePeer.dump(dir, e.name(), e.facts());
    }
    long bytes;
    try (Stream<Path> files = Files.list(dir)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    log("dumped %,d MB of text in %.1f s", bytes >> 20, seconds(t0));
    List<Double> allMs = new ArrayList<>();
    int allKeys = -1;
    for (int i = 0; i < options.peerRuns(); i++) {
      long s = System.nanoTime();
      allKeys = NaivePeer.disagreeingKeys(dir, all);
      allMs.add((System.nanoTime() - s) / 1e6);
    }
    List<Double> smallMs = new ArrayList<>();
    int smallKeys = -1;
    for (int i = 0; i < options.peerRuns() * 3; i++) {
      long s = System.nanoTime();
      smallKeys = NaivePeer.disagreeingKeys(dir, small);
      smallMs.add((System.nanoTime() - s) / 1e6);
    }
    log(
        "peer: all %.0f ms (%d keys), role %.0f ms (%d keys)",
        Percentiles.median(allMs), allKeys, Percentiles.median(smallMs), smallKeys);
    if (allKeys != ourAll.keys() || smallKeys != ourRole.keys()) {
      throw new IllegalStateException(
          "the peer and the fleet diff disagree: peer "
              + allKeys
              + " / "
              + smallKeys
              + " keys, fleet diff "
              + ourAll.keys()
              + " / "
              + ourRole.keys());
    }
    return new FleetDiffResults.Peer(
        bytes, Percentiles.of(allMs), allKeys, Percentiles.of(smallMs), smallKeys);
  }

  private FleetDiffResults.Cluster threeMembers(Path tmp) throws Exception {
    CassandraSettings settings = BenchKeyspace.settings("bench_fleetdiff_", options.contactPoint());
    Instant start = SimFleet.startNear(Instant.now(), PERIOD);
    StepClock clock = new StepClock(start);
    SimFleet fleet = new SimFleet(options.clusterHosts(), options.facts(), PERIOD, start);
    List<ChangeStore> stores = new ArrayList<>();
    List<BenchMember> members = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        stores.add(CassandraChangeStore.open(settings));
        int port = freePort();
        members.add(
            BenchMember.start(
                stores.get(i),
                clock,
                port,
                i == 0 ? null : members.get(0).address(),
                ConfigFactory.empty()));
      }
      waitFor("three members up", () -> members.stream().allMatch(m -> m.members() == 3));
      BenchMember first = members.get(0);
      long t0 = System.nanoTime();
      List<HostSpec> specs = fleet.specs();
      forAll(specs, spec -> first.registry.register(spec));
      waitFor(
          "every host's first probe",
          () -> members.stream().mapToInt(BenchMember::probedHosts).sum() == fleet.hosts());
      double loadSeconds = seconds(t0);
      List<Integer> perMember = members.stream().map(BenchMember::probedHosts).toList();
      log(
          "three members: %,d hosts probed after %.1f s, %s per member",
          fleet.hosts(), loadSeconds, perMember);
      List<String> names = specs.stream().map(HostSpec::name).toList();
      clock.advance(PERIOD);
      FleetDiffResults.IngestRound ingest = ingestRound(first, names);
      log("three members: ingest %.0f probes/s", ingest.probesPerSecond());
      String role = "role=" + SimFleet.SMALL_ROLE;
      List<FleetDiffResults.Latency> now =
          latencies(
              first.httpPort,
              List.of(
                  new Selection("all hosts, three members", "", null),
                  new Selection(role + ", three members", role, null)),
              options.queries());
      return new FleetDiffResults.Cluster(
          fleet.hosts(),
          fleet.roleSize(SimFleet.SMALL_ROLE),
          perMember,
          loadSeconds,
          ingest,
          now.get(0),
          now.get(1));
    } finally {
      for (int i = members.size() - 1; i >= 0; i--) {
        members.get(i).close();
      }
      stores.forEach(ChangeStore::close);
      try (CqlSession session = CassandraSessions.open(settings)) {
        settings.keyspace().drop(session);
        log("dropped keyspace %s", settings.keyspace());
      }
    }
  }

  /** Probes every host once, {@value #IN_FLIGHT} at a time, through the member's queries. */
  private FleetDiffResults.IngestRound ingestRound(BenchMember member, List<String> names) {
    AtomicLong changes = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long t0 = System.nanoTime();
    forAll(
        names,
        name ->
            member
                .queries
                .probe(name)
                .thenApply(
                    reply -> {
                      if (reply instanceof HostEntity.Probed p) {
                        changes.addAndGet(p.changes());
                      } else {
                        failed.incrementAndGet();
                      }
                      return reply;
                    }));
    double secs = seconds(t0);
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " probes failed");
    }
    return new FleetDiffResults.IngestRound(
        names.size(), secs, names.size() / secs, changes.get() / (double) names.size());
  }

  /** One fleet diff the benchmark times: what the report calls it, its selector and instant. */
  private record Selection(String what, String selector, Instant at) {}

  /**
   * Times {@code queries} rounds of the selections over HTTP, one query of each per round, so that
   * the machine's changing load falls on all of them alike; warm-up rounds first.
   */
  private List<FleetDiffResults.Latency> latencies(
      int port, List<Selection> selections, int queries) {
    List<FleetDiffClient.Answer> firsts = new ArrayList<>();
    for (Selection s : selections) {
      FleetDiffClient.Answer first = client.diff(port, s.selector(), s.at());
      if (first.answered() != first.hosts()) {
        throw new IllegalStateException(
            s.what()
                + ": "
                + (first.hosts() - first.answered())
                + " hosts missing from the answer");
      }
      firsts.add(first);
    }
    for (int i = 1; i < options.warmup(); i++) {
      selections.forEach(s -> client.diff(port, s.selector(), s.at()));
    }
    List<List<Double>> ms = new ArrayList<>();
    int[] missing = new int[selections.size()];
    selections.forEach(s -> ms.add(new ArrayList<>()));
    for (int i = 0; i < queries; i++) {
      for (int j = 0; j < selections.size(); j++) {
        Selection s = selections.get(j);
        FleetDiffClient.Answer a = client.diff(port, s.selector(), s.at());
        missing[j] = Math.max(missing[j], a.missing());
        ms.get(j).add(a.millis());
      }
    }
    List<FleetDiffResults.Latency> result = new ArrayList<>();
    for (int j = 0; j < selections.size(); j++) {
      FleetDiffClient.Answer first = firsts.get(j);
      Percentiles p = Percentiles.of(ms.get(j));
      log(
          "%s: p50 %.1f ms, p99 %.1f ms (%d hosts, %d keys differ, %,d bytes)",
          selections.get(j).what(), p.p50(), p.p99(), first.hosts(), first.count(), first.bytes());
      result.add(
          new FleetDiffResults.Latency(
              selections.get(j).what(),
              first.hosts(),
              first.count(),
              first.bytes(),
              missing[j],
              p));
    }
    return result;
  }

  /** Runs {@code action} on every item, {@value #IN_FLIGHT} outstanding at once; waits for all. */
  private static <T> void forAll(List<T> items, Function<T, CompletionStage<?>> action) {
    Semaphore window = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (T item : items) {
      window.acquireUninterruptibly();
      CompletableFuture<?> f =
          action.apply(item).toCompletableFuture().whenComplete((r, e) -> window.release());
      pending.add(f);
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
  }

  private static long factsHeld(List<BenchMember> members) {
    return members.stream()
        .flatMap(m -> m.localHosts().entries().stream())
        .mapToLong(e -> e.facts().size())
        .sum();
  }

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LOAD_DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(200); // polling a condition with a deadline; nothing to be told by
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.err.printf(java.util.Locale.ROOT, format + "%n", args);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Today's date in UTC, for the report's file name. */
  private static final class LocalDate {
    static String today() {
      return java.time.LocalDate.now(ZoneOffset.UTC).toString();
    }
  }

  /** Heap in use once a full collection has run and the number stopped falling. */
  static final class Heap {
    private Heap() {}

    static long usedAfterGc() {
      long used = Long.MAX_VALUE;
      for (int i = 0; i < 10; i++) {
        System.gc();
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (now >= used) {
          return Math.min(now, used);
        }
        used = now;
      }
      return used;
    }
  }
}
