package io.driftwatch.node.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.FactSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedFactsTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void aHostsFactsAreAPureFunctionOfItsSimulationRoleNameAndInstant() {
    Simulation s = new Simulation(7, 2000, List.of(flap("sysctl:vm.swappiness", "10", "5m")));
    FactSet first = SimulatedFacts.of(s, "web", "web-01", T0);
    FactSet again = SimulatedFacts.of(new Simulation(7, 2000, s.drift()), "web", "web-01", T0);
    assertThat(again).isEqualTo(first);
    assertThat(again.diff(first)).isEmpty();
    assertThat(first.size()).isEqualTo(2000);
  }

  @Test
  void factsLookLikeARealDebianServerOfItsRole() {
    FactSet web = SimulatedFacts.of(Simulation.DEFAULT, "web/canary", "web-01", T0);
    assertThat(web.get("os:pretty_name")).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(web.get("package:libc6")).matches("2\\.36-9\\+deb12u\\d+");
    assertThat(web.get("package:nginx")).isEqualTo("1.22.1-9+deb12u1");
    assertThat(web.get("service:nginx.service")).isEqualTo("active enabled");
    assertThat(web.get("port:tcp:0.0.0.0:443")).isEqualTo("listen");
    assertThat(web.get("user:root")).isEqualTo("uid=0 gid=0 home=/root shell=/bin/bash");
    assertThat(web.categories())
        .contains("os", "kernel", "package", "sysctl", "user", "group", "service", "port");
    assertThat(web.asMap().keySet()).allMatch(FactKey::isValid);

    FactSet db = SimulatedFacts.of(Simulation.DEFAULT, "db", "db-01", T0);
    assertThat(db.get("package:postgresql-15")).isNotNull();
    assertThat(db.get("package:nginx")).isNull();
    assertThat(SimulatedFacts.of(Simulation.DEFAULT, "nothing-known", "x", T0).get("package:nginx"))
        .isNull();
  }

  @Test
  void theFactCountIsConfigurableBelowAndAboveTheProfile() {
    assertThat(SimulatedFacts.of(new Simulation(1, 50, List.of()), "web", "w", T0).size())
        .isEqualTo(50);
    FactSet many = SimulatedFacts.of(new Simulation(1, 5000, List.of()), "web", "w", T0);
    assertThat(many.size()).isEqualTo(5000);
    assertThat(many.withPrefix("file:/etc/web/conf.d/").size()).isPositive();
    // the role's own facts survive a cut
    assertThat(
            SimulatedFacts.of(new Simulation(1, 50, List.of()), "web", "w", T0)
                .get("package:nginx"))
        .isNotNull();
  }

  @Test
  void hostsOfOneRoleShareTheirBaselineAndDifferOnlyByDrift() {
    Drift libc = plant("package:libc6", "2.36-9+deb12u3", List.of("web-07", "web-3?"));
    Simulation s = new Simulation(3, 2000, List.of(libc));
    List<String> deviating =
        IntStream.rangeClosed(1, 50)
            .mapToObj(i -> String.format("web-%02d", i))
            .filter(
                h ->
                    !SimulatedFacts.of(s, "web", h, T0)
                        .diff(SimulatedFacts.baseline(s, "web"))
                        .isEmpty())
            .toList();
    assertThat(deviating).hasSize(11).contains("web-07", "web-30", "web-39");
    assertThat(SimulatedFacts.of(s, "web", "web-07", T0).get("package:libc6"))
        .isEqualTo("2.36-9+deb12u3");
  }

  @Test
  void aShareSelectsAboutThatFractionOfHostsStably() {
    Drift d = new Drift(Drift.Kind.PLANT, "sysctl:vm.swappiness", "1", null, 0.1, null, null, null);
    long selected =
        IntStream.range(0, 2000).filter(i -> SimulatedFacts.selects(d, 9, "h-" + i)).count();
    assertThat(selected).isBetween(150L, 250L);
    assertThat(SimulatedFacts.selects(d, 9, "h-1")).isEqualTo(SimulatedFacts.selects(d, 9, "h-1"));
  }

  @Test
  void anAbsentPlantedValueRemovesTheKey() {
    Simulation s = new Simulation(1, 2000, List.of(plant("package:nginx", null, List.of("web-2"))));
    assertThat(SimulatedFacts.of(s, "web", "web-2", T0).get("package:nginx")).isNull();
    assertThat(SimulatedFacts.of(s, "web", "web-1", T0).get("package:nginx")).isNotNull();
  }

  @Test
  void aRolloutReachesEveryHostBetweenFromAndUntil() {
    Drift upgrade =
        new Drift(
            Drift.Kind.ROLLOUT,
            "package:openssl",
            "3.0.15-1~deb12u1",
            null,
            null,
            T0,
            T0.plus(Duration.ofMinutes(10)),
            null);
    Simulation s = new Simulation(5, 2000, List.of(upgrade));
    List<String> hosts = IntStream.range(0, 40).mapToObj(i -> "web-" + i).toList();
    String before = SimulatedFacts.baseline(s, "web").get("package:openssl");
    assertThat(hosts)
        .allMatch(
            h ->
                SimulatedFacts.of(s, "web", h, T0.minusSeconds(1))
                    .get("package:openssl")
                    .equals(before));
    assertThat(hosts)
        .allMatch(
            h ->
                SimulatedFacts.of(s, "web", h, T0.plus(Duration.ofMinutes(10)))
                    .get("package:openssl")
                    .equals("3.0.15-1~deb12u1"));
    long halfway =
        hosts.stream()
            .filter(
                h ->
                    SimulatedFacts.of(s, "web", h, T0.plus(Duration.ofMinutes(5)))
                        .get("package:openssl")
                        .equals("3.0.15-1~deb12u1"))
            .count();
    assertThat(halfway).isBetween(5L, 35L);
    for (String h : hosts) {
      Instant at = SimulatedFacts.switchAt(upgrade, 5, h);
      assertThat(SimulatedFacts.of(s, "web", h, at).get("package:openssl"))
          .isEqualTo("3.0.15-1~deb12u1");
      assertThat(SimulatedFacts.of(s, "web", h, at.minusMillis(1)).get("package:openssl"))
          .isEqualTo(before);
    }
  }

  @Test
  void rolloutsOverOneWindowReachEachHostTogether() {
    Instant until = T0.plus(Duration.ofMinutes(10));
    Drift nginx = new Drift(Drift.Kind.ROLLOUT, "package:nginx", "2", null, 0.5, T0, until, null);
    Drift common =
        new Drift(Drift.Kind.ROLLOUT, "package:nginx-common", "2", null, 0.5, T0, until, null);
    for (int i = 0; i < 50; i++) {
      String host = "web-" + i;
      assertThat(SimulatedFacts.selects(common, 1, host))
          .isEqualTo(SimulatedFacts.selects(nginx, 1, host));
      assertThat(SimulatedFacts.switchAt(common, 1, host))
          .isEqualTo(SimulatedFacts.switchAt(nginx, 1, host));
    }
  }

  @Test
  void aFlappingValueAlternatesEveryPeriod() {
    Simulation s = new Simulation(1, 2000, List.of(flap("sysctl:vm.swappiness", "10", "1m")));
    String base = SimulatedFacts.baseline(s, "db").get("sysctl:vm.swappiness");
    List<String> seen =
        IntStream.range(0, 6)
            .mapToObj(
                i ->
                    SimulatedFacts.of(s, "db", "db-1", T0.plus(Duration.ofMinutes(i)))
                        .get("sysctl:vm.swappiness"))
            .toList();
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).isNotEqualTo(seen.get(i - 1));
    }
    assertThat(seen).containsOnly(base, "10");
  }

  @Test
  void globsMatchLikeAShell() {
    assertThat(SimulatedFacts.Glob.matches("web-*", "web-01")).isTrue();
    assertThat(SimulatedFacts.Glob.matches("web-0?", "web-01")).isTrue();
    assertThat(SimulatedFacts.Glob.matches("web-0?", "web-010")).isFalse();
    assertThat(SimulatedFacts.Glob.matches("*-01", "db-01")).isTrue();
    assertThat(SimulatedFacts.Glob.matches("db", "db-01")).isFalse();
  }

  static Drift plant(String key, String value, List<String> hosts) {
    return new Drift(Drift.Kind.PLANT, key, value, hosts, null, null, null, null);
  }

  static Drift flap(String key, String value, String period) {
    return new Drift(
        Drift.Kind.FLAP,
        key,
        value,
        null,
        null,
        null,
        null,
        io.driftwatch.node.fact.DurationText.parse(period));
  }
}
