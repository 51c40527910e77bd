package io.driftwatch.app;

import io.driftwatch.node.store.ChangeStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * The readiness check Pekko Management runs for {@code /ready} beside its cluster-membership check
 * (configured in management.conf): asks the node's store for its hosts and lets {@link
 * StoreReadiness} decide.
 */
public final class StoreReadinessCheck implements Supplier<CompletionStage<Boolean>> {

  // Shorter than pekko.management.health-checks.check-timeout, which would fail the check anyway.
  private static final Duration STORE_DEADLINE = Duration.ofSeconds(2);

  private final RunningStore running;

  /** Created by Pekko Management, by class name. */
  public StoreReadinessCheck(ActorSystem system) {
    this.running = RunningStore.ID.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return running
        .get()
        .map(StoreReadinessCheck::check)
        .orElse(CompletableFuture.completedFuture(false));
  }

  private static CompletionStage<Boolean> check(ChangeStore store) {
    // The deadline completes a future of its own (thenApply's), never the store's.
    return store
        .hosts()
        .thenApply(hosts -> true)
        .toCompletableFuture()
        .orTimeout(STORE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .handle((answered, error) -> StoreReadiness.ready(error == null, store.spool()));
  }
}
