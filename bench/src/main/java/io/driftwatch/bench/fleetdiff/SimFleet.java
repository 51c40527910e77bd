package io.driftwatch.bench.fleetdiff;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.simulate.Drift;
import io.driftwatch.node.simulate.SimulatedFacts;
import io.driftwatch.node.simulate.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The benchmark's fleet of simulated hosts: roles web 40%, db 20%, cache 20%, worker 15% and edge
 * 5% (500 of 10,000: the role the per-role query selects); in every role 2% of hosts on another
 * libc6, an openssl update rolled out to half of them, and 1% of each host's facts flapping with
 * {@link #period}, so that every step of one period changes exactly 1% of every host's facts.
 *
 * @param hosts how many hosts
 * @param facts facts per host before drift
 * @param period the flap period: the benchmark steps its clock by it between probe rounds
 * @param start the simulated instant of the first probe
 */
record SimFleet(int hosts, int facts, Duration period, Instant start) {

  static final long SEED = 5;

  /** Role of host i: the same shares in every block of 20 hosts. */
  private static final String[] ROLES = {
    "web", "db", "web", "cache", "worker", "web", "db", "web", "cache", "worker", //
    "web", "db", "web", "cache", "worker", "web", "db", "web", "cache", "edge"
  };

  /** The role the per-role measurement selects: 5% of the fleet. */
  static final String SMALL_ROLE = "edge";

  /** Interval long enough that no host probes on its own timer while the benchmark runs. */
  static final Duration INTERVAL = Duration.ofDays(1);

  /**
   * The first probe's instant: the hour of {@code now} plus half a flap period. A flapping fact's
   * value turns with each period at a phase of its own per host; at half a period past a multiple
   * of it, half of the hosts have turned, at every later step of one period too. (At a multiple of
   * the period every host would hold the same value.)
   */
  static Instant startNear(Instant now, Duration period) {
    return now.truncatedTo(ChronoUnit.HOURS).plus(period.dividedBy(2));
  }

  static String name(int i) {
    return String.format("%s-%05d", role(i), i);
  }

  static String role(int i) {
    return ROLES[i % ROLES.length];
  }

  /** Flapping facts per host: 1% of them. */
  int flapping() {
    return Math.max(1, facts / 100);
  }

  Simulation simulation() {
    List<Drift> drift = new ArrayList<>();
    drift.add(
        new Drift(
            Drift.Kind.PLANT, "package:libc6", "2.36-9+deb12u10", null, 0.02, null, null, null));
    drift.add(
        new Drift(
            Drift.Kind.ROLLOUT,
            "package:openssl",
            "3.0.19-1~deb12u3",
            null,
            null,
            start.minus(Duration.ofDays(1)),
            start.plus(Duration.ofDays(1)),
            null));
    for (String key : flapKeys(flapping())) {
      drift.add(new Drift(Drift.Kind.FLAP, key, "flapped", null, null, null, null, period));
    }
    return new Simulation(SEED, facts, drift);
  }

  /**
   * Keys every role's baseline has (so that every host flaps the same number of facts), the first
   * {@code n} in order, skipping the keys other drift plants.
   */
  private List<String> flapKeys(int n) {
    Simulation plain = new Simulation(SEED, facts, List.of());
    Set<String> common = null;
    for (String role : new TreeSet<>(List.of(ROLES))) {
      Set<String> keys = new TreeSet<>(SimulatedFacts.baseline(plain, role).asMap().keySet());
      if (common == null) {
        common = keys;
      } else {
        common.retainAll(keys);
      }
    }
    common.remove("package:libc6");
    common.remove("package:openssl");
    if (common.size() < n) {
      throw new IllegalStateException(
          "the roles share " + common.size() + " facts, fewer than the " + n + " to flap");
    }
    return common.stream().limit(n).toList();
  }

  List<HostSpec> specs() {
    Simulation simulation = simulation();
    List<HostSpec> specs = new ArrayList<>(hosts);
    for (int i = 0; i < hosts; i++) {
      specs.add(
          new HostSpec(
              name(i),
              Transport.SIMULATED,
              null,
              Map.of("role", role(i)),
              INTERVAL,
              SshOptions.DEFAULTS,
              HostSpec.API,
              simulation));
    }
    return specs;
  }

  /** The facts host {@code i} has at {@code at}: what its probes find. */
  FactSet factsAt(Simulation simulation, int i, Instant at) {
    return SimulatedFacts.of(simulation, role(i), name(i), at);
  }

  int roleSize(String role) {
    int n = 0;
    for (int i = 0; i < hosts; i++) {
      n += role(i).equals(role) ? 1 : 0;
    }
    return n;
  }
}
