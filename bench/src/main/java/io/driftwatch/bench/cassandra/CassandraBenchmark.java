package io.driftwatch.bench.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.ConfigFactory;
import io.driftwatch.bench.cassandra.Results.Contender;
import io.driftwatch.bench.cassandra.Results.WriteRound;
import io.driftwatch.bench.fleet.Machine;
import io.driftwatch.bench.fleet.NodeCpu;
import io.driftwatch.cassandra.CassandraChangeStore;
import io.driftwatch.cassandra.CassandraSessions;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.SnapshotPolicy;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.ProbeRecord;
import io.driftwatch.node.store.SnapshotCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The Cassandra store benchmark, in one run against one node, in a keyspace of its own that is
 * dropped at the end: write throughput of Driftwatch's write path against the raw driver writing
 * the same rows, state at t of a host with a year of hourly changes, and the fleet timeline of one
 * hour across 10,000 hosts. Prints the markdown report and writes it to {@code
 * OUT/cassandra-DATE.md}. Run it through {@code bench/run-cassandra.sh}.
 */
public final class CassandraBenchmark {

  /** Probes a contender has outstanding at once, as many host entities recording side by side. */
  private static final int PROBES_IN_FLIGHT = 128;

  private static final Duration OP_TIMEOUT = Duration.ofMinutes(2);
  private static final SnapshotPolicy POLICY =
      SnapshotPolicy.fromConfig(ConfigFactory.load().getConfig("driftwatch.snapshot"));

  private final CassandraOptions options;
  private final CqlSession session;
  private final CassandraSettings settings;
  private final CassandraChangeStore store;

  private CassandraBenchmark(
      CassandraOptions options,
      CqlSession session,
      CassandraSettings settings,
      CassandraChangeStore store) {
    this.options = options;
    this.session = session;
    this.settings = settings;
    this.store = store;
  }

  public static void main(String[] args) throws Exception {
    CassandraOptions options = CassandraOptions.parse(args);
    String keyspace =
        "bench_"
            + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    CassandraSettings settings =
        CassandraSettings.fromConfig(
            ConfigFactory.parseMap(
                    Map.of(
                        "driftwatch.cassandra.contact-points",
                        options.contactPoint(),
                        "driftwatch.cassandra.keyspace",
                        keyspace))
                .withFallback(ConfigFactory.load()));
    try (CqlSession session = CassandraSessions.open(settings)) {
      try {
        try (CassandraChangeStore store = CassandraChangeStore.open(session, settings)) {
          new CassandraBenchmark(options, session, settings, store).run();
        }
      } finally {
        settings.keyspace().drop(session);
        System.err.println("dropped keyspace " + keyspace);
      }
    }
    System.exit(0);
  }

  private void run() throws Exception {
    String release = session.execute("SELECT release_version FROM system.local").one().getString(0);
    List<WriteRound> writes = writeThroughput();
    Results.StateAt stateAt = stateAt();
    Results.FleetTimeline fleet = fleetTimeline();
    Map<String, String> machine = Machine.describe();
    machine.remove("ansible");
    machine.remove("OpenSSH");
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    Results.Context context =
        new Results.Context(
            date,
            options.commit(),
            machine,
            "Apache Cassandra "
                + release
                + ", one node on 127.0.0.1 (heap "
                + options.cassandraHeap()
                + "), consistency "
                + settings.consistency()
                + ", replication factor 1",
            settings.maxRequestsInFlight(),
            options.writeHosts(),
            options.rounds());
    String md = CassandraReport.markdown(context, writes, stateAt, fleet);
    System.out.println(md);
    Files.createDirectories(options.out());
    Path file = options.out().resolve("cassandra-" + date + ".md");
    Files.writeString(file, md);
    System.err.println("wrote " + file);
  }

  // --- 1. write throughput -----------------------------------------------------------------

  private List<WriteRound> writeThroughput() throws Exception {
    int n = options.writeHosts();
    Instant start = Instant.parse("2026-03-02T00:00:00Z");
    List<SyntheticHost> ours = hosts("dw-", n, 300, start.minus(Duration.ofHours(1)));
    List<SyntheticHost> raw = hosts("rd-", n, 300, start.minus(Duration.ofHours(1)));
    RawChangeWriter peer =
        new RawChangeWriter(session, settings.keyspace().name(), settings.maxRequestsInFlight());
    List<WriteRound> measured = new ArrayList<>();
    for (int round = 0; round <= options.rounds(); round++) {
      Instant hour = start.plus(Duration.ofHours(round));
      List<ProbeRecord> ourProbes = round(ours, hour, round);
      List<ProbeRecord> rawProbes = round(raw, hour, round);
      List<Optional<RawChangeWriter.EncodedSnapshot>> rawSnapshots =
          rawProbes.stream().map(CassandraBenchmark::encoded).toList();
      // Alternating who goes first spreads flushes and compactions over both contenders.
      WriteRound a;
      WriteRound b;
      if (round % 2 == 0) {
        a = timedOurs(ourProbes);
        b = timedRaw(peer, rawProbes, rawSnapshots);
      } else {
        b = timedRaw(peer, rawProbes, rawSnapshots);
        a = timedOurs(ourProbes);
      }
      System.err.printf(
          "write round %d%s: Driftwatch %,.0f events/s, raw driver %,.0f events/s%n",
          round, round == 0 ? " (warm-up)" : "", a.eventsPerSecond(), b.eventsPerSecond());
      if (round > 0) {
        measured.add(a);
        measured.add(b);
      }
    }
    return measured;
  }

