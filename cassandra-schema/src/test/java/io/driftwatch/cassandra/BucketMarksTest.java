package io.driftwatch.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Index rows written once: while in flight, after success, and again after a failure. */
class BucketMarksTest {

  /** A write that completes when the test says so, counting how often it was started. */
  private static final class Write implements Supplier<CompletionStage<?>> {
    final AtomicInteger started = new AtomicInteger();
    CompletableFuture<Void> current;

    @Override
    public CompletionStage<?> get() {
      started.incrementAndGet();
      current = new CompletableFuture<>();
      return current;
    }
  }

  @Test
  void callersWhileTheRowIsBeingWrittenWaitForThatWriteInsteadOfStartingAnother() {
    BucketMarks marks = new BucketMarks(100);
    Write write = new Write();

    CompletableFuture<Void> first = marks.once("2026-06-01T12", write).toCompletableFuture();
    CompletableFuture<Void> second = marks.once("2026-06-01T12", write).toCompletableFuture();

    assertThat(write.started).hasValue(1);
    assertThat(second).isNotDone();
    write.current.complete(null);
    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
    assertThat(marks.once("2026-06-01T12", write).toCompletableFuture()).isCompleted();
    assertThat(write.started).hasValue(1);
  }

  @Test
  void aFailedWriteFailsItsWaitersAndIsTriedAgainByTheNextCaller() {
    BucketMarks marks = new BucketMarks(100);
    Write write = new Write();
    CompletableFuture<Void> first = marks.once("day", write).toCompletableFuture();
    CompletableFuture<Void> waiter = marks.once("day", write).toCompletableFuture();

    write.current.completeExceptionally(new IllegalStateException("timeout"));

    assertThat(first).isCompletedExceptionally();
    assertThat(waiter).isCompletedExceptionally();
    CompletableFuture<Void> retry = marks.once("day", write).toCompletableFuture();
    assertThat(write.started).hasValue(2);
    write.current.complete(null);
    assertThat(retry).isCompleted();
  }

  @Test
  void aWriteThatThrowsFailsAndIsForgotten() {
    BucketMarks marks = new BucketMarks(100);

    CompletionStage<Void> failed =
        marks.once(
            "day",
            () -> {
              throw new IllegalStateException("session closed");
            });

    assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
    Write write = new Write();
    marks.once("day", write);
    assertThat(write.started).hasValue(1);
  }

  @Test
  void anEvictedMarkIsWrittenAgain() {
    BucketMarks marks = new BucketMarks(1);
    Write write = new Write();
    marks.once("a", write);
    write.current.complete(null);
    marks.once("b", write);
    write.current.complete(null);

    marks.once("a", write);

    assertThat(write.started).hasValue(3);
  }
}
