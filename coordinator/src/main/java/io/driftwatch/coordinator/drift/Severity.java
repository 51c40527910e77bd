package io.driftwatch.coordinator.drift;

import java.util.Locale;

/** How much a finding matters; findings are listed most severe first. */
public enum Severity {
  HIGH,
  MEDIUM,
  LOW;

  /** The name in the API and config: {@code high}, {@code medium}, {@code low}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code high|medium|low}; anything else is an IllegalArgumentException. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.wire().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "expected high, medium or low, got " + io.driftwatch.node.fact.Text.quote(text));
  }

  /** Whether this is at least as severe as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
