package io.driftwatch.app;

import static io.driftwatch.app.TestCluster.assertChangesOnce;
import static io.driftwatch.app.TestCluster.owners;
import static io.driftwatch.app.TestCluster.self;
import static io.driftwatch.app.TestCluster.upMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.testing.FixtureHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three real members — two ActorSystems in this JVM and one {@code driftwatch up} process — over
 * the shared real Cassandra (a keyspace of this test's own), each with its own data directory, HTTP
 * port and cluster port on 127.0.0.1: they form one cluster, spread the hosts over all three,
 * re-home the hosts of the member that is killed mid-probe without losing or repeating a change,
 * and give shards to a member that joins.
 */
class ClusterTest {

  private static final Logger log = LoggerFactory.getLogger(ClusterTest.class);
  private static final Duration DEADLINE = Duration.ofSeconds(45);
  private static final int HOSTS = 12;
  private static final String HTOP = "package:htop";
  private static final String TREE = "package:tree";

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("cluster");
  private TestCluster members;

  @AfterEach
  void stopAll() throws Exception {
    if (members != null) {
      members.close();
    }
    LocalCassandra.drop(keyspace);
  }

  @Test
  void membersShareTheHostsAndReHomeThoseOfAMemberThatDies() throws Exception {
    members = new TestCluster(tmp, keyspace, Map.of());
    String seed = members.seed();
    DriftwatchNode a = members.node("a");
    DriftwatchNode b = members.node("b");
    MemberProcess victim = members.process("c");
    Api apiA = new Api(a.url());
    Api apiB = new Api(b.url());
    Api apiC = new Api(victim.url());
    for (Api api : List.of(apiA, apiB, apiC)) {
      eventually(() -> assertThat(upMembers(api)).isEqualTo(3));
    }
    String memberC = self(apiC);
    JsonNode cluster = apiA.get("/v1/health").json().get("cluster");
    assertThat(cluster.get("self").asText()).isEqualTo(seed).isEqualTo(a.member());
    assertThat(cluster.get("leader").asText()).isNotBlank();
    assertThat(cluster.get("unreachable")).isEmpty();
    assertThat(cluster.get("members"))
        .extracting(m -> m.get("address").asText() + " " + m.get("status").asText())
        .containsExactlyInAnyOrder(a.member() + " up", b.member() + " up", memberC + " up");

    // Registrations through every member; each host lives on whichever member owns its shard.
    Map<String, Path> roots = new TreeMap<>();
    List<Api> apis = List.of(apiA, apiB, apiC);
    for (int i = 0; i < HOSTS; i++) {
      String name = "host-" + i;
      Path root = FixtureHost.debian12().writeTo(tmp.resolve("roots").resolve(name));
      roots.put(name, root);
      Api.Response r = apis.get(i % 3).put("/v1/hosts/" + name, hostJson(root));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    Map<String, String> owners = new HashMap<>();
    eventually(
        () -> {
          owners.clear();
          owners.putAll(owners(apiB, roots.keySet()));
          assertThat(new HashSet<>(owners.values()))
              .containsExactlyInAnyOrder(a.member(), b.member(), memberC);
        });
    importsFromTwoMembersAtOnceTakeTurns(apiB, apiC);

    List<String> onC =
        owners.entrySet().stream()
            .filter(e -> e.getValue().equals(memberC))
            .map(Map.Entry::getKey)
            .toList();

    // Every host gets a new package; the member owning a third of them dies while probing them.
    for (Path root : roots.values()) {
      install(root, "htop");
    }
    victim.kill();
    Instant killed = Instant.now();
    // A change only a live owner can find. Until it is recorded the test reads only the store and
    // health, never an entity: the killed member's hosts must come back without anyone asking.
    for (Path root : roots.values()) {
      install(root, "htop", "tree");
    }
    eventually(
        () -> {
          JsonNode health = apiA.get("/v1/health").json();
          assertThat(health.get("members").asInt()).isEqualTo(2);
          assertThat(health.at("/cluster/unreachable")).isEmpty();
        });
    eventually(() -> roots.keySet().forEach(host -> assertChangesOnce(apiB, host, HTOP, TREE)));
    long reHomedMs = Duration.between(killed, Instant.now()).toMillis();
    for (String host : onC) {
      JsonNode h = apiA.get("/v1/hosts/" + host).json();
      assertThat(h.get("member").asText()).as(host).isIn(a.member(), b.member());
      assertThat(h.get("status").asText()).as(host).isEqualTo("ok");
    }
    long beforeDeath =
        onC.stream().filter(host -> detectedAt(apiB, host, HTOP).isBefore(killed)).count();
    log.info(
        "{} hosts of the killed member re-homed and probed again within {} ms; it had recorded"
            + " the new package on {} of them before it died, their new owners on the rest",
        onC.size(),
        reHomedMs,
        beforeDeath);

    // A new member takes over shards and probes their hosts, again with nobody asking them.
    DriftwatchNode d = members.node("d");
    Api apiD = new Api(d.url());
    Instant joined = Instant.now();
    eventually(
        () -> {
          assertThat(upMembers(apiD)).isEqualTo(3);
          assertThat(metric(apiD, "driftwatch_hosts{")).isPositive();
          assertThat(metric(apiD, "driftwatch_probes_total{outcome=\"ok\"}")).isPositive();
        });
    log.info(
        "the joining member probed hosts it took over {} ms after it started",
        Duration.between(joined, Instant.now()).toMillis());
    assertThat(owners(apiA, roots.keySet())).containsValue(d.member());
    roots.keySet().forEach(host -> assertChangesOnce(apiD, host, HTOP, TREE));
  }

  /** The sum of the samples of {@code prefix} in this member's {@code /metrics}. */
  private static long metric(Api api, String prefix) {
    long sum = 0;
    for (String line : api.get("/metrics").body().split("\n")) {
      if (line.startsWith(prefix)) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * Two inventories listing the same host, imported through two members at once: they run one after
   * the other, so exactly one gets the host and the other is refused naming its owner.
   */
  private void importsFromTwoMembersAtOnceTakeTurns(Api left, Api right) throws Exception {
    Path root = FixtureHost.debian12().writeTo(tmp.resolve("roots").resolve("imported"));
    CompletableFuture<Api.Response> viaLeft =
        CompletableFuture.supplyAsync(() -> importInventory(left, "left", root));
    CompletableFuture<Api.Response> viaRight =
        CompletableFuture.supplyAsync(() -> importInventory(right, "right", root));
    List<Api.Response> answers = List.of(viaLeft.get(), viaRight.get());

    assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
    Api.Response refused = answers.stream().filter(r -> r.status() == 409).findFirst().get();
    String winner = answers.get(0).status() == 200 ? "left" : "right";
    assertThat(refused.json().at("/detail/hosts/shared").asText()).isEqualTo("inventory:" + winner);
    assertThat(left.get("/v1/hosts/shared").json().get("managedBy").asText())
        .isEqualTo("inventory:" + winner);
  }

  private static Api.Response importInventory(Api api, String name, Path root) {
    String yaml =
        "hosts:\n"
            + "  - {name: shared, transport: local, root: "
            + root
            + ", interval: 1h}\n"
            + "  - {name: only-"
            + name
            + ", transport: local, root: "
            + root
            + ", interval: 1h}\n";
    return api.post("/v1/inventory?format=driftwatch&name=" + name, yaml, "application/yaml");
  }

  private static Instant detectedAt(Api api, String host, String key) {
    for (JsonNode c : api.get("/v1/hosts/" + host + "/changes").json().get("changes")) {
      if (c.get("key").asText().equals(key)) {
        return Instant.parse(c.get("detectedAt").asText());
      }
    }
    throw new AssertionError(host + " has no change of " + key);
  }

  /**
   * Installs packages on a fixture by replacing its dpkg status file in one rename, so that a probe
   * reading it meanwhile sees the old file or the new one, never half of one.
   */
  private void install(Path root, String... packages) throws IOException {
    FixtureHost fixture = FixtureHost.debian12();
    for (String name : packages) {
      fixture = fixture.withPackage(name, "1.0-1");
    }
    Path next = fixture.writeTo(tmp.resolve("next"));
    Path status = Path.of("var/lib/dpkg/status");
    Files.move(next.resolve(status), root.resolve(status), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String hostJson(Path root) {
    return "{\"transport\":\"local\",\"root\":\"" + root + "\",\"interval\":\"1s\"}";
  }

  private static void eventually(Eventually.Check check) throws Exception {
    Eventually.within(DEADLINE, check);
  }
}
