package io.driftwatch.bench.memory;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.simulate.Drift;
import io.driftwatch.node.simulate.SimulatedFacts;
import io.driftwatch.node.simulate.Simulation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Heap bytes per fact of a member's in-memory state: N simulated hosts' {@link FactSet}s (what a
 * host entity holds), measured as the heap in use after a full GC with the sets held minus before.
 * The peers, measured the same way on fewer hosts: the previous representation (an unmodifiable
 * TreeMap per host) over the same shared strings, and over strings each host owns (what parsing
 * every host's output gives without interning).
 *
 * <p>The fleet: roles web 40%, db 20%, cache 20%, a role with no profile of its own 20%; in every
 * role 2% of hosts on another libc6, an openssl update halfway through its rollout, 5% of hosts
 * flapping a sysctl.
 *
 * <pre>bench/run-memory.sh [HOSTS] [FACTS] [PEER_HOSTS]   (default 10000 2000 1000)</pre>
 */
public final class FactMemory {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private FactMemory() {}

  public static void main(String[] args) {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int facts = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int peerHosts = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;

    // Warm up: load the profiles and the classes, so that they are in "before".
    build(10, facts);
    long before = usedAfterGc();
    long start = System.nanoTime();
    FactSet[] sets = build(hosts, facts);
    long buildNanos = System.nanoTime() - start;
    long after = usedAfterGc();
    long total = (long) hosts * facts;
    double encoded = (after - before) / (double) total;
    String dictionary = FactSet.dictionarySizes();

    // The same fleet again, with 1% of each host's values its own (machine ids, host keys,
    // addresses): measured alone, sharing only keys and the other values with the first fleet.
    long u0 = usedAfterGc();
    FactSet[] unique = withUniqueValues(sets, facts / 100);
    double uniqueBytes = (usedAfterGc() - u0) / (double) total;
    Reference.reachabilityFence(unique);
    unique = null;

    FactSet[] sample = java.util.Arrays.copyOf(sets, peerHosts);
    sets = null;
    long peerTotal = (long) peerHosts * facts;
    long b1 = usedAfterGc();
    Object[] shared = new Object[peerHosts];
    for (int i = 0; i < peerHosts; i++) {
      shared[i] = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sample[i].asMap()));
    }
    double treeShared = (usedAfterGc() - b1) / (double) peerTotal;
    Reference.reachabilityFence(shared);
    shared = null;
    long b2 = usedAfterGc();
    Object[] owned = new Object[peerHosts];
    for (int i = 0; i < peerHosts; i++) {
      TreeMap<String, String> copy = new TreeMap<>();
      for (Map.Entry<String, String> e : sample[i].asMap().entrySet()) {
        // new String(String) would share the characters; a parse makes new ones.
        copy.put(
            new String(e.getKey().getBytes(UTF_8), UTF_8),
            new String(e.getValue().getBytes(UTF_8), UTF_8));
      }
      owned[i] = java.util.Collections.unmodifiableSortedMap(copy);
    }
    double treeOwned = (usedAfterGc() - b2) / (double) peerTotal;

    System.out.printf(
        Locale.ROOT,
        "%n| representation | hosts × facts | heap bytes per fact |%n|---|---|---|%n"
            + "| FactSet, dictionary-encoded | %,d × %,d | %.2f |%n"
            + "| FactSet, 1%% of values unique per host (%,d each) | %,d × %,d | %.2f |%n"
            + "| TreeMap per host, strings shared | %,d × %,d | %.2f |%n"
            + "| TreeMap per host, strings per host | %,d × %,d | %.2f |%n%n"
            + "%,d facts held in %,d MB; built in %.1f s (%.1f µs per host); dictionary: %s%n",
        hosts,
        facts,
        encoded,
        facts / 100,
        hosts,
        facts,
        uniqueBytes,
        peerHosts,
        facts,
        treeShared,
        peerHosts,
        facts,
        treeOwned,
        total,
        (after - before) >> 20,
        buildNanos / 1e9,
        buildNanos / 1e3 / hosts,
        dictionary);
    Reference.reachabilityFence(owned);
  }

  private static FactSet[] build(int hosts, int facts) {
    String[] roles = {"web", "web", "db", "cache", "worker"};
    Instant at = T0.plus(Duration.ofMinutes(30));
    FactSet[] sets = new FactSet[hosts];
    for (int i = 0; i < hosts; i++) {
      String role = roles[i % roles.length];
      sets[i] = SimulatedFacts.of(simulation(facts), role, role + "-" + i, at);
    }
    return sets;
  }

  /** Each set with {@code n} of its values replaced by a value only that host has. */
  private static FactSet[] withUniqueValues(FactSet[] sets, int n) {
    FactSet[] result = new FactSet[sets.length];
    for (int i = 0; i < sets.length; i++) {
      Map<String, String> own = new TreeMap<>();
      int j = 0;
      for (String key : sets[i].asMap().keySet()) {
        if (j == n) {
          break;
        }
        own.put(key, String.format("sha256:%064x", ((long) i << 20) + j++));
      }
      result[i] = sets[i].with(own);
    }
    return result;
  }

  private static Simulation simulation(int facts) {
    return new Simulation(
        1,
        facts,
        List.of(
            new Drift(
                Drift.Kind.PLANT, "package:libc6", "2.36-9+deb12u10", null, 0.02, null, null, null),
            new Drift(
                Drift.Kind.ROLLOUT,
                "package:openssl",
                "3.0.19-1~deb12u3",
                null,
                null,
                T0,
                T0.plus(Duration.ofHours(1)),
                null),
            new Drift(
                Drift.Kind.FLAP,
                "sysctl:vm.swappiness",
                "10",
                null,
                0.05,
                null,
                null,
                Duration.ofMinutes(10))));
  }

  /** Heap in use once a full collection has run and the number stopped falling. */
  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = MEMORY.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return Math.min(now, used);
      }
      used = now;
    }
    return used;
  }
}
