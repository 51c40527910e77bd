package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.simulate.Drift;
import io.driftwatch.node.simulate.Simulation;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HostSpecCodecTest {

  private static final HostSpec WEB =
      new HostSpec(
          "web-1",
          Transport.SSH,
          "/",
          new TreeMap<>(Map.of("role", "web/canary", "env", "prod")),
          Duration.ofSeconds(60));

  @Test
  void storedFormIsStableReadableJson() {
    // Files written today must read the same in every later version: change only with a migration.
    assertThat(HostSpecCodec.toJson(WEB))
        .isEqualTo(
            "{\"name\":\"web-1\",\"transport\":\"ssh\",\"root\":\"/\","
                + "\"tags\":{\"env\":\"prod\",\"role\":\"web/canary\"},\"interval\":\"1m\","
                + "\"managedBy\":\"api\",\"ssh\":{}}");
  }

  @Test
  void specsWrittenBeforeSshOptionsExistedStillRead() {
    assertThat(
            HostSpecCodec.fromJson(
                "{\"name\":\"web-1\",\"transport\":\"ssh\",\"root\":\"/\","
                    + "\"tags\":{\"env\":\"prod\",\"role\":\"web/canary\"},\"interval\":\"1m\"}"))
        .isEqualTo(WEB);
  }

  @Test
  void roundTripsSshOptionsAndOwner() {
    HostSpec db =
        new HostSpec(
            "db-1",
            Transport.SSH,
            "/",
            Map.of("role", "db"),
            Duration.ofMinutes(5),
            new SshOptions(
                "10.0.0.7",
                2222,
                "driftwatch",
                "/etc/driftwatch/id_ed25519",
                "/etc/driftwatch/known_hosts",
                HostKeyPolicy.ACCEPT_NEW,
                true,
                "ops@bastion:22"),
            "inventory:prod");

    assertThat(HostSpecCodec.fromJson(HostSpecCodec.toJson(db))).isEqualTo(db);
  }

  @Test
  void roundTripsEverySpec() {
    HostSpec fixture =
        new HostSpec(
            "fixture-1",
            Transport.LOCAL,
            "/srv/fixtures/host one",
            new TreeMap<>(Map.of("note", "'; DROP TABLE hosts; -- ✓")),
            Duration.ofMillis(1500));

    assertThat(HostSpecCodec.fromJson(HostSpecCodec.toJson(WEB))).isEqualTo(WEB);
    assertThat(HostSpecCodec.fromJson(HostSpecCodec.toJson(fixture))).isEqualTo(fixture);
    assertThat(HostSpecCodec.fromJson(HostSpecCodec.toJson(SIMULATED))).isEqualTo(SIMULATED);
  }

  private static final HostSpec SIMULATED =
      new HostSpec(
          "web-07",
          Transport.SIMULATED,
          null,
          Map.of("role", "web"),
          Duration.ofSeconds(30),
          null,
          null,
          new Simulation(
              7,
              2500,
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
                      "10",
                      List.of("web-0*"),
                      null,
                      null,
                      null,
                      Duration.ofMinutes(5)))));

  @Test
  void writesEveryFieldOfHostSpec() throws Exception {
    // Fails when HostSpec gains a field the stored form does not carry yet.
    JsonNode json = new ObjectMapper().readTree(HostSpecCodec.toJson(SIMULATED));
    List<String> written = new ArrayList<>();
    json.fieldNames().forEachRemaining(written::add);

    assertThat(written)
        .containsExactlyInAnyOrder(
            Arrays.stream(HostSpec.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toArray(String[]::new));
  }

  @Test
  void ignoresFieldsItDoesNotKnowAndDefaultsOptionalOnes() {
    HostSpec spec =
        HostSpecCodec.fromJson(
            "{\"name\":\"web-2\",\"transport\":\"push\",\"interval\":\"5m\","
                + "\"address\":\"10.0.0.2\",\"port\":22,\"labels\":[\"x\"]}");

    assertThat(spec)
        .isEqualTo(new HostSpec("web-2", Transport.PUSH, "/", null, Duration.ofMinutes(5)));
  }

  @Test
  void unreadableSpecSaysWhatIsWrong() {
    assertThatThrownBy(() -> HostSpecCodec.fromJson("{\"name\":\"web-1\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transport");
    assertThatThrownBy(() -> HostSpecCodec.fromJson("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> HostSpecCodec.fromJson("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
  }
}
