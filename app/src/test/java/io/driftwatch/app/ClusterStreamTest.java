package io.driftwatch.app;

import static io.driftwatch.app.TestCluster.owners;
import static io.driftwatch.app.TestCluster.self;
import static io.driftwatch.app.TestCluster.upMembers;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two members over the shared Cassandra: a change on a host living on one member reaches stream
 * clients on both.
 */
class ClusterStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("stream");
  private TestCluster members;

  @AfterEach
  void stopAll() throws Exception {
    if (members != null) {
      members.close();
    }
    LocalCassandra.drop(keyspace);
  }

  @Test
  void aChangeOnAHostOfAnotherMemberReachesAStreamOnThisOne() throws Exception {
    members = new TestCluster(tmp, keyspace, Map.of());
    DriftwatchNode a = members.node("a");
    DriftwatchNode b = members.node("b");
    Api apiA = new Api(a.url());
    Api apiB = new Api(b.url());
    Eventually.within(WAIT, () -> assertThat(upMembers(apiA)).isEqualTo(2));
    Eventually.within(WAIT, () -> assertThat(upMembers(apiB)).isEqualTo(2));
    String memberB = self(apiB);

    Set<String> names = new TreeSet<>();
    for (int i = 1; i <= 8; i++) {
      String name = "cs-" + i;
      Path root = tmp.resolve("hosts").resolve(name);
      FixtureHost.debian12().writeTo(root);
      assertThat(apiA.registerLocal(name, root, "{\"role\":\"cs\"}").status()).isEqualTo(201);
      names.add(name);
    }
    Eventually.within(WAIT, () -> assertThat(owners(apiA, names)).hasSize(names.size()));
    // Shards may all start on a when b joins late; rebalancing (every second here) moves some.
    Eventually.within(WAIT, () -> assertThat(owners(apiA, names)).containsValue(memberB));
    String onB =
        owners(apiA, names).entrySet().stream()
            .filter(e -> e.getValue().equals(memberB))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no host on member b: " + owners(apiA, names)));
    Eventually.within(
        WAIT, () -> assertThat(apiA.post("/v1/hosts/" + onB + "/probe").status()).isEqualTo(200));

    String path = "/v1/stream?kinds=change&selector=name%3D" + onB;
    try (SseClient onA = SseClient.connect(a.url(), path, null);
        SseClient onMemberB = SseClient.connect(b.url(), path, null)) {
      // Changes until one reaches a: the clients may subscribe a moment after the request.
      java.util.concurrent.atomic.AtomicInteger v = new java.util.concurrent.atomic.AtomicInteger();
      Eventually.within(
          WAIT,
          () -> {
            FixtureHost.debian12()
                .withSysctl("vm.swappiness", Integer.toString(v.incrementAndGet()))
                .writeTo(tmp.resolve("hosts").resolve(onB));
            assertThat(apiA.post("/v1/hosts/" + onB + "/probe").status()).isEqualTo(200);
            assertThat(onA.next(Duration.ofSeconds(2)).data().get("host").asText()).isEqualTo(onB);
          });
      SseClient.Event fromB = onMemberB.next(WAIT);
      assertThat(fromB.data().get("host").asText()).isEqualTo(onB);
      assertThat(fromB.kind()).isEqualTo("change");
    }
  }
}
