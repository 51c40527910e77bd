package io.driftwatch.node.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SimulationJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Simulation read(String json) throws Exception {
    return SimulationJson.read(MAPPER.readTree(json));
  }

  @Test
  void readsWhatItWrites() throws Exception {
    Simulation s =
        read(
            """
            {"seed":7,"facts":3000,"drift":[
              {"kind":"plant","key":"package:libc6","value":"2.36-9+deb12u3","hosts":["web-07"]},
              {"kind":"rollout","key":"package:openssl","value":"3.0.15-1~deb12u1","share":0.5,
               "from":"2026-11-28T10:00:00Z","until":"2026-11-28T10:10:00Z"},
              {"kind":"flap","key":"sysctl:vm.swappiness","value":"10","period":"5m"},
              {"kind":"plant","key":"package:nginx","value":null}]}
            """);
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.facts()).isEqualTo(3000);
    assertThat(s.drift()).hasSize(4);
    assertThat(s.drift().get(3).value()).isNull();
    JsonNode written = SimulationJson.write(s);
    assertThat(SimulationJson.read(MAPPER.readTree(written.toString()))).isEqualTo(s);
  }

  @Test
  void missingMeansTheDefaults() throws Exception {
    assertThat(SimulationJson.read(null)).isEqualTo(Simulation.DEFAULT);
    assertThat(read("{}")).isEqualTo(Simulation.DEFAULT);
  }

  @Test
  void badInputSaysWhichFieldIsWrong() {
    assertThatThrownBy(() -> read("[1]")).hasMessage("simulation: expected an object");
    assertThatThrownBy(() -> read("{\"facts\":0}"))
        .hasMessageContaining("simulation: facts 0 is out of range: use 1 to 20000");
    assertThatThrownBy(() -> read("{\"facts\":\"many\"}"))
        .hasMessage("simulation.facts: expected an integer");
    assertThatThrownBy(() -> read("{\"sed\":1}"))
        .hasMessageContaining("simulation: unknown field \"sed\"");
    assertThatThrownBy(() -> read("{\"drift\":{}}"))
        .hasMessage("simulation.drift: expected an array");
    assertThatThrownBy(() -> read("{\"drift\":[{\"key\":\"package:a\"}]}"))
        .hasMessageContaining("simulation.drift[0].kind: required");
    assertThatThrownBy(() -> read("{\"drift\":[{\"kind\":\"melt\",\"key\":\"package:a\"}]}"))
        .hasMessageContaining("simulation.drift[0]: unknown kind \"melt\"");
    assertThatThrownBy(() -> read("{\"drift\":[{\"kind\":\"plant\",\"key\":\"NoCategory\"}]}"))
        .hasMessageContaining("simulation.drift[0]: invalid fact key");
    assertThatThrownBy(
            () -> read("{\"drift\":[{\"kind\":\"plant\",\"key\":\"package:a\",\"share\":1.5}]}"))
        .hasMessageContaining("simulation.drift[0]: share 1.5 is out of range");
    assertThatThrownBy(
            () ->
                read(
                    "{\"drift\":[{\"kind\":\"plant\",\"key\":\"package:a\",\"share\":0.5,"
                        + "\"hosts\":[\"a\"]}]}"))
        .hasMessageContaining("either hosts or share");
    assertThatThrownBy(() -> read("{\"drift\":[{\"kind\":\"rollout\",\"key\":\"package:a\"}]}"))
        .hasMessageContaining("a rollout needs from and until");
    assertThatThrownBy(
            () ->
                read(
                    "{\"drift\":[{\"kind\":\"rollout\",\"key\":\"package:a\","
                        + "\"from\":\"yesterday\",\"until\":\"2026-11-28T10:00:00Z\"}]}"))
        .hasMessageContaining("simulation.drift[0].from: \"yesterday\" is not an ISO-8601 instant");
    assertThatThrownBy(
            () ->
                read(
                    "{\"drift\":[{\"kind\":\"rollout\",\"key\":\"package:a\","
                        + "\"from\":\"2026-11-28T11:00:00Z\",\"until\":\"2026-11-28T10:00:00Z\"}]}"))
        .hasMessageContaining("is not before until");
    assertThatThrownBy(() -> read("{\"drift\":[{\"kind\":\"flap\",\"key\":\"package:a\"}]}"))
        .hasMessageContaining("a flap needs a period of at least 1s");
    assertThatThrownBy(
            () ->
                read("{\"drift\":[{\"kind\":\"plant\",\"key\":\"package:a\",\"period\":\"5m\"}]}"))
        .hasMessageContaining("period does not apply to kind plant");
  }
}
