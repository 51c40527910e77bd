package io.driftwatch.node.simulate;

import java.util.List;

/**
 * How a host of the simulated transport is made up: the seed of every stable choice, how many facts
 * it has, and the drift planted on it. Together with the host's name, its role tag and the probe's
 * instant this determines its facts completely (see {@link SimulatedFacts}).
 *
 * @param facts the number of facts a host has before drift: its profile's, cut or padded with
 *     tracked-file facts to this count
 */
public record Simulation(long seed, int facts, List<Drift> drift) {

  public static final int DEFAULT_FACTS = 2000;
  public static final int MAX_FACTS = 20_000;
  public static final int MAX_DRIFTS = 100;

  /** Seed 1, 2,000 facts, no drift. */
  public static final Simulation DEFAULT = new Simulation(1, DEFAULT_FACTS, List.of());

  public Simulation {
    if (facts < 1 || facts > MAX_FACTS) {
      throw new IllegalArgumentException(
          "facts " + facts + " is out of range: use 1 to " + MAX_FACTS);
    }
    drift = drift == null ? List.of() : List.copyOf(drift);
    if (drift.size() > MAX_DRIFTS) {
      throw new IllegalArgumentException("too many drift entries: at most " + MAX_DRIFTS);
    }
  }
}
