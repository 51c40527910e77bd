package io.driftwatch.bench.cassandra;

import java.util.List;
import java.util.Map;

/** What one run of {@link CassandraBenchmark} measured, as {@link CassandraReport} reads it. */
final class Results {

  private Results() {}

  /** Who wrote the rows of a write round. */
  enum Contender {
    DRIFTWATCH,
    RAW_DRIVER,
    RAW_DRIVER_BATCHED
  }

  /**
   * One write round of one contender.
   *
   * @param jvmCpuNanos the benchmark JVM's CPU during the round (driver and, for Driftwatch, store)
   * @param nodeCpuNanos the Cassandra node's CPU during the round; -1 when not known
   */
  record WriteRound(
      Contender contender,
      int probes,
      long events,
      long nanos,
      long jvmCpuNanos,
      long nodeCpuNanos) {

    double eventsPerSecond() {
      return events / (nanos / 1e9);
    }
  }

  /**
   * State at t of one host with a year of hourly probes.
   *
   * @param loadSeconds how long recording the year took (not a target, for scale)
   * @param millis latency of each measured {@code stateAt}
   */
  record StateAt(
      int probes, long events, int snapshots, int facts, double loadSeconds, List<Double> millis) {}

  /**
   * The fleet timeline of one hour.
   *
   * @param wholeHourMillis latency of each measured query of the whole hour in one page ({@code
   *     limit} = ChangeQuery.MAX_LIMIT), each returning {@code events} rows
   * @param pagedMillis time to read the whole hour through {@code pages} pages of {@code pageRows}
   *     (the API's default limit), as {@link UntilPager} pages
   * @param firstPageMillis latency of the first of those pages alone (the newest {@code pageRows})
   */
  record FleetTimeline(
      int hosts,
      long events,
      double loadSeconds,
      List<Double> wholeHourMillis,
      int pageRows,
      int pages,
      List<Double> pagedMillis,
      List<Double> firstPageMillis) {}

  /** Where and on what the run happened. */
  record Context(
      String date,
      String commit,
      Map<String, String> machine,
      String cassandra,
      int maxRequestsInFlight,
      int writeHosts,
      int rounds) {}
}
