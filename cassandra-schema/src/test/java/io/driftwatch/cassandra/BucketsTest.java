package io.driftwatch.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketsTest {

  @Test
  void bucketsAreUtcDaysHoursAndYears() {
    Instant lastMs = Instant.parse("2026-12-31T23:59:59.999Z");

    assertThat(Buckets.day(lastMs)).isEqualTo(LocalDate.parse("2026-12-31"));
    assertThat(Buckets.day(lastMs.plusMillis(1))).isEqualTo(LocalDate.parse("2027-01-01"));
    assertThat(Buckets.hour(lastMs)).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
    assertThat(Buckets.year(lastMs)).isEqualTo(2026);
    assertThat(Buckets.year(lastMs.plusMillis(1))).isEqualTo(2027);
  }

  @Test
  void rangesAreClampedAndRoundedToMilliseconds() {
    assertThat(Buckets.day(Instant.MAX)).isEqualTo(LocalDate.parse("9999-12-31"));
    assertThat(Buckets.day(Instant.MIN)).isEqualTo(LocalDate.parse("0001-01-01"));
    Instant mid = Instant.parse("2026-03-01T10:00:00.000500Z");
    assertThat(Buckets.ceilMillis(mid)).isEqualTo(Instant.parse("2026-03-01T10:00:00.001Z"));
    assertThat(Buckets.floorMillis(mid)).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(Buckets.ceilMillis(Instant.EPOCH)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void shardsNeverChangeAndSpreadSimilarNames() {
    // Data on disk was placed by these values: the function must never change.
    assertThat(Buckets.shard("web-01", 16)).isEqualTo(Buckets.shard("web-01", 16));
    assertThat(
            new int[] {
              Buckets.shard("web-01", 8), Buckets.shard("web-02", 8), Buckets.shard("db-1", 16)
            })
        .containsExactly(PINNED_WEB01_8, PINNED_WEB02_8, PINNED_DB1_16);
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < 800; i++) {
      counts.merge(Buckets.shard(String.format("web-%03d", i), 8), 1, Integer::sum);
    }
    assertThat(counts).hasSize(8);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
  }

  private static final int PINNED_WEB01_8 = 5;
  private static final int PINNED_WEB02_8 = 5;
  private static final int PINNED_DB1_16 = 14;
}
