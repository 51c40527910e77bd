package io.driftwatch.coordinator.drift;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Runs an asynchronous read per item with at most {@code parallelism} in flight. */
final class Bounded {

  private Bounded() {}

  /** Each item's result, keyed by item; the first failure fails the whole. */
  static <T, R> CompletionStage<Map<T, R>> map(
      List<T> items, int parallelism, Function<T, CompletionStage<R>> read) {
    Map<T, R> results = new ConcurrentHashMap<>();
    Iterator<T> next = items.iterator();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int i = 0; i < Math.max(1, parallelism); i++) {
      workers.add(work(next, read, results).toCompletableFuture());
    }
    return CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
        .thenApply(done -> results);
  }

  private static <T, R> CompletionStage<Void> work(
      Iterator<T> next, Function<T, CompletionStage<R>> read, Map<T, R> results) {
    T item;
    synchronized (next) {
      if (!next.hasNext()) {
        return CompletableFuture.completedFuture(null);
      }
      item = next.next();
    }
    return read.apply(item)
        .thenCompose(
            r -> {
              if (r != null) {
                results.put(item, r);
              }
              return work(next, read, results);
            });
  }
}
