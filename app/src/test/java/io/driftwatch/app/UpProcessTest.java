package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch up} as its own process: prints the URL it serves, honours DRIFTWATCH_*
 * variables and flags, registers an inventory, and stops cleanly on Ctrl-C (SIGINT).
 */
class UpProcessTest {

  @TempDir Path tmp;

  @Test
  void upServesUntilInterruptedAndStopsCleanly() throws Exception {
    Path data = tmp.resolve("data");
    Path inventory = tmp.resolve("inventory.yaml");
    Path root = tmp.resolve("web-1");
    io.driftwatch.node.testing.FixtureHost.debian12().writeTo(root);
    Files.writeString(
        inventory,
        "hosts:\n  - name: web-1\n    transport: local\n    root: "
            + root
            + "\n    tags: {role: web}\n");

    try (DriftwatchProcess up =
        DriftwatchProcess.start(
            List.of("-Xmx256m"),
            Map.of("DRIFTWATCH_DATA", data.toString(), "DRIFTWATCH_CLUSTER_PORT", "0"),
            "up",
            "--port",
            "0",
            "--inventory",
            inventory.toString())) {
      String line = up.awaitServing();
      assertThat(line).contains(data.toString()).contains("1 hosts from the inventory");

      Api api = new Api(up.url());
      assertThat(api.get("/v1/health").json().get("members").asInt()).isEqualTo(1);
      assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);

      up.interrupt();
      assertThat(up.exited(Duration.ofSeconds(60))).as("stopped within 60s").isTrue();
      assertThat(up.stderr()).doesNotContain("Exception").doesNotContain("ERROR");
      assertThat(Files.exists(data.resolve("driftwatch.db"))).isTrue();
    }
  }

  @Test
  void badFlagsAndAMissingConfigFileFailWithAClearMessage() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        Main.run(
            new String[] {"up", "--config", tmp.resolve("missing.conf").toString()},
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err, true));
    assertThat(code).isEqualTo(io.driftwatch.app.cli.ClientCommand.EXIT_ERROR);
    assertThat(err.toString()).contains("missing.conf").doesNotContain("\tat ");

    java.io.StringWriter err2 = new java.io.StringWriter();
    int code2 =
        Main.run(
            new String[] {"up", "--port", "not-a-number"},
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err2, true));
    assertThat(code2).isEqualTo(io.driftwatch.app.cli.ClientCommand.EXIT_ERROR);
    assertThat(err2.toString()).contains("--port");
  }
}
