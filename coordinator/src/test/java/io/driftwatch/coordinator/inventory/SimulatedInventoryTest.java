package io.driftwatch.coordinator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.simulate.Drift;
import io.driftwatch.node.simulate.Simulation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated hosts in a Driftwatch inventory: the same {@code simulation} object as the API's. */
class SimulatedInventoryTest {

  @Test
  void aSimulationInDefaultsAppliesToEveryHost() {
    List<HostSpec> specs =
        DriftwatchInventory.parse(
            """
            defaults:
              transport: simulated
              tags: {role: web}
              simulation:
                seed: 9
                facts: 3000
                drift:
                  - {kind: plant, key: "package:libc6", value: "2.36-9+deb12u10", hosts: [web-2]}
            hosts:
              - name: web-1
              - name: web-2
            """,
            Duration.ofSeconds(60));
    assertThat(specs).hasSize(2);
    Simulation simulation = specs.get(0).simulation();
    assertThat(specs.get(0).transport()).isEqualTo(Transport.SIMULATED);
    assertThat(simulation.seed()).isEqualTo(9);
    assertThat(simulation.facts()).isEqualTo(3000);
    assertThat(simulation.drift())
        .containsExactly(
            new Drift(
                Drift.Kind.PLANT,
                "package:libc6",
                "2.36-9+deb12u10",
                List.of("web-2"),
                null,
                null,
                null,
                null));
    assertThat(specs.get(1).simulation()).isEqualTo(simulation);
  }

  @Test
  void aBadSimulationNamesTheField() {
    assertThatThrownBy(
            () ->
                DriftwatchInventory.parse(
                    "hosts:\n  - {name: a, transport: simulated, simulation: {facts: -1}}\n",
                    Duration.ofSeconds(60)))
        .hasMessageContaining("simulation: facts -1 is out of range");
  }
}
