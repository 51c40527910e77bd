package io.driftwatch.bench.cassandra;

import io.driftwatch.bench.cassandra.Results.Contender;
import io.driftwatch.bench.cassandra.Results.WriteRound;
import io.driftwatch.node.store.ChangeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The markdown report of a Cassandra benchmark run: tables, ratios and the targets. */
final class CassandraReport {

  /** Issue 4: Driftwatch's write path at least this fraction of the raw driver's throughput. */
  static final double WRITE_RATIO_TARGET = 0.8;

  /** Issue 4: state at t for a host with a year of hourly changes, median at most this. */
  static final double STATE_AT_P50_TARGET_MS = 50;

  private CassandraReport() {}

  static String markdown(
      Results.Context context,
      List<WriteRound> writes,
      Results.StateAt stateAt,
      Results.FleetTimeline fleet) {
    StringBuilder md = new StringBuilder();
    md.append("# Cassandra store benchmark, ").append(context.date()).append("\n\n");
    md.append("Commit ").append(context.commit()).append(". Machine:\n\n");
    context
        .machine()
        .forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("- Cassandra: ").append(context.cassandra()).append("\n\n");
    md.append(writeSection(context, writes)).append('\n');
    md.append(stateAtSection(stateAt)).append('\n');
    md.append(fleetSection(fleet));
    return md.toString();
  }

