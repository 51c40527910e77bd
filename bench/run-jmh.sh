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

. "$here/bench/classpath.sh"
cd "$here"
exec java ${BENCH_JAVA_OPTS:-} -Dbench.out="$here/bench/results" -cp "$classpath" \
  io.driftwatch.bench.jmh.JmhMain "$@"
