package io.driftwatch.bench.cassandra;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.SnapshotPolicy;
import io.driftwatch.node.host.StateUpdate;
import io.driftwatch.node.store.ProbeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A simulated host whose facts drift a little between probes, turned into {@link ProbeRecord}s the
 * way a host entity does: {@link StateUpdate} folds each collection into the known state (change
 * events with unique ids, a snapshot when the {@link SnapshotPolicy} says one is due) and the state
 * then moves on as after a recorded probe. The facts look like a Debian host's (packages, sysctls,
 * services, files); two hosts built from the same seed drift identically.
 */
final class SyntheticHost {

  private final String name;
  private final SnapshotPolicy policy;
  private final Random random;
  private final List<String> keys;
  private FactSet facts;
  private Instant lastProbeAt;
  private Instant lastSnapshotAt;
  private int changesSinceSnapshot;
  private int version;

  /**
   * A host that was last probed (and snapshotted) at {@code probedBefore}, as a host entity resumed
   * from the store holds it; with {@code probedBefore} null its first probe is a snapshot.
   */
  SyntheticHost(
      String name, int factCount, long seed, SnapshotPolicy policy, Instant probedBefore) {
    this.name = name;
    this.policy = policy;
    this.random = new Random(seed);
    TreeMap<String, String> initial = new TreeMap<>();
    for (int i = 0; i < factCount; i++) {
      String key = key(i);
      initial.put(key, value(key, 0));
    }
    initial.put(StateUpdate.REACHABLE, "true");
    this.facts = FactSet.of(initial);
    this.keys = new ArrayList<>(initial.keySet());
    keys.remove(StateUpdate.REACHABLE);
    this.lastProbeAt = probedBefore;
    this.lastSnapshotAt = probedBefore;
  }

  String name() {
    return name;
  }

  FactSet facts() {
    return facts;
  }

  /**
   * The record of a probe at {@code at} (millisecond precision) that finds {@code changes} facts
   * changed; the host's state then is the probe's.
   */
  ProbeRecord probe(Instant at, int changes) {
    version++;
    TreeMap<String, String> next = new TreeMap<>(facts.asMap());
    next.remove(StateUpdate.REACHABLE);
    for (int i = 0; i < changes; i++) {
      String key = keys.get(random.nextInt(keys.size()));
      next.put(key, value(key, version * 31 + i));
    }
    Collection collected =
        new Collection(FactSet.of(next), Map.of(), Map.of(), List.of(), Duration.ZERO);
    StateUpdate update =
        StateUpdate.of(
            name, facts, lastProbeAt, collected, at, policy, lastSnapshotAt, changesSinceSnapshot);
    ProbeRecord record =
        new ProbeRecord(
            name,
            at,
            update.changes(),
            update.snapshotDue() ? Optional.of(update.next()) : Optional.empty(),
            Map.of());
    facts = update.next();
    lastProbeAt = at;
    if (record.snapshot().isPresent()) {
      lastSnapshotAt = at;
      changesSinceSnapshot = 0;
    } else {
      changesSinceSnapshot += record.changes().size();
    }
    return record;
  }

  private static String key(int i) {
    return switch (i % 8) {
      case 0, 1, 2, 3 -> "package:lib" + word(i) + "-" + i;
      case 4 -> "sysctl:net.ipv4.conf." + word(i) + ".param_" + i;
      case 5 -> "service:" + word(i) + "-" + i + ".service";
      case 6 -> "file:/etc/" + word(i) + "/" + i + ".conf";
      default -> "kernel:module." + word(i) + "_" + i;
    };
  }

  private static String word(int i) {
    String[] words = {"ssl", "curl", "systemd", "xml", "audit", "krb5", "zstd", "nss"};
    return words[(i / 8) % words.length];
  }

  private static String value(String key, int version) {
    if (key.startsWith("package:")) {
      return "1." + (version / 10) + "." + (version % 10) + "-1+deb12u" + version + " amd64";
    }
    if (key.startsWith("file:")) {
      return "sha256:"
          + Integer.toHexString((key.hashCode() * 31 + version) | 0x10000000)
          + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".substring(8)
          + " mode=0644 owner=root";
    }
    if (key.startsWith("service:")) {
      return version % 2 == 0 ? "enabled active" : "enabled inactive";
    }
    return Integer.toString(version);
  }
}
