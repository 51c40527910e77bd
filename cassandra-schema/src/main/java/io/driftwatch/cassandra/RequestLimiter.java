package io.driftwatch.cassandra;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Caps the requests a store has outstanding in Cassandra; the rest wait in arrival order. One probe
 * with 20,000 changes becomes ~60,000 inserts: unbounded, they would flood the driver's queues and
 * every other host's writes behind them.
 */
final class RequestLimiter {

  private final int max;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;
  // A request that completes at once (e.g. on a closed session) releases its slot inside start();
  // draining in a loop on the outer frame instead of recursing keeps the stack flat.
  private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> false);

  RequestLimiter(int max) {
    this.max = max;
  }

  /** Runs {@code request} when a slot is free; the stage completes with the request's outcome. */
  <T> CompletionStage<T> submit(Supplier<? extends CompletionStage<T>> request) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start =
        () -> {
          CompletionStage<T> stage;
          try {
            stage = request.get();
          } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
          }
          stage.whenComplete(
              (value, error) -> {
                release();
                if (error != null) {
                  result.completeExceptionally(error);
                } else {
                  result.complete(value);
                }
              });
        };
    synchronized (this) {
      waiting.add(start);
    }
    drain();
    return result;
  }

  synchronized int inFlight() {
    return running + waiting.size();
  }

  private void release() {
    synchronized (this) {
      running--;
    }
    drain();
  }

  private void drain() {
    if (draining.get()) {
      return;
    }
    draining.set(true);
    try {
      while (true) {
        Runnable next;
        synchronized (this) {
          if (running >= max || waiting.isEmpty()) {
            return;
          }
          running++;
          next = waiting.poll();
        }
        next.run();
      }
    } finally {
      draining.set(false);
    }
  }
}
