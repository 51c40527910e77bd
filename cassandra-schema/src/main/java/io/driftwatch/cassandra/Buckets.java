package io.driftwatch.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How time and names map onto partitions: UTC days and hours, years of the fleet index, and stable
 * shards. Part of the schema: data already written depends on these rules, so they never change.
 */
final class Buckets {

  static final Duration DAY = Duration.ofDays(1);
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration YEAR = Duration.ofDays(366);

  /** Shards of the host registry. */
  static final int REGISTRY_SHARDS = 16;

  // Instants outside these years have no date bucket or millisecond timestamp worth storing;
  // query bounds beyond them (e.g. "everything until forever") are clamped.
  static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

  private Buckets() {}

  static Instant clamp(Instant t) {
    return t.isBefore(MIN) ? MIN : t.isAfter(MAX) ? MAX : t;
  }

  /** The first millisecond at or after {@code t}: a range starting mid-millisecond excludes it. */
  static Instant ceilMillis(Instant t) {
    Instant floor = clamp(t).truncatedTo(ChronoUnit.MILLIS);
    return floor.isBefore(clamp(t)) ? floor.plusMillis(1) : floor;
  }

  /** The last millisecond at or before {@code t}. */
  static Instant floorMillis(Instant t) {
    return clamp(t).truncatedTo(ChronoUnit.MILLIS);
  }

  static LocalDate day(Instant t) {
    return LocalDate.ofInstant(clamp(t), ZoneOffset.UTC);
  }

  static Instant hour(Instant t) {
    return clamp(t).truncatedTo(ChronoUnit.HOURS);
  }

  static int year(Instant t) {
    return day(t).getYear();
  }

  /**
   * A stable shard of {@code name} in [0, shards): String.hashCode is fixed by the language, and
   * the mixing spreads names that differ only in their last characters (web-01, web-02, …).
   */
  static int shard(String name, int shards) {
    int h = name.hashCode() * 0x9E3779B9;
    h ^= h >>> 16;
    return Math.floorMod(h, shards);
  }
}
