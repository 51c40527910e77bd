package io.driftwatch.bench.fleetdiff;

import io.driftwatch.bench.cassandra.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Everything one run measured, for the report. */
record FleetDiffResults(
    FleetDiffOptions options, OneMember one, Cluster cluster, Duration took, Instant finished) {

  /** The fleet diff latency over HTTP of one selection. */
  record Latency(String what, int hosts, int keys, int bytes, int missing, Percentiles ms) {}

  /** One ingest round: every host probed once, the clock one flap period on. */
  record IngestRound(int probes, double seconds, double probesPerSecond, double changesPerProbe) {}

  /** The naive peer over the same facts as text. */
  record Peer(long textBytes, Percentiles allMs, int allKeys, Percentiles roleMs, int roleKeys) {}

  /** One member, embedded store. */
  record OneMember(
      int hosts,
      int factsPerHost,
      long factsHeld,
      double heapBytesPerFact,
      long heapBytes,
      double registryReadMs,
      double registerSeconds,
      double loadSeconds,
      List<IngestRound> ingest,
      Latency all,
      Latency role,
      Latency atRole,
      Peer peer) {}

  /** Three members, Cassandra. */
  record Cluster(
      int hosts,
      int roleHosts,
      List<Integer> hostsPerMember,
      double loadSeconds,
      IngestRound ingest,
      Latency all,
      Latency role) {}
}
