package io.driftwatch.node.store;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.store.SwitchableChangeStore.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a child JVM by {@link SpoolingChangeStoreTest}: records probes of a few hosts through a
 * spool in front of a store that is available for rounds 0–9, down for 10–19, back for 20–29 (the
 * backlog drains while new records arrive) and down from round 30 on. Prints {@code acked HOST N}
 * once probe N of HOST is acknowledged, until the test kills it.
 */
final class SpoolCrashWriter {

  static final int HOSTS = 3;
  static final int KILL_AFTER = 35;

  private SpoolCrashWriter() {}

  static Instant probedAt(int n) {
    return ChangeStoreContract.T0.plusSeconds(n);
  }

  /** Probe {@code n} of {@code host}: one change with a deterministic id, a snapshot first. */
  static ProbeRecord probe(String host, int n) {
    Instant at = probedAt(n);
    ChangeEvent change =
        new ChangeEvent(
            eventId(host, n),
            host,
            "custom:n",
            n == 0 ? null : value(n - 1),
            value(n),
            n == 0 ? null : probedAt(n - 1),
            at);
    Optional<FactSet> snapshot =
        n == 0 ? Optional.of(FactSet.of(Map.of("custom:n", value(n)))) : Optional.empty();
    return new ProbeRecord(host, at, List.of(change), snapshot, Map.of());
  }

  static String eventId(String host, int n) {
    return "crash-" + host + "-" + n;
  }

  private static String value(int n) {
    return String.format("%05d", n);
  }

  public static void main(String[] args) {
    SwitchableChangeStore remote =
        new SwitchableChangeStore(SqliteChangeStore.open(Path.of(args[0])), "remote");
    SpoolSettings settings =
        new SpoolSettings(
            10_000,
            64L << 20,
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            2,
            Duration.ofMillis(20),
            Duration.ofMillis(100));
    // No close(), no shutdown hook: the test ends this process with SIGKILL.
    SpoolingChangeStore store = SpoolingChangeStore.open(remote, Path.of(args[1]), settings);
    for (int n = 0; ; n++) {
      boolean down = (n >= 10 && n < 20) || n >= 30;
      remote.set(down ? Mode.UNAVAILABLE : Mode.AVAILABLE);
      for (int h = 0; h < HOSTS; h++) {
        String host = "host-" + h;
        store.recordProbe(probe(host, n)).toCompletableFuture().join();
        System.out.println("acked " + host + " " + n);
        System.out.flush();
      }
    }
  }
}
