package io.driftwatch.bench.fleetdiff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated time of the benchmark: the simulated prober computes facts at this instant and the
 * host entities record changes at it. It moves only when the benchmark steps it, so that every
 * probe of a round sees the same instant and a step of one flap period flips every flapping fact.
 */
final class StepClock extends Clock {

  private final AtomicReference<Instant> now;

  StepClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves time forward by {@code step} and answers the new instant. */
  Instant advance(Duration step) {
    return now.updateAndGet(t -> t.plus(step));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the benchmark's clock is UTC");
  }
}
