#!/bin/sh
# Heap bytes per fact of the in-memory state (dictionary-encoded FactSets of simulated hosts),
# against the previous representation (a TreeMap per host), in one run.
#
#   bench/run-memory.sh [HOSTS] [FACTS] [PEER_HOSTS]      (default 10000 2000 1000)
#
# Prints a markdown table and writes bench/results/memory-DATE.md. Builds the bench module unless
# SKIP_BUILD=1. Serial GC so that "heap used after a full GC" is
# exact; compressed oops (the JVM's default below 32 GB of heap).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)

. "$here/bench/classpath.sh"
out="$here/bench/results/memory-$(date -u +%F).md"
java -Xmx3g -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
  io.driftwatch.bench.memory.FactMemory "$@" >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
echo "wrote $out"
