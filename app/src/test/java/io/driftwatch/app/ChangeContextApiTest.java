package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.LogLines;
import io.driftwatch.node.testing.Wtmp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who/what/when end to end: fixture hosts whose own logs (apt history, dpkg.log, auth.log, wtmp)
 * say who changed them, probed by a real node, read back over its real HTTP API, the CLI, and after
 * a restart.
 */
class ChangeContextApiTest {

  private static final String OLD_LIBC = "2.36-9+deb12u8";
  private static final String NEW_LIBC = "2.36-9+deb12u10";

  @TempDir Path tmp;

  /** Log time stamps have whole seconds. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  static JsonNode change(Api api, String host, String key) {
    JsonNode changes = api.get("/v1/hosts/" + host + "/changes").json().get("changes");
    return StreamSupport.stream(changes.spliterator(), false)
        .filter(c -> c.get("key").asText().equals(key))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no change of " + key + " in " + changes));
  }

  @Test
  void anAptUpgradeIsAttributedToItsRequesterAtDpkgsTimeAndSurvivesARestart() {
    Path data = tmp.resolve("data");
    Path root = tmp.resolve("web-1");
    FixtureHost host = FixtureHost.debian12();
    host.writeTo(root);
    DriftwatchNode node = TestNode.start(data);
    try {
      Api api = new Api(node.url());
      api.registerLocal("web-1", root, "{\"role\":\"web\"}");
      api.post("/v1/hosts/web-1/probe");

      Instant start = now();
      Instant unpacked = start.plusSeconds(2);
      host.withPackage("libc6", NEW_LIBC)
          .withAptHistory(
              LogLines.aptEntry(
                  start,
                  start.plusSeconds(4),
                  "apt-get upgrade -y",
                  "alice",
                  "Upgrade",
                  "libc6:amd64 (" + OLD_LIBC + ", " + NEW_LIBC + ")"))
          .withDpkgLog(
              LogLines.dpkg(start.plusSeconds(1), "startup archives unpack")
                  + LogLines.dpkg(unpacked, "upgrade libc6:amd64 " + OLD_LIBC + " " + NEW_LIBC)
                  + LogLines.dpkg(start.plusSeconds(3), "status installed libc6:amd64 " + NEW_LIBC))
          .writeTo(root);
      api.post("/v1/hosts/web-1/probe");

      JsonNode context = change(api, "web-1", "package:libc6").get("context");
      assertThat(context.get("actor").asText()).isEqualTo("alice");
      assertThat(context.get("at").asText()).isEqualTo(unpacked.toString());
      assertThat(context.at("/records/0/source").asText()).isEqualTo("apt-history");
      assertThat(context.at("/records/0/actor").asText()).isEqualTo("alice");
      assertThat(context.at("/records/0/action").asText()).isEqualTo("upgrade");
      assertThat(context.at("/records/0/detail").asText()).isEqualTo("apt-get upgrade -y");
      assertThat(context.at("/records/1/source").asText()).isEqualTo("dpkg-log");
      assertThat(context.has("logins")).isFalse(); // omitted when empty

      // The CLI's table shows the actor and the exact time.
      StringWriter out = new StringWriter();
      int code =
          Main.run(
              new String[] {"changes", "web-1", "--server", node.url()},
              new PrintWriter(out, true),
              new PrintWriter(new StringWriter(), true));
      assertThat(code).isZero();
      assertThat(out.toString()).contains("ACTOR").contains("alice");

      node.stop();
      node = TestNode.start(data);
      JsonNode again = change(new Api(node.url()), "web-1", "package:libc6").get("context");
      assertThat(again).isEqualTo(context);
    } finally {
      node.stop();
    }
  }

  @Test
  void aSudoEditIsAttributedToItsUserAndLoginsOverlappingTheWindowAreListed() {
    Path root = tmp.resolve("web-2");
    Instant before = now().minusSeconds(3600);
    FixtureHost host =
        FixtureHost.debian12()
            .withWtmp(
                new Wtmp()
                    .login("carol", "pts/0", "10.0.0.7", before)
                    .logout("pts/0", before.plusSeconds(60)));
    host.writeTo(root);
    DriftwatchNode node = TestNode.start(tmp.resolve("data"));
    try {
      Api api = new Api(node.url());
      api.registerLocal("web-2", root, "{\"role\":\"web\"}");
      api.post("/v1/hosts/web-2/probe");

      Instant edit = now();
      host.withFile("/etc/hosts", "127.0.0.1 localhost\n10.0.0.9 db\n")
          .withSysctl("vm.swappiness", "10")
          .withAuthLog(
              LogLines.sudo(edit.minusSeconds(1), "web-2", "alice", "/usr/bin/true")
                  + LogLines.sudo(edit, "web-2", "bob", "/usr/bin/vi /etc/hosts"))
          .withWtmp(
              new Wtmp()
                  .login("carol", "pts/0", "10.0.0.7", before)
                  .logout("pts/0", before.plusSeconds(60))
                  .login("bob", "pts/1", "10.0.0.6", edit.minusSeconds(30)))
          .writeTo(root);
      api.post("/v1/hosts/web-2/probe");

      JsonNode file = change(api, "web-2", "file:/etc/hosts").get("context");
      assertThat(file.get("actor").asText()).isEqualTo("bob");
      assertThat(file.get("at").asText()).isEqualTo(edit.toString());
      assertThat(file.at("/records/0/source").asText()).isEqualTo("auth-log");
      assertThat(file.at("/records/0/detail").asText()).isEqualTo("/usr/bin/vi /etc/hosts");
      assertThat(file.at("/logins/0/user").asText()).isEqualTo("bob");
      assertThat(file.at("/logins/0/from").asText()).isEqualTo("10.0.0.6");
      assertThat(file.at("/logins/0/end").isMissingNode()).isTrue();

      // A change no record names: the window's sudo commands and logins, but no actor, no time.
      JsonNode sysctl = change(api, "web-2", "sysctl:vm.swappiness").get("context");
      assertThat(sysctl.has("actor")).isFalse();
      assertThat(sysctl.has("at")).isFalse();
      assertThat(sysctl.get("logins")).hasSize(1); // carol logged out an hour before the window
      assertThat(sysctl.get("records")).hasSize(2);
    } finally {
      node.stop();
    }
  }

  @Test
  void hugeOrBinaryGarbageLogsDoNotFailTheProbe() {
    Path root = tmp.resolve("web-3");
    FixtureHost host = FixtureHost.debian12();
    host.writeTo(root);
    DriftwatchNode node = TestNode.start(tmp.resolve("data"));
    try {
      Api api = new Api(node.url());
      api.registerLocal("web-3", root, "{\"role\":\"web\"}");
      api.post("/v1/hosts/web-3/probe");

      Random random = new Random(7);
      byte[] huge = new byte[24 * 1024 * 1024];
      random.nextBytes(huge);
      byte[] small = new byte[100_003];
      random.nextBytes(small);
      host.withPackage("libc6", NEW_LIBC)
          .withBinaryFile("/var/log/auth.log", huge)
          .withBinaryFile("/var/log/wtmp", small)
          .withBinaryFile("/var/log/apt/history.log", small)
          .withBinaryFile("/var/log/dpkg.log", small)
          .withBinaryFile("/etc/timezone", small)
          .writeTo(root);
      JsonNode probe = api.post("/v1/hosts/web-3/probe").json();
      assertThat(probe.get("changes").asInt()).isEqualTo(1);

      JsonNode libc = change(api, "web-3", "package:libc6");
      assertThat(libc.get("new").asText()).isEqualTo(NEW_LIBC);
      assertThat(libc.has("context")).isFalse();
      assertThat(api.get("/v1/hosts/web-3").json().get("status").asText()).isEqualTo("ok");
    } finally {
      node.stop();
    }
  }
}
