package io.driftwatch.coordinator.drift;

import java.util.Locale;

/**
 * What a finding was judged against: the role's peers (the default, no configuration), an
 * expectation, or a named baseline.
 */
public enum Source {
  PEERS,
  EXPECTATION,
  BASELINE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
