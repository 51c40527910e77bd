package io.driftwatch.node.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A read-only view of a spool's backlog and of the store behind it, for health, metrics and the
 * host entities (which pause probing while the spool is full).
 *
 * @param records probe records waiting to be written to the store
 * @param bytes their encoded size (the file on disk is larger: SQLite pages and its WAL)
 * @param hosts hosts with at least one record waiting
 * @param oldestSpooledAt when the oldest waiting record was spooled; empty when none waits
 * @param storeAvailable false from a failed or timed-out write until a write succeeds again
 * @param lastError the store's last failure in one line, its own message without stack trace (the
 *     store's messages name what failed, never credentials); empty if it never failed
 */
public record SpoolStatus(
    long records,
    long bytes,
    int hosts,
    Optional<Instant> oldestSpooledAt,
    long maxRecords,
    long maxBytes,
    boolean storeAvailable,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt) {

  /** At its bound: further records are refused, so host entities do not start probes. */
  public boolean full() {
    return records >= maxRecords || bytes >= maxBytes;
  }

  /** Records wait or the store is failing: history queries may lag behind what hosts showed. */
  public boolean degraded() {
    return records > 0 || !storeAvailable;
  }

  /** How long the oldest waiting record has waited at {@code now}; zero when none waits. */
  public Duration oldestAge(Instant now) {
    return oldestSpooledAt
        .map(t -> t.isBefore(now) ? Duration.between(t, now) : Duration.ZERO)
        .orElse(Duration.ZERO);
  }
}
