package io.driftwatch.app;

import io.driftwatch.cassandra.CassandraChangeStore;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SpoolingChangeStore;
import io.driftwatch.node.store.SqliteChangeStore;

/**
 * The change store a node's settings name: embedded (SQLite) or Cassandra. The embedded store is
 * used as it is: it is a local file on the same disk the spool would use, so a spool in front of it
 * would only write everything twice (and a node whose disk fails cannot spool either). A remote
 * store is put behind the spool in the data directory, so that probing goes on while it is
 * unreachable or slow.
 */
final class NodeStore {

  /** Opens the remote store {@code settings.store()} names. */
  @FunctionalInterface
  interface Remote {
    ChangeStore open(NodeSettings settings);
  }

  /** The remote stores this build has. A new one is one case here; the spool comes with it. */
  static final Remote BUILT_IN =
      settings ->
          switch (settings.store()) {
            case NodeSettings.CASSANDRA ->
                CassandraChangeStore.open(settings.cassandra().orElseThrow());
            default ->
                throw new IllegalArgumentException(
                    "store '"
                        + settings.store()
                        + "' is unknown: use "
                        + NodeSettings.EMBEDDED
                        + " or "
                        + NodeSettings.CASSANDRA);
          };

  private NodeStore() {}

  /** Opens the store; throws {@code StoreException} saying why it cannot be used. */
  static ChangeStore open(NodeSettings settings, Remote remote) {
    if (settings.store().equals(NodeSettings.EMBEDDED)) {
      return SqliteChangeStore.open(settings.dataDir());
    }
    return SpoolingChangeStore.open(remote.open(settings), settings.dataDir(), settings.spool());
  }

  /** Where the store keeps its data, for the start-up line. */
  static String describe(NodeSettings settings) {
    return settings
        .cassandra()
        .map(NodeStore::describe)
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
