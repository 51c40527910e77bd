package io.driftwatch.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.FactSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetAnswerTest {

  private static FleetAggregate of(String... hosts) {
    FleetAggregate.Builder b = FleetAggregate.builder(10);
    for (String h : hosts) {
      b.add(h, FactSet.of(Map.of("os:id", "debian")));
    }
    return b.build();
  }

  @Test
  void selectedHostsNoPartialCoversAreMissing() {
    FleetAnswer answer = FleetAnswer.of(List.of("a", "b", "c", "d"), List.of(of("a"), of("c")), 10);

    assertThat(answer.missing()).containsExactly("b", "d");
    assertThat(answer.hosts()).isEqualTo(4);
    assertThat(answer.aggregate().hosts()).containsExactly("a", "c");
  }

  @Test
  void notProbedHostsAnsweredAndAreNotMissing() {
    FleetAggregate partial =
        FleetAggregate.builder(10)
            .add("a", FactSet.of(Map.of("os:id", "debian")))
            .addNotProbed("b")
            .build();

    FleetAnswer answer = FleetAnswer.of(List.of("a", "b"), List.of(partial), 10);

    assertThat(answer.missing()).isEmpty();
    assertThat(answer.aggregate().notProbed()).containsExactly("b");
  }

  @Test
  void aPartialClaimingAHostAlreadyCountedIsLeftOutWhole() {
    FleetAnswer answer =
        FleetAnswer.of(List.of("a", "b", "c"), List.of(of("a", "b"), of("b", "c")), 10);

    assertThat(answer.partialsLeftOut()).isEqualTo(1);
    assertThat(answer.aggregate().hosts()).containsExactly("a", "b");
    assertThat(answer.missing()).containsExactly("c");
  }

  @Test
  void aHostRegisteredAfterTheRegistryWasReadStillCounts() {
    FleetAnswer answer = FleetAnswer.of(List.of("a"), List.of(of("a", "new")), 10);

    assertThat(answer.hosts()).isEqualTo(2);
    assertThat(answer.missing()).isEmpty();
  }
}
