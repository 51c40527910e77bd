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

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$here" && mvn -q -B -ntp -pl bench -am package -DskipTests)
fi
# What is measured must be this tree's, never a Driftwatch someone installed in ~/.m2.
if grep -q '/io/driftwatch/' "$here/bench/target/classpath.txt"; then
  echo "$(basename "$0"): bench/target/classpath.txt takes Driftwatch from the local repository;" \
    "build with: mvn -pl bench -am package -DskipTests" >&2
  exit 2
fi
classpath="$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")"
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit (with uncommitted changes)"
fi

# G1, the JVM's default, as a member runs; 6 GB leaves room for the text the peer reads too.
java ${BENCH_JAVA_OPTS:--Xmx6g} -cp "$classpath" io.driftwatch.bench.fleetdiff.FleetDiffBenchmark \
  --contact-point "127.0.0.1:$port" --commit "$commit" --out "$here/bench/results" "$@"
