package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Members of one test cluster over the shared real Cassandra (a keyspace of the test's own):
 * members in the test JVM ({@link DriftwatchNode}) and {@code driftwatch up} processes ({@link
 * MemberProcess}) that a test can kill, each with its own data directory, HTTP port and cluster
 * port on 127.0.0.1, all joining the first member started. Cluster timings are short enough for a
 * test (the defaults are for production). Closing it stops every member it started.
 */
final class TestCluster implements AutoCloseable {

  private final Path dir;
  private final Keyspace keyspace;
  private final Map<String, Object> overrides;
  private final int seedPort;
  private final List<DriftwatchNode> nodes = new ArrayList<>();
  private final List<MemberProcess> processes = new ArrayList<>();

  /**
   * @param dir where members keep their data directories and configuration
   * @param overrides settings (config paths) applied to every member on top of the test timings
   */
  TestCluster(Path dir, Keyspace keyspace, Map<String, Object> overrides) {
    this.dir = dir;
    this.keyspace = keyspace;
    this.overrides = Map.copyOf(overrides);
    this.seedPort = freePort();
  }

  /** The address every member joins: the first member's. */
  String seed() {
    return "127.0.0.1:" + seedPort;
  }

  /** Starts a member in this JVM; the first one started (in-JVM or process) is the seed. */
  DriftwatchNode node(String name) {
    Map<String, Object> s = settings(name);
    s.put("pekko.remote.artery.canonical.port", nextClusterPort());
    s.put("driftwatch.cluster.seeds", seed());
    DriftwatchNode node = DriftwatchNode.start(TestNode.config(dir.resolve(name), s));
    nodes.add(node);
    return node;
  }

  /** Starts a member as its own {@code driftwatch up} process, to be killed like a machine dies. */
  MemberProcess process(String name) {
    int clusterPort = nextClusterPort();
    try {
      MemberProcess process =
          MemberProcess.start(
              dir.resolve(name),
              settings(name),
              "--port",
              "0",
              "--cluster-port",
              Integer.toString(clusterPort == 0 ? freePort() : clusterPort),
              "--seeds",
              seed());
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed's port for the first member, any free port for the others. */
  private int nextClusterPort() {
    return nodes.isEmpty() && processes.isEmpty() ? seedPort : 0;
  }

  /** Cassandra, and cluster timings short enough for a test. */
  private Map<String, Object> settings(String member) {
    Map<String, Object> s = new HashMap<>();
    s.put("driftwatch.data-dir", dir.resolve(member).resolve("data").toString());
    s.put("driftwatch.store", "cassandra");
    s.put("driftwatch.cassandra.contact-points", LocalCassandra.contactPoint());
    s.put("driftwatch.cassandra.keyspace", keyspace.name());
    s.put("driftwatch.probe.start-spread", "200ms");
    s.put("driftwatch.cluster.wake-interval", "1s");
    s.put("driftwatch.ssh.agent-socket", "");
    s.put("pekko.cluster.failure-detector.heartbeat-interval", "200ms");
    s.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", "3s");
    s.put("pekko.cluster.split-brain-resolver.stable-after", "2s");
    s.put("pekko.cluster.sharding.rebalance-interval", "1s");
    s.put("pekko.cluster.sharding.number-of-shards", "30");
    // Several members in one JVM each register the cluster's JMX bean under their own name.
    s.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    s.putAll(overrides);
    return s;
  }

  @Override
  public void close() throws Exception {
    for (MemberProcess process : processes) {
      process.close();
    }
    for (DriftwatchNode node : nodes) {
      node.stop();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many members a member's health reports. */
  static int upMembers(Api api) {
    Api.Response r = api.get("/v1/health");
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("members").asInt();
  }

  /** A member's own address, as its health names it. */
  static String self(Api api) {
    return api.get("/v1/health").json().at("/cluster/self").asText();
  }

  /** Who owns each of {@code hosts}, as the API shows it; hosts not started yet are left out. */
  static Map<String, String> owners(Api api, Set<String> hosts) {
    Map<String, String> owners = new HashMap<>();
    for (JsonNode h : api.get("/v1/hosts").json().get("hosts")) {
      if (hosts.contains(h.get("name").asText()) && h.hasNonNull("member")) {
        owners.put(h.get("name").asText(), h.get("member").asText());
      }
    }
    return owners;
  }

  /** The history of {@code host} holds each of {@code keys} changing exactly once, nothing else. */
  static void assertChangesOnce(Api api, String host, String... keys) {
    JsonNode changes = api.get("/v1/hosts/" + host + "/changes").json().get("changes");
    Set<String> ids = new HashSet<>();
    List<String> changed = new ArrayList<>();
    changes.forEach(
        c -> {
          ids.add(c.get("id").asText());
          changed.add(c.get("key").asText());
        });
    assertThat(changed).as(host).containsExactlyInAnyOrder(keys);
    assertThat(ids).as(host).hasSize(changes.size());
  }
}
