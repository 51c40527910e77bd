package io.driftwatch.node.ssh;

import java.time.Duration;

/**
 * A point on the monotonic clock by which a run, or one step of it, must be done.
 *
 * @param limit the time limit this deadline stands for, as a message should name it: the run's
 *     timeout, or a step's own limit (connect-timeout, ...) when that ends the step first
 */
record Deadline(long startNanos, long endNanos, Duration limit) {

  static Deadline after(Duration timeout) {
    long now = System.nanoTime();
    return new Deadline(now, now + timeout.toNanos(), timeout);
  }

  /** Time left, never negative. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  boolean passed() {
    return endNanos - System.nanoTime() <= 0;
  }

  /**
   * The deadline of a step that may take at most {@code stepLimit}: that long from now, or this
   * deadline if it comes first.
   */
  Deadline step(Duration stepLimit) {
    long now = System.nanoTime();
    long stepEnd = now + stepLimit.toNanos();
    return stepEnd - endNanos < 0
        ? new Deadline(now, stepEnd, stepLimit)
        : new Deadline(now, endNanos, limit);
  }
}
