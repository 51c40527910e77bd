package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.host.ProbeSettings;
import io.driftwatch.node.host.SnapshotPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a node reads from the {@code driftwatch} config section, read once at start into typed
 * values.
 *
 * @param inventory an inventory file imported at start, if any
 */
public record NodeSettings(
    Path dataDir,
    String store,
    String httpInterface,
    int httpPort,
    Optional<Path> inventory,
    Duration askTimeout,
    ProbeSettings probe,
    SnapshotPolicy snapshots,
    CollectorSettings collector) {

  public static NodeSettings fromConfig(Config root) {
    Config c = root.getConfig("driftwatch");
    String inventory = c.hasPath("inventory") ? c.getString("inventory") : "";
    return new NodeSettings(
        Path.of(c.getString("data-dir")).toAbsolutePath().normalize(),
        c.getString("store"),
        c.getString("http.interface"),
        c.getInt("http.port"),
        inventory.isBlank() ? Optional.empty() : Optional.of(Path.of(inventory)),
        c.getDuration("ask-timeout"),
        ProbeSettings.fromConfig(c.getConfig("probe")),
        SnapshotPolicy.fromConfig(c.getConfig("snapshot")),
        CollectorSettings.fromConfig(c.getConfig("collector")));
  }
}
