package io.driftwatch.coordinator.stream;

import java.time.Duration;

/**
 * Noise control ({@code driftwatch.stream.change-set-*} and {@code flap-*}); see {@link
 * NoiseControl}.
 */
record NoiseSettings(
    Duration changeSetWindow, int changeSetHosts, int flapChanges, Duration flapWindow) {

  NoiseSettings {
    if (changeSetHosts < 2 || flapChanges < 2) {
      throw new IllegalArgumentException(
          "driftwatch.stream: change-set-hosts and flap-changes must be at least 2");
    }
  }
}
