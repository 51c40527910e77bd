package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftwatch demo}'s node, over real HTTP: the planted drift is what a diff shows. */
class DemoTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void theDemoFleetShowsItsPlantedDriftThroughTheApi() {
    DemoCommand demo = new DemoCommand();
    demo.port = 0;
    demo.interval = "30s";
    demo.facts = 2000;
    DemoFleet fleet = demo.fleet(Clock.systemUTC());
    DriftwatchNode node = demo.start(dir, fleet);
    try {
      Api api = new Api(node.url());
      assertThat(api.get("/v1/hosts?selector=role=web").json().get("hosts")).hasSize(20);
      Await.until(
          WAIT,
          "every demo host probed once",
          () -> {
            JsonNode hosts = api.get("/v1/hosts").json().get("hosts");
            List<String> pending = new ArrayList<>();
            hosts.forEach(
                h -> {
                  if (!h.get("status").asText().equals("ok")) {
                    pending.add(h.get("name").asText());
                  }
                });
            return hosts.size() == 40 && pending.isEmpty();
          });
      JsonNode web = api.get("/v1/hosts/web-01").json();
      assertThat(web.get("transport").asText()).isEqualTo("simulated");
      // the simulated 2,000 and the node's own probe:reachable
      assertThat(web.get("factCount").asInt()).isEqualTo(2001);
      assertThat(web.at("/simulation/seed").asLong()).isEqualTo(DemoFleet.SEED);

      // Probes of web-01 and web-07 may straddle a rollout step; only libc6 is planted as such.
      JsonNode libc = api.get("/v1/diff?left=web-01&right=web-07&prefix=package:libc6").json();
      assertThat(libc.get("differences")).hasSize(1);
      assertThat(libc.at("/differences/0/key").asText()).isEqualTo("package:libc6");
      assertThat(libc.at("/differences/0/left").asText()).isEqualTo("2.36-9+deb12u14");
      assertThat(libc.at("/differences/0/right").asText()).isEqualTo(DemoFleet.OLD_LIBC);

      assertThat(
              api.get("/v1/diff?left=web-01&right=web-02&prefix=package:libc6")
                  .json()
                  .get("differences"))
          .isEmpty();
      JsonNode sysctl = api.get("/v1/diff?left=db-01&right=db-04&prefix=sysctl:").json();
      assertThat(sysctl.get("differences")).hasSize(1);
      assertThat(sysctl.at("/differences/0/key").asText()).isEqualTo("sysctl:vm.swappiness");
      assertThat(sysctl.at("/differences/0/left").asText()).isEqualTo("1");
      assertThat(sysctl.at("/differences/0/right").asText()).isEqualTo("60");
    } finally {
      node.stop();
      node.whenStopped().toCompletableFuture().join();
    }
  }
}
