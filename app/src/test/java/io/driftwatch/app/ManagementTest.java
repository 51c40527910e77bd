package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore.Mode;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.FixtureHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pekko Management in a real node: {@code /alive} and {@code /ready} on the management port, ready
 * following the store (a remote store that is down is fine until the spool is full), and cluster
 * bootstrap forming one cluster of two members that never join themselves.
 */
class ManagementTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final List<DriftwatchNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(DriftwatchNode::stop);
  }

  @Test
  void managementIsOffByDefault() {
    ManagementSettings settings =
        ManagementSettings.fromConfig(TestNode.config(tmp.resolve("data")));

    assertThat(settings.serverNeeded()).isFalse();
    assertThat(settings.bootstrap()).isFalse();
  }

  @Test
  void aliveAndReadyAnswerOnTheManagementPort() {
    int port = freePort();
    nodes.add(
        DriftwatchNode.start(
            TestNode.config(
                tmp.resolve("data"),
                Map.of(
                    "driftwatch.management.enabled", "on", "pekko.management.http.port", port))));
    Api management = new Api("http://127.0.0.1:" + port);

    assertThat(management.get("/alive").status()).isEqualTo(200);
    Await.until(WAIT, "/ready", () -> management.get("/ready").status() == 200);
  }

  @Test
  void readyFollowsTheStoreAndTheSpool() {
    int port = freePort();
    SwitchableChangeStore remote =
        new SwitchableChangeStore(SqliteChangeStore.open(tmp.resolve("remote")), "remote-test");
    Map<String, Object> settings = new HashMap<>();
    settings.put("driftwatch.management.enabled", "on");
    settings.put("pekko.management.http.port", port);
    settings.put("driftwatch.spool.max-records", 1);
    settings.put("driftwatch.spool.backoff-initial", "20ms");
    settings.put("driftwatch.spool.backoff-max", "200ms");
    nodes.add(TestNode.startWithRemote(tmp.resolve("data"), settings, ignored -> remote));
    Api api = new Api(nodes.get(0).url());
    Api management = new Api("http://127.0.0.1:" + port);
    Await.until(WAIT, "ready", () -> management.get("/ready").status() == 200);

    remote.set(Mode.UNAVAILABLE);
    assertThat(management.get("/ready").status())
        .as("a store that is down while the spool has room")
        .isEqualTo(200);

    FixtureHost host = FixtureHost.debian12();
    Path root = host.writeTo(tmp.resolve("web-1"));
    remote.set(Mode.AVAILABLE);
    assertThat(api.registerLocal("web-1", root, "{}").status()).isBetween(200, 201);
    remote.set(Mode.FAILING_WRITES);
    host.withSysctl("vm.swappiness", "7").writeTo(root);
    // Its record is spooled (or, if the first probe's record already filled it, refused).
    api.post("/v1/hosts/web-1/probe");
    Await.until(
        WAIT,
        "a full spool",
        () -> api.get("/v1/health").json().at("/store/spool/full").asBoolean());
    assertThat(management.get("/ready").status())
        .as("a full spool while the store still answers reads")
        .isEqualTo(200);
    remote.set(Mode.UNAVAILABLE);

    Await.until(WAIT, "not ready", () -> management.get("/ready").status() == 500);
    assertThat(management.get("/alive").status()).isEqualTo(200);

    remote.set(Mode.AVAILABLE);
    Await.until(WAIT, "ready again", () -> management.get("/ready").status() == 200);
  }

  @Test
  void kubernetesDiscoveryOutsideAPodFailsTheStartSayingWhy() {
    Path data = tmp.resolve("data");
    Map<String, Object> settings = new HashMap<>();
    settings.put("driftwatch.discovery", "kubernetes-api");
    settings.put("pekko.management.http.port", freePort());
    // What a pod's service account would provide, missing as it is outside Kubernetes.
    settings.put("pekko.discovery.kubernetes-api.api-ca-path", tmp.resolve("no-ca.crt").toString());

    assertThatThrownBy(() -> DriftwatchNode.start(TestNode.config(data, settings)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cluster bootstrap with discovery method 'kubernetes-api'")
        .hasMessageContaining("no-ca.crt");
    // Nothing is left behind: the data directory can be used again.
    nodes.add(TestNode.start(data));
  }

  @Test
  void bootstrapFormsOneClusterOfTheDiscoveredMembers() {
    int[] ports = {freePort(), freePort()};
    List<Map<String, Object>> endpoints = new ArrayList<>();
    for (int port : ports) {
      endpoints.add(Map.of("host", "127.0.0.1", "port", port));
    }
    List<CompletableFuture<DriftwatchNode>> starting = new ArrayList<>();
    for (int i = 0; i < ports.length; i++) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("driftwatch.discovery", "config");
      settings.put("pekko.discovery.config.services.driftwatch.endpoints", endpoints);
      settings.put("pekko.management.http.port", ports[i]);
      settings.put(
          "pekko.management.cluster.bootstrap.contact-point-discovery.stable-margin", "1s");
      Path data = tmp.resolve("data-" + i);
      // Started together: neither forms a cluster before it has found the other.
      starting.add(
          CompletableFuture.supplyAsync(
              () -> DriftwatchNode.start(TestNode.config(data, settings))));
    }
    starting.forEach(s -> nodes.add(s.join()));

    for (DriftwatchNode node : nodes) {
      Api api = new Api(node.url());
      Await.until(
          WAIT,
          "two members seen by " + node.url(),
          () -> api.get("/v1/health").json().get("members").asInt() == 2);
    }
    for (int port : ports) {
      Api management = new Api("http://127.0.0.1:" + port);
      Await.until(WAIT, "ready on " + port, () -> management.get("/ready").status() == 200);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
