#!/bin/sh
# The fleet diff benchmark (issue 5), in one JVM and one run: 10,000 simulated hosts × 2,000 facts
# on one member with the embedded store (heap bytes per fact, ingest with 1% of facts changing per
# probe, GET /v1/fleet/diff over all hosts, over one role of 500, at a past instant), the naive text
# peer over the same facts, then the same fleet diff across three members on Cassandra.
#
#   bench/run-fleet-diff.sh [--hosts N] [--facts F] [--cluster-hosts C] [--queries Q]
#                           [--at-queries A] [--warmup W] [--ingest-rounds R] [--peer-runs P]
#
# The three-member part uses the Cassandra node answering CQL on 127.0.0.1:$CASSANDRA_PORT (default
# 9042), in a keyspace of its own (bench_fleetdiff_DATE_TIME) dropped at the end; --cluster-hosts 0
# skips it. Prints a markdown report and writes bench/results/fleet-diff-DATE.md; ~10 min.
# Builds the bench module unless SKIP_BUILD=1.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
port=${CASSANDRA_PORT:-9042}

. "$here/bench/classpath.sh"

# G1, the JVM's default, as a member runs; 6 GB leaves room for the text the peer reads too.
java ${BENCH_JAVA_OPTS:--Xmx6g} -cp "$classpath" io.driftwatch.bench.fleetdiff.FleetDiffBenchmark \
  --contact-point "127.0.0.1:$port" --commit "$commit" --out "$here/bench/results" "$@"
