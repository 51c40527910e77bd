package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host resources of API v1 against a real node with fixture hosts. */
class HostApiTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;
  private static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static String name(String base) {
    return base + "-" + ids.incrementAndGet();
  }

  private static Path root(String name, FixtureHost host) throws Exception {
    Path root = tmp.resolve("hosts").resolve(name);
    host.writeTo(root);
    return root;
  }

  private static JsonNode probe(String name) {
    Api.Response r = api.post("/v1/hosts/" + name + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void registeringAHostCreatesItOnceAndUpdatesItAfterwards() throws Exception {
    String name = name("web");
    Path root = root(name, FixtureHost.debian12());

    Api.Response created = api.registerLocal(name, root, "{\"role\":\"web\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("name").asText()).isEqualTo(name);
    assertThat(created.json().get("transport").asText()).isEqualTo("local");
    assertThat(created.json().get("root").asText()).isEqualTo(root.toString());

    Api.Response updated = api.registerLocal(name, root, "{\"role\":\"web/canary\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().at("/tags/role").asText()).isEqualTo("web/canary");

    probe(name);
    JsonNode host = api.get("/v1/hosts/" + name).json();
    assertThat(host.get("status").asText()).isEqualTo("ok");
    assertThat(host.get("factCount").asInt()).isGreaterThan(50);
    assertThat(host.get("lastProbe").asText()).isNotEmpty();
  }

  @Test
  void listingFiltersBySelectorIncludingSubroles() throws Exception {
    String web = name("sel-web");
    String canary = name("sel-canary");
    String db = name("sel-db");
    api.registerLocal(
        web, root(web, FixtureHost.debian12()), "{\"role\":\"sel\",\"env\":\"prod\"}");
    api.registerLocal(
        canary, root(canary, FixtureHost.debian12()), "{\"role\":\"sel/canary\",\"env\":\"prod\"}");
    api.registerLocal(
        db, root(db, FixtureHost.debian12()), "{\"role\":\"seldb\",\"env\":\"prod\"}");

    assertThat(names(api.get("/v1/hosts?selector=role%3Dsel").json()))
        .containsExactlyInAnyOrder(web, canary);
    assertThat(names(api.get("/v1/hosts?selector=role%3Dsel/canary").json()))
        .containsExactly(canary);
    assertThat(names(api.get("/v1/hosts?selector=name%3Dsel-d*").json())).containsExactly(db);
    assertThat(names(api.get("/v1/hosts").json())).contains(web, canary, db);
  }

  @Test
  void probingRecordsChangesWithTheirDetectionWindow() throws Exception {
    String name = name("chg");
    FixtureHost host = FixtureHost.debian12();
    Path root = root(name, host);
    api.registerLocal(name, root, "{}");

    // Registration already started a first probe; this one finds the same state.
    JsonNode first = probe(name);
    assertThat(first.get("changes").asInt()).isZero();

    host.withPackage("openssl", "3.0.99-1~deb12u1").withSysctl("vm.swappiness", "10").writeTo(root);
    JsonNode second = probe(name);
    assertThat(second.get("changes").asInt()).isEqualTo(2);

    JsonNode changes = api.get("/v1/hosts/" + name + "/changes").json().get("changes");
    assertThat(changes).hasSize(2);
    JsonNode openssl = find(changes, "package:openssl");
    assertThat(openssl.get("new").asText()).isEqualTo("3.0.99-1~deb12u1");
    assertThat(openssl.get("old").asText()).isNotEmpty();
    assertThat(openssl.at("/window/from").asText()).isEqualTo(first.get("probedAt").asText());
    assertThat(openssl.at("/window/to").asText()).isEqualTo(second.get("probedAt").asText());

    assertThat(api.get("/v1/hosts/" + name + "/changes?prefix=sysctl:").json().get("changes"))
        .hasSize(1);
    assertThat(
            api.get("/v1/hosts/" + name + "/changes?until=" + first.get("probedAt").asText())
                .json()
                .get("changes"))
        .isEmpty();
    assertThat(
            api.get("/v1/hosts/" + name + "/changes?since=" + second.get("probedAt").asText())
                .json()
                .get("changes"))
        .hasSize(2);
  }

  @Test
  void factsAtAnyPastInstantShowTheStateThen() throws Exception {
    String name = name("past");
    FixtureHost host = FixtureHost.debian12();
    Path root = root(name, host);
    api.registerLocal(name, root, "{}");
    Instant beforeFirstProbe = Instant.now().minusSeconds(1);
    JsonNode first = probe(name);
    String oldSwappiness =
        api.get("/v1/hosts/" + name + "/facts?prefix=sysctl:vm.swappiness")
            .json()
            .at("/facts/sysctl:vm.swappiness")
            .asText();

    host.withSysctl("vm.swappiness", "1").writeTo(root);
    JsonNode second = probe(name);

    String at = first.get("probedAt").asText();
    JsonNode then = api.get("/v1/hosts/" + name + "/facts?prefix=sysctl:&at=" + at).json();
    assertThat(then.get("facts").get("sysctl:vm.swappiness").asText()).isEqualTo(oldSwappiness);
    assertThat(then.get("facts").fieldNames()).toIterable().allMatch(k -> k.startsWith("sysctl:"));
    JsonNode now = api.get("/v1/hosts/" + name + "/facts?prefix=sysctl:vm.").json();
    assertThat(now.get("facts").get("sysctl:vm.swappiness").asText()).isEqualTo("1");
    assertThat(now.get("at").asText()).isEqualTo(second.get("probedAt").asText());

    Api.Response tooEarly =
        api.get("/v1/hosts/" + name + "/facts?at=" + beforeFirstProbe.toString());
    assertThat(tooEarly.status()).isEqualTo(404);
    assertThat(tooEarly.json().get("detail").asText()).contains("no recorded state");
  }

  @Test
  void diffComparesTwoHostsAndAHostWithItsPast() throws Exception {
    String a = name("diff-a");
    String b = name("diff-b");
    FixtureHost base = FixtureHost.debian12();
    Path rootA = root(a, base);
    root(b, base.withPackage("libc6", "2.36-9+deb12u7").withoutPackage("nginx"));
    api.registerLocal(a, rootA, "{}");
    api.registerLocal(b, tmp.resolve("hosts").resolve(b), "{}");
    JsonNode firstA = probe(a);
    probe(b);

    JsonNode diff = api.get("/v1/diff?left=" + a + "&right=" + b + "&prefix=package:").json();
    JsonNode differences = diff.get("differences");
    assertThat(keys(differences)).containsExactly("package:libc6", "package:nginx");
    assertThat(find(differences, "package:libc6").get("right").asText())
        .isEqualTo("2.36-9+deb12u7");
    assertThat(find(differences, "package:nginx").get("right").isNull()).isTrue();
    assertThat(diff.at("/left/host").asText()).isEqualTo(a);

    base.withSysctl("net.ipv4.ip_forward", "1").writeTo(rootA);
    probe(a);
    JsonNode self =
        api.get("/v1/diff?left=" + a + "@" + firstA.get("probedAt").asText() + "&right=" + a)
            .json();
    assertThat(keys(self.get("differences"))).containsExactly("sysctl:net.ipv4.ip_forward");
    assertThat(find(self.get("differences"), "sysctl:net.ipv4.ip_forward").get("right").asText())
        .isEqualTo("1");
  }

  @Test
  void aMissingRootFailsTheProbeClearlyAndTheNodeKeepsServing() {
    String name = name("noroot");
    Path missing = tmp.resolve("does-not-exist").resolve(name);
    assertThat(api.registerLocal(name, missing, "{}").status()).isEqualTo(201);

    Api.Response probe = api.post("/v1/hosts/" + name + "/probe");
    assertThat(probe.status()).isEqualTo(503);
    assertThat(probe.json().at("/detail/reason").asText()).isEqualTo("ROOT_MISSING");
    assertThat(probe.json().at("/detail/message").asText()).contains(missing.toString());

    JsonNode host = api.get("/v1/hosts/" + name).json();
    assertThat(host.get("status").asText()).isEqualTo("unreachable");
    assertThat(host.get("statusReason").asText()).isEqualTo("ROOT_MISSING");
    assertThat(host.get("statusDetail").asText()).contains("does not exist");
    assertThat(api.get("/v1/health").json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aTruncatedPackageDatabaseNeverRecordsRemovals() throws Exception {
    String name = name("trunc");
    FixtureHost host = FixtureHost.debian12();
    Path root = root(name, host);
    api.registerLocal(name, root, "{}");
    JsonNode first = probe(name);

    host.truncatedDpkgStatus().writeTo(root);
    JsonNode second = probe(name);

    assertThat(second.get("changes").asInt()).isZero();
    assertThat(second.get("factCount").asInt()).isEqualTo(first.get("factCount").asInt());
    JsonNode status = api.get("/v1/hosts/" + name).json();
    assertThat(status.get("failedSources").has("package")).isTrue();
  }

  @Test
  void binaryAndLargeTrackedFilesAreRecordedAsHashes() throws Exception {
    String name = name("files");
    Path root = root(name, FixtureHost.debian12());
    byte[] binary = new byte[200_000];
    new java.util.Random(7).nextBytes(binary);
    Files.write(root.resolve("etc/hosts"), binary);
    api.registerLocal(name, root, "{}");
    probe(name);

    String value =
        api.get("/v1/hosts/" + name + "/facts?prefix=file:/etc/hosts")
            .json()
            .at("/facts/file:~1etc~1hosts")
            .asText();
    assertThat(value).startsWith("sha256:").contains("size=200000");
  }

  @Test
  void removingAHostStopsMonitoringButKeepsItsHistory() throws Exception {
    String name = name("gone");
    FixtureHost host = FixtureHost.debian12();
    Path root = root(name, host);
    api.registerLocal(name, root, "{}");
    probe(name);
    host.withUser("mallory", 0, 0, "/root", "/bin/bash").writeTo(root);
    probe(name);

    Api.Response removed = api.delete("/v1/hosts/" + name);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(api.get("/v1/hosts/" + name).status()).isEqualTo(404);
    assertThat(names(api.get("/v1/hosts").json())).doesNotContain(name);
    assertThat(api.post("/v1/hosts/" + name + "/probe").status()).isEqualTo(404);
    assertThat(api.get("/v1/hosts/" + name + "/changes").json().get("changes")).hasSize(1);
    assertThat(api.get("/v1/hosts/" + name + "/facts?prefix=user:mallory").json().at("/facts"))
        .hasSize(1);
    assertThat(api.delete("/v1/hosts/" + name).status()).isEqualTo(404);
  }

  static List<String> names(JsonNode hosts) {
    List<String> names = new ArrayList<>();
    hosts.get("hosts").forEach(h -> names.add(h.get("name").asText()));
    return names;
  }

  static List<String> keys(JsonNode items) {
    List<String> keys = new ArrayList<>();
    items.forEach(i -> keys.add(i.get("key").asText()));
    return keys;
  }

  static JsonNode find(JsonNode items, String key) {
    for (JsonNode item : items) {
      if (item.get("key").asText().equals(key)) {
        return item;
      }
    }
    throw new AssertionError("no " + key + " in " + items);
  }
}
