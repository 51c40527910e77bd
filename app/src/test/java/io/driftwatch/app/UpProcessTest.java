package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch up} as its own process: prints the URL it serves, honours DRIFTWATCH_*
 * variables and flags, registers an inventory, and stops cleanly on Ctrl-C (SIGINT).
 */
class UpProcessTest {

  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+)");

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

    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.driftwatch.app.Main",
            "up",
            "--port",
            "0",
            "--inventory",
            inventory.toString());
    pb.environment().put("DRIFTWATCH_DATA", data.toString());
    pb.environment().put("DRIFTWATCH_CLUSTER_PORT", "0");
    Process process = pb.start();
    List<String> stderr = new ArrayList<>();
    CompletableFuture<Void> errors =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(stderr::add);
              } catch (java.io.IOException e) {
                // the process is gone
              }
            });
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("first line of stdout; stderr: %s", stderr).isNotNull();
      Matcher m = SERVING.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      assertThat(line).contains(data.toString()).contains("1 hosts from the inventory");

      Api api = new Api(m.group(1));
      assertThat(api.get("/v1/health").json().get("members").asInt()).isEqualTo(1);
      assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);

      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60s").isTrue();
      errors.get(10, TimeUnit.SECONDS);
      assertThat(String.join("\n", stderr)).doesNotContain("Exception").doesNotContain("ERROR");
      assertThat(Files.exists(data.resolve("driftwatch.db"))).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String firstLineMatching(BufferedReader reader, Pattern pattern) {
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (pattern.matcher(line).find()) {
          return line;
        }
      }
      return null;
    } catch (java.io.IOException e) {
      return null;
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
