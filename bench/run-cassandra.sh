#!/bin/sh
# The Cassandra store benchmark (issue 4), in one run against one local node: Driftwatch's write path
# against the raw driver writing the same rows, state at t of a host with a year of hourly changes,
# and the fleet timeline of one hour across 10,000 hosts.
#
#   bench/run-cassandra.sh [--rounds R] [--write-hosts N] [--state-queries Q] [--fleet-hosts F]
#
# Uses the node answering CQL on 127.0.0.1:$CASSANDRA_PORT (default 9042); if none does, starts one
# with cassandra-schema/local-cassandra (data in $CASSANDRA_HOME_DIR, default ./target/cassandra)
# and stops it again at the end. The benchmark works in a keyspace of its own (bench_DATE_TIME),
# dropped at the end. Prints a markdown report and writes bench/results/cassandra-DATE.md; ~5 min.
# Builds the bench module unless SKIP_BUILD=1.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
port=${CASSANDRA_PORT:-9042}
home=${CASSANDRA_HOME_DIR:-$here/target/cassandra}

. "$here/bench/classpath.sh"

started=0
if ! bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
  echo "run-cassandra.sh: no Cassandra on 127.0.0.1:$port, starting one in $home" >&2
  CASSANDRA_HOME_DIR=$home CASSANDRA_PORT=$port "$here/cassandra-schema/local-cassandra" start >&2
  started=1
fi
stop() {
  if [ "$started" = 1 ]; then
    CASSANDRA_HOME_DIR=$home CASSANDRA_PORT=$port "$here/cassandra-schema/local-cassandra" stop >&2
  fi
}
trap stop EXIT

# The node's process and heap, for its CPU per event and the report: the process in this home's
# pid file, else the only CassandraDaemon running (else unknown, and its CPU is not counted).
pid=0
heap=unknown
if [ -f "$home/cassandra.pid" ] && kill -0 "$(cat "$home/cassandra.pid")" 2>/dev/null; then
  pid=$(cat "$home/cassandra.pid")
elif [ "$(pgrep -f org.apache.cassandra.service.CassandraDaemon | wc -l)" = 1 ]; then
  pid=$(pgrep -f org.apache.cassandra.service.CassandraDaemon)
fi
if [ "$pid" != 0 ]; then
  heap=$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's/^-Xmx//p' | tail -n 1)
  heap=${heap:-unknown}
fi

java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$classpath" io.driftwatch.bench.cassandra.CassandraBenchmark \
  --contact-point "127.0.0.1:$port" --cassandra-pid "$pid" --cassandra-heap "$heap" \
  --commit "$commit" --out "$here/bench/results" "$@"
