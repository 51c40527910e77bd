package io.driftwatch.app;

import io.driftwatch.node.store.SpoolStatus;
import java.util.Optional;

/**
 * Decides whether the store lets this node do its job, for the readiness check. A node is ready
 * while its store answers, and also while a remote store is down but the spool still takes probe
 * records: probing goes on and nothing is lost, and taking every member out of the Service because
 * their shared Cassandra is down would turn JSON 503s into refused connections. It is not ready
 * when its embedded store hangs, or when the remote store is down and the spool is full (hosts have
 * stopped probing).
 */
final class StoreReadiness {

  private StoreReadiness() {}

  /**
   * @param storeAnswered the store answered a read within the check's deadline
   * @param spool the spool in front of a remote store; empty for the embedded store
   */
  static boolean ready(boolean storeAnswered, Optional<SpoolStatus> spool) {
    return storeAnswered || spool.map(s -> !s.full()).orElse(false);
  }
}
