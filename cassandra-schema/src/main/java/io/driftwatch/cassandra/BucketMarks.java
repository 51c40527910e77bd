package io.driftwatch.cassandra;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The bucket index rows (and contents) this store has written or is writing, so that the thousandth
 * probe of a host on one day does not write the same "this day has changes" row again, and the
 * probes recorded side by side in a new hour (every host of a fleet, or a spool draining) write its
 * index row once rather than once each. Only an optimisation: forgetting (eviction, a restart) just
 * writes a row that already exists.
 */
final class BucketMarks {

  private static final CompletableFuture<Void> WRITTEN = CompletableFuture.completedFuture(null);

  private final Map<Object, Boolean> recent;
  private final Map<Object, CompletableFuture<Void>> writing = new HashMap<>();

  BucketMarks(int capacity) {
    this.recent =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Writes the row of {@code mark} unless it is written already. A caller that finds it being
   * written waits for that write instead of starting another: a probe must not complete before the
   * index row that leads to its rows is written. A failed write is forgotten, so the next caller
   * tries again (and the callers that waited for it fail with it).
   */
  CompletionStage<Void> once(Object mark, Supplier<? extends CompletionStage<?>> write) {
    CompletableFuture<Void> mine;
    synchronized (this) {
      if (recent.get(mark) != null) {
        return WRITTEN;
      }
      CompletableFuture<Void> pending = writing.get(mark);
      if (pending != null) {
        return pending;
      }
      mine = new CompletableFuture<>();
      writing.put(mark, mine);
    }
    CompletionStage<?> started;
    try {
      started = write.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    started.whenComplete(
        (done, error) -> {
          synchronized (this) {
            writing.remove(mark);
            if (error == null) {
              recent.put(mark, Boolean.TRUE);
            }
          }
          if (error == null) {
            mine.complete(null);
          } else {
            mine.completeExceptionally(error);
          }
        });
    return mine;
  }
}
