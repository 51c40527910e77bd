package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.host.ProbeSettings;
import io.driftwatch.node.host.SnapshotPolicy;
import io.driftwatch.node.store.SpoolSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a node reads from the {@code driftwatch} config section, read once at start into typed
 * values.
 *
 * @param store which change store: {@value #EMBEDDED} or {@value #CASSANDRA}
 * @param cassandra the Cassandra store's settings, present when the store is cassandra
 * @param inventory an inventory file imported at start, if any
 * @param apiToken the bearer token the API requires, if any (never logged)
 * @param cluster how this member joins and keeps its cluster
 */
public record NodeSettings(
    Path dataDir,
    String store,
    Optional<CassandraSettings> cassandra,
    String httpInterface,
    int httpPort,
    Optional<Path> inventory,
    Optional<String> apiToken,
    Duration askTimeout,
    ProbeSettings probe,
    SnapshotPolicy snapshots,
    CollectorSettings collector,
    SpoolSettings spool,
    ClusterSettings cluster) {

  /** The embedded store: SQLite in the data directory. */
  public static final String EMBEDDED = "embedded";

  /** The Cassandra store, set up by the driftwatch.cassandra section. */
  public static final String CASSANDRA = "cassandra";

  public static NodeSettings fromConfig(Config root) {
    Config c = root.getConfig("driftwatch");
    String inventory = c.hasPath("inventory") ? c.getString("inventory") : "";
    String store = c.getString("store").strip();
    // An unknown name is refused by NodeStore, which knows the stores this build has.
    ClusterSettings cluster = ClusterSettings.fromConfig(c.getConfig("cluster"));
    if (store.equals(EMBEDDED) && !cluster.seeds().isEmpty()) {
      // Hosts move between members, and each member's embedded store is its own file.
      throw new IllegalArgumentException(
          "a member joining a cluster (--seeds) needs the store the members share: use --store"
              + " cassandra; the embedded store is one node's own file");
    }
    return new NodeSettings(
        Path.of(c.getString("data-dir")).toAbsolutePath().normalize(),
        store,
        store.equals(CASSANDRA)
            ? Optional.of(CassandraSettings.fromConfig(root))
            : Optional.empty(),
        c.getString("http.interface"),
        c.getInt("http.port"),
        inventory.isBlank() ? Optional.empty() : Optional.of(Path.of(inventory)),
        apiToken(c.getConfig("http")),
        c.getDuration("ask-timeout"),
        ProbeSettings.fromConfig(c.getConfig("probe")),
        SnapshotPolicy.fromConfig(c.getConfig("snapshot")),
        CollectorSettings.fromConfig(c.getConfig("collector")),
        SpoolSettings.fromConfig(c.getConfig("spool")),
        cluster);
  }

  /** The token from token-file if set, else from token; blank means the API is open. */
  private static Optional<String> apiToken(Config http) {
    String file = http.getString("token-file");
    String token = http.getString("token");
    if (!file.isBlank()) {
      try {
        token = Files.readString(Path.of(file)).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the API token file " + file + ": " + e);
      }
      if (token.isEmpty()) {
        throw new IllegalArgumentException("the API token file " + file + " is empty");
      }
    }
    return token.isBlank() ? Optional.empty() : Optional.of(token.strip());
  }

  @Override
  public String toString() {
    return "NodeSettings[dataDir="
        + dataDir
        + ", store="
        + store
        + cassandra.map(cs -> " (keyspace " + cs.keyspace() + ")").orElse("")
        + ", http="
        + httpInterface
        + ":"
        + httpPort
        + ", apiToken="
        + (apiToken.isPresent() ? "set" : "none")
        + "]";
  }
}
