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

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$here" && mvn -q -B -ntp -pl bench -am package -DskipTests)
fi
if grep -q '/io/driftwatch/' "$here/bench/target/classpath.txt"; then
  echo "$(basename "$0"): bench/target/classpath.txt takes Driftwatch from the local repository;" \
    "build with: mvn -pl bench -am package -DskipTests" >&2
  exit 2
fi
classpath="$here/bench/target/classes:$(cat "$here/bench/target/classpath.txt")"
out="$here/bench/results/memory-$(date -u +%F).md"
java -Xmx3g -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
  io.driftwatch.bench.memory.FactMemory "$@" >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
echo "wrote $out"
