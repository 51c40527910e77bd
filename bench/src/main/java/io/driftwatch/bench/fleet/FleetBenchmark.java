package io.driftwatch.bench.fleet;

import io.driftwatch.bench.fleet.Meter.NodeSide;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet benchmark: N real sshd hosts on loopback, every one serving this machine; Driftwatch's
 * remote probe (cold, warm, unchanged) and the peers a user would otherwise run (Ansible's setup
 * and package_facts, a parallel {@code ssh dpkg-query -W}) in the same run, round by round, so that
 * the machine's noise falls on all of them alike. Prints the markdown report and writes it to
 * {@code OUT/fleet-DATE.md}. Run it through {@code bench/run-fleet.sh}, which gives it a network
 * namespace of its own so the loopback counters see nothing but the benchmark.
 */
public final class FleetBenchmark {

  private final FleetOptions options;
  private final Fleet fleet;
  private final Meter meter;
  private final Map<Phase, List<Measurement>> results = new EnumMap<>(Phase.class);
  private int rootFacts;
  private int fixtureFacts;

  private FleetBenchmark(FleetOptions options, Fleet fleet) {
    this.options = options;
    this.fleet = fleet;
    this.meter = new Meter(fleet.targetCpu());
  }

  public static void main(String[] args) throws Exception {
    FleetOptions options = FleetOptions.parse(args);
    try (Fleet fleet = Fleet.start(options.hosts())) {
      new FleetBenchmark(options, fleet).run();
    }
    // MINA and JDK pools may keep non-daemon threads a little while; the run is over.
    System.exit(0);
  }

  private void run() throws Exception {
    int n = options.hosts();
    List<HostSpec> rootHosts = DriftwatchProbes.hosts(fleet, Collections.nCopies(n, "/"));
    List<String> fixtureRoots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fixtureRoots.add(
          FixtureHost.debian12().writeTo(fleet.newDirectory("fixture-host")).toString());
    }
    List<HostSpec> fixtureHosts = DriftwatchProbes.hosts(fleet, fixtureRoots);
    // Every host is this machine: each must answer the ssh peer with this many lines.
    long packagesPerHost = Long.parseLong(Machine.output("sh", "-c", "dpkg-query -W | wc -l"));
    AnsiblePeer ansible = options.peers() ? AnsiblePeer.prepare(fleet) : null;
    SshPeer ssh = options.peers() ? SshPeer.prepare(fleet, packagesPerHost) : null;

    for (int round = 0; round <= options.repetitions(); round++) {
      boolean measured = round > 0;
      log(measured ? "round " + round + " of " + options.repetitions() : "warm-up round");
      driftwatch(rootHosts, Phase.DW_ROOT_COLD, measured);
      driftwatch(fixtureHosts, Phase.DW_FIXTURE_COLD, measured);
      if (ansible != null) {
        record(Phase.ANSIBLE_SETUP, measured, 0, () -> ansible.run("setup"));
        record(Phase.ANSIBLE_PACKAGE_FACTS, measured, 0, () -> ansible.run("package_facts"));
        record(Phase.SSH_COLD, measured, 0, ssh::cold);
        ssh.openMasters();
        record(Phase.SSH_WARM, measured, Meter.ANY, ssh::warm);
        ssh.closeMasters();
        meter.settle(0);
      }
    }

    Map<Phase, Summary> summaries = new EnumMap<>(Phase.class);
    results.forEach((phase, runs) -> summaries.put(phase, Summary.of(runs, n)));
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    String md =
        Report.markdown(
            new Report.Context(
                date,
                options.commit(),
                n,
                options.repetitions(),
                Machine.describe(),
                rootFacts,
                fixtureFacts,
                packagesPerHost),
            summaries);
    System.out.println(md);
    Files.createDirectories(options.out());
    Path file = options.out().resolve(fileName(date));
    Files.writeString(file, md);
    log("wrote " + file);
  }

  /** fleet-DATE.md for the standard run (20 hosts with peers); other runs say how they differ. */
  private String fileName(String date) {
    return "fleet-"
        + date
        + (options.hosts() == 20 ? "" : "-" + options.hosts() + "hosts")
        + (options.peers() ? "" : "-no-peers")
        + ".md";
  }

  /** One round of Driftwatch's three phases over {@code hosts}, on connections of its own. */
  private void driftwatch(List<HostSpec> hosts, Phase cold, boolean measured) throws Exception {
    Phase[] phases = Phase.values();
    Phase warm = phases[cold.ordinal() + 1];
    Phase unchanged = phases[cold.ordinal() + 2];
    try (DriftwatchProbes probes = DriftwatchProbes.open(hosts, options.hosts())) {
      FleetRun probeAll = () -> new FleetRun.Outcome(probes.probeAll(), 0);
      record(cold, measured, Meter.ANY, probeAll);
      probes.forgetAll();
      record(warm, measured, Meter.ANY, probeAll);
      record(unchanged, measured, Meter.ANY, probeAll);
      int facts = probes.factCount();
      if (cold == Phase.DW_ROOT_COLD) {
        rootFacts = facts;
      } else {
        fixtureFacts = facts;
      }
    }
    meter.settle(0);
  }

  private void record(Phase phase, boolean measured, int settleTo, FleetRun run) throws Exception {
    Measurement m =
        meter.measure(
            phase.driftwatch ? NodeSide.THIS_JVM : NodeSide.CHILD_PROCESSES, settleTo, run);
    log(
        String.format(
            "  %-22s %6.2f s wall, %6.2f s node CPU, %7.1f ms target CPU/probe, %,9d lo B/probe",
            phase,
            m.wallNanos() / 1e9,
            m.nodeCpuNanos() / 1e9,
            m.targetCpuNanos() / 1e6 / options.hosts(),
            m.loopbackBytes() / options.hosts()));
    if (measured) {
      results.computeIfAbsent(phase, p -> new ArrayList<>()).add(m);
    }
  }

  private static void log(String line) {
    System.err.println(line);
  }
}
