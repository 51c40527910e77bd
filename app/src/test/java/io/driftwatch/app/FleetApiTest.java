package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.FixtureHost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet diff and fleet change sets over many fixture hosts on a real node. */
class FleetApiTest {

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

  /** A fresh role name, so that each test selects only its own hosts. */
  private static String role(String base) {
    return base + ids.incrementAndGet();
  }

  private static Path write(String name, FixtureHost host) {
    return host.writeTo(tmp.resolve("hosts").resolve(name));
  }

  private static void register(String name, FixtureHost host, String role) {
    api.registerFixture(name, host, tmp.resolve("hosts"), role);
  }

  /** Probes a host now and answers when the probe is recorded, with the probe's time. */
  private static Instant probe(String name) {
    return api.probe(name);
  }

  private static JsonNode get(String pathAndQuery) {
    Api.Response r = api.get(pathAndQuery);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Key → (value or "(absent)") → hosts, for every difference, so tests can compare exactly. */
  private static Map<String, Map<String, List<String>>> deviations(JsonNode diff) {
    Map<String, Map<String, List<String>>> all = new TreeMap<>();
    for (JsonNode d : diff.get("differences")) {
      Map<String, List<String>> values = new TreeMap<>();
      for (JsonNode v : d.get("values")) {
        if (v.has("hosts")) {
          List<String> hosts = new ArrayList<>();
          v.get("hosts").forEach(h -> hosts.add(h.asText()));
          values.put(v.get("value").isNull() ? "(absent)" : v.get("value").asText(), hosts);
        }
      }
      all.put(d.get("key").asText(), values);
    }
    return all;
  }

  @Test
  void fleetDiffFindsExactlyThePlantedMinorityRarestFirst() {
    String role = role("fd-db");
    FixtureHost base = FixtureHost.debian12();
    List<String> hosts = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      String name = role + "-" + i;
      FixtureHost host = base;
      if (i <= 4) {
        host = host.withPackage("libc6", "2.36-9+deb12u3");
      }
      if (i == 7) {
        host = host.withSysctl("vm.swappiness", "10");
      }
      if (i == 9 || i == 10) {
        host = host.withoutPackage("curl");
      }
      register(name, host, role);
      hosts.add(name);
    }
    hosts.forEach(FleetApiTest::probe);

    JsonNode diff = get("/v1/fleet/diff?selector=" + q("role=" + role));

    assertThat(diff.get("hosts").asInt()).isEqualTo(12);
    assertThat(diff.get("answered").asInt()).isEqualTo(12);
    assertThat(diff.get("missing")).isEmpty();
    assertThat(diff.get("notProbed")).isEmpty();
    assertThat(deviations(diff))
        .isEqualTo(
            Map.of(
                "sysctl:vm.swappiness", Map.of("10", List.of(role + "-7")),
                "package:curl", Map.of("(absent)", List.of(role + "-10", role + "-9")),
                "package:libc6",
                    Map.of(
                        "2.36-9+deb12u3",
                        List.of(role + "-1", role + "-2", role + "-3", role + "-4"))));
    List<String> order = new ArrayList<>();
    diff.get("differences").forEach(d -> order.add(d.get("key").asText()));
    assertThat(order).containsExactly("sysctl:vm.swappiness", "package:curl", "package:libc6");
    JsonNode libc = diff.get("differences").get(2);
    assertThat(libc.get("majority").get("value").asText()).isEqualTo("2.36-9+deb12u8");
    assertThat(libc.get("majority").get("count").asInt()).isEqualTo(8);
    assertThat(libc.get("deviating").asInt()).isEqualTo(4);

    JsonNode onlyPackages =
        get("/v1/fleet/diff?selector=" + q("role=" + role) + "&prefix=" + q("package:"));
    assertThat(deviations(onlyPackages)).containsOnlyKeys("package:curl", "package:libc6");
  }

