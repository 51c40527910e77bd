package io.driftwatch.node.fact;

import java.time.Instant;
import java.util.Objects;

/** A closed interval of time [from, to] for history queries; from is never after to. */
public record TimeRange(Instant from, Instant to) {

  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("since (" + from + ") is after until (" + to + ")");
    }
  }

  /** Everything up to and including {@code to}. */
  public static TimeRange until(Instant to) {
    return new TimeRange(Instant.EPOCH, to);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && !t.isAfter(to);
  }
}
