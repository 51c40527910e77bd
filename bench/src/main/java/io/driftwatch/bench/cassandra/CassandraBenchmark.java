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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
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

  /**
   * Probes recorded side by side while loading the state-at-t and fleet data (not measured as
   * throughput). In the write rounds every host has its probe outstanding at once, as every host
   * entity of a node does, and only the store's own cap on requests in flight holds them back.
   */
  private static final int LOAD_PROBES_IN_FLIGHT = 128;

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
    CassandraSettings settings = BenchKeyspace.settings("bench_", options.contactPoint());
    try (CqlSession session = CassandraSessions.open(settings)) {
      try {
        try (CassandraChangeStore store = CassandraChangeStore.open(session, settings)) {
          new CassandraBenchmark(options, session, settings, store).run();
        }
      } finally {
        settings.keyspace().drop(session);
        System.err.println("dropped keyspace " + settings.keyspace());
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
    Instant before = start.minus(Duration.ofHours(1));
    // Each contender writes hosts of its own, drifting alike (same seeds, names of equal length).
    Map<Contender, List<SyntheticHost>> fleets = new EnumMap<>(Contender.class);
    fleets.put(Contender.DRIFTWATCH, hosts("dw-", n, 300, before));
    fleets.put(Contender.RAW_DRIVER, hosts("rd-", n, 300, before));
    fleets.put(Contender.RAW_DRIVER_BATCHED, hosts("rb-", n, 300, before));
    String keyspace = settings.keyspace().name();
    int bound = settings.maxRequestsInFlight();
    Map<Contender, RawChangeWriter> peers = new EnumMap<>(Contender.class);
    peers.put(Contender.RAW_DRIVER, new RawChangeWriter(session, keyspace, bound, false));
    peers.put(Contender.RAW_DRIVER_BATCHED, new RawChangeWriter(session, keyspace, bound, true));
    List<Contender> order = new ArrayList<>(List.of(Contender.values()));
    List<WriteRound> measured = new ArrayList<>();
    for (int round = 0; round <= options.rounds(); round++) {
      Instant hour = start.plus(Duration.ofHours(round));
      Map<Contender, List<ProbeRecord>> probes = new EnumMap<>(Contender.class);
      for (Contender c : Contender.values()) {
        probes.put(c, round(fleets.get(c), hour, round));
      }
      StringBuilder line =
          new StringBuilder("write round " + round + (round == 0 ? " (warm-up)" : ""));
      // Rotating who goes first spreads flushes and compactions over all contenders.
      Collections.rotate(order, 1);
      for (Contender c : order) {
        WriteRound r =
            c == Contender.DRIFTWATCH
                ? timedOurs(probes.get(c))
                : timedRaw(c, peers.get(c), probes.get(c));
        line.append(String.format(Locale.ROOT, ", %s %,.0f events/s", c, r.eventsPerSecond()));
        if (round > 0) {
          measured.add(r);
        }
      }
      System.err.println(line);
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
    record(probes, probes.size());
    return meter.round(Contender.DRIFTWATCH, probes);
  }

  private WriteRound timedRaw(Contender contender, RawChangeWriter peer, List<ProbeRecord> probes)
      throws Exception {
    // Encoded before the clock starts: the peer only writes.
    List<Optional<RawChangeWriter.EncodedSnapshot>> snapshots =
        probes.stream().map(CassandraBenchmark::encoded).toList();
    Meter meter = new Meter();
    List<CompletableFuture<Void>> writes = new ArrayList<>(probes.size());
    for (int i = 0; i < probes.size(); i++) {
      ProbeRecord p = probes.get(i);
      writes.add(peer.write(p.host(), p.probedAt(), p.changes(), snapshots.get(i)));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .get(OP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return meter.round(contender, probes);
  }

  /** Records probes through the store, {@code inFlight} at a time; fails on any error. */
  private void record(Iterable<ProbeRecord> probes, int inFlight) throws Exception {
    Semaphore window = new Semaphore(inFlight);
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
    if (!window.tryAcquire(inFlight, OP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
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
    Map<Instant, FactSet> expected = new HashMap<>();
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
    record(year, LOAD_PROBES_IN_FLIGHT);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf(
        "state at t: recorded %,d probes (%,d changes, %d snapshots) in %.1f s%n",
        hours, events, snapshots, loadSeconds);
    year = null; // the records (and their snapshots) may go before the queries are timed
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
    record(probes, LOAD_PROBES_IN_FLIGHT);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf(
        "fleet timeline: recorded %,d probes (%,d changes) in %.1f s%n", n, events, loadSeconds);
    probes = null; // the records may go before the queries are timed
    TimeRange range = new TimeRange(hour, hour.plus(Duration.ofHours(1)).minusMillis(1));
    ChangeQuery wholeHour = ChangeQuery.ofFleet("", range, ChangeQuery.MAX_LIMIT);
    List<Double> wholeMillis =
        timedQueries(
            "whole hour, one query",
            2,
            7,
            () -> {
              ChangePage page = await(store.changes(wholeHour));
              return page.truncated() ? -1 : page.changes().size();
            },
            events);
    // Pages of the HTTP API's default limit (Params.DEFAULT_LIMIT in http-api).
    int pageRows = 10_000;
    ChangeQuery firstPage = ChangeQuery.ofFleet("", range, pageRows);
    int[] pages = new int[1];
    List<Double> pagedMillis =
        timedQueries(
            "whole hour, pages of " + pageRows,
            1,
            7,
            () -> {
              UntilPager pager = new UntilPager(firstPage);
              Set<String> ids = new HashSet<>();
              while (pager.next().isPresent()) {
                pager
                    .receive(await(store.changes(pager.next().get())))
                    .forEach(c -> ids.add(c.id()));
              }
              pages[0] = pager.pages();
              return ids.size();
            },
            events);
    List<Double> firstPageMillis =
        timedQueries(
            "first page",
            2,
            15,
            () -> await(store.changes(firstPage)).changes().size(),
            Math.min(pageRows, events));
    return new Results.FleetTimeline(
        n, events, loadSeconds, wholeMillis, pageRows, pages[0], pagedMillis, firstPageMillis);
  }

  /** A query that answers the number of distinct changes it read (-1 if it was cut short). */
  private interface CountingQuery {
    long run() throws Exception;
  }

  private List<Double> timedQueries(
      String what, int warmUp, int measured, CountingQuery query, long expected) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < warmUp + measured; i++) {
      long t0 = System.nanoTime();
      long rows = query.run();
      double ms = (System.nanoTime() - t0) / 1e6;
      if (rows != expected) {
        throw new IllegalStateException(
            "fleet timeline, " + what + ": " + rows + " changes instead of " + expected);
      }
      if (i >= warmUp) {
        millis.add(ms);
      }
    }
    Percentiles p = Percentiles.of(millis);
    System.err.printf("fleet timeline, %s: p50 %.0f ms, p99 %.0f ms%n", what, p.p50(), p.p99());
    return millis;
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(OP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
