package io.driftwatch.bench.fleetdiff;

import io.driftwatch.bench.cassandra.Percentiles;
import io.driftwatch.bench.fleet.Machine;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown report of one run: the measurements, the targets of issue 5 and the peer ratios. */
final class FleetDiffReport {

  static final double BYTES_PER_FACT_TARGET = 16;
  static final double P50_TARGET_MS = 100;

  private FleetDiffReport() {}

  static String markdown(FleetDiffResults r, String commit) {
    StringBuilder md = new StringBuilder();
    FleetDiffResults.OneMember one = r.one();
    line(md, "# Fleet diff benchmark, %s", r.finished().toString().substring(0, 10));
    line(md, "");
    line(
        md,
        "Commit %s; the whole run took %.1f min. Machine:",
        commit,
        r.took().toSeconds() / 60.0);
    line(md, "");
    for (Map.Entry<String, String> e : Machine.describe().entrySet()) {
      if (!e.getKey().equals("ansible") && !e.getKey().equals("OpenSSH")) {
        line(md, "- %s: %s", e.getKey(), e.getValue());
      }
    }
    line(md, "- load average at the end: %s", loadAverage());
    line(md, "");
    line(
        md,
        "## One member, embedded store: %,d simulated hosts × %,d facts",
        one.hosts(),
        one.factsPerHost());
    line(md, "");
    line(
        md,
        "Registered in %.1f s, every host probed once after %.1f s. %,d facts held; heap after a"
            + " full GC with the fleet loaded minus before: %,d MB.",
        one.registerSeconds(),
        one.loadSeconds(),
        one.factsHeld(),
        one.heapBytes() >> 20);
    line(md, "");
    line(
        md,
        "Reading the host registry from the store (`ChangeStore.hosts()`, every spec decoded), which"
            + " each fleet query does to know which hosts it selects: %.0f ms (median of 5).",
        one.registryReadMs());
    line(md, "");
    line(
        md,
        "| fleet diff over HTTP | hosts | keys that differ | answer bytes | p50 | p99 | min–max |");
    line(md, "|---|---|---|---|---|---|---|");
    latency(md, one.all());
    latency(md, one.role());
    latency(md, one.atRole());
    if (r.cluster() != null) {
      latency(md, r.cluster().all());
      latency(md, r.cluster().role());
    }
    line(md, "");
    line(
        md,
        "| ingest round (every host probed once, through its entity and the store) | probes | probes/s | changes per probe |");
    line(md, "|---|---|---|---|");
    for (FleetDiffResults.IngestRound i : one.ingest()) {
      line(
          md,
          "| one member, embedded store | %,d | %,.0f | %.2f |",
          i.probes(),
          i.probesPerSecond(),
          i.changesPerProbe());
    }
    if (r.cluster() != null) {
      FleetDiffResults.IngestRound i = r.cluster().ingest();
      line(
          md,
          "| three members, Cassandra | %,d | %,.0f | %.2f |",
          i.probes(),
          i.probesPerSecond(),
          i.changesPerProbe());
    }
    line(md, "");
    FleetDiffResults.Peer peer = one.peer();
    line(
        md,
        "## The peer: the same facts as text (%,d MB, one `key=value` file per host), counted by a"
            + " straightforward program",
        peer.textBytes() >> 20);
    line(md, "");
    line(md, "| selection | keys that differ | peer p50 | fleet diff p50 | peer ÷ fleet diff |");
    line(md, "|---|---|---|---|---|");
    ratio(md, "all hosts", peer.allKeys(), peer.allMs(), one.all());
    ratio(md, "role=" + SimFleet.SMALL_ROLE, peer.roleKeys(), peer.roleMs(), one.role());
    line(md, "");
    line(md, "## Against the targets of issue 5");
    line(md, "");
    line(md, "| | measured | target | |");
    line(md, "|---|---|---|---|");
    line(
        md,
        "| heap bytes per fact, %,d × %,d | %.2f | ≤ %.0f | %s |",
        one.hosts(),
        one.factsPerHost(),
        one.heapBytesPerFact(),
        BYTES_PER_FACT_TARGET,
        met(one.heapBytesPerFact() <= BYTES_PER_FACT_TARGET));
    line(
        md,
        "| fleet diff over all %,d hosts, p50 | %.1f ms | ≤ %.0f ms | %s |",
        one.hosts(),
        one.all().ms().p50(),
        P50_TARGET_MS,
        met(one.all().ms().p50() <= P50_TARGET_MS));
    if (r.cluster() != null) {
      line(md, "");
      line(
          md,
          "Three members: %,d hosts, %s per member, all probed once after %.1f s.",
          r.cluster().hosts(),
          r.cluster().hostsPerMember(),
          r.cluster().loadSeconds());
    }
    return md.toString();
  }

  private static void latency(StringBuilder md, FleetDiffResults.Latency l) {
    Percentiles p = l.ms();
    line(
        md,
        "| %s | %,d | %,d | %,d | %.1f ms | %.1f ms | %.1f–%.1f ms (%d queries%s) |",
        l.what(),
        l.hosts(),
        l.keys(),
        l.bytes(),
        p.p50(),
        p.p99(),
        p.min(),
        p.max(),
        p.count(),
        l.missing() == 0 ? "" : ", up to " + l.missing() + " hosts missing");
  }

  private static void ratio(
      StringBuilder md, String what, int keys, Percentiles peer, FleetDiffResults.Latency ours) {
    line(
        md,
        "| %s | %,d | %.0f ms | %.1f ms | **%.1f×** |",
        what,
        keys,
        peer.p50(),
        ours.ms().p50(),
        peer.p50() / ours.ms().p50());
  }

  private static String met(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static String loadAverage() {
    try {
      List<String> parts =
          List.of(
              java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "));
      return String.join(" ", parts.subList(0, 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void line(StringBuilder md, String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
