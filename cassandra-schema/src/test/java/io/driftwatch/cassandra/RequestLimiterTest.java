package io.driftwatch.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {

  @Test
  void atMostMaxRequestsRunAndTheRestStartInArrivalOrder() {
    RequestLimiter limiter = new RequestLimiter(2);
    List<CompletableFuture<String>> running = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    List<CompletionStage<String>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      results.add(
          limiter.submit(
              () -> {
                started.add(n);
                CompletableFuture<String> request = new CompletableFuture<>();
                running.add(request);
                return request;
              }));
    }

    assertThat(started).containsExactly(0, 1);
    assertThat(limiter.inFlight()).isEqualTo(5);
    running.get(1).complete("one");
    assertThat(started).containsExactly(0, 1, 2);
    running.get(0).completeExceptionally(new IllegalStateException("boom"));
    assertThat(started).containsExactly(0, 1, 2, 3);
    running.get(2).complete("two");
    running.get(3).complete("three");
    running.get(4).complete("four");

    assertThat(results.get(1).toCompletableFuture().join()).isEqualTo("one");
    assertThat(results.get(0).toCompletableFuture()).isCompletedExceptionally();
    assertThat(results.get(4).toCompletableFuture().join()).isEqualTo("four");
    assertThat(limiter.inFlight()).isZero();
  }

  @Test
  void manyRequestsThatCompleteAtOnceDoNotGrowTheStack() {
    RequestLimiter limiter = new RequestLimiter(1);
    AtomicInteger done = new AtomicInteger();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    limiter.submit(() -> gate);
    for (int i = 0; i < 200_000; i++) {
      limiter.submit(() -> CompletableFuture.completedFuture(null)).thenRun(done::incrementAndGet);
    }

    gate.complete(null);

    assertThat(done).hasValue(200_000);
    assertThat(limiter.inFlight()).isZero();
  }
}