  @Test
  void aRoleSelectsItsSubrolesAndHostsNeverProbedAreNamedApart() {
    String role = role("fd-web");
    register(role + "-a", FixtureHost.debian12(), role);
    register(role + "-b", FixtureHost.debian12(), role + "/canary");
    register(role + "-c", FixtureHost.debian12().withPackage("nginx", "1.99"), role + "/canary");
    // Never probed successfully: its root does not exist.
    Api.Response unreachable =
        api.registerLocal(
            role + "-new", tmp.resolve("no-such-root"), "{\"role\":\"" + role + "\"}");
    assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(201);
    register(role + "x-other", FixtureHost.debian12().withPackage("nginx", "0.1"), role + "x");
    probe(role + "-a");
    probe(role + "-b");
    probe(role + "-c");

    JsonNode diff = get("/v1/fleet/diff?selector=" + q("role=" + role));

    assertThat(diff.get("hosts").asInt()).isEqualTo(4);
    assertThat(diff.get("answered").asInt()).isEqualTo(3);
    assertThat(diff.get("notProbed").get(0).asText()).isEqualTo(role + "-new");
    assertThat(deviations(diff))
        .isEqualTo(Map.of("package:nginx", Map.of("1.99", List.of(role + "-c"))));

    JsonNode canaries = get("/v1/fleet/diff?selector=" + q("role=" + role + "/canary"));
    assertThat(canaries.get("answered").asInt()).isEqualTo(2);
    assertThat(canaries.get("count").asInt()).isEqualTo(1);
    assertThat(canaries.at("/differences/0/majority/tied").asBoolean()).isTrue();
  }

  @Test
  void atAPastInstantTheFleetIsComparedAsItWasThen() {
    String role = role("fd-past");
    Instant before = Instant.EPOCH;
    for (int i = 1; i <= 3; i++) {
      register(role + "-" + i, FixtureHost.debian12(), role);
      Instant probed = probe(role + "-" + i);
      before = probed.isAfter(before) ? probed : before;
    }
    write(role + "-2", FixtureHost.debian12().withPackage("openssl", "3.0.15-1~deb12u1"));
    probe(role + "-2");

    JsonNode now = get("/v1/fleet/diff?selector=" + q("role=" + role));
    JsonNode then = get("/v1/fleet/diff?selector=" + q("role=" + role) + "&at=" + before);

    assertThat(deviations(now))
        .isEqualTo(Map.of("package:openssl", Map.of("3.0.15-1~deb12u1", List.of(role + "-2"))));
    assertThat(then.get("count").asInt()).isZero();
    assertThat(then.get("answered").asInt()).isEqualTo(3);
    assertThat(then.get("at").asText()).isEqualTo(before.toString());

    JsonNode beforeAnyProbe =
        get("/v1/fleet/diff?selector=" + q("role=" + role) + "&at=2020-01-01T00:00:00Z");
    assertThat(beforeAnyProbe.get("answered").asInt()).isZero();
    assertThat(beforeAnyProbe.get("notProbed")).hasSize(3);
  }

  /** More hosts than are read one by one: the change sets come from the fleet timeline. */
  @Test
  void theSameTransitionOnManyHostsIsOneChangeSet() {
    String role = role("fd-chg");
    int fleet = 34;
    for (int i = 1; i <= fleet; i++) {
      register(role + "-" + i, FixtureHost.debian12(), role);
      probe(role + "-" + i);
    }
    Instant start = Instant.now();
    for (int i = 1; i <= 3; i++) {
      write(role + "-" + i, FixtureHost.debian12().withPackage("openssl", "3.0.15-1~deb12u1"));
      probe(role + "-" + i);
    }
    write(role + "-4", FixtureHost.debian12().withSysctl("vm.swappiness", "1"));
    probe(role + "-4");

    JsonNode changes = get("/v1/changes?selector=" + q("role=" + role) + "&since=" + start);

    assertThat(changes.get("hosts").asInt()).isEqualTo(fleet);
    assertThat(changes.get("truncated").asBoolean()).isFalse();
    assertThat(changes.get("changeSets")).hasSize(2);
    JsonNode openssl = changes.get("changeSets").get(0);
    assertThat(openssl.get("key").asText()).isEqualTo("package:openssl");
    assertThat(openssl.get("old").asText()).isEqualTo("3.0.14-1~deb12u2");
    assertThat(openssl.get("new").asText()).isEqualTo("3.0.15-1~deb12u1");
    assertThat(openssl.get("count").asInt()).isEqualTo(3);
    assertThat(openssl.get("hosts").toString())
        .isEqualTo("[\"" + role + "-1\",\"" + role + "-2\",\"" + role + "-3\"]");
    assertThat(Instant.parse(openssl.get("first").asText()))
        .isBeforeOrEqualTo(Instant.parse(openssl.get("last").asText()));
    assertThat(changes.get("changeSets").get(1).get("key").asText())
        .isEqualTo("sysctl:vm.swappiness");

    JsonNode onlySysctl =
        get(
            "/v1/changes?selector="
                + q("role=" + role)
                + "&since="
                + start
                + "&prefix="
                + q("sysctl:"));
    assertThat(onlySysctl.get("changeSets")).hasSize(1);
  }

