package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.node.host.HostSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts real Driftwatch nodes for tests: free ports, a data directory of the test's choosing. */
final class TestNode {

  private TestNode() {}

  static Config config(Path dataDir) {
    return NodeConfig.load(
        Map.of(
            "driftwatch.data-dir",
            dataDir.toString(),
            "driftwatch.http.port",
            0,
            "pekko.remote.artery.canonical.port",
            0,
            // Hosts resumed at start wait for the tests' explicit probes instead of probing at a
            // random moment while a test rewrites their fixture.
            "driftwatch.probe.start-spread",
            "1h"),
        Optional.empty());
  }

  static DriftwatchNode start(Path dataDir) {
    return DriftwatchNode.start(config(dataDir));
  }

  static DriftwatchNode start(Path dataDir, List<HostSpec> inventory) {
    return DriftwatchNode.start(config(dataDir), inventory);
  }
}
