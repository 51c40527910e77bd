package io.driftwatch.coordinator.drift;

import java.util.List;

/** Every drift policy in force, as the registry last read them: what an evaluation works from. */
public record Policies(
    List<Expectation> expectations, List<Baseline> baselines, List<DriftException> exceptions) {

  public static final Policies NONE = new Policies(List.of(), List.of(), List.of());

  public Policies {
    expectations = List.copyOf(expectations);
    baselines = List.copyOf(baselines);
    exceptions = List.copyOf(exceptions);
  }
}
