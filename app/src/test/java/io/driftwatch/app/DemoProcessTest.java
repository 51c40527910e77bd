package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** How long the lines after the first may take: the demo prints them all at once. */
  private static final Duration LINE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void theDemoServesItsFleetAndCleansUpOnCtrlC() throws Exception {
    try (DriftwatchProcess demo =
        DriftwatchProcess.start(
            List.of("-Xmx384m", "-Djava.io.tmpdir=" + tmp),
            Map.of(),
            "demo",
            "--port",
            "0",
            "--facts",
            "300")) {
      String first = demo.awaitServing();
      Matcher m = SERVING.matcher(first);
      assertThat(m.find()).as(first).isTrue();
      Path data = Path.of(m.group(2));
      assertThat(data).startsWith(tmp).isDirectory();
      List<String> rest = new ArrayList<>();
      for (String line = demo.nextLine(LINE); line != null && !line.contains("curl"); ) {
        rest.add(line);
        line = demo.nextLine(LINE);
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

      demo.interrupt();
      assertThat(demo.exited(Duration.ofSeconds(60))).as("stopped within 60s").isTrue();
      assertThat(demo.stderr()).doesNotContain("Exception").doesNotContain("ERROR");
      assertThat(Files.exists(data)).as("the demo's temporary data directory is gone").isFalse();
    }
  }
}
