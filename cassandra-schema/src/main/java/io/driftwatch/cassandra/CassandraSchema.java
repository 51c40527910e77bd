package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.driftwatch.cassandra.schema.Migration;
import io.driftwatch.cassandra.schema.MigrationException;
import io.driftwatch.cassandra.schema.MigrationRunner;
import io.driftwatch.cassandra.schema.Migrations;
import io.driftwatch.node.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes sure the keyspace holds the schema this version needs before the store uses it: creates the
 * keyspace and applies pending migrations when {@code migrate-on-start} is on, and otherwise
 * refuses to start, naming the migrations that are missing.
 */
public final class CassandraSchema {

  /** A node that dies holding the migration lock blocks the others for at most this long. */
  static final Duration LOCK_LEASE = Duration.ofSeconds(60);

  private CassandraSchema() {}

  /** Brings the schema up to date or refuses, as configured; throws {@link StoreException}. */
  public static void prepare(CqlSession session, CassandraSettings settings) {
    try {
      MigrationRunner runner = runner(session, settings);
      if (settings.migrateOnStart()) {
        settings.keyspace().createIfAbsent(session, settings.replication());
        // The runner logs each file it applies.
        runner.migrate();
        return;
      }
      List<Migration> pending = runner.pending();
      if (!pending.isEmpty()) {
        throw new StoreException(
            "Cassandra keyspace "
                + settings.keyspace()
                + " lacks "
                + pending.size()
                + " schema migration(s): "
                + pending.stream().map(Migration::fileName).collect(Collectors.joining(", "))
                + "; driftwatch.cassandra.migrate-on-start is off (DRIFTWATCH_CASSANDRA_MIGRATE_ON_START),"
                + " so apply them first with `driftwatch migrate` or start one node with it on",
            null);
      }
    } catch (MigrationException e) {
      throw new StoreException(
          "Cassandra keyspace " + settings.keyspace() + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot prepare Cassandra keyspace " + settings.keyspace() + ": " + e.getMessage(), e);
    }
  }

  /** A runner of the bundled migrations for the configured keyspace. */
  public static MigrationRunner runner(CqlSession session, CassandraSettings settings) {
    return new MigrationRunner(
        session,
        settings.keyspace(),
        Migrations.bundled(),
        LOCK_LEASE,
        settings.migrationLockTimeout());
  }
}