  private static List<SyntheticHost> hosts(String prefix, int n, int facts, Instant probedBefore) {
    List<SyntheticHost> hosts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hosts.add(
          new SyntheticHost(String.format("%s%05d", prefix, i), facts, i, POLICY, probedBefore));
    }
    return hosts;
  }

  /** Each host probed once at a moment of the hour, with 2 to 8 changes (5 on average). */
  private static List<ProbeRecord> round(List<SyntheticHost> hosts, Instant hour, int round) {
    Random random = new Random(round);
    List<ProbeRecord> probes = new ArrayList<>(hosts.size());
    for (SyntheticHost host : hosts) {
      Instant at = hour.plusMillis(random.nextInt(3_600_000));
      probes.add(host.probe(at, 2 + random.nextInt(7)));
    }
    return probes;
  }

  private static Optional<RawChangeWriter.EncodedSnapshot> encoded(ProbeRecord probe) {
    return probe
        .snapshot()
        .map(s -> new RawChangeWriter.EncodedSnapshot(s.size(), SnapshotCodec.encode(s)));
  }

  private WriteRound timedOurs(List<ProbeRecord> probes) throws Exception {
    Meter meter = new Meter();
    record(probes);
    return meter.round(Contender.DRIFTWATCH, probes);
  }

  private WriteRound timedRaw(
      RawChangeWriter peer,
      List<ProbeRecord> probes,
      List<Optional<RawChangeWriter.EncodedSnapshot>> snapshots)
      throws Exception {
    Meter meter = new Meter();
    List<CompletableFuture<Void>> writes = new ArrayList<>(probes.size());
    for (int i = 0; i < probes.size(); i++) {
      ProbeRecord p = probes.get(i);
      writes.add(peer.write(p.host(), p.probedAt(), p.changes(), snapshots.get(i)));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .get(OP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return meter.round(Contender.RAW_DRIVER, probes);
  }

  /** Records probes through the store, {@link #PROBES_IN_FLIGHT} at a time; fails on any error. */
  private void record(Iterable<ProbeRecord> probes) throws Exception {
    Semaphore window = new Semaphore(PROBES_IN_FLIGHT);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    for (ProbeRecord probe : probes) {
      window.acquire();
      store
          .recordProbe(probe)
          .whenComplete(
              (done, error) -> {
                if (error != null) {
                  failures.add(error);
                }
                window.release();
              });
    }
    if (!window.tryAcquire(PROBES_IN_FLIGHT, OP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("probes still unrecorded after " + OP_TIMEOUT);
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("recordProbe failed", failures.peek());
    }
  }

  /** Wall and CPU clocks around a round. */
  private final class Meter {
    private final long nodeCpu0 = nodeCpu();
    private final long jvmCpu0 = NodeCpu.jvmNanos();
    private final long t0 = System.nanoTime();

    WriteRound round(Contender contender, List<ProbeRecord> probes) {
      long nanos = System.nanoTime() - t0;
      long jvm = NodeCpu.jvmNanos() - jvmCpu0;
      long node = nodeCpu0 < 0 ? -1 : nodeCpu() - nodeCpu0;
      long events = probes.stream().mapToLong(p -> p.changes().size()).sum();
      return new WriteRound(contender, probes.size(), events, nanos, jvm, node);
    }

    private long nodeCpu() {
      return options.cassandraPid() > 0 ? NodeCpu.processNanos(options.cassandraPid()) : -1;
    }
  }

  // --- 2. state at t -------------------------------------------------------------------------

  private Results.StateAt stateAt() throws Exception {
    String name = "year-host";
    int facts = 1_700;
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    int hours = 8_760;
    Random random = new Random(42);
    int warmUp = 20;
    List<Instant> instants = new ArrayList<>();
    for (int i = 0; i < warmUp + options.stateQueries(); i++) {
      instants.add(
          start.plusMillis((long) (random.nextDouble() * Duration.ofHours(hours).toMillis())));
    }
    List<Instant> ascending = new ArrayList<>(instants);
    Collections.sort(ascending);
    Map<Instant, FactSet> expected = new java.util.HashMap<>();
    SyntheticHost host = new SyntheticHost(name, facts, 7, POLICY, null);
    List<ProbeRecord> year = new ArrayList<>(hours);
    FactSet before = FactSet.empty();
    int next = 0;
    for (int h = 0; h < hours; h++) {
      // Probed every hour, a little late as a real schedule is, with 1 to 6 changes.
      Instant at = start.plus(Duration.ofHours(h)).plusMillis(random.nextInt(120_000));
      while (next < ascending.size() && ascending.get(next).isBefore(at)) {
        expected.put(ascending.get(next++), before);
      }
      ProbeRecord probe = host.probe(at, 1 + random.nextInt(6));
      year.add(probe);
      before = host.facts();
    }
    while (next < ascending.size()) {
      expected.put(ascending.get(next++), before);
    }
    long events = year.stream().mapToLong(p -> p.changes().size()).sum();
    int snapshots = (int) year.stream().filter(p -> p.snapshot().isPresent()).count();
    long t0 = System.nanoTime();
    record(year);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf(
        "state at t: recorded %,d probes (%,d changes, %d snapshots) in %.1f s%n",
        hours, events, snapshots, loadSeconds);
    year = null;
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < instants.size(); i++) {
      Instant at = instants.get(i);
      long q0 = System.nanoTime();
      Optional<FactSet> state = await(store.stateAt(name, at));
      double ms = (System.nanoTime() - q0) / 1e6;
      FactSet want = expected.get(at);
      if (!state.orElse(FactSet.empty()).equals(want)) {
        throw new IllegalStateException("stateAt(" + name + ", " + at + ") is wrong");
      }
      if (i >= warmUp) {
        millis.add(ms);
      }
    }
    Percentiles p = Percentiles.of(millis);
    System.err.printf("state at t: p50 %.1f ms, p99 %.1f ms%n", p.p50(), p.p99());
    return new Results.StateAt(hours, events, snapshots, host.facts().size(), loadSeconds, millis);
  }

  // --- 3. fleet timeline ---------------------------------------------------------------------

  private Results.FleetTimeline fleetTimeline() throws Exception {
    int n = options.fleetHosts();
    Instant hour = Instant.parse("2026-06-01T12:00:00Z");
    Random random = new Random(10_000);
    List<ProbeRecord> probes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SyntheticHost host =
          new SyntheticHost(
              String.format("fleet-%05d", i), 200, i, POLICY, hour.minus(Duration.ofHours(1)));
      probes.add(host.probe(hour.plusMillis(random.nextInt(3_600_000)), 1 + random.nextInt(7)));
    }
    long events = probes.stream().mapToLong(p -> p.changes().size()).sum();
    long t0 = System.nanoTime();
    record(probes);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf(
        "fleet timeline: recorded %,d probes (%,d changes) in %.1f s%n", n, events, loadSeconds);
    probes = null;
    TimeRange range = new TimeRange(hour, hour.plus(Duration.ofHours(1)).minusMillis(1));
    ChangeQuery wholeHour = ChangeQuery.ofFleet("", range, ChangeQuery.MAX_LIMIT);
    List<Double> wholeMillis =
        timedQueries(wholeHour, 2, 7, page -> page.changes().size() == events && !page.truncated());
    // The HTTP API's default limit (Params.DEFAULT_LIMIT in http-api): the newest 10,000.
    int pageRows = 10_000;
    ChangeQuery apiPage = ChangeQuery.ofFleet("", range, pageRows);
    List<Double> pageMillis =
        timedQueries(
            apiPage,
            2,
            15,
            page ->
                page.changes().size() == Math.min(pageRows, events)
                    && page.truncated() == (events > pageRows));
    return new Results.FleetTimeline(n, events, loadSeconds, wholeMillis, pageRows, pageMillis);
  }

  private List<Double> timedQueries(
      ChangeQuery query, int warmUp, int measured, java.util.function.Predicate<ChangePage> right)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < warmUp + measured; i++) {
      long t0 = System.nanoTime();
      ChangePage page = await(store.changes(query));
      double ms = (System.nanoTime() - t0) / 1e6;
      if (!right.test(page)) {
        throw new IllegalStateException(
            "fleet query (limit "
                + query.limit()
                + ") returned "
                + page.changes().size()
                + " changes, truncated "
                + page.truncated());
      }
      if (i >= warmUp) {
        millis.add(ms);
      }
    }
    Percentiles p = Percentiles.of(millis);
    System.err.printf(
        "fleet timeline, limit %,d: p50 %.0f ms, p99 %.0f ms%n", query.limit(), p.p50(), p.p99());
    return millis;
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(OP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
