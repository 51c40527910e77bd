package io.driftwatch.app;

import io.driftwatch.cassandra.CassandraChangeStore;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SqliteChangeStore;

/** Opens the change store a node is configured with: embedded (SQLite) or Cassandra. */
final class ChangeStores {

  private ChangeStores() {}

  /** Opens the store; throws {@code StoreException} saying why it cannot be used. */
  static ChangeStore open(NodeSettings settings) {
    if (settings.store().equals(NodeSettings.CASSANDRA)) {
      return CassandraChangeStore.open(settings.cassandra().orElseThrow());
    }
    return SqliteChangeStore.open(settings.dataDir());
  }

  /** Where the store keeps its data, for the start-up line. */
  static String describe(NodeSettings settings) {
    return settings
        .cassandra()
        .map(ChangeStores::describe)
        .orElse(NodeSettings.EMBEDDED + " in " + settings.dataDir());
  }

  private static String describe(CassandraSettings c) {
    StringBuilder points = new StringBuilder();
    c.contactPoints()
        .forEach(
            a ->
                points
                    .append(points.length() == 0 ? "" : ",")
                    .append(a.getHostString())
                    .append(':')
                    .append(a.getPort()));
    return NodeSettings.CASSANDRA + " keyspace " + c.keyspace() + " at " + points;
  }
}
