package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.node.notify.Notice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The tracker against evaluations the test hands it: seeding, appearing, resolving. */
class DriftTrackerTest {

  private static final org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit kit =
      org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static final Finding LIBC =
      Finding.of("web-2", "package:libc6", "2.36-9+deb12u3", "2.36-9+deb12u8", Source.PEERS, null)
          .withSeverity(Severity.MEDIUM);
  private static final Finding SWAP =
      Finding.of("web-3", "sysctl:vm.swappiness", "10", "60", Source.PEERS, null);

  private static CompletionStage<DriftReport> report(List<Finding> findings) {
    return CompletableFuture.completedFuture(
        new DriftReport(findings, 3, 3, List.of(), Map.of("web-2", Map.of("role", "web"))));
  }

  private static Notice next(LinkedBlockingQueue<Notice> notices) throws InterruptedException {
    Notice n = notices.poll(10, TimeUnit.SECONDS);
    assertThat(n).as("a notice within 10 s").isNotNull();
    return n;
  }

  @Test
  void theFirstEvaluationSeedsThenAppearedAndResolvedFindingsAreAnnounced() throws Exception {
    AtomicReference<CompletionStage<DriftReport>> current =
        new AtomicReference<>(report(List.of(LIBC)));
    LinkedBlockingQueue<Notice> notices = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Boolean> evaluated = new LinkedBlockingQueue<>();
    kit.spawn(
        DriftTracker.create(
            Duration.ofMillis(50),
            () -> {
              evaluated.add(true);
              return current.get();
            },
            notices::add,
            Clock.systemUTC()));

    // Evaluated more than once with the same findings: nothing announced.
    for (int i = 0; i < 3; i++) {
      assertThat(evaluated.poll(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(notices).isEmpty();

    current.set(report(List.of(LIBC, SWAP)));
    Notice appeared = next(notices);
    assertThat(appeared.kind()).isEqualTo("drift");
    assertThat(appeared.host()).isEqualTo("web-3");
    assertThat(appeared.json())
        .contains("\"key\":\"sysctl:vm.swappiness\"", "\"severity\":\"low\"");

    current.set(report(List.of(SWAP)));
    Notice resolved = next(notices);
    assertThat(resolved.kind()).isEqualTo("drift-resolved");
    assertThat(resolved.host()).isEqualTo("web-2");
    assertThat(resolved.tags()).containsEntry("role", "web");
    assertThat(resolved.json()).contains("\"expected\":\"2.36-9+deb12u8\"", "\"baseline\":null");

    // A failed evaluation keeps the memory: nothing is resolved by a store outage.
    current.set(CompletableFuture.failedFuture(new IllegalStateException("store down")));
    for (int i = 0; i < 3; i++) {
      evaluated.poll(10, TimeUnit.SECONDS);
    }
    current.set(report(List.of(SWAP)));
    for (int i = 0; i < 3; i++) {
      evaluated.poll(10, TimeUnit.SECONDS);
    }
    assertThat(notices).isEmpty();

    // No host monitored any more: every finding is resolved.
    current.set(CompletableFuture.failedFuture(new NotFoundException("no hosts are monitored")));
    assertThat(next(notices).kind()).isEqualTo("drift-resolved");
  }
}
