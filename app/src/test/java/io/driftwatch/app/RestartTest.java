package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node stopped and started again on the same data directory continues where it left off. */
class RestartTest {

  @TempDir Path tmp;

  @Test
  void currentStateAndAllHistorySurviveARestart() throws Exception {
    Path data = tmp.resolve("data");
    FixtureHost host = FixtureHost.debian12();
    Path rootA = tmp.resolve("a");
    Path rootB = tmp.resolve("b");
    host.writeTo(rootA);
    host.withPackage("curl", "7.88.1-10+deb12u99").writeTo(rootB);

    DriftwatchNode first = TestNode.start(data);
    Api api = new Api(first.url());
    api.registerLocal("a", rootA, "{\"role\":\"web\"}");
    api.registerLocal("b", rootB, "{\"role\":\"web\"}");
    String firstProbe = api.post("/v1/hosts/a/probe").json().get("probedAt").asText();
    api.post("/v1/hosts/b/probe");
    host.withSysctl("kernel.pid_max", "99999").writeTo(rootA);
    api.post("/v1/hosts/a/probe");
    JsonNode factsBefore = api.get("/v1/hosts/a/facts").json().get("facts");
    JsonNode changesBefore = api.get("/v1/hosts/a/changes").json().get("changes");
    JsonNode diffBefore = api.get("/v1/diff?left=a&right=b").json().get("differences");
    assertThat(changesBefore).hasSize(1);
    first.stop();

    DriftwatchNode second = TestNode.start(data);
    try {
      Api again = new Api(second.url());
      assertThat(HostApiTest.names(again.get("/v1/hosts").json())).containsExactly("a", "b");
      assertThat(again.get("/v1/hosts/a").json().at("/tags/role").asText()).isEqualTo("web");
      assertThat(again.get("/v1/hosts/a/facts").json().get("facts")).isEqualTo(factsBefore);
      assertThat(again.get("/v1/hosts/a/changes").json().get("changes")).isEqualTo(changesBefore);
      assertThat(again.get("/v1/diff?left=a&right=b").json().get("differences"))
          .isEqualTo(diffBefore);
      assertThat(
              again
                  .get("/v1/hosts/a/facts?prefix=sysctl:kernel.pid_max&at=" + firstProbe)
                  .json()
                  .at("/facts/sysctl:kernel.pid_max")
                  .asText())
          .isNotEqualTo("99999");

      // Probing carries on from the recovered state: unchanged hosts record nothing new.
      JsonNode probe = again.post("/v1/hosts/a/probe").json();
      assertThat(probe.get("firstProbe").asBoolean()).isFalse();
      assertThat(probe.get("changes").asInt()).isZero();
    } finally {
      second.stop();
    }
  }

  @Test
  void aSecondNodeOnTheSameDataDirectoryIsRefused() {
    Path data = tmp.resolve("shared");
    DriftwatchNode running = TestNode.start(data);
    try {
      assertThatThrownBy(() -> TestNode.start(data))
          .hasMessageContaining("in use by another Driftwatch node");
      assertThat(new Api(running.url()).get("/v1/health").status()).isEqualTo(200);
    } finally {
      running.stop();
    }
    // Once stopped, the directory is free again.
    TestNode.start(data).stop();
  }

  @Test
  void theInventoryIsRegisteredAtStart() throws Exception {
    Path root = tmp.resolve("inv-1");
    FixtureHost.debian12().writeTo(root);
    HostSpec spec =
        new HostSpec(
            "inv-1", Transport.LOCAL, root.toString(), Map.of("role", "db"), Duration.ofMinutes(5));
    DriftwatchNode node = TestNode.start(tmp.resolve("inv-data"), List.of(spec));
    try {
      JsonNode host = new Api(node.url()).get("/v1/hosts/inv-1").json();
      assertThat(host.get("interval").asText()).isEqualTo("5m");
      assertThat(host.at("/tags/role").asText()).isEqualTo("db");
    } finally {
      node.stop();
    }
  }
}
