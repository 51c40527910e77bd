package io.driftwatch.bench.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.bench.cassandra.Results.Contender;
import io.driftwatch.bench.cassandra.Results.WriteRound;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Cassandra report's ratios, percentiles and verdicts from fixed results. */
class CassandraReportTest {

  private static final Results.Context CONTEXT =
      new Results.Context(
          "2026-11-28", "abc1234", Map.of("CPU", "test"), "Apache Cassandra 5.0.9", 256, 2000, 3);

  /** A round writing 10,000 events in {@code seconds}. */
  private static WriteRound round(Contender c, double seconds) {
    return new WriteRound(c, 2000, 10_000, (long) (seconds * 1e9), 500_000_000, 1_000_000_000);
  }

  private static final Results.StateAt STATE_AT =
      new Results.StateAt(8760, 30_000, 360, 1701, 9.0, List.of(10.0, 12.0, 60.0));

  private static final Results.FleetTimeline FLEET =
      new Results.FleetTimeline(
          10_000, 40_000, 4.0, List.of(400.0), 10_000, 5, List.of(800.0), List.of(100.0));

  @Test
  void theWriteRatioIsOfTheMediansAndComparedWithTheTarget() {
    List<WriteRound> writes =
        List.of(
            round(Contender.DRIFTWATCH, 2.0),
            round(Contender.RAW_DRIVER, 1.0),
            round(Contender.RAW_DRIVER_BATCHED, 1.0),
            round(Contender.DRIFTWATCH, 1.0),
            round(Contender.RAW_DRIVER, 1.0),
            round(Contender.RAW_DRIVER_BATCHED, 0.5),
            round(Contender.DRIFTWATCH, 1.25),
            round(Contender.RAW_DRIVER, 1.0),
            round(Contender.RAW_DRIVER_BATCHED, 1.0));

    String md = CassandraReport.markdown(CONTEXT, writes, STATE_AT, FLEET);

    // Driftwatch: 5,000, 10,000 and 8,000 events/s, median 8,000; raw: 10,000.
    assertThat(md)
        .contains(
            "| Driftwatch: `CassandraChangeStore.recordProbe` | 8,000 (5,000–10,000) | 50 ms"
                + " | 100 ms | 3 |")
        .contains("**0.80×** (ratio of the medians; per round 0.50–1.00) — target ≥ 0.8×: **met**")
        .contains(
            "Driftwatch's batches (the same requests, so the cost of Driftwatch's own code):"
                + " 0.80× (per round 0.50–0.80)");
  }

  @Test
  void aSlowerWritePathMissesTheTarget() {
    List<WriteRound> writes =
        List.of(round(Contender.DRIFTWATCH, 2.0), round(Contender.RAW_DRIVER, 1.0));

    assertThat(CassandraReport.writeSection(CONTEXT, writes))
        .contains("**0.50×**")
        .contains("target ≥ 0.8×: **not met**")
        .doesNotContain("Driftwatch's batches");
  }

  @Test
  void stateAtTakesNearestRankPercentiles() {
    assertThat(CassandraReport.stateAtSection(STATE_AT))
        .contains("| 12.0 ms | 60.0 ms | 10.0 ms | 60.0 ms | 3 |")
        .contains("Target p50 ≤ 50 ms: **met**");
    Results.StateAt slow = new Results.StateAt(8760, 1, 1, 1, 1, List.of(51.0));
    assertThat(CassandraReport.stateAtSection(slow)).contains("**not met**");
  }

  @Test
  void fleetRowsGiveRowsPerSecondAtTheMedian() {
    assertThat(CassandraReport.fleetSection(FLEET))
        .contains(
            "| the whole hour, one query (limit 100,000) | 40,000 | 400 ms | 400 ms | 100,000 | 1 |")
        .contains(
            "| the whole hour in 5 pages of 10,000 (the API's default limit), `until` moved"
                + " back | 40,000 | 800 ms | 800 ms | 50,000 | 1 |")
        .contains("| the first of those pages alone (the newest 10,000) | 10,000 | 100 ms |");
  }
}
