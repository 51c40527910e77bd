package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.node.host.HostSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts real Driftwatch nodes for tests: free ports, a data directory of the test's choosing. */
final class TestNode {

  private TestNode() {}

  static Config config(Path dataDir) {
    return config(dataDir, Map.of());
  }

  /** The test defaults with {@code settings} (config paths) on top. */
  static Config config(Path dataDir, Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>();
    all.put("driftwatch.data-dir", dataDir.toString());
    all.put("driftwatch.http.port", 0);
    all.put("pekko.remote.artery.canonical.port", 0);
    // Hosts resumed at start wait for the tests' explicit probes instead of probing at a random
    // moment while a test rewrites their fixture.
    all.put("driftwatch.probe.start-spread", "1h");
    // No agent from the environment the tests run in: key files are the only credentials.
    all.put("driftwatch.ssh.agent-socket", "");
    all.putAll(settings);
    return NodeConfig.load(all, Optional.empty());
  }

  static DriftwatchNode start(Path dataDir) {
    return DriftwatchNode.start(config(dataDir));
  }

  /** A node whose store is {@code remote}, configured as a remote store (behind the spool). */
  static DriftwatchNode startWithRemote(
      Path dataDir, Map<String, Object> settings, NodeStore.Remote remote) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("driftwatch.store", "remote-test");
    return DriftwatchNode.start(config(dataDir, all), remote);
  }

  static DriftwatchNode start(Path dataDir, List<HostSpec> inventory) {
    return DriftwatchNode.start(config(dataDir), inventory);
  }
}
