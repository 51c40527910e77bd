package io.driftwatch.node.context;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How change contexts are read and attributed, from {@code driftwatch.context}.
 *
 * @param enabled whether a probe that found changes reads the host's logs at all
 * @param slack how far outside a change's window a record still counts (the host's clock and the
 *     node's may differ)
 * @param maxRecords the most records, and the most logins, kept per change
 * @param tailBytes how much of the end of each log is read
 * @param timeout how long reading the logs may take before the changes are recorded without them
 */
public record ContextSettings(
    boolean enabled, Duration slack, int maxRecords, int tailBytes, Duration timeout) {

  public static final ContextSettings DEFAULT =
      new ContextSettings(true, Duration.ofMinutes(2), 10, 256 * 1024, Duration.ofSeconds(20));

  public ContextSettings {
    if (slack.isNegative()) {
      throw new IllegalArgumentException("context slack must not be negative: " + slack);
    }
    if (maxRecords < 1 || tailBytes < 4096 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "context max-records must be positive, tail-bytes at least 4096, timeout positive");
    }
  }

  public static ContextSettings fromConfig(Config c) {
    return new ContextSettings(
        c.getBoolean("enabled"),
        c.getDuration("slack"),
        c.getInt("max-records"),
        (int) Math.min(Integer.MAX_VALUE, c.getBytes("tail-bytes")),
        c.getDuration("timeout"));
  }
}
