package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftwatch event}, {@code events} and {@code --content} against a real node. */
class EventCliTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static CliTest.Result cli(String... args) {
    String[] withServer = new String[args.length + 2];
    System.arraycopy(args, 0, withServer, 0, args.length);
    withServer[args.length] = "--server";
    withServer[args.length + 1] = node.url();
    return CliTest.run(withServer);
  }

  @Test
  void anEventIsRecordedListedAndShownBesideTheChangeWithItsContentDiff() {
    Path root = tmp.resolve("cli-web");
    FixtureHost host = FixtureHost.debian12().withFile("/etc/hosts", "127.0.0.1 localhost\n");
    host.writeTo(root);
    assertThat(cli("register", "cli-web", "--root", root.toString(), "--tag", "role=web").code())
        .isZero();
    assertThat(cli("probe", "cli-web").code()).isZero();

    CliTest.Result event =
        cli(
            "event",
            "--type",
            "deploy",
            "--what",
            "web 1.4.2",
            "--who",
            "ci",
            "--selector",
            "role=web",
            "--id",
            "deploy-cli-1");
    host.withFile("/etc/hosts", "127.0.0.1 localhost\n10.0.0.9 cache\n").writeTo(root);
    assertThat(cli("probe", "cli-web").code()).isZero();
    CliTest.Result events = cli("events", "--host", "cli-web");
    CliTest.Result changes = cli("changes", "cli-web", "--content");
    CliTest.Result sets = cli("changes", "--selector", "role=web");
    CliTest.Result bad = cli("event", "--type", "reboot", "--what", "x");

    assertThat(event.code()).as(event.err()).isZero();
    assertThat(event.out())
        .startsWith("Recorded deploy web 1.4.2 by ci at ")
        .contains("deploy-cli-1");
    assertThat(events.out()).contains("deploy").contains("web 1.4.2").contains("role=web");
    assertThat(changes.out())
        .contains("file:/etc/hosts")
        .contains("deploy web 1.4.2")
        .contains("@@ -1,1 +1,2 @@\n 127.0.0.1 localhost\n+10.0.0.9 cache\n")
        .doesNotContain("\u001b[");
    assertThat(sets.out()).contains("on 1 host, during deploy web 1.4.2");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("type: unknown event type \"reboot\"");
  }
}
