#!/bin/sh
# The micro-benchmarks (JMH): dpkg status parsing, FactSet.diff, the node's side of a remote probe
# answer, each against a peer in the same run.
#
#   bench/run-jmh.sh [JMH options]     e.g.  bench/run-jmh.sh Dpkg -f 3 -i 10
#
# Without options: every benchmark, one fork, 3 warm-up and 10 measured 1 s iterations (~2.5 min).
# Prints a markdown table with the ratios and writes bench/results/jmh-DATE.md. Builds the bench
# module unless SKIP_BUILD=1. JMH forks its own JVMs and waits for them; nothing outlives the run.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$here" && mvn -q -B -ntp -pl bench -am package -DskipTests)
fi
# The node code measured must be this tree's, never a driftwatch-node someone installed in ~/.m2
# (a build of bench without -am resolves it from there).
if grep -q '/io/driftwatch/' "$here/bench/target/classpath.txt"; then
  echo "$(basename "$0"): bench/target/classpath.txt takes Driftwatch from the local repository;" \
    "build with: mvn -pl bench -am package -DskipTests" >&2
  exit 2
fi
classpath="$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")"
cd "$here"
exec java ${BENCH_JAVA_OPTS:-} -Dbench.out="$here/bench/results" -cp "$classpath" \
  io.driftwatch.bench.jmh.JmhMain "$@"
