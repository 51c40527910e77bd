package io.driftwatch.coordinator.fleet;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.store.ChangeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the state of many hosts at one instant from the store, a few at a time, and answers by a
 * deadline with the hosts read so far: a slow store makes a fleet answer partial, never late.
 */
final class PastStates {

  private PastStates() {}

  /**
   * The state at {@code at} of each host read within {@code budget}: empty for a host with no state
   * by then; a host whose read failed or did not finish in time is left out.
   */
  static CompletionStage<Map<String, Optional<FactSet>>> read(
      ChangeStore store, List<String> hosts, Instant at, int parallelism, Duration budget) {
    Map<String, Optional<FactSet>> read = new ConcurrentHashMap<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] readNext = new Runnable[1];
    readNext[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= hosts.size() || done.isDone()) {
            return;
          }
          String host = hosts.get(i);
          store
              .stateAt(host, at)
              // Async: a store answering from memory must not recurse once per host.
              .whenCompleteAsync(
                  (state, error) -> {
                    if (error == null) {
                      read.put(host, state);
                    }
                    if (finished.incrementAndGet() == hosts.size()) {
                      done.complete(null);
                    } else {
                      readNext[0].run();
                    }
                  });
        };
    if (hosts.isEmpty()) {
      done.complete(null);
    }
    for (int i = 0; i < Math.min(parallelism, hosts.size()); i++) {
      readNext[0].run();
    }
    CompletableFuture.delayedExecutor(budget.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> done.complete(null));
    return done.thenApply(ignored -> Map.copyOf(read));
  }
}
