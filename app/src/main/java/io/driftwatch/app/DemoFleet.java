package io.driftwatch.app;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.simulate.Drift;
import io.driftwatch.node.simulate.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fleet {@code driftwatch demo} monitors: 20 web, 10 db and 10 cache hosts of the simulated
 * transport, with drift planted where a first look finds it — two web hosts on another libc6, one
 * db host with another swappiness, a flapping sysctl on one cache host, and an nginx update rolling
 * across the web role in the minutes after the start.
 *
 * @param start when the demo started; the rollout is placed after it
 */
record DemoFleet(Instant start, Duration interval, int facts) {

  static final long SEED = 42;
  static final String OLD_LIBC = "2.36-9+deb12u10";
  static final List<String> OLD_LIBC_HOSTS = List.of("web-07", "web-13");
  static final String NGINX_UPDATE = "1.22.1-9+deb12u2";

  /** The rollout of the nginx update: from one to six minutes after the start. */
  Instant rolloutFrom() {
    return start.plus(Duration.ofMinutes(1));
  }

  Instant rolloutUntil() {
    return start.plus(Duration.ofMinutes(6));
  }

  List<HostSpec> hosts() {
    List<HostSpec> hosts = new ArrayList<>();
    role(hosts, "web", 20, webDrift());
    role(hosts, "db", 10, List.of(plant("sysctl:vm.swappiness", "60", "db-04")));
    role(
        hosts,
        "cache",
        10,
        List.of(
            new Drift(
                Drift.Kind.FLAP,
                "sysctl:net.core.somaxconn",
                "4096",
                List.of("cache-03"),
                null,
                null,
                null,
                Duration.ofMinutes(3))));
    return hosts;
  }

  /** One line per planted difference, for the operator. */
  List<String> planted() {
    return List.of(
        "2 of 20 web hosts have a different libc6 ("
            + String.join(", ", OLD_LIBC_HOSTS)
            + " on "
            + OLD_LIBC
            + ")",
        "db-04 has sysctl vm.swappiness 60, its peers 1",
        "cache-03 flaps sysctl net.core.somaxconn every 3 minutes",
        "nginx "
            + NGINX_UPDATE
            + " rolls out across the web hosts between "
            + rolloutFrom()
            + " and "
            + rolloutUntil());
  }

  private List<Drift> webDrift() {
    return List.of(
        new Drift(
            Drift.Kind.PLANT, "package:libc6", OLD_LIBC, OLD_LIBC_HOSTS, null, null, null, null),
        new Drift(
            Drift.Kind.ROLLOUT,
            "package:nginx",
            NGINX_UPDATE,
            List.of("web-*"),
            null,
            rolloutFrom(),
            rolloutUntil(),
            null),
        new Drift(
            Drift.Kind.ROLLOUT,
            "package:nginx-common",
            NGINX_UPDATE,
            List.of("web-*"),
            null,
            rolloutFrom(),
            rolloutUntil(),
            null));
  }

  private static Drift plant(String key, String value, String host) {
    return new Drift(Drift.Kind.PLANT, key, value, List.of(host), null, null, null, null);
  }

  private void role(List<HostSpec> hosts, String role, int count, List<Drift> drift) {
    Simulation simulation = new Simulation(SEED, facts, drift);
    for (int i = 1; i <= count; i++) {
      hosts.add(
          new HostSpec(
              String.format("%s-%02d", role, i),
              Transport.SIMULATED,
              null,
              Map.of("role", role, "env", "demo"),
              interval,
              null,
              null,
              simulation));
    }
  }
}
