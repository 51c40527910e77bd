package io.driftwatch.bench.cassandra;

import java.nio.file.Path;

/**
 * Command line of {@link CassandraBenchmark}; {@code bench/run-cassandra.sh} passes all of them.
 *
 * @param contactPoint the node, host:port
 * @param cassandraPid the node's process, to count its CPU (0: unknown, not counted)
 * @param cassandraHeap the node's heap as its script was told (for the report)
 * @param rounds measured rounds of the write benchmark (one unmeasured warm-up round comes first)
 * @param writeHosts hosts probed once in each write round, by each contender
 * @param stateQueries measured state-at-t queries
 * @param fleetHosts hosts with changes in the fleet timeline's hour
 */
record CassandraOptions(
    String contactPoint,
    long cassandraPid,
    String cassandraHeap,
    Path out,
    String commit,
    int rounds,
    int writeHosts,
    int stateQueries,
    int fleetHosts) {

  static CassandraOptions parse(String[] args) {
    String contactPoint = "127.0.0.1:9042";
    long pid = 0;
    String heap = "unknown";
    Path out = Path.of("bench/results");
    String commit = "unknown";
    int rounds = 9;
    int writeHosts = 2_000;
    int stateQueries = 300;
    int fleetHosts = 10_000;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--contact-point" -> contactPoint = required(args[i], value);
        case "--cassandra-pid" -> pid = Long.parseLong(required(args[i], value));
        case "--cassandra-heap" -> heap = required(args[i], value);
        case "--out" -> out = Path.of(required(args[i], value));
        case "--commit" -> commit = required(args[i], value);
        case "--rounds" -> rounds = positive(args[i], value);
        case "--write-hosts" -> writeHosts = positive(args[i], value);
        case "--state-queries" -> stateQueries = positive(args[i], value);
        case "--fleet-hosts" -> fleetHosts = positive(args[i], value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new CassandraOptions(
        contactPoint, pid, heap, out, commit, rounds, writeHosts, stateQueries, fleetHosts);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static int positive(String option, String value) {
    int n = Integer.parseInt(required(option, value));
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return n;
  }
}
