package io.driftwatch.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.ProbeRecord;
import io.driftwatch.node.store.SqliteChangeStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Past states read by a deadline: a slow or failing read leaves its host out, never late. */
class PastStatesTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path tmp;
  private SqliteChangeStore sqlite;

  @BeforeEach
  void setUp() {
    sqlite = SqliteChangeStore.open(tmp.resolve("data"));
    for (String host : List.of("a", "b", "slow")) {
      sqlite
          .recordProbe(
              new ProbeRecord(
                  host, T0, List.of(), Optional.of(FactSet.of(Map.of("os:id", host))), Map.of()))
          .toCompletableFuture()
          .join();
    }
  }

  @AfterEach
  void tearDown() {
    sqlite.close();
  }

  /** The real store, except that reads of host "slow" never answer and of "broken" fail. */
  private ChangeStore withSlowHost() {
    return (ChangeStore)
        Proxy.newProxyInstance(
            ChangeStore.class.getClassLoader(),
            new Class<?>[] {ChangeStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("stateAt") && args[0].equals("slow")) {
                return new CompletableFuture<Optional<FactSet>>();
              }
              if (method.getName().equals("stateAt") && args[0].equals("broken")) {
                return CompletableFuture.failedFuture(new IllegalStateException("broken"));
              }
              try {
                return method.invoke(sqlite, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void answersByTheBudgetWithTheHostsReadSoFar() throws Exception {
    long started = System.nanoTime();
    Map<String, Optional<FactSet>> read =
        PastStates.read(
                withSlowHost(),
                List.of("a", "slow", "b", "never-probed", "broken"),
                T0.plusSeconds(1),
                2,
                Duration.ofMillis(500))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(read).containsOnlyKeys("a", "b", "never-probed");
    assertThat(read.get("a")).contains(FactSet.of(Map.of("os:id", "a")));
    assertThat(read.get("never-probed")).isEmpty();
  }

  @Test
  void answersAtOnceWhenEveryHostIsRead() throws Exception {
    Map<String, Optional<FactSet>> read =
        PastStates.read(sqlite, List.of("a", "b", "slow"), T0, 16, Duration.ofMinutes(5))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(read).containsOnlyKeys("a", "b", "slow");
  }
}
