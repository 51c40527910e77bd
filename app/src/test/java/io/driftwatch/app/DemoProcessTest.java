package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch demo} as its own process: prints where it serves and what to try, shows the
 * planted drift, and on Ctrl-C (SIGINT) stops and deletes its temporary data directory.
 */
class DemoProcessTest {

  private static final Pattern SERVING =
      Pattern.compile("serving (http://\\S+): .* data in (\\S+)\\. Ctrl-C stops it\\.");

  @TempDir Path tmp;

  @Test
  void theDemoServesItsFleetAndCleansUpOnCtrlC() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                "io.driftwatch.app.Main",
                "demo",
                "--port",
                "0",
                "--facts",
                "300")
            .start();
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> errors =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(stderr::add);
              } catch (IOException e) {
                // the process is gone
              }
            });
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).as("first line of stdout; stderr: %s", stderr).isNotNull();
      Matcher m = SERVING.matcher(first);
      assertThat(m.find()).as(first).isTrue();
      Path data = Path.of(m.group(2));
      assertThat(data).startsWith(tmp).isDirectory();
      List<String> rest = new ArrayList<>();
      for (String line = out.readLine(); line != null && !line.contains("curl"); ) {
        rest.add(line);
        line = out.readLine();
      }
      assertThat(rest)
          .contains(
              "  - 2 of 20 web hosts have a different libc6 (web-07, web-13 on 2.36-9+deb12u10)")
          .anyMatch(l -> l.contains("driftwatch diff web-01 web-07 --server " + m.group(1)));

      Api api = new Api(m.group(1));
      Await.until(
          Duration.ofSeconds(60),
          "web-13 probed",
          () -> api.get("/v1/hosts/web-13").json().get("status").asText().equals("ok"));
      Await.until(
          Duration.ofSeconds(60),
          "web-01 probed",
          () -> api.get("/v1/hosts/web-01").json().get("status").asText().equals("ok"));
      assertThat(
              api.get("/v1/diff?left=web-01&right=web-13&prefix=package:libc6")
                  .json()
                  .at("/differences/0/right")
                  .asText())
          .isEqualTo("2.36-9+deb12u10");

      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60s").isTrue();
      errors.get(10, TimeUnit.SECONDS);
      assertThat(String.join("\n", stderr)).doesNotContain("Exception").doesNotContain("ERROR");
      assertThat(Files.exists(data)).as("the demo's temporary data directory is gone").isFalse();
    } finally {
      process.destroyForcibly();
    }
  }
}
