package io.driftwatch.node.store;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the spool in front of a remote store behaves ({@code driftwatch.spool}).
 *
 * @param maxRecords at most this many records wait; past it probes are refused
 * @param maxBytes at most this many encoded bytes wait; past it probes are refused
 * @param writeTimeout how long a probe waits for the store before its record is spooled instead
 * @param drainTimeout how long one spooled record's write may take before it is tried again
 * @param drainParallelism hosts drained at once (one record of a host at a time)
 * @param backoffInitial the pause after the store first fails while draining, doubling up to {@code
 *     backoffMax} while it keeps failing
 */
public record SpoolSettings(
    long maxRecords,
    long maxBytes,
    Duration writeTimeout,
    Duration drainTimeout,
    int drainParallelism,
    Duration backoffInitial,
    Duration backoffMax) {

  public SpoolSettings {
    requirePositive("max-records", maxRecords);
    requirePositive("max-bytes", maxBytes);
    requirePositive("write-timeout", writeTimeout);
    requirePositive("drain-timeout", drainTimeout);
    if (drainParallelism < 1 || drainParallelism > 256) {
      throw new IllegalArgumentException(
          "driftwatch.spool.drain-parallelism must be between 1 and 256, not " + drainParallelism);
    }
    requirePositive("backoff-initial", backoffInitial);
    requirePositive("backoff-max", backoffMax);
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "driftwatch.spool.backoff-max (" + backoffMax + ") is below backoff-initial");
    }
  }

  public static SpoolSettings fromConfig(Config c) {
    return new SpoolSettings(
        c.getLong("max-records"),
        c.getBytes("max-bytes"),
        c.getDuration("write-timeout"),
        c.getDuration("drain-timeout"),
        c.getInt("drain-parallelism"),
        c.getDuration("backoff-initial"),
        c.getDuration("backoff-max"));
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "driftwatch.spool." + name + " must be at least 1, not " + value);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "driftwatch.spool." + name + " must be positive, not " + value);
    }
  }
}
