package io.driftwatch.node.ssh;

import java.time.Duration;

/**
 * How long something that keeps failing is left alone — a host that failed to connect, the store
 * behind the spool: {@code initial} after the first failure, doubling with each further failure up
 * to {@code max}. Pure and immutable; a success forgets it.
 *
 * @param failures consecutive failed attempts
 */
public record Backoff(Duration initial, Duration max, int failures) {

  public static Backoff none(Duration initial, Duration max) {
    return new Backoff(initial, max, 0);
  }

  /** After one more failure. */
  public Backoff failed() {
    return new Backoff(initial, max, failures + 1);
  }

  /** The pause before the next attempt; zero when nothing failed. */
  public Duration delay() {
    if (failures == 0) {
      return Duration.ZERO;
    }
    // Doubling stops well before overflow: 2^20 times any sane initial delay exceeds any max.
    int doublings = Math.min(failures - 1, 20);
    Duration d = initial.multipliedBy(1L << doublings);
    return d.compareTo(max) > 0 ? max : d;
  }
}
