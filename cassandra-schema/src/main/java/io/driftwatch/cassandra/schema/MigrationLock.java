package io.driftwatch.cassandra.schema;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease on the keyspace's schema, so that one node at a time applies migrations: one row taken
 * with a lightweight transaction ({@code IF NOT EXISTS}) and a TTL, so a node that dies holding it
 * frees it when the lease runs out. The holder renews it while it works and deletes it when done.
 *
 * <p>A lightweight transaction that times out may or may not have been applied (contended Paxos
 * rounds do time out on a busy cluster), so every timeout is settled by reading who holds the lock.
 */
final class MigrationLock {

  static final String TABLE = "schema_migration_lock";
  private static final String NAME = "migrate";
  private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);

  private final CqlSession session;
  private final String table;
  private final String owner;
  private final Duration lease;
  private Instant renewedAt;

  MigrationLock(CqlSession session, Keyspace keyspace, String owner, Duration lease) {
    this.session = session;
    this.table = keyspace.qualify(TABLE);
    this.owner = owner;
    this.lease = lease;
  }

  /** Takes the lock if it is free; true when this owner now holds it. */
  boolean tryAcquire() {
    Instant now = Instant.now();
    boolean held;
    try {
      ResultSet result =
          lwt(
              "INSERT INTO "
                  + table
                  + " (name, owner, acquired_at) VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?",
              NAME,
              owner,
              now,
              leaseSeconds());
      // Not applied: the row that exists comes back; it is this owner's when an earlier attempt
      // timed out but went through.
      held = result.wasApplied() || owner.equals(result.one().getString("owner"));
    } catch (WriteTimeoutException | ReadTimeoutException | DriverTimeoutException e) {
      held = heldByThisOwner();
    }
    if (held) {
      renewedAt = now;
    }
    return held;
  }

  /**
   * Extends the lease once a third of it has passed; throws if another node took the lock meanwhile
   * (this one's lease ran out), since going on would run migrations side by side.
   */
  void renewIfDue() {
    Instant now = Instant.now();
    if (renewedAt != null && now.isBefore(renewedAt.plus(lease.dividedBy(3)))) {
      return;
    }
    boolean renewed;
    try {
      renewed =
          lwt(
                  "UPDATE "
                      + table
                      + " USING TTL ? SET owner = ?, acquired_at = ? WHERE name = ? IF owner = ?",
                  leaseSeconds(),
                  owner,
                  now,
                  NAME,
                  owner)
              .wasApplied();
    } catch (WriteTimeoutException | ReadTimeoutException | DriverTimeoutException e) {
      // Still held means at least two thirds of the lease are left, renewed or not.
      renewed = heldByThisOwner();
    }
    if (!renewed) {
      throw new MigrationException(
          "lost the schema migration lock (its "
              + lease.toSeconds()
              + "s lease ran out); now held by "
              + holder().orElse("nobody"));
    }
    renewedAt = now;
  }

  /** Frees the lock if this owner holds it; if that times out, the lease frees it later. */
  void release() {
    try {
      lwt("DELETE FROM " + table + " WHERE name = ? IF owner = ?", NAME, owner);
    } catch (WriteTimeoutException | ReadTimeoutException | DriverTimeoutException e) {
      log.warn(
          "Releasing the schema migration lock timed out; it frees itself within {}s",
          leaseSeconds());
    }
    renewedAt = null;
  }

  /** Who holds the lock now, if anyone (a linearizable read: it sees every applied LWT). */
  Optional<String> holder() {
    Row row =
        session
            .execute(
                SimpleStatement.newInstance("SELECT owner FROM " + table + " WHERE name = ?", NAME)
                    .setConsistencyLevel(ConsistencyLevel.SERIAL))
            .one();
    return row == null ? Optional.empty() : Optional.ofNullable(row.getString("owner"));
  }

  private boolean heldByThisOwner() {
    try {
      return holder().filter(owner::equals).isPresent();
    } catch (WriteTimeoutException | ReadTimeoutException | DriverTimeoutException e) {
      return false;
    }
  }

  private int leaseSeconds() {
    return (int) Math.max(1, lease.toSeconds());
  }

  // SERIAL, not LOCAL_SERIAL: the schema is shared by every datacenter, so is the lock.
  private ResultSet lwt(String cql, Object... values) {
    return session.execute(
        SimpleStatement.newInstance(cql, values)
            .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
            .setConsistencyLevel(ConsistencyLevel.QUORUM)
            .setIdempotent(false));
  }
}
