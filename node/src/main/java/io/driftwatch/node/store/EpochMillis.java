package io.driftwatch.node.store;

import java.time.Instant;

/** Instants as the epoch milliseconds the embedded store keeps, rounded the way a query needs. */
final class EpochMillis {

  private EpochMillis() {}

  /** The last millisecond at or before {@code t}; saturates for instants beyond a long. */
  static long floor(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The first millisecond at or after {@code t}: a range starting mid-millisecond excludes it. */
  static long ceil(Instant t) {
    long floor = floor(t);
    boolean partial = t.getNano() % 1_000_000 != 0;
    return partial && floor != Long.MAX_VALUE ? floor + 1 : floor;
  }
}
