package io.driftwatch.bench.fleet;

import java.util.Locale;
import java.util.Map;

/**
 * The fleet benchmark's markdown: the machine, one table row per phase (medians of the runs), and
 * the ratios issue 3 sets targets for. Pure: everything it prints is handed to it.
 */
final class Report {

  /** Issue 3: a full probe at least this many times faster than Ansible's fact gathering. */
  static final double SPEEDUP_TARGET = 10;

  /** Issue 3: an unchanged re-probe costs at most this many bytes on the wire… */
  static final double UNCHANGED_BYTES_TARGET = 2048;

  /** …and at most this much target CPU. */
  static final double UNCHANGED_TARGET_CPU_MS = 20;

  /** What ran, on what: the lines above and below the table. */
  record Context(
      String date,
      String commit,
      int hosts,
      int repetitions,
      Map<String, String> machine,
      int rootFacts,
      int fixtureFacts,
      long packagesPerHost) {}

  private Report() {}

  static String markdown(Context c, Map<Phase, Summary> results) {
    StringBuilder md = new StringBuilder();
    md.append("# Fleet benchmark, ").append(c.date()).append("\n\n");
    md.append(
            String.format(
                Locale.ROOT,
                "%d loopback sshd hosts (127.0.0.2 … 127.0.0.%d), concurrency = forks = %d;"
                    + " median of %d runs per row after one unmeasured warm-up round; rows"
                    + " interleaved round by round. Driftwatch commit %s.%n%n",
                c.hosts(),
                c.hosts() + 1,
                c.hosts(),
                c.repetitions(),
                c.commit()))
        .append("Machine:\n\n");
    c.machine().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append('\n');
    md.append(
        "| tool | hosts | phase | wall, s: median (min–max) | node CPU, s | target CPU per probe, ms"
            + " | loopback bytes per probe | SSH wire bytes per probe |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    results.forEach(
        (phase, s) ->
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.2f (%.2f–%.2f) | %.2f | %.1f | %s | %s |%n",
                    phase.tool,
                    phase.hosts,
                    phase.how,
                    s.wallSeconds(),
                    s.wallMinSeconds(),
                    s.wallMaxSeconds(),
                    s.nodeCpuSeconds(),
                    s.targetCpuMillisPerProbe(),
                    bytes(s.loopbackBytesPerProbe()),
                    s.sshWireBytesPerProbe() < 0 ? "–" : bytes(s.sshWireBytesPerProbe()))));
    md.append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "Facts per host: %,d (root /), %,d (FixtureHost); `dpkg-query -W` lines per host: %,d.%n%n",
            c.rootFacts(),
            c.fixtureFacts(),
            c.packagesPerHost()));
    ratios(md, results);
    return md.toString();
  }

  private static void ratios(StringBuilder md, Map<Phase, Summary> r) {
    md.append("Ratios (from the medians):\n\n");
    Summary cold = r.get(Phase.DW_ROOT_COLD);
    Summary warm = r.get(Phase.DW_ROOT_WARM);
    Summary setup = r.get(Phase.ANSIBLE_SETUP);
    Summary packages = r.get(Phase.ANSIBLE_PACKAGE_FACTS);
    if (cold != null && setup != null && packages != null) {
      double ansible = setup.wallSeconds() + packages.wallSeconds();
      double coldSpeedup = ansible / cold.wallSeconds();
      md.append(
          String.format(
              Locale.ROOT,
              "- Full probe vs Ansible fact gathering (setup + package_facts, %.2f s): %.1f× faster"
                  + " cold, %.1f× warm — target ≥ %.0f×: %s. Against `-m setup` alone: %.1f×"
                  + " cold.%n",
              ansible,
              coldSpeedup,
              ansible / warm.wallSeconds(),
              SPEEDUP_TARGET,
              verdict(coldSpeedup >= SPEEDUP_TARGET),
              setup.wallSeconds() / cold.wallSeconds()));
      md.append(
          String.format(
              Locale.ROOT,
              "- Target CPU per host: Driftwatch full probe %.0f ms, Ansible setup +"
                  + " package_facts %.0f ms (%.1f×); node CPU for the fleet: %.2f s vs %.2f s"
                  + " (%.1f×).%n",
              cold.targetCpuMillisPerProbe(),
              setup.targetCpuMillisPerProbe() + packages.targetCpuMillisPerProbe(),
              (setup.targetCpuMillisPerProbe() + packages.targetCpuMillisPerProbe())
                  / cold.targetCpuMillisPerProbe(),
              cold.nodeCpuSeconds(),
              setup.nodeCpuSeconds() + packages.nodeCpuSeconds(),
              (setup.nodeCpuSeconds() + packages.nodeCpuSeconds()) / cold.nodeCpuSeconds()));
    }
    Summary sshCold = r.get(Phase.SSH_COLD);
    if (cold != null && sshCold != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "- Full probe (all categories) vs the `ssh dpkg-query -W` loop (packages only), both"
                  + " cold: %.2f s vs %.2f s (%.2f×).%n",
              cold.wallSeconds(),
              sshCold.wallSeconds(),
              sshCold.wallSeconds() / cold.wallSeconds()));
    }
    unchanged(md, "root /", r.get(Phase.DW_ROOT_UNCHANGED));
    unchanged(md, "FixtureHost", r.get(Phase.DW_FIXTURE_UNCHANGED));
    md.append('\n');
  }

  private static void unchanged(StringBuilder md, String hosts, Summary s) {
    if (s == null) {
      return;
    }
    md.append(
        String.format(
            Locale.ROOT,
            "- Unchanged re-probe, %s: %s on the wire (SSH packets; %s on loopback with TCP/IP"
                + " headers) — target ≤ %s: %s; %.1f ms target CPU — target ≤ %.0f ms: %s.%n",
            hosts,
            bytes(s.sshWireBytesPerProbe()),
            bytes(s.loopbackBytesPerProbe()),
            bytes(UNCHANGED_BYTES_TARGET),
            verdict(s.sshWireBytesPerProbe() <= UNCHANGED_BYTES_TARGET),
            s.targetCpuMillisPerProbe(),
            UNCHANGED_TARGET_CPU_MS,
            verdict(s.targetCpuMillisPerProbe() <= UNCHANGED_TARGET_CPU_MS)));
  }

  static String bytes(double b) {
    return String.format(Locale.ROOT, "%,.0f B", b);
  }

  private static String verdict(boolean met) {
    return met ? "**met**" : "**not met**";
  }
}