  /** A few selected hosts: other hosts' newer changes cannot crowd theirs out of the limit. */
  @Test
  void theChangesOfAFewHostsAreFoundWhateverTheRestOfTheFleetDid() {
    String few = role("fd-few");
    String busy = role("fd-busy");
    for (int i = 1; i <= 2; i++) {
      register(few + "-" + i, FixtureHost.debian12(), few);
      probe(few + "-" + i);
    }
    for (int i = 1; i <= 3; i++) {
      register(busy + "-" + i, FixtureHost.debian12(), busy);
      probe(busy + "-" + i);
    }
    Instant start = Instant.now();
    for (int i = 1; i <= 2; i++) {
      write(few + "-" + i, FixtureHost.debian12().withPackage("curl", "7.88.1-10+deb12u99"));
      probe(few + "-" + i);
    }
    for (int i = 1; i <= 3; i++) {
      write(busy + "-" + i, FixtureHost.debian12().withSysctl("vm.swappiness", "3"));
      probe(busy + "-" + i);
    }

    JsonNode changes =
        get("/v1/changes?selector=" + q("role=" + few) + "&since=" + start + "&limit=2");
    JsonNode fewer =
        get("/v1/changes?selector=" + q("role=" + few) + "&since=" + start + "&limit=1");

    assertThat(changes.get("truncated").asBoolean()).isFalse();
    assertThat(changes.get("changeSets")).hasSize(1);
    assertThat(changes.at("/changeSets/0/key").asText()).isEqualTo("package:curl");
    assertThat(changes.at("/changeSets/0/count").asInt()).isEqualTo(2);
    assertThat(fewer.get("truncated").asBoolean()).isTrue();
    assertThat(fewer.at("/changeSets/0/hosts/0").asText()).isEqualTo(few + "-2");
  }

  @Test
  void badInputIsAClearJsonError() {
    String role = role("fd-bad");
    register(role + "-1", FixtureHost.debian12(), role);

    assertError("/v1/fleet/diff?selector=" + q("role"), 400, "selector: invalid selector term");
    assertError("/v1/fleet/diff?selector=" + q("role=" + role) + "&at=yesterday", 400, "at:");
    assertError("/v1/fleet/diff?selector=" + q("role=" + role) + "&limit=0", 400, "limit:");
    assertError("/v1/fleet/diff?selector=" + q("role=nobody-has-this"), 404, "no monitored host");
    assertError("/v1/changes?selector=" + q("role=nobody-has-this"), 404, "no monitored host");
    assertError(
        "/v1/changes?selector=" + q("role=" + role) + "&since=2026-01-02&until=2026-01-01",
        400,
        "is after until");
    assertError("/v1/changes?since=-1x", 400, "since:");
    assertError("/v1/changes?until=99999-01-01", 400, "until:");
  }

  private static void assertError(String pathAndQuery, int status, String detail) {
    Api.Response r = api.get(pathAndQuery);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("detail").asText()).as(r.body()).contains(detail);
  }
}
