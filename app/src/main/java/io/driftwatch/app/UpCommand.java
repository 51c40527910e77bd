package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.coordinator.inventory.InventoryFormat;
import io.driftwatch.http.Version;
import io.driftwatch.node.host.HostSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch up}: runs a node in the foreground until Ctrl-C. */
@Command(
    name = "up",
    description =
        "Run a Driftwatch node until Ctrl-C: a cluster of one, or a member of the cluster its"
            + " --seeds belong to.")
final class UpCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "${env:DRIFTWATCH_PORT}",
      description = "HTTP port, 0 for any free one (default 8080; env DRIFTWATCH_PORT).")
  Integer port;

  @Option(
      names = "--bind",
      defaultValue = "${env:DRIFTWATCH_BIND}",
      description = "Interface the API listens on (default 127.0.0.1; env DRIFTWATCH_BIND).")
  String bind;

  @Option(
      names = "--data",
      defaultValue = "${env:DRIFTWATCH_DATA}",
      description =
          "Data directory: the embedded store's database, the node's lock (default ./data; env"
              + " DRIFTWATCH_DATA).")
  Path data;

  @Option(
      names = "--config",
      defaultValue = "${env:DRIFTWATCH_CONFIG}",
      description = "HOCON file overriding the defaults (env DRIFTWATCH_CONFIG).")
  Path config;

  @Option(
      names = "--inventory",
      defaultValue = "${env:DRIFTWATCH_INVENTORY}",
      description =
          "Inventory imported at start as inventory 'default': Driftwatch YAML or an Ansible INI"
              + " or YAML inventory (env DRIFTWATCH_INVENTORY).")
  Path inventory;

  @Option(
      names = "--inventory-format",
      defaultValue = "${env:DRIFTWATCH_INVENTORY_FORMAT}",
      description =
          "driftwatch, ansible-ini or ansible-yaml (default: from the file's extension and"
              + " content; env DRIFTWATCH_INVENTORY_FORMAT).")
  String inventoryFormat;

  @Option(
      names = "--api-token-file",
      defaultValue = "${env:DRIFTWATCH_API_TOKEN_FILE}",
      description =
          "Require this file's token as 'Authorization: Bearer' on the API (env"
              + " DRIFTWATCH_API_TOKEN_FILE, or the token itself in DRIFTWATCH_API_TOKEN).")
  Path apiTokenFile;

  @Option(
      names = "--store",
      defaultValue = "${env:DRIFTWATCH_STORE}",
      description =
          "Change store: embedded (SQLite in --data, the default) or cassandra (env"
              + " DRIFTWATCH_STORE).")
  String store;

  @Option(
      names = "--cassandra-contact-points",
      defaultValue = "${env:DRIFTWATCH_CASSANDRA_CONTACT_POINTS}",
      paramLabel = "HOST:PORT,...",
      description =
          "Cassandra nodes to connect to first (default 127.0.0.1:9042; env"
              + " DRIFTWATCH_CASSANDRA_CONTACT_POINTS).")
  String cassandraContactPoints;

  @Option(
      names = "--keyspace",
      defaultValue = "${env:DRIFTWATCH_CASSANDRA_KEYSPACE}",
      description = "Cassandra keyspace (default driftwatch; env DRIFTWATCH_CASSANDRA_KEYSPACE).")
  String keyspace;

  @Option(
      names = "--cluster-port",
      defaultValue = "${env:DRIFTWATCH_CLUSTER_PORT}",
      description = "Pekko remoting port, 0 for any (default 7355; env DRIFTWATCH_CLUSTER_PORT).")
  Integer clusterPort;

  @Option(
      names = "--cluster-host",
      defaultValue = "${env:DRIFTWATCH_CLUSTER_HOST}",
      description =
          "Address the other members reach this one at; it also listens there (default"
              + " 127.0.0.1; env DRIFTWATCH_CLUSTER_HOST).")
  String clusterHost;

  @Option(
      names = "--seeds",
      defaultValue = "${env:DRIFTWATCH_SEEDS}",
      paramLabel = "HOST:PORT,...",
      description =
          "Cluster members to join (their --cluster-host:--cluster-port); none forms a cluster"
              + " of one. Only the member listed first may start a new cluster (env"
              + " DRIFTWATCH_SEEDS).")
  String seeds;

  @Override
  public Integer call() throws IOException {
    Config resolved = NodeConfig.load(overrides(), Optional.ofNullable(config));
    NodeSettings settings = NodeSettings.fromConfig(resolved);
    Optional<List<HostSpec>> hosts = readInventory(settings, inventoryFormat);
    DriftwatchNode node =
        hosts.isPresent()
            ? DriftwatchNode.start(resolved, hosts.get())
            : DriftwatchNode.start(resolved);
    spec.commandLine()
        .getOut()
        .printf(
            "Driftwatch %s serving %s%s (store: %s, cluster member %s%s%s). Ctrl-C stops it.%n",
            Version.current(),
            node.url(),
            settings.apiToken().isPresent() ? " with token auth" : "",
            NodeStore.describe(settings),
            node.member(),
            settings.cluster().seeds().isEmpty() ? "" : " joining " + seedList(settings),
            hosts.isEmpty() ? "" : ", " + hosts.get().size() + " hosts from the inventory");
    spec.commandLine().getOut().flush();
    node.whenStopped().toCompletableFuture().join();
    return 0;
  }

  Map<String, Object> overrides() {
    Map<String, Object> o = new HashMap<>();
    if (port != null) {
      o.put("driftwatch.http.port", port);
    }
    if (bind != null) {
      o.put("driftwatch.http.interface", bind);
    }
    if (data != null) {
      o.put("driftwatch.data-dir", data.toString());
    }
    if (inventory != null) {
      o.put("driftwatch.inventory", inventory.toString());
    }
    if (apiTokenFile != null) {
      o.put("driftwatch.http.token-file", apiTokenFile.toString());
    }
    if (store != null) {
      o.put("driftwatch.store", store);
    }
    if (cassandraContactPoints != null) {
      o.put("driftwatch.cassandra.contact-points", cassandraContactPoints);
    }
    if (keyspace != null) {
      o.put("driftwatch.cassandra.keyspace", keyspace);
    }
    if (clusterPort != null) {
      o.put("pekko.remote.artery.canonical.port", clusterPort);
    }
    if (clusterHost != null) {
      o.put("pekko.remote.artery.canonical.hostname", clusterHost);
    }
    if (seeds != null) {
      o.put("driftwatch.cluster.seeds", seeds);
    }
    return o;
  }

  private static String seedList(NodeSettings settings) {
    return String.join(
        ",",
        settings.cluster().seeds().stream()
            .map(io.driftwatch.node.host.HostEntity::memberName)
            .toList());
  }

  /** The inventory's hosts, read before the node starts so that a bad file stops nothing. */
  private static Optional<List<HostSpec>> readInventory(NodeSettings settings, String format)
      throws IOException {
    if (settings.inventory().isEmpty()) {
      return Optional.empty();
    }
    Path file = settings.inventory().get();
    try {
      String text = InventoryFormat.readFile(file);
      InventoryFormat f =
          format == null || format.isBlank()
              ? InventoryFormat.detect(file.getFileName().toString(), text)
              : InventoryFormat.parse(format);
      return Optional.of(f.read(text, settings.probe().defaultInterval()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }
}
