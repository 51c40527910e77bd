package io.driftwatch.coordinator.stream;

import java.time.Duration;

/** Retry delays: {@code first}, doubled after each further failure, never above {@code max}. */
record BackOff(Duration first, Duration max) {

  /** The delay before retry number {@code attempt} (1 = the first retry). */
  Duration delay(int attempt) {
    Duration d = first;
    for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
