package io.driftwatch.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.simulate.Drift;
import io.driftwatch.node.simulate.SimulatedFacts;
import io.driftwatch.node.simulate.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What crosses between cluster members through the node's Pekko serialization (CBOR): a simulated
 * host's spec inside {@code Configure}, and a dictionary-encoded fact set inside a reply.
 */
class SimulatedMessagesSerializationTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aSimulatedSpecAndAFactSetSurviveCbor() {
    Simulation simulation =
        new Simulation(
            7,
            2000,
            List.of(
                new Drift(
                    Drift.Kind.ROLLOUT,
                    "package:openssl",
                    "3.0.15-1~deb12u1",
                    null,
                    0.5,
                    Instant.parse("2026-11-28T10:00:00Z"),
                    Instant.parse("2026-11-28T10:10:00Z"),
                    null),
                new Drift(
                    Drift.Kind.FLAP,
                    "sysctl:vm.swappiness",
                    null,
                    List.of("web-0*"),
                    null,
                    null,
                    null,
                    Duration.ofMinutes(5))));
    HostSpec spec =
        new HostSpec(
            "web-07",
            Transport.SIMULATED,
            null,
            Map.of("role", "web"),
            Duration.ofSeconds(30),
            null,
            null,
            simulation);
    TestProbe<Done> probe = testKit.createTestProbe();
    HostEntity.Configure configure = new HostEntity.Configure(spec, probe.ref());
    assertThat(testKit.serializationTestKit().verifySerialization(configure, true))
        .isEqualTo(configure);

    FactSet facts =
        SimulatedFacts.of(simulation, "web", "web-07", Instant.parse("2026-11-28T10:05:00Z"));
    HostEntity.CurrentFacts reply = new HostEntity.CurrentFacts(facts, Instant.now());
    HostEntity.CurrentFacts back =
        (HostEntity.CurrentFacts) testKit.serializationTestKit().verifySerialization(reply, true);
    assertThat(back.facts().diff(facts)).isEmpty();
  }
}
