package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content diffs of tracked text files over the real API: a host's file changes and a diff of two
 * hosts, with notes where a side's text was not kept (binary, too big).
 */
class ContentDiffApiTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;

  private static final String HOSTS = "127.0.0.1 localhost\n::1 localhost\n10.0.0.5 db\n";
  private static final String HOSTS_NOW = "127.0.0.1 localhost\n::1 localhost\n10.0.0.6 db\n";

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static JsonNode get(String pathAndQuery) {
    Api.Response r = api.get(pathAndQuery);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void probe(String host) {
    Api.Response r = api.post("/v1/hosts/" + host + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static Map<String, JsonNode> byKey(JsonNode list) {
    Map<String, JsonNode> out = new HashMap<>();
    list.forEach(c -> out.put(c.get("key").asText(), c));
    return out;
  }

  @Test
  void aChangedTrackedFileShowsAUnifiedDiffAndSidesNotKeptSayWhy() {
    FixtureHost before = FixtureHost.debian12().withFile("/etc/hosts", HOSTS);
    Path root = before.writeTo(tmp.resolve("hosts").resolve("files-1"));
    assertThat(api.registerLocal("files-1", root, "{\"role\":\"web\"}").status()).isEqualTo(201);
    probe("files-1");
    before
        .withFile("/etc/hosts", HOSTS_NOW)
        .withFile("/etc/cron.d/backup", "0 3 * * * root /usr/local/bin/backup\n")
        .withFile("/etc/sysctl.d/90-blob.conf", "\u0000\u0001binary")
        .withFile("/etc/sysctl.d/91-big.conf", "# padding\n".repeat(8000))
        .writeTo(root);
    probe("files-1");

    Map<String, JsonNode> changes =
        byKey(get("/v1/hosts/files-1/changes?prefix=file:&content=true").get("changes"));

    JsonNode hosts = changes.get("file:/etc/hosts");
    String from = hosts.at("/window/from").asText();
    String to = hosts.get("detectedAt").asText();
    assertThat(hosts.get("diff").asText())
        .isEqualTo(
            "--- file:/etc/hosts\t"
                + from
                + "\n+++ file:/etc/hosts\t"
                + to
                + "\n@@ -1,3 +1,3 @@\n 127.0.0.1 localhost\n ::1 localhost\n-10.0.0.5 db\n"
                + "+10.0.0.6 db\n");
    assertThat(hosts.has("diffNote")).isFalse();
    assertThat(changes.get("file:/etc/cron.d/backup").get("diff").asText())
        .isEqualTo(
            "--- /dev/null\n+++ file:/etc/cron.d/backup\t"
                + to
                + "\n@@ -0,0 +1,1 @@\n+0 3 * * * root /usr/local/bin/backup\n");
    for (String notKept : new String[] {"90-blob.conf", "91-big.conf"}) {
      JsonNode c = changes.get("file:/etc/sysctl.d/" + notKept);
      assertThat(c.get("diff").isNull()).as(notKept).isTrue();
      assertThat(c.get("diffNote").asText()).as(notKept).contains("new content was not kept");
    }
    // Without content=true, no diffs.
    assertThat(get("/v1/hosts/files-1/changes?prefix=file:").get("changes").get(0).has("diff"))
        .isFalse();
    assertThat(api.get("/v1/hosts/files-1/changes?content=yes").status()).isEqualTo(400);
  }

  @Test
  void aDiffOfTwoHostsShowsEachDifferingFile() {
    FixtureHost.debian12()
        .withFile("/etc/hosts", HOSTS)
        .writeTo(tmp.resolve("hosts").resolve("left-1"));
    FixtureHost.debian12()
        .withFile("/etc/hosts", HOSTS_NOW)
        .withSymlink("/etc/resolv.conf", "/run/systemd/resolve/stub-resolv.conf")
        .writeTo(tmp.resolve("hosts").resolve("right-1"));
    api.registerLocal("left-1", tmp.resolve("hosts").resolve("left-1"), "{}");
    api.registerLocal("right-1", tmp.resolve("hosts").resolve("right-1"), "{}");
    probe("left-1");
    probe("right-1");

    JsonNode diff = get("/v1/diff?left=left-1&right=right-1&prefix=file:&content=true");

    Map<String, JsonNode> differences = byKey(diff.get("differences"));
    String leftAt = diff.at("/left/at").asText();
    String rightAt = diff.at("/right/at").asText();
    assertThat(differences.get("file:/etc/hosts").get("diff").asText())
        .isEqualTo(
            "--- left-1:/etc/hosts\t"
                + leftAt
                + "\n+++ right-1:/etc/hosts\t"
                + rightAt
                + "\n@@ -1,3 +1,3 @@\n 127.0.0.1 localhost\n ::1 localhost\n-10.0.0.5 db\n"
                + "+10.0.0.6 db\n");
    JsonNode link = differences.get("file:/etc/resolv.conf");
    assertThat(link.get("diff").isNull()).isTrue();
    assertThat(link.get("diffNote").asText()).contains("symbolic link");
  }
}
