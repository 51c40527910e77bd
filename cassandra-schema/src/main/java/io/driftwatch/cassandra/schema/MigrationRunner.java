package io.driftwatch.cassandra.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a keyspace's schema up to date: applies the migrations it has not applied yet, in version
 * order, and records each (version, file, checksum, when, by whom) in {@value #APPLIED}. Safe to
 * run again (nothing pending, nothing done) and from several nodes at once (one applies under a
 * {@link MigrationLock}, the others wait and then find nothing pending). Refuses a keyspace where
 * an applied file has since been edited, or which a newer Driftwatch has migrated further.
 */
public final class MigrationRunner {

  /** The table recording applied migrations. */
  public static final String APPLIED = "schema_migrations";

  private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(300);

  private final CqlSession session;
  private final Keyspace keyspace;
  private final List<Migration> migrations;
  private final Duration lease;
  private final Duration lockTimeout;
  private final String owner;

  /** What a run did: the files it applied and how many statements it executed for them. */
  public record Result(List<String> applied, int statementsExecuted) {
    public Result {
      applied = List.copyOf(applied);
    }
  }

  /**
   * @param lease how long the lock lasts unless renewed (a crashed node blocks others this long)
   * @param lockTimeout how long to wait for another node's migration before giving up
   */
  public MigrationRunner(
      CqlSession session,
      Keyspace keyspace,
      List<Migration> migrations,
      Duration lease,
      Duration lockTimeout) {
    Migrations.requireContiguous(migrations);
    this.session = session;
    this.keyspace = keyspace;
    this.migrations = List.copyOf(migrations);
    this.lease = lease;
    this.lockTimeout = lockTimeout;
    // Readable in the lock row and the applied records; the suffix tells two runners of one
    // process apart.
    this.owner =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The migrations not applied yet, in order; all of them when the keyspace or its records do not
   * exist. Throws {@link MigrationException} when the applied ones do not match these files.
   */
  public List<Migration> pending() {
    if (!keyspace.exists(session) || !tableExists(APPLIED)) {
      return migrations;
    }
    return pendingAfterCheck(applied());
  }

  /**
   * Applies every pending migration; the keyspace must exist. Returns what this runner applied,
   * which is nothing when another node got there first.
   */
  public Result migrate() {
    if (!keyspace.exists(session)) {
      throw new MigrationException("keyspace " + keyspace + " does not exist");
    }
    createBookkeeping();
    if (pendingAfterCheck(applied()).isEmpty()) {
      return new Result(List.of(), 0);
    }
    MigrationLock lock = new MigrationLock(session, keyspace, owner, lease);
    acquire(lock);
    try {
      // Another node may have applied some or all of them while this one waited.
      List<Migration> pending = pendingAfterCheck(applied());
      List<String> applied = new ArrayList<>();
      int executed = 0;
      for (Migration migration : pending) {
        executed += apply(migration, lock);
        applied.add(migration.fileName());
      }
      return new Result(applied, executed);
    } finally {
      lock.release();
    }
  }

  private int apply(Migration migration, MigrationLock lock) {
    long started = System.nanoTime();
    for (String statement : migration.statements()) {
      lock.renewIfDue();
      try {
        ResultSet result =
            session.execute(
                SimpleStatement.newInstance(statement)
                    .setKeyspace(keyspace.identifier())
                    .setTimeout(DDL_TIMEOUT));
        if (!result.getExecutionInfo().isSchemaInAgreement()) {
          awaitSchemaAgreement(migration);
        }
      } catch (RuntimeException e) {
        throw new MigrationException(
            "migration "
                + migration.fileName()
                + " failed in keyspace "
                + keyspace
                + " at: "
                + firstLine(statement)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    session.execute(
        SimpleStatement.newInstance(
            "INSERT INTO "
                + keyspace.qualify(APPLIED)
                + " (version, file_name, checksum, applied_at, applied_by, statements)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            migration.version(),
            migration.fileName(),
            migration.checksum(),
            Instant.now(),
            owner,
            migration.statements().size()));
    log.info(
        "Cassandra keyspace [{}]: applied {} ({} statements, {} ms)",
        keyspace,
        migration.fileName(),
        migration.statements().size(),
        (System.nanoTime() - started) / 1_000_000);
    return migration.statements().size();
  }

  /**
   * The records table and the lock table. Two nodes may create them at the same moment through
   * different coordinators; fixed table ids derived from their names make both creations the same
   * table instead of two conflicting ones.
   */
  private void createBookkeeping() {
    createTable(
        APPLIED,
        "(version int PRIMARY KEY, file_name text, checksum text, applied_at timestamp,"
            + " applied_by text, statements int)");
    createTable(MigrationLock.TABLE, "(name text PRIMARY KEY, owner text, acquired_at timestamp)");
  }

  /**
   * Always sent, never skipped after a look at system_schema: a table can show there before the
   * node serves it, while another runner's CREATE is still being applied; this statement returns
   * only once the table is usable.
   */
  private void createTable(String table, String columns) {
    UUID id =
        UUID.nameUUIDFromBytes(
            ("driftwatch:" + keyspace.qualify(table)).getBytes(StandardCharsets.UTF_8));
    session.execute(
        SimpleStatement.newInstance(
                "CREATE TABLE IF NOT EXISTS "
                    + keyspace.qualify(table)
                    + " "
                    + columns
                    + " WITH ID = "
                    + id)
            .setTimeout(DDL_TIMEOUT));
  }

  private boolean tableExists(String table) {
    return session
            .execute(
                SimpleStatement.newInstance(
                    "SELECT table_name FROM system_schema.tables"
                        + " WHERE keyspace_name = ? AND table_name = ?",
                    keyspace.name(),
                    table))
            .one()
        != null;
  }

  private Map<Integer, Row> applied() {
    Map<Integer, Row> applied = new TreeMap<>();
    for (Row row :
        session.execute(
            SimpleStatement.newInstance(
                "SELECT version, file_name, checksum, applied_at, applied_by FROM "
                    + keyspace.qualify(APPLIED)))) {
      applied.put(row.getInt("version"), row);
    }
    return applied;
  }

  /** The pending migrations, after making sure the applied ones are exactly these files. */
  private List<Migration> pendingAfterCheck(Map<Integer, Row> applied) {
    int newest = migrations.size();
    for (Map.Entry<Integer, Row> entry : applied.entrySet()) {
      if (entry.getKey() > newest) {
        throw new MigrationException(
            "keyspace "
                + keyspace
                + " has migration "
                + entry.getValue().getString("file_name")
                + " applied, from a newer Driftwatch; this one knows up to version "
                + newest);
      }
    }
    List<Migration> pending = new ArrayList<>();
    for (Migration migration : migrations) {
      Row row = applied.get(migration.version());
      if (row == null) {
        pending.add(migration);
      } else if (!migration.checksum().equals(row.getString("checksum"))) {
        throw new MigrationException(
            "migration "
                + migration.fileName()
                + " was applied to keyspace "
                + keyspace
                + " at "
                + row.getInstant("applied_at")
                + " with checksum "
                + row.getString("checksum")
                + ", but the file now has checksum "
                + migration.checksum()
                + ": an applied migration must never change; put the change in a new file");
      } else if (!pending.isEmpty()) {
        throw new MigrationException(
            "keyspace "
                + keyspace
                + " has "
                + migration.fileName()
                + " applied but not "
                + pending.get(0).fileName()
                + " before it");
      }
    }
    return pending;
  }

  private void acquire(MigrationLock lock) {
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    boolean logged = false;
    while (!lock.tryAcquire()) {
      if (!logged) {
        log.info(
            "Cassandra keyspace [{}]: waiting for the schema migration lock held by {}",
            keyspace,
            holderOrUnknown(lock));
        logged = true;
      }
      if (System.nanoTime() > deadline) {
        throw new MigrationException(
            "the schema migration lock of keyspace "
                + keyspace
                + " is still held by "
                + holderOrUnknown(lock)
                + " after "
                + lockTimeout.toSeconds()
                + "s; if that node died, the lock frees itself within "
                + lease.toSeconds()
                + "s");
      }
      // Jitter keeps waiting nodes from contending for the lock in lockstep.
      sleep(POLL.plusMillis(ThreadLocalRandom.current().nextLong(POLL.toMillis())));
    }
  }

  private static String holderOrUnknown(MigrationLock lock) {
    try {
      return lock.holder().orElse("(released)");
    } catch (RuntimeException e) {
      return "(unknown: " + e.getMessage() + ")";
    }
  }

  private void awaitSchemaAgreement(Migration migration) {
    long deadline = System.nanoTime() + lease.dividedBy(2).toNanos();
    while (!session.checkSchemaAgreement()) {
      if (System.nanoTime() > deadline) {
        throw new MigrationException(
            "the cluster's nodes do not agree on the schema after "
                + migration.fileName()
                + "; check that every node is up (nodetool describecluster)");
      }
      sleep(POLL);
    }
  }

  private static String firstLine(String statement) {
    int newline = statement.indexOf('\n');
    return newline < 0 ? statement : statement.substring(0, newline) + " …";
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("interrupted while migrating", e);
    }
  }
}
