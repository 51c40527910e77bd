package io.driftwatch.node.store;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a child JVM by {@link SqliteChangeStoreTest}: records probes of host "crash-1" one after
 * another and prints {@code acked N} once probe N is acknowledged, until the test kills it.
 */
final class SqliteCrashWriter {

  static final String HOST = "crash-1";
  static final int CHANGES_PER_PROBE = 5;

  private SqliteCrashWriter() {}

  /** The probe number {@code n}: deterministic ids, so the test can look every event up. */
  static ProbeRecord probe(int n) {
    Instant at = ChangeStoreContract.T0.plusMillis(n * 1000L);
    List<ChangeEvent> changes = new ArrayList<>();
    for (int k = 0; k < CHANGES_PER_PROBE; k++) {
      changes.add(
          new ChangeEvent(
              eventId(n, k),
              HOST,
              "custom:key-" + k,
              n == 0 ? null : "value-" + (n - 1),
              "value-" + n,
              n == 0 ? null : at.minusMillis(1000),
              at));
    }
    Optional<FactSet> snapshot = Optional.empty();
    if (n % 10 == 0) {
      snapshot = Optional.of(FactSet.empty().apply(changes));
    }
    return new ProbeRecord(HOST, at, changes, snapshot, Map.of());
  }

  static String eventId(int probe, int change) {
    return "crash-" + probe + "-" + change;
  }

  public static void main(String[] args) {
    // No close(), no shutdown hook: the test ends this process with SIGKILL.
    SqliteChangeStore store = SqliteChangeStore.open(Path.of(args[0]));
    for (int n = 0; ; n++) {
      store.recordProbe(probe(n)).toCompletableFuture().join();
      System.out.println("acked " + n);
      System.out.flush();
    }
  }
}
