package io.driftwatch.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.FactSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FleetAggregateTest {

  private static FactSet facts(String... keyValues) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return FactSet.of(m);
  }

  @Test
  void countsValuesAndNamesTheHostsOfSmallGroups() {
    FleetAggregate a =
        FleetAggregate.builder(2)
            .add("h1", facts("package:libc6", "2.36-9"))
            .add("h2", facts("package:libc6", "2.36-9"))
            .add("h3", facts("package:libc6", "2.36-9"))
            .add("h4", facts("package:libc6", "2.36-8"))
            .build();

    KeyTally libc = a.keys().get("package:libc6");
    assertThat(libc.values().get("2.36-9")).isEqualTo(new ValueTally(3, List.of()));
    assertThat(libc.values().get("2.36-8")).isEqualTo(new ValueTally(1, List.of("h4")));
    assertThat(libc.absent().count()).isZero();
    assertThat(a.hosts()).containsExactly("h1", "h2", "h3", "h4");
  }

  @Test
  void hostsLackingAKeyAreCountedAsAbsent() {
    FleetAggregate a =
        FleetAggregate.builder(10)
            .add("h2", facts("package:curl", "7.88", "os:id", "debian"))
            .add("h1", facts("os:id", "debian"))
            .add("h3", facts("os:id", "debian"))
            .addNotProbed("h9")
            .build();

    assertThat(a.keys().get("package:curl").absent())
        .isEqualTo(new ValueTally(2, List.of("h1", "h3")));
    assertThat(a.notProbed()).containsExactly("h9");
    assertThat(a.answered()).containsExactlyInAnyOrder("h1", "h2", "h3", "h9");
  }

  @Test
  void aKeyOnlyOneSideHasIsAbsentOnEveryHostOfTheOther() {
    FleetAggregate left =
        FleetAggregate.builder(10).add("a1", facts("module:zfs", "loaded")).build();
    FleetAggregate right =
        FleetAggregate.builder(10)
            .add("b1", facts("os:id", "debian"))
            .add("b2", facts("os:id", "debian"))
            .build();

    FleetAggregate merged = left.plus(right);

    assertThat(merged.keys().get("module:zfs").absent())
        .isEqualTo(new ValueTally(2, List.of("b1", "b2")));
    assertThat(merged.keys().get("os:id").absent()).isEqualTo(new ValueTally(1, List.of("a1")));
    assertThat(merged.hosts()).containsExactly("a1", "b1", "b2");
  }

  @Test
  void namesAreDroppedOnceAMergedValueExceedsTheCap() {
    FleetAggregate left =
        FleetAggregate.builder(3).add("a1", facts("k:x", "1")).add("a2", facts("k:x", "1")).build();
    FleetAggregate right =
        FleetAggregate.builder(3).add("b1", facts("k:x", "1")).add("b2", facts("k:x", "1")).build();

    assertThat(left.keys().get("k:x").values().get("1").hosts()).containsExactly("a1", "a2");
    assertThat(left.plus(right).keys().get("k:x").values().get("1"))
        .isEqualTo(new ValueTally(4, List.of()));
  }

  /** Members may answer in any order and group hosts any way: the merge must not care. */
  @Test
  void mergingInAnyGroupingAndOrderGivesTheAggregateOfAllHosts() {
    Random random = new Random(42);
    List<String> hosts = new ArrayList<>();
    List<FactSet> states = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      hosts.add("host-" + i);
      Map<String, String> m = new java.util.TreeMap<>();
      for (int k = 0; k < 8; k++) {
        if (random.nextInt(10) > 0) {
          m.put("k:key" + k, "v" + random.nextInt(k + 1));
        }
      }
      states.add(FactSet.of(m));
    }
    FleetAggregate.Builder whole = FleetAggregate.builder(5);
    for (int i = 0; i < hosts.size(); i++) {
      whole.add(hosts.get(i), states.get(i));
    }
    FleetAggregate expected = whole.build();
    assertThat(expected.keys()).isEqualTo(countedOneByOne(hosts, states, 5));

    for (int round = 0; round < 20; round++) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, random);
      int parts = 1 + random.nextInt(5);
      List<FleetAggregate.Builder> builders = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        builders.add(FleetAggregate.builder(5));
      }
      for (int i : order) {
        builders.get(random.nextInt(parts)).add(hosts.get(i), states.get(i));
      }
      List<FleetAggregate> partials =
          new ArrayList<>(builders.stream().map(b -> b.build()).toList());
      Collections.shuffle(partials, random);
      FleetAggregate merged = FleetAggregate.empty(5);
      for (FleetAggregate p : partials) {
        merged = merged.plus(p);
      }
      assertThat(merged).isEqualTo(expected);
    }
  }

  /** The straightforward count the builder's reference-and-deviations shortcut must match. */
  private static Map<String, KeyTally> countedOneByOne(
      List<String> hosts, List<FactSet> states, int cap) {
    Map<String, Map<String, List<String>>> holders = new java.util.TreeMap<>();
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i);
      states
          .get(i)
          .asMap()
          .forEach(
              (k, v) ->
                  holders
                      .computeIfAbsent(k, x -> new java.util.HashMap<>())
                      .computeIfAbsent(v, x -> new ArrayList<>())
                      .add(host));
    }
    Map<String, KeyTally> tallies = new java.util.HashMap<>();
    holders.forEach(
        (key, values) -> {
          Map<String, ValueTally> byValue = new java.util.HashMap<>();
          values.forEach(
              (v, hs) -> byValue.put(v, ValueTally.of(hs.stream().sorted().toList(), cap)));
          List<String> lacking = new ArrayList<>();
          for (int i = 0; i < hosts.size(); i++) {
            if (states.get(i).get(key) == null) {
              lacking.add(hosts.get(i));
            }
          }
          tallies.put(
              key, new KeyTally(byValue, ValueTally.of(lacking.stream().sorted().toList(), cap)));
        });
    return tallies;
  }

  @Test
  void aHostAddedTwiceIsRefused() {
    FleetAggregate.Builder b = FleetAggregate.builder(3).add("h1", facts("k:x", "1"));
    assertThatThrownBy(() -> b.add("h1", facts("k:x", "2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