  static String writeSection(Results.Context context, List<WriteRound> writes) {
    StringBuilder md = new StringBuilder("## Write throughput\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Each round: %,d hosts probed once each, 2–8 change events per probe, by each contender"
                + " (rotating who goes first); at most %d requests in flight for both. One"
                + " warm-up round, then %d measured; medians.%n%n",
            context.writeHosts(),
            context.maxRequestsInFlight(),
            context.rounds()));
    md.append(
        "| contender | change events/s: median (min–max) | benchmark JVM CPU per 1,000 events |"
            + " Cassandra CPU per 1,000 events | rounds |\n");
    md.append("|---|---|---|---|---|\n");
    for (Contender c : Contender.values()) {
      List<WriteRound> rounds = of(writes, c);
      if (rounds.isEmpty()) {
        continue;
      }
      List<Double> rates = rounds.stream().map(WriteRound::eventsPerSecond).toList();
      Percentiles p = Percentiles.of(rates);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f (%,.0f–%,.0f) | %s | %s | %d |%n",
              label(c),
              Percentiles.median(rates),
              p.min(),
              p.max(),
              millisPerThousand(rounds, false),
              millisPerThousand(rounds, true),
              rounds.size()));
    }
    List<WriteRound> ours = of(writes, Contender.DRIFTWATCH);
    List<WriteRound> raw = of(writes, Contender.RAW_DRIVER);
    if (!ours.isEmpty() && !raw.isEmpty()) {
      double ratio = ratio(writes, Contender.RAW_DRIVER);
      md.append(
          String.format(
              Locale.ROOT,
              "%nDriftwatch ÷ raw driver, change events per second: **%.2f×** (ratio of the"
                  + " medians; per round %s) — target ≥ %.1f×: **%s**%n",
              ratio,
              perRoundRange(ours, raw),
              WRITE_RATIO_TARGET,
              ratio >= WRITE_RATIO_TARGET ? "met" : "not met"));
    }
    List<WriteRound> batched = of(writes, Contender.RAW_DRIVER_BATCHED);
    if (!ours.isEmpty() && !batched.isEmpty()) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nDriftwatch ÷ raw driver with Driftwatch's batches (the same requests, so the"
                  + " cost of Driftwatch's own code): %.2f× (per round %s)%n",
              ratio(writes, Contender.RAW_DRIVER_BATCHED),
              perRoundRange(ours, batched)));
    }
    return md.toString();
  }

  /** Median events/s of Driftwatch over that of {@code peer}. */
  static double ratio(List<WriteRound> writes, Contender peer) {
    return medianRate(of(writes, Contender.DRIFTWATCH)) / medianRate(of(writes, peer));
  }

  /** The range of Driftwatch's rate over the peer's, round by round. */
  private static String perRoundRange(List<WriteRound> ours, List<WriteRound> peer) {
    List<Double> perRound = new ArrayList<>();
    for (int i = 0; i < Math.min(ours.size(), peer.size()); i++) {
      perRound.add(ours.get(i).eventsPerSecond() / peer.get(i).eventsPerSecond());
    }
    Percentiles p = Percentiles.of(perRound);
    return String.format(Locale.ROOT, "%.2f–%.2f", p.min(), p.max());
  }

  static String stateAtSection(Results.StateAt s) {
    Percentiles p = Percentiles.of(s.millis());
    return String.format(
        Locale.ROOT,
        "## State at t%n%n"
            + "One host with a year of hourly probes: %,d probes, %,d change events, %,d snapshots"
            + " (the node's snapshot policy), %,d facts; recorded through the store in %.1f s."
            + " Then `stateAt(host, t)` at %d random instants of the year, one at a time, each"
            + " checked against the expected facts.%n%n"
            + "| p50 | p99 | min | max | queries |%n|---|---|---|---|---|%n"
            + "| %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d |%n%n"
            + "Target p50 ≤ %.0f ms: **%s**%n",
        s.probes(),
        s.events(),
        s.snapshots(),
        s.facts(),
        s.loadSeconds(),
        p.count(),
        p.p50(),
        p.p99(),
        p.min(),
        p.max(),
        p.count(),
        STATE_AT_P50_TARGET_MS,
        p.p50() <= STATE_AT_P50_TARGET_MS ? "met" : "not met");
  }

  static String fleetSection(Results.FleetTimeline f) {
    long firstRows = Math.min(f.pageRows(), f.events());
    StringBuilder md =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "## Fleet timeline%n%n"
                    + "%,d hosts, each probed once within one hour with 1–7 changes: %,d change"
                    + " events, recorded through the store in %.1f s (%,.0f events/s). Then"
                    + " `changes(ChangeQuery.ofFleet(\"\", thatHour, limit))`, one query at a"
                    + " time, every answer checked (all %,d distinct changes).%n%n"
                    + "| query | rows | p50 | p99 | rows/s at p50 | runs |%n"
                    + "|---|---|---|---|---|---|%n",
                f.hosts(),
                f.events(),
                f.loadSeconds(),
                f.events() / f.loadSeconds(),
                f.events()));
    md.append(
        row(
            String.format(
                Locale.ROOT, "the whole hour, one query (limit %,d)", ChangeQuery.MAX_LIMIT),
            f.events(),
            f.wholeHourMillis()));
    md.append(
        row(
            String.format(
                Locale.ROOT,
                "the whole hour in %d pages of %,d (the API's default limit), `until` moved back",
                f.pages(),
                f.pageRows()),
            f.events(),
            f.pagedMillis()));
    md.append(
        row(
            String.format(
                Locale.ROOT, "the first of those pages alone (the newest %,d)", firstRows),
            firstRows,
            f.firstPageMillis()));
    return md.toString();
  }

  private static String row(String what, long rows, List<Double> millis) {
    Percentiles p = Percentiles.of(millis);
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %,.0f ms | %,.0f ms | %,.0f | %d |%n",
        what,
        rows,
        p.p50(),
        p.p99(),
        rows / (p.p50() / 1e3),
        p.count());
  }

  private static String label(Contender c) {
    return switch (c) {
      case DRIFTWATCH -> "Driftwatch: `CassandraChangeStore.recordProbe`";
      case RAW_DRIVER -> "raw driver: the same rows, one `executeAsync` each";
      case RAW_DRIVER_BATCHED -> "raw driver: the same rows in Driftwatch's batches";
    };
  }

  private static String millisPerThousand(List<WriteRound> rounds, boolean node) {
    if (node && rounds.stream().anyMatch(r -> r.nodeCpuNanos() < 0)) {
      return "–";
    }
    List<Double> perThousand =
        rounds.stream()
            .map(r -> (node ? r.nodeCpuNanos() : r.jvmCpuNanos()) / 1e6 / (r.events() / 1e3))
            .toList();
    return String.format(Locale.ROOT, "%.0f ms", Percentiles.median(perThousand));
  }

  private static double medianRate(List<WriteRound> rounds) {
    return Percentiles.median(rounds.stream().map(WriteRound::eventsPerSecond).toList());
  }

  private static List<WriteRound> of(List<WriteRound> writes, Contender c) {
    return writes.stream().filter(w -> w.contender() == c).toList();
  }
}
