package io.driftwatch.node.simulate;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.Prober;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Probes hosts of the simulated transport: computes their facts from their {@link Simulation} at
 * the clock's instant, on the caller's thread, with no I/O — so that demos, benchmarks and scale
 * tests exercise everything after the probe (state, changes, store, queries) at any fleet size.
 */
public final class SimulatedProber implements Prober {

  private final Clock clock;

  public SimulatedProber(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CompletionStage<Collection> probe(HostSpec host, boolean requested) {
    if (host.transport() != Transport.SIMULATED || host.simulation() == null) {
      return CompletableFuture.failedFuture(
          new ProbeException(
              ProbeException.Reason.TRANSPORT_UNSUPPORTED,
              "the simulated prober cannot probe a host of transport "
                  + host.transport().wireName()));
    }
    long start = System.nanoTime();
    FactSet facts =
        SimulatedFacts.of(host.simulation(), host.tags().get("role"), host.name(), clock.instant());
    return CompletableFuture.completedFuture(
        new Collection(
            facts, Map.of(), Map.of(), List.of(), Duration.ofNanos(System.nanoTime() - start)));
  }
}
