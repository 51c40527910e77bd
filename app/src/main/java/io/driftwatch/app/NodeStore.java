package io.driftwatch.app;

import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SpoolingChangeStore;
import io.driftwatch.node.store.SqliteChangeStore;

/**
 * The change store a node's settings name. The embedded store is used as it is: it is a local file
 * on the same disk the spool would use, so a spool in front of it would only write everything twice
 * (and a node whose disk fails cannot spool either). A remote store is put behind the spool in the
 * data directory, so that probing goes on while it is unreachable or slow.
 */
final class NodeStore {

  /** Opens the remote store {@code settings.store()} names; refuses names it does not know. */
  @FunctionalInterface
  interface Remote {
    ChangeStore open(NodeSettings settings);
  }

  /** The remote stores this build has. A new one is one case here; the spool comes with it. */
  static final Remote BUILT_IN =
      settings -> {
        throw new IllegalArgumentException(
            "store " + settings.store() + " is not available in this version; use embedded");
      };

  private NodeStore() {}

  static ChangeStore open(NodeSettings settings, Remote remote) {
    if (settings.store().equals("embedded")) {
      return SqliteChangeStore.open(settings.dataDir());
    }
    return SpoolingChangeStore.open(remote.open(settings), settings.dataDir(), settings.spool());
  }
}
