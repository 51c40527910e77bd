#!/bin/sh
# The fleet benchmark: N real sshd hosts on 127.0.0.2 … 127.0.0.(N+1), each serving this machine;
# Driftwatch's remote probe against Ansible fact gathering and a parallel ssh loop, in one run.
#
#   bench/run-fleet.sh [N] [--reps R] [--no-peers]      (default N=20, R=5; as root)
#
# Prints a markdown table and writes bench/results/fleet-DATE.md. Installs what it needs (sshd,
# the ssh client, Debian's ansible) if missing, builds the bench module unless SKIP_BUILD=1, then
# runs the benchmark JVM in a network and PID namespace of its own: the loopback byte counters see
# only the benchmark's traffic, and every process it starts (sshd, ssh masters, Ansible) ends with
# the namespace, however the run ends.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)

hosts=20
case "${1:-}" in
  [0-9]*) hosts=$1; shift ;;
esac

if [ "$(id -u)" != 0 ]; then
  echo "run-fleet.sh: needs root (sshd logins as root, network namespaces)" >&2
  exit 2
fi

need=""
[ -x /usr/sbin/sshd ] || need="$need openssh-server"
command -v ssh >/dev/null 2>&1 || need="$need openssh-client"
command -v ansible >/dev/null 2>&1 || need="$need ansible"
command -v unshare >/dev/null 2>&1 || need="$need util-linux"
command -v ip >/dev/null 2>&1 || need="$need iproute2"
if [ -n "$need" ]; then
  echo "run-fleet.sh: installing$need" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >&2
fi

. "$here/bench/classpath.sh"

# In the namespaces: bring up its own lo, then run the JVM as a child of sh (PID 1 there), which
# reaps the ssh masters that Ansible and ssh leave behind.
unshare --net --pid --fork --kill-child --mount-proc \
  sh -c 'ip link set lo up && java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$0" \
           io.driftwatch.bench.fleet.FleetBenchmark "$@"' \
  "$classpath" --hosts "$hosts" --commit "$commit" --out "$here/bench/results" "$@" &
pid=$!
# Ending unshare kills PID 1 of the namespace (--kill-child), and with it everything inside.
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; exit 130' INT TERM
wait "$pid"
