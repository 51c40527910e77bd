package io.driftwatch.bench.fleetdiff;

import java.nio.file.Path;

/**
 * The fleet diff benchmark's command line.
 *
 * @param clusterHosts hosts of the three-member run (0 skips it)
 * @param queries measured queries per fleet diff (after {@code warmup})
 * @param atQueries measured queries at a past instant
 */
record FleetDiffOptions(
    int hosts,
    int facts,
    int clusterHosts,
    int queries,
    int atQueries,
    int warmup,
    int ingestRounds,
    int peerRuns,
    String contactPoint,
    String commit,
    Path out) {

  static FleetDiffOptions parse(String[] args) {
    int hosts = 10_000;
    int facts = 2_000;
    int clusterHosts = 10_000;
    int queries = 100;
    int atQueries = 20;
    int warmup = 3;
    int ingestRounds = 2;
    int peerRuns = 3;
    String contactPoint = "127.0.0.1:9042";
    String commit = "unknown";
    Path out = Path.of("bench/results");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--hosts" -> hosts = Integer.parseInt(value);
        case "--facts" -> facts = Integer.parseInt(value);
        case "--cluster-hosts" -> clusterHosts = Integer.parseInt(value);
        case "--queries" -> queries = Integer.parseInt(value);
        case "--at-queries" -> atQueries = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--ingest-rounds" -> ingestRounds = Integer.parseInt(value);
        case "--peer-runs" -> peerRuns = Integer.parseInt(value);
        case "--contact-point" -> contactPoint = value;
        case "--commit" -> commit = value;
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (hosts < 20 || queries < 1 || atQueries < 1 || warmup < 1 || ingestRounds < 1) {
      throw new IllegalArgumentException(
          "need at least 20 hosts (one of each role) and one query, warm-up and ingest round");
    }
    return new FleetDiffOptions(
        hosts,
        facts,
        clusterHosts,
        queries,
        atQueries,
        warmup,
        ingestRounds,
        peerRuns,
        contactPoint,
        commit,
        out);
  }
}
