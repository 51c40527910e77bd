package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Simulated hosts through the API: registered, probed, shown; a bad simulation is a clear 400. */
class SimulatedHostApiTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  @Test
  void aSimulatedHostIsProbedWithItsPlantedDrift() {
    String body =
        """
        {"transport":"simulated","tags":{"role":"db"},"simulation":{"seed":3,"facts":1500,
         "drift":[{"kind":"plant","key":"package:libc6","value":"2.36-9+deb12u10",
                   "hosts":["db-7"]}]}}
        """;
    assertThat(api.put("/v1/hosts/db-7", body).status()).isEqualTo(201);
    assertThat(api.put("/v1/hosts/db-8", body).status()).isEqualTo(201);
    Api.Response probed = api.post("/v1/hosts/db-7/probe");
    assertThat(probed.status()).as(probed.body()).isEqualTo(200);
    assertThat(api.post("/v1/hosts/db-8/probe").status()).isEqualTo(200);

    Api.Response host = api.get("/v1/hosts/db-7");
    assertThat(host.json().get("transport").asText()).isEqualTo("simulated");
    assertThat(host.json().get("factCount").asInt()).isEqualTo(1501);
    assertThat(host.json().at("/simulation/facts").asInt()).isEqualTo(1500);
    assertThat(host.json().at("/simulation/drift/0/hosts/0").asText()).isEqualTo("db-7");

    Api.Response diff = api.get("/v1/diff?left=db-7&right=db-8");
    assertThat(diff.json().get("differences")).hasSize(1);
    assertThat(diff.json().at("/differences/0/left").asText()).isEqualTo("2.36-9+deb12u10");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"transport\":\"simulated\",\"simulation\":{\"facts\":0}}"
            + "| simulation: facts 0 is out of range",
        "{\"transport\":\"simulated\",\"simulation\":{\"sed\":1}}"
            + "| simulation: unknown field \\\"sed\\\"",
        "{\"transport\":\"simulated\",\"simulation\":{\"drift\":[{\"kind\":\"rollout\","
            + "\"key\":\"package:a\",\"from\":\"yesterday\",\"until\":\"2026-11-28T10:00:00Z\"}]}}"
            + "| simulation.drift[0].from",
        "{\"transport\":\"simulated\",\"simulation\":{\"drift\":[{\"kind\":\"plant\","
            + "\"key\":\"package:a\",\"share\":2}]}}"
            + "| simulation.drift[0]: share 2.0 is out of range",
        "{\"transport\":\"simulated\",\"simulation\":\"lots\"}| simulation: expected an object",
        "{\"transport\":\"local\",\"simulation\":{}}"
            + "| simulation is only for transport simulated, not local"
      })
  void aBadSimulationIsA400ThatNamesTheField(String body, String detail) {
    Api.Response r = api.put("/v1/hosts/sim-bad", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").toString()).contains(detail.strip());
    assertThat(r.body()).doesNotContain("Exception");
    assertThat(api.get("/v1/hosts/sim-bad").status()).isEqualTo(404);
  }
}
