package io.driftwatch.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.FactSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetDifferencesTest {

  private static FleetAggregate nineHosts() {
    FleetAggregate.Builder b = FleetAggregate.builder(100);
    for (int i = 1; i <= 9; i++) {
      String libc = i <= 4 ? "2.36-9+deb12u3" : "2.36-9+deb12u4";
      String swappiness = i == 7 ? "10" : "60";
      Map<String, String> facts =
          new java.util.TreeMap<>(
              Map.of(
                  "package:libc6", libc,
                  "sysctl:vm.swappiness", swappiness,
                  "os:id", "debian"));
      if (i != 3 && i != 5) {
        facts.put("package:curl", "7.88.1-10");
      }
      b.add("db-" + i, FactSet.of(facts));
    }
    return b.build();
  }

  @Test
  void onlyKeysWithDisagreementRarestDeviationFirst() {
    List<Disagreement> found = FleetDifferences.of(nineHosts(), 20);

    assertThat(found)
        .extracting(Disagreement::key, Disagreement::deviating)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sysctl:vm.swappiness", 1),
            org.assertj.core.groups.Tuple.tuple("package:curl", 2),
            org.assertj.core.groups.Tuple.tuple("package:libc6", 4));
  }

  @Test
  void aDisagreementNamesTheMajorityAndTheHostsOfEachMinority() {
    Disagreement libc = FleetDifferences.of(nineHosts(), 20).get(2);

    assertThat(libc.hosts()).isEqualTo(9);
    assertThat(libc.majority().value()).isEqualTo("2.36-9+deb12u4");
    assertThat(libc.majority().count()).isEqualTo(5);
    assertThat(libc.tied()).isFalse();
    assertThat(libc.values()).hasSize(2);
    assertThat(libc.values().get(1).value()).isEqualTo("2.36-9+deb12u3");
    assertThat(libc.values().get(1).hosts()).containsExactly("db-1", "db-2", "db-3", "db-4");
  }

  @Test
  void absenceIsAValueWithNoText() {
    Disagreement curl = FleetDifferences.of(nineHosts(), 20).get(1);

    assertThat(curl.majority().value()).isEqualTo("7.88.1-10");
    assertThat(curl.values().get(1).value()).isNull();
    assertThat(curl.values().get(1).hosts()).containsExactly("db-3", "db-5");
  }

  @Test
  void aTieIsFlaggedAndResolvedTheSameWayEveryTime() {
    FleetAggregate a =
        FleetAggregate.builder(10)
            .add("a", FactSet.of(Map.of("k:x", "2")))
            .add("b", FactSet.of(Map.of("k:x", "1")))
            .build();

    Disagreement d = FleetDifferences.of(a, 20).get(0);

    assertThat(d.tied()).isTrue();
    assertThat(d.majority().value()).isEqualTo("1");
    assertThat(d.deviating()).isEqualTo(1);
  }

  @Test
  void manyValuesAreListedUpToTheLimitRarestFirst() {
    FleetAggregate.Builder b = FleetAggregate.builder(10);
    for (int i = 0; i < 10; i++) {
      b.add("m" + i, FactSet.of(Map.of("k:x", "common")));
    }
    for (int i = 0; i < 5; i++) {
      b.add("u" + i, FactSet.of(Map.of("k:x", "unique-" + i)));
    }
    b.add("p1", FactSet.of(Map.of("k:x", "pair")));
    b.add("p2", FactSet.of(Map.of("k:x", "pair")));

    Disagreement d = FleetDifferences.of(b.build(), 3).get(0);

    assertThat(d.distinct()).isEqualTo(7);
    assertThat(d.deviating()).isEqualTo(7);
    assertThat(d.values())
        .extracting(Disagreement.Value::value)
        .containsExactly("common", "unique-0", "unique-1");
  }

  @Test
  void agreeingHostsHaveNoDifferences() {
    FleetAggregate a =
        FleetAggregate.builder(10)
            .add("a", FactSet.of(Map.of("k:x", "1")))
            .add("b", FactSet.of(Map.of("k:x", "1")))
            .build();

    assertThat(FleetDifferences.of(a, 20)).isEmpty();
  }
}
